import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runInProcess } from "./helpers/in-process.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

/**
 * A run never mixes its files with another's: into a folder that already holds files it exits 2
 * naming --out and touches nothing; with --force it first removes pathflow's own files (so no
 * stale events.csv survives) and leaves other files alone.
 */
const dir = tempDirEachTest("pathflow-nonempty-");
const RUN = ["run", "models/mmc.json", "--reps", "2", "--days", "1", "--warmup-days", "0", "--quiet"];

describe("an --out folder that holds files", () => {
  it("is refused (exit 2, naming --out), and its files are left as they were", async () => {
    const out = join(dir(), "out");
    expect((await runInProcess([...RUN, "--out", out])).code).toBe(0);
    const before = readFileSync(join(out, "kpi_replications.csv"), "utf8");
    const names = readdirSync(out).sort();
    const second = await runInProcess([...RUN, "--seed", "99", "--out", out]);
    expect(second.code, second.stderr).toBe(2);
    expect(second.stderr).toContain(`--out: ${out} is not empty`);
    expect(second.stderr).toContain("--force");
    expect(second.stdout).toBe("");
    expect(readdirSync(out).sort()).toEqual(names);
    expect(readFileSync(join(out, "kpi_replications.csv"), "utf8")).toBe(before);
  });

  it("a folder holding someone else's file is refused too", async () => {
    const out = dir();
    writeFileSync(join(out, "notes.txt"), "mine\n");
    const run = await runInProcess([...RUN, "--out", out]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain("notes.txt");
    expect(readdirSync(out)).toEqual(["notes.txt"]);
  });

  it("--force replaces pathflow's files (a stale events.csv goes) and keeps the others", async () => {
    const out = join(dir(), "out");
    expect((await runInProcess([...RUN, "--events", "--out", out])).code).toBe(0);
    expect(existsSync(join(out, "events.csv"))).toBe(true);
    writeFileSync(join(out, "notes.txt"), "mine\n");
    const run = await runInProcess([...RUN, "--seed", "99", "--force", "--out", out]);
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(join(out, "events.csv"))).toBe(false);
    expect(readFileSync(join(out, "notes.txt"), "utf8")).toBe("mine\n");
    expect(readFileSync(join(out, "run_metadata.csv"), "utf8")).toMatch(/^seed,99$/m);
    expect(readdirSync(out).filter((f) => f.startsWith("."))).toEqual([]);
  });
});
