import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pathflow, startPathflow } from "./helpers/cli.js";
import { expectSameOutputs } from "./helpers/same-outputs.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

/**
 * Replications are on disk the moment they finish (`<out>/.pathflow-shard/replications.jsonl`):
 * a run killed with SIGKILL mid-way keeps every finished replication, and `run --resume DIR`
 * runs only the missing ones and ends with the files of a run never interrupted, byte for byte
 * (run metadata aside). A torn last line (killed while writing it) is cut off; a Ctrl-C'd run
 * resumes the same way; a changed model is refused (exit 2).
 */
const dir = tempDirEachTest("pathflow-resume-");
const RUN = ["run", "models/mmc.json", "--reps", "12", "--days", "400", "--warmup-days", "5", "--workers", "2", "--quiet"];

const journal = (out: string) => join(out, ".pathflow-shard", "replications.jsonl");
const journalled = (out: string): number[] =>
  existsSync(journal(out))
    ? readFileSync(journal(out), "utf8")
        .split("\n")
        .filter((l) => l.endsWith("}"))
        .map((l) => (JSON.parse(l) as { replication: number }).replication)
    : [];

/** Starts the run and SIGKILLs it once `atLeast` replications are on disk; resolves with those. */
function killWhenJournalled(out: string, atLeast: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = startPathflow([...RUN, "--out", out]);
    const poll = setInterval(() => {
      if (journalled(out).length >= atLeast) {
        clearInterval(poll);
        child.kill("SIGKILL");
      }
    }, 20);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearInterval(poll);
      if (signal !== "SIGKILL") reject(new Error(`the run ended (code ${code}) before it could be killed`));
      else resolve(journalled(out));
    });
  });
}

describe("run --resume after SIGKILL", () => {
  it("keeps every finished replication and ends byte-identical to an uninterrupted run", async () => {
    const reference = join(dir(), "reference");
    const out = join(dir(), "killed");
    expect((await pathflow([...RUN, "--out", reference])).code).toBe(0);
    expect(existsSync(join(reference, ".pathflow-shard"))).toBe(false); // a complete run keeps no journal

    const kept = await killWhenJournalled(out, 3);
    expect(kept.length).toBeGreaterThanOrEqual(3);
    expect(kept.length).toBeLessThan(12);
    // A torn last line, as a kill in the middle of a write leaves.
    appendFileSync(journal(out), '{"experiment":0,"replication":11,"result":{"replic');

    const resumed = await pathflow(["run", "--resume", out, "--workers", "2", "--quiet"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/^mmc: 12 replications × 2 scenarios/);
    expect(existsSync(join(out, ".pathflow-shard"))).toBe(false);
    expect(existsSync(join(out, ".pathflow.lock"))).toBe(false);
    expectSameOutputs(reference, out);

    const again = await pathflow(["run", "--resume", out]);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(`${out} holds a complete run: nothing to resume\n`);
  });

  it("a Ctrl-C'd run (exit 130, partial) resumes to the same files; settings flags and a changed model are refused", async () => {
    // A run stopped by SIGINT writes its partial files and keeps its journal.
    const interrupted = join(dir(), "interrupted");
    const run = startPathflow([...RUN, "--out", interrupted]);
    let stderr = "";
    run.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const poll = setInterval(() => {
      if (journalled(interrupted).length < 2) return;
      clearInterval(poll);
      run.kill("SIGINT");
    }, 20);
    const code = await new Promise<number | null>((resolve) => run.on("close", (c) => resolve(c)));
    clearInterval(poll);
    expect(code, stderr).toBe(130);
    expect(readFileSync(join(interrupted, "run_metadata.csv"), "utf8")).toMatch(/^partial,true$/m);
    expect(stderr).toContain(`pathflow run --resume ${interrupted}`);

    // What the run is cannot change on resume: refused by name, exit 2.
    const stray = await pathflow(["run", "--resume", interrupted, "--seed", "3", "--reps", "20"]);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toMatch(/--seed: cannot be combined with --resume/);
    expect(stray.stderr).toMatch(/--reps: cannot be combined with --resume/);
    // Nor the model: a copy with one more server is refused, naming why.
    const copy = join(dir(), "model.json");
    const model = JSON.parse(readFileSync("models/mmc.json", "utf8")) as { nodes: { servers: { servers: number } } };
    model.nodes.servers.servers += 1;
    writeFileSync(copy, JSON.stringify(model));
    const other = await pathflow(["run", copy, "--resume", interrupted]);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/is not the model the run started with/);
    expect(other.stderr).not.toMatch(/^\s+at /m);
    // A folder that holds no run: exit 2.
    const empty = await pathflow(["run", "--resume", dir()]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/holds no run to resume/);

    const full = join(dir(), "full");
    expect((await pathflow([...RUN, "--out", full])).code).toBe(0);
    const resumed = await pathflow(["run", "--resume", interrupted, "--quiet"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expectSameOutputs(full, interrupted);
  });
});
