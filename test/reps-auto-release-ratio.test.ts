import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ratiosPrecise } from "../src/experiment/experiment.js";
import type { ReleaseMeasureName } from "../src/types.js";
import { pathflow } from "./helpers/cli.js";
import { readCsv } from "./helpers/report-folders.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

const dir = tempDirEachTest("pathflow-reps-ratio-");

/** One scenario's acute accounting from per-replication expected and spare. */
function release(expected: number[], spare: number[]): Record<string, Record<string, Record<ReleaseMeasureName, number[]>>> {
  const zeros = expected.map(() => 0);
  return { s: { acute_bed_days: { expected, spare, drift: zeros, longerStays: zeros, electives: zeros, unmet: zeros, added: zeros, blocking: zeros, unexplained: zeros } } };
}

describe("--reps auto --target release-ratio", () => {
  it("judges the headline release ratio's 95% CI half-width, in ratio units", () => {
    // Ratios 0.40, 0.42, 0.38, 0.40: sd 0.0163, t(3) 3.18 → half-width 0.026.
    const tight = release([100, 100, 100, 100], [40, 42, 38, 40]);
    expect(ratiosPrecise(tight, 0.03)).toBe(true);
    expect(ratiosPrecise(tight, 0.02)).toBe(false);
    // One replication has no interval: not yet precise.
    expect(ratiosPrecise(release([100], [40]), 10)).toBe(false);
    // No expected release (a capacity scenario): nothing to target.
    expect(ratiosPrecise(release([0, 0], [5, 6]), 0.01)).toBe(true);
  });

  it("says what it targets, and says so when it stops at --max-reps short of it", async () => {
    const out = join(dir(), "out");
    const run = await pathflow(["run", "models/ics-default.json", "--scenario", "frailty-service", "--reps", "auto", "--target", "release-ratio", "--precision", "0.0001", "--max-reps", "3", "--days", "20", "--warmup-days", "10", "--no-drift-range", "--workers", "2", "--out", out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain("replications until each scenario's release ratio has a 95% CI within ±0.0001 (at most 3)");
    const warnings = readCsv(join(out, "warnings.csv"));
    expect(warnings.map((w) => w["code"])).toContain("precision_not_reached");
    expect(warnings.find((w) => w["code"] === "precision_not_reached")!["message"]).toMatch(/^With --reps auto --target release-ratio, the run stopped at its cap of 3 replications/);
  });

  it("--target without --reps auto is an error", async () => {
    const run = await pathflow(["run", "models/mmc.json", "--reps", "2", "--target", "release-ratio", "--out", join(dir(), "x")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--target.*applies only with --reps auto/);
  });
});
