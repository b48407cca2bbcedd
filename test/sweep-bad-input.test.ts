import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathflow as runPathflow, type CliRun } from "./helpers/cli.js";
import { afterAll, describe, expect, it } from "vitest";

/**
 * `pathflow sweep` checks every cell's values before running any: a bad --set path or value exits 2,
 * with no stack trace, and writes nothing. (dist/ is built by test/global-setup.ts.)
 */

const TMP = mkdtempSync(join(tmpdir(), "pathflow-sweep-bad-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const pathflow = (...args: string[]): Promise<CliRun> => runPathflow(args);

describe("pathflow sweep: bad input exits 2 and writes nothing", () => {
  it("a bad --set path exits 2 and writes nothing", async () => {
    for (const [i, set] of ["nodes..servers=10,11", "nodes.nope.servers=10,11", "nodes.servers.servers"].entries()) {
      const out = join(TMP, `bad-${i}`);
      const run = await pathflow("sweep", "models/mmc.json", "--set", set, "--reps", "2", "--days", "2", "--warmup-days", "0", "--out", out);
      expect(run.code, `${set}: ${run.stderr}`).toBe(2);
      expect(run.stderr).not.toContain("    at ");
      expect(existsSync(out)).toBe(false);
    }
  });

  it("a bad value in a later cell exits 2 before any cell runs", async () => {
    const out = join(TMP, "bad-value");
    const run = await pathflow("sweep", "models/mmc.json", "--set", "nodes.servers.servers=10,-1", "--reps", "2", "--days", "2", "--warmup-days", "0", "--out", out);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain("nodes.servers.servers: expected a whole number ≥ 0, got -1");
    expect(run.stderr).not.toMatch(/\d+\/\d+ replications/); // no progress: nothing ran
    expect(existsSync(out)).toBe(false);
  });
});
