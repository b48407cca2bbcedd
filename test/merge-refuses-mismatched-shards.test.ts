import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pathflow } from "./helpers/cli.js";
import { metadata } from "./helpers/folder-check.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

/**
 * `pathflow merge` refuses, with exit 2, a clear message and no output folder, shards that are
 * not slices of one experiment (another model, seed or pathflow version; a newer shard format),
 * a replication given twice, and missing replications (naming the shards to rerun) unless
 * --allow-partial, which writes the results of those present, marked partial.
 */
const dir = tempDirEachTest("pathflow-merge-refuses-");
const BASE = ["run", "models/mmc.json", "--reps", "4", "--days", "10", "--warmup-days", "2", "--workers", "1", "--quiet"];

async function shard(k: string, out: string, extra: readonly string[] = [], model = "models/mmc.json"): Promise<string> {
  const args = [...BASE.slice(0, 1), model, ...BASE.slice(2), ...extra, "--shard", k, "--out", out];
  const run = await pathflow(args);
  expect(run.code, run.stderr).toBe(0);
  const [index, count] = k.split("/");
  return join(out, `shard-${index}-of-${count}`);
}

async function refused(args: readonly string[], message: RegExp): Promise<void> {
  const out = join(dir(), "merged");
  const run = await pathflow(["merge", ...args, "--out", out, "--quiet"]);
  expect(run.code, run.stderr).toBe(2);
  expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(existsSync(out)).toBe(false);
}

describe("merge refuses shards of different experiments", () => {
  it("another seed, another model, another pathflow version, a newer format", async () => {
    const a = await shard("0/2", join(dir(), "a"));
    await refused([a, await shard("1/2", join(dir(), "seed"), ["--seed", "7"])], /shard-1-of-2[/\\]shard\.json: not a slice of the same experiment as .*: seed 7 \(against 1\)/);
    const model = JSON.parse(readFileSync("models/mmc.json", "utf8")) as { nodes: { servers: { servers: number } } };
    model.nodes.servers.servers = 12;
    writeFileSync(join(dir(), "mmc.json"), JSON.stringify(model));
    await refused([a, await shard("1/2", join(dir(), "model"), [], join(dir(), "mmc.json"))], /model hash [0-9a-f]{12} \(against [0-9a-f]{12}: a different model file, scenario or sweep value\)/);
    await refused([a, await shard("1/2", join(dir(), "days"), ["--days", "11"])], /days 11 \(against 10\)/);

    const b = await shard("1/2", join(dir(), "b"));
    const version = join(dir(), "version");
    cpSync(b, version, { recursive: true });
    const manifest = join(version, "shard.json");
    writeFileSync(manifest, readFileSync(manifest, "utf8").replace(/"pathflowVersion": "[^"]*"/, '"pathflowVersion": "0.0.1"'));
    await refused([a, version], /pathflow version 0\.0\.1 \(against /);
    writeFileSync(manifest, readFileSync(manifest, "utf8").replace(/"formatVersion": 1/, '"formatVersion": 2'));
    await refused([a, version], /shard format 2, written by pathflow 0\.0\.1; this pathflow reads format 1/);

    // A damaged line (not the torn end a kill leaves): refused, naming the file and the line.
    const damaged = join(dir(), "damaged");
    cpSync(b, damaged, { recursive: true });
    const results = join(damaged, "replications.jsonl");
    writeFileSync(results, readFileSync(results, "utf8").replace(/"kpis":\{"/, '"kpis":{{"'));
    await refused([a, damaged], /replications\.jsonl: line 1 is not valid JSON .*: the file was damaged/);

    const merged = await pathflow(["merge", a, b, "--out", join(dir(), "merged"), "--quiet"]);
    expect(merged.code, merged.stderr).toBe(0);
  });

  it("a replication twice: the same shard given twice, or overlapping slices of different counts", async () => {
    const a = await shard("0/2", join(dir(), "shards"));
    const b = await shard("1/2", join(dir(), "shards"));
    await refused([a, b, a], /replication 0 is in both .*shard-0-of-2 and .*shard-0-of-2/);
    // Slice 0 of 4 holds replication 0, which slice 0 of 2 holds too.
    await refused([a, b, await shard("0/4", join(dir(), "four"))], /replication 0 is in both .*shard-0-of-2 and .*shard-0-of-4/);
    // Slices of different counts that do not overlap merge: 0/2 holds 0 and 2; 1/4 and 3/4 hold 1 and 3.
    const ok = await pathflow(["merge", a, await shard("1/4", join(dir(), "four")), await shard("3/4", join(dir(), "four")), "--out", join(dir(), "mixed"), "--quiet"]);
    expect(ok.code, ok.stderr).toBe(0);
  });

  it("missing replications: refused naming them and the shard to rerun; --allow-partial writes the rest, marked partial", async () => {
    const a = await shard("0/2", join(dir(), "shards"));
    await refused([join(dir(), "shards")], /2 replications are missing[\s\S]*2 of 4 replications are missing \(replications 1, 3\); run the shards that hold them \(1\/2\)/);
    const out = join(dir(), "partial");
    const run = await pathflow(["merge", a, "--out", out, "--allow-partial", "--quiet"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/2 of 4 replications are missing \(replications 1, 3\): the results are over the others, marked partial/);
    expect(run.stdout).toMatch(/^mmc: 2 replications × 2 scenarios.*\(PARTIAL: replications 1, 3 missing\)/);
    const meta = metadata(out);
    expect(meta.get("partial")).toBe("true");
    expect(meta.get("replications_completed")).toBe("2");
    expect(meta.get("replications_requested")).toBe("4");
    const reps = readFileSync(join(out, "kpi_replications.csv"), "utf8").split("\n").slice(1, -1).map((l) => l.split(",")[1]);
    expect([...new Set(reps)]).toEqual(["0", "2"]);
  });

  it("not a shard folder, and a shard folder run again into another experiment", async () => {
    await refused([dir()], /holds no shard/);
    const a = await shard("0/2", join(dir(), "shards"));
    // The same command again finds the shard complete: nothing to run.
    const again = await pathflow([...BASE, "--shard", "0/2", "--out", join(dir(), "shards")]);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(`shard 0 of 2: 2 of 2 replications in ${a}\n`);
    const other = await pathflow([...BASE, "--seed", "9", "--shard", "0/2", "--out", join(dir(), "shards")]);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/holds a shard of another experiment: seed 9 \(against 1\); choose another --out, or add --force/);
  });
});
