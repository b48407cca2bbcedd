import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pathflow } from "./helpers/cli.js";
import { FIXTURES } from "./helpers/model-fixtures.js";
import { expectSameOutputs } from "./helpers/same-outputs.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

/**
 * A run from a census draws each replication's census remainders from that replication's own
 * stream, so the worker count does not change a byte of the outputs (release accounting
 * included); and replications differ (each has its own draws).
 */
const dir = tempDirEachTest("pathflow-census-workers-");
const MODEL = join(FIXTURES, "system.json");

describe("a census start and the worker count", () => {
  it("writes byte-identical outputs for --workers 1 and 2", async () => {
    const census = join(dir(), "census.csv");
    const c = await pathflow(["census", MODEL, "--out", census, "--warmup-days", "60", "--quiet"]);
    expect(c.code, c.stderr).toBe(0);
    const outs: string[] = [];
    for (const workers of ["1", "2"]) {
      const out = join(dir(), `w${workers}`);
      const run = await pathflow(["run", MODEL, "--census", census, "--reps", "4", "--days", "10", "--warmup-days", "3", "--workers", workers, "--out", out, "--quiet"]);
      expect(run.code, run.stderr).toBe(0);
      outs.push(out);
    }
    expectSameOutputs(outs[0]!, outs[1]!);
  }, 120_000);
});
