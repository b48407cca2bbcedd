import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pathflow } from "./helpers/cli.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

/**
 * --precision and --max-reps mean something only with --reps auto. Given without it they are bad
 * input — exit 2 with a message naming the flag, before anything runs or is written — never
 * silently ignored. With --reps auto they are accepted. (dist/ is built by test/global-setup.ts.)
 */
const dir = tempDirEachTest("pathflow-precision-");

describe("--precision and --max-reps need --reps auto", () => {
  const cases: [string, string[], RegExp][] = [
    ["run --precision without --reps", ["run", "models/mmc.json", "--precision", "0.05"], /--precision: applies only with --reps auto, but was given without --reps \(the model's run.replications apply\): add --reps auto, or leave --precision out/],
    ["run --precision with --reps 5", ["run", "models/mmc.json", "--reps", "5", "--precision", "0.05"], /--precision: applies only with --reps auto, but was given with --reps 5/],
    ["run --max-reps with --reps 5", ["run", "models/mmc.json", "--reps", "5", "--max-reps", "50"], /--max-reps: applies only with --reps auto/],
    ["sweep --precision with --reps 2", ["sweep", "models/mmc.json", "--set", "nodes.servers.servers=11", "--reps", "2", "--precision", "0.1"], /--precision: applies only with --reps auto/],
  ];
  for (const [name, args, message] of cases) {
    it(`${name}: exit 2 naming the flag, nothing written`, async () => {
      const out = join(dir(), "out");
      const run = await pathflow([...args, "--out", out]);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toContain("    at ");
      expect(run.stdout).toBe("");
      expect(existsSync(out)).toBe(false);
    });
  }

  it("both flags named when both are given", async () => {
    const run = await pathflow(["run", "models/mmc.json", "--precision", "0.05", "--max-reps", "50", "--out", join(dir(), "out")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^--precision and --max-reps without --reps auto \(2 problems\)\n {2}- --precision: .*\n {2}- --max-reps: /);
  });

  it("accepted with --reps auto", async () => {
    const run = await pathflow(["run", "models/mmc.json", "--reps", "auto", "--precision", "0.5", "--max-reps", "3", "--days", "5", "--warmup-days", "1", "--workers", "1", "--quiet", "--out", join(dir(), "out")]);
    expect(run.code, run.stderr).toBe(0);
  });
});
