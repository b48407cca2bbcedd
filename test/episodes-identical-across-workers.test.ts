import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pathflow } from "./helpers/cli.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

/**
 * episodes.csv is joined from per-replication parts in replication order, so the worker count
 * does not change a byte of it (replications finish in any order on two workers).
 */
const dir = tempDirEachTest("pathflow-episodes-workers-");

describe("episodes.csv and the worker count", () => {
  it("is byte-identical for --workers 1 and 2", async () => {
    const outs: string[] = [];
    for (const workers of ["1", "2"]) {
      const out = join(dir(), `w${workers}`);
      const run = await pathflow(["run", "models/ics-default.json", "--scenario", "baseline", "--reps", "3", "--days", "5", "--warmup-days", "10", "--episodes", "--workers", workers, "--out", out, "--quiet"]);
      expect(run.code, run.stderr).toBe(0);
      outs.push(readFileSync(join(out, "episodes.csv"), "utf8"));
    }
    expect(outs[0]!.split("\n").length).toBeGreaterThan(1000);
    expect(outs[1]).toBe(outs[0]);
  }, 120_000);
});
