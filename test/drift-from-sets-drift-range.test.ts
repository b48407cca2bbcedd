import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readDriftEstimate } from "../src/experiment/drift-from.js";
import { pathflow } from "./helpers/cli.js";
import { readCsv } from "./helpers/report-folders.js";
import { episodesCsv, syntheticEpisodes } from "./helpers/synthetic-episodes.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

/**
 * `run --drift-from estimate.json` reports the release across drift as measured locally: the drift
 * range's strengths are b2 at the low end of the estimate's 95% interval, the estimate and the
 * high end (each baseline re-matched to the model's occupancy), and summary.md says "with drift as
 * measured in your ED (b2 = … [95% CI …]) …". The file is the one estimate-drift writes.
 */
const dir = tempDirEachTest("pathflow-drift-from-");

/** An estimate.json written by estimate-drift itself, from synthetic episodes. */
async function realEstimate(): Promise<{ file: string; b2: { estimate: number; low: number; high: number } }> {
  const episodes = join(dir(), "episodes.csv");
  writeFileSync(episodes, episodesCsv(syntheticEpisodes({ n: 60_000, seed: 17, b0: -4.1, b1: 1.05, b2: -0.015 }), true));
  const out = join(dir(), "estimate");
  const run = await pathflow(["estimate-drift", episodes, "--adjust", "none", "--out", out, "--quiet"]);
  expect(run.code, run.stderr).toBe(0);
  const file = join(out, "estimate.json");
  const json = JSON.parse(readFileSync(file, "utf8")) as { driftRange: { b2PerOccupancyPoint: { estimate: number; low: number; high: number } } };
  return { file, b2: json.driftRange.b2PerOccupancyPoint };
}

describe("run --drift-from", () => {
  it("reads estimate-drift's estimate.json: strengths low, estimate, high (rounded to 1e-5)", async () => {
    const { file, b2 } = await realEstimate();
    const m = readDriftEstimate(file);
    const r = (x: number): number => Number(x.toFixed(5));
    expect(b2.high).toBeLessThan(0); // so nothing is clipped
    expect(m.strengths).toEqual([r(b2.low), r(b2.estimate), r(b2.high)]);
    expect(m.estimateStrength).toBe(r(b2.estimate));
    expect(m.b2).toBe(b2.estimate);
    expect(m.attendances).toBe(60_000);
    expect(m.pressureSignal).toBe("ward");
    expect(m.ciMethod).toBe("profile likelihood");
    expect(m.file).toBe("estimate.json");
    expect(m.clipped).toBe(false);
  }, 60_000);

  it("takes an interval end above 0 as no drift, and says so", () => {
    const file = join(dir(), "estimate.json");
    writeFileSync(file, JSON.stringify(estimateJson(-0.004, -0.011, 0.003)));
    const m = readDriftEstimate(file);
    expect(m.strengths).toEqual([-0.011, -0.004, 0]);
    expect(m.clipped).toBe(true);
  });

  it("runs the drift range at the measured strengths and the summary leads with the measured drift", async () => {
    const file = join(dir(), "estimate.json");
    writeFileSync(file, JSON.stringify(estimateJson(-0.015, -0.024, -0.006)));
    const out = join(dir(), "run");
    const run = await pathflow(["run", "models/ics-default.json", "--scenario", "frailty-service", "--reps", "2", "--days", "10", "--warmup-days", "10", "--drift-from", file, "--workers", "2", "--out", out, "--quiet"]);
    expect(run.code, run.stderr).toBe(0);
    const range = readCsv(join(out, "drift_range.csv")).filter((r) => r["resource"] === "acute_bed_days");
    expect(range.map((r) => Number(r["drift_strength"]))).toEqual([-0.024, -0.015, -0.006]);
    // The model's own b2 keeps its intercept; the others are matched to its occupancy.
    expect(range.map((r) => r["intercept_source"])).toEqual(["search", "model", "search"]);
    const summary = readFileSync(join(out, "summary.md"), "utf8");
    expect(summary).toContain("With drift as measured in your ED (b2 = -0.015 per pressure point [95% CI -0.024 to -0.006], from 52,000 attendances in estimate.json), frailty-service ");
    expect(summary).toContain("Across the measured interval");
    expect(summary).toContain("The drift range is the 95% interval of drift strength measured from your own ED episodes (estimate.json");
    expect(run.stdout).toContain("With drift as measured in your ED");
  }, 180_000);
});

function estimateJson(estimate: number, low: number, high: number): unknown {
  return {
    pathflowVersion: "test",
    method: { model: "logit P(admit) = b0 + b1·band + b2·(pressure − reference) + calendar factors" },
    n: { attendances: 52_000, admitted: 14_000, parameters: 43 },
    coefficients: { b2PerPressurePoint: { estimate, se: 0.004, low, high, ciMethod: "profile likelihood" } },
    driftRange: { b2PerOccupancyPoint: { low, estimate, high }, pressureSignal: "ward" },
  };
}
