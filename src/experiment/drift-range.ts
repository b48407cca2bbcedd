/**
 * Drift strength as the headline's uncertainty, like for like. The release ratio is reported
 * across a range of drift strengths (b2), each with the baseline re-matched to the model's
 * operating point: the admission intercept b0 is shifted until the baseline's G&A occupancy
 * matches the model as given. Without the re-matching, b2 = 0 on a model calibrated with drift
 * on gives a gridlocked baseline, and the comparison says more about gridlock than about drift.
 *
 * Intercepts come from the model file (admission.driftRange.b0) or from a search: a secant on
 * b0, started from the intercept that keeps the logit unchanged at the baseline's occupancy,
 * each step a baseline-only run of the experiment's own replications (so the match holds under
 * the same random numbers the release is measured with).
 */
import { PathflowInputError } from "../errors.js";
import { checkSignal } from "./drift-from.js";
import type { CompiledModel } from "../model/compiled.js";
import type { DriftRangePlan, DriftStrength, ExperimentRequest, Variant } from "../types.js";

/** The matched baseline must be within this many occupancy points of the model as given. */
export const MATCH_TOLERANCE_POINTS = 0.2;

/** The drift range of a plan, from the request or the model; undefined when the model has no admission rule. */
export function planDriftRange(baseline: Variant, request: ExperimentRequest, scenarios: readonly string[]): DriftRangePlan | undefined {
  const measured = request.measuredDrift;
  if (scenarios.length === 0) return undefined;
  const entry = Object.entries(baseline.spec.nodes).find(([, n]) => n.type === "ed");
  if (entry === undefined) return undefined;
  const [ed, node] = entry as [string, { admission: { b0: number; b2PerOccupancyPoint: number; pressureSignal: string; driftRange?: { b2PerOccupancyPoint: number[]; b0?: number[] } } }];
  const admission = node.admission;
  if (measured !== undefined) {
    checkSignal(measured, admission.pressureSignal, ed);
    const plan = planDriftRange(baseline, { ...request, measuredDrift: undefined, driftRange: measured.strengths }, scenarios);
    return plan === undefined ? undefined : { ...plan, measured };
  }
  if (request.driftRange === false) return undefined;
  const given = admission.driftRange;
  if (given?.b0 !== undefined && given.b0.length !== given.b2PerOccupancyPoint.length) {
    throw new PathflowInputError(
      [{ code: "invalid_value", path: ["nodes", ed, "admission", "driftRange", "b0"], message: `gives ${given.b0.length} intercepts for ${given.b2PerOccupancyPoint.length} drift strengths: give one per strength, in the same order, or leave b0 out to have them found` }],
      "drift range",
    );
  }
  const model = admission.b2PerOccupancyPoint;
  const b2s = request.driftRange ?? given?.b2PerOccupancyPoint ?? (model === 0 ? [] : [0, model, 2 * model]);
  if (b2s.length === 0) return undefined;
  // Strengths asked for on the command line are matched afresh for this run (its length may differ
  // from the one the model file's intercepts were matched at).
  const fromFile = request.driftRange === undefined ? given?.b0 : undefined;
  const strengths = [...new Set(b2s)].map((b2): DriftStrength => {
    if (b2 === model) return { b2, b0: admission.b0, matched: "model" };
    const i = given?.b2PerOccupancyPoint.indexOf(b2) ?? -1;
    const b0 = fromFile !== undefined && i >= 0 ? fromFile[i] : undefined;
    return b0 === undefined ? { b2, b0: Number.NaN, matched: "to match" } : { b2, b0, matched: "model file" };
  });
  return { ed, scenarios, strengths };
}

/** A compiled model with the ED's admission rule at drift strength b2 and intercept b0. */
export function withAdmission(model: CompiledModel, ed: string, b2: number, b0: number): CompiledModel {
  return { ...model, nodes: model.nodes.map((n) => (n.kind === "ed" && n.id === ed ? { ...n, b2, b0 } : n)) };
}

/**
 * The intercept at b2 that leaves the log-odds unchanged at the baseline's occupancy `u`: the
 * search's first guess (b0 + b2·(u − ref) = b0' + b2'·(u − ref)).
 */
export function interceptGuess(b0: number, b2Model: number, b2: number, occupancyPct: number, referencePct: number): number {
  return b0 + (b2Model - b2) * (occupancyPct - referencePct);
}

/**
 * Secant search for the intercept at which `occupancy(b0)` equals `target`, within `tolerance`
 * points, in at most `maxSteps` evaluations; returns the best intercept found and its occupancy.
 */
export async function matchIntercept(occupancy: (b0: number) => Promise<number>, target: number, first: number, tolerance: number, maxSteps = 5): Promise<{ b0: number; occupancy: number; steps: number }> {
  let x0 = first;
  let y0 = (await occupancy(x0)) - target;
  let best = { b0: x0, occupancy: y0 + target, steps: 1 };
  if (Math.abs(y0) <= tolerance) return best;
  // Occupancy rises with the intercept; a step of 0.05 in log-odds moves it a fraction of a point.
  let x1 = x0 - Math.sign(y0) * 0.05;
  for (let step = 2; step <= maxSteps; step++) {
    const y1 = (await occupancy(x1)) - target;
    if (Math.abs(y1) < Math.abs(best.occupancy - target)) best = { b0: x1, occupancy: y1 + target, steps: step };
    else best = { ...best, steps: step };
    if (Math.abs(y1) <= tolerance) break;
    const slope = (y1 - y0) / (x1 - x0);
    const next = slope > 0 && Number.isFinite(slope) ? x1 - y1 / slope : x1 - Math.sign(y1) * 0.05;
    x0 = x1;
    y0 = y1;
    x1 = Math.max(x0 - 1, Math.min(x0 + 1, next)); // a bounded step: never a wild jump on a noisy slope
  }
  return best;
}
