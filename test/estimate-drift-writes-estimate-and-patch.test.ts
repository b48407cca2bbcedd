import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { loadModel } from "../src/model/load.js";
import { resolveScenario } from "../src/model/scenario.js";
import { pathflow } from "./helpers/cli.js";
import { episodesCsv, occupancyCsv, syntheticEpisodes } from "./helpers/synthetic-episodes.js";

/**
 * `pathflow estimate-drift EPISODES --occupancy OCC` writes estimate.json (coefficients with
 * their interval methods, the test of b2 = 0, the pressure signal the user named, the drift range
 * from b2's interval), the calibration and acuity × pressure CSVs, and drift_patch.json — a
 * scenario the shipped model takes as it is, setting the ED's b2 (and b0, b1 with --patch-all).
 * The same inputs give byte-identical files.
 */

const dir = mkdtempSync(join(tmpdir(), "pathflow-estimate-out-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("writes the estimate, its diagnostics and a patch the default model accepts", async () => {
  const s = syntheticEpisodes({ n: 6000, seed: 11, b0: -4.12, b1: 1.05, b2: -0.02, nightEffect: 0.3 });
  const episodes = join(dir, "episodes.csv");
  const occupancy = join(dir, "occupancy.csv");
  writeFileSync(episodes, episodesCsv(s, false));
  writeFileSync(occupancy, occupancyCsv(s));
  const args = (out: string): string[] => ["estimate-drift", episodes, "--occupancy", occupancy, "--pressure-signal", "ed", "--patch-all", "--out", out];

  const first = await pathflow(args(join(dir, "a")));
  expect(first.stderr).toBe("");
  expect(first.code).toBe(0);
  expect(first.stdout).toMatch(/^estimate-drift: 6000 attendances, \d+ admitted/);
  expect(first.stdout).toMatch(/\nDrift {2}b2 = -?\d\.\d{4} \[-?\d\.\d{4}, -?\d\.\d{4}\] per pressure point \(95% CI, profile likelihood\)\n/);

  const a = join(dir, "a");
  expect(readdirSync(a).sort()).toEqual(["admitted_share_by_acuity_pressure.csv", "calibration_deciles.csv", "drift_patch.json", "estimate.json"]);
  const estimate = JSON.parse(readFileSync(join(a, "estimate.json"), "utf8"));
  const b2 = estimate.coefficients.b2PerPressurePoint;
  expect(b2.ciMethod).toBe("profile likelihood");
  expect(estimate.coefficients.b1PerAcuityBand.ciMethod).toBe("Wald");
  expect(b2.low).toBeLessThan(b2.estimate);
  expect(b2.high).toBeGreaterThan(b2.estimate);
  expect(estimate.driftRange.b2PerOccupancyPoint).toEqual({ low: b2.low, estimate: b2.estimate, high: b2.high });
  expect(estimate.inputs.pressureSignal).toBe("ed");
  expect(estimate.inputs.referencePressurePct).toBe(92);
  expect(estimate.n.attendances).toBe(6000);
  expect(estimate.testB2Zero.method).toBe("likelihood ratio");
  expect(estimate.testB2Zero.pValue).toBeGreaterThan(0);
  expect(estimate.testB2Zero.pValue).toBeLessThan(1);

  const deciles = readFileSync(join(a, "calibration_deciles.csv"), "utf8").trim().split("\n");
  expect(deciles[0]).toBe("decile,n,admitted,observed_share,mean_predicted,min_predicted,max_predicted");
  expect(deciles.slice(1).map((line) => Number(line.split(",")[1]))).toEqual(Array(10).fill(600));
  const shares = readFileSync(join(a, "admitted_share_by_acuity_pressure.csv"), "utf8").trim().split("\n");
  expect(shares.length).toBe(1 + 6 * 5);
  const allRows = shares.filter((line) => line.startsWith("all,"));
  expect(allRows.reduce((sum, line) => sum + Number(line.split(",")[2]), 0)).toBe(6000);

  // The patch is a scenario: the shipped model takes it and gets the estimate.
  const patch = JSON.parse(readFileSync(join(a, "drift_patch.json"), "utf8"));
  expect(patch.changes.map((c: { path: string }) => c.path)).toEqual([
    "nodes.ed.admission.b2PerOccupancyPoint",
    "nodes.ed.admission.b0",
    "nodes.ed.admission.b1PerAcuityBand",
    "nodes.ed.admission.referenceOccupancyPct",
  ]);
  const loaded = await loadModel("models/ics-default.json");
  const raw = loaded.raw as { scenarios: Record<string, unknown> };
  const measured = resolveScenario({ ...loaded, raw: { ...raw, scenarios: { ...raw.scenarios, measured: patch } } }, "measured");
  const ed = measured.model.nodes["ed"];
  if (ed?.type !== "ed") throw new Error("the default model has no ED node");
  expect(ed.admission.b2PerOccupancyPoint).toBeCloseTo(b2.estimate, 6);
  expect(ed.admission.b1PerAcuityBand).toBeCloseTo(estimate.coefficients.b1PerAcuityBand.estimate, 5);

  // Deterministic: a second run writes the same bytes.
  const second = await pathflow(args(join(dir, "b")));
  expect(second.code).toBe(0);
  for (const name of readdirSync(a)) expect(readFileSync(join(dir, "b", name), "utf8")).toBe(readFileSync(join(a, name), "utf8"));
});
