/**
 * A sweep: the full grid of parameter values, one experiment per cell, all on one worker pool.
 * Every cell is planned (its scenarios resolved and validated) before any runs, so a bad value in
 * the last cell costs nothing; cells then run in grid order.
 *
 *   axis `both`: values for the baseline and the compared scenario alike (the context)
 *   axis not `both`: values for the compared scenario only (the intervention)
 */
import { PathflowInputError } from "../errors.js";
import type { LoadedModel } from "../model/load.js";
import { parseChangePath } from "../model/scenario.js";
import { runOnPool, workerExperiment, type ExperimentResult, type RunOptions } from "./experiment.js";
import { planExperiment, SWEEP_SCENARIO, type ExperimentPlan, type Override, type Variant } from "./plan.js";
import { ReplicationPool } from "./pool.js";
import type { WorkerData } from "./task.js";
import type { SweepAxis, SweepRequest, SweepCell, SweepPlan, SweepResult } from "../types.js";
export type { SweepAxis, SweepRequest, SweepCell, SweepPlan, SweepResult } from "../types.js";

/** Parses `PATH=V1,V2,…`; values are JSON where they parse (numbers, true, null), text otherwise. `flag` names where it came from in messages. */
export function parseAxis(text: string, both: boolean, flag: string): SweepAxis {
  const eq = text.indexOf("=");
  const issue = (message: string): never => {
    throw new PathflowInputError([{ code: "invalid_flag", path: [flag], message }], `${flag} ${text}`);
  };
  if (eq <= 0) issue(`expected PATH=V1,V2,…, got "${text}"`);
  const path = text.slice(0, eq).trim();
  const parsed = parseChangePath(path);
  if ("error" in parsed) issue(parsed.error);
  const values = text
    .slice(eq + 1)
    .split(",")
    .map((v) => v.trim())
    .filter((v) => v !== "")
    .map((v) => {
      try {
        return JSON.parse(v) as unknown;
      } catch {
        return v;
      }
    });
  if (values.length === 0) issue(`${path} has no values`);
  return { path, values, both };
}

/** Every combination of the axes' values, first axis slowest. */
export function grid(axes: readonly SweepAxis[]): unknown[][] {
  let cells: unknown[][] = [[]];
  for (const axis of axes) cells = cells.flatMap((cell) => axis.values.map((v) => [...cell, v]));
  return cells;
}

/** A header-safe column name for a path: `segments.care-home.demandMultiplier` → `segments_care_home_demand_multiplier`. */
export function columnFor(path: string): string {
  return path
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");
}

/** Plans every cell (each scenario resolved and validated once). Throws PathflowInputError on bad input. */
export function planSweep(loaded: LoadedModel, request: SweepRequest): SweepPlan {
  if (request.axes.length === 0) {
    throw new PathflowInputError([{ code: "invalid_flag", path: ["--set"], message: "give at least one --set or --set-both PATH=V1,V2,…" }], "sweep");
  }
  const baseline = request.baseline ?? "baseline";
  const scenarios = request.scenarios && request.scenarios.length > 0 ? request.scenarios : [SWEEP_SCENARIO];
  const cells = grid(request.axes).map((values, i): SweepCell => {
    const both: Override[] = [];
    const only: Override[] = [];
    request.axes.forEach((axis, a) => (axis.both ? both : only).push({ path: axis.path, set: values[a] }));
    // A sweep reports the release as modelled: the drift range would multiply every cell by its strengths.
    const plan = planExperiment(loaded, { ...request, scenarios, baseline, overrides: both, scenarioOverrides: only, driftRange: false });
    return { index: i + 1, values, plan };
  });
  return { axes: request.axes, cells, baseline, scenarios };
}

/** Runs every cell of a sweep on one pool. `onProgress` counts replications over the whole grid. */
export async function runSweep(plan: SweepPlan, options: RunOptions = {}): Promise<SweepResult> {
  const run = await runPlans(
    plan.cells.map((cell) => cell.plan),
    options,
  );
  return { plan, results: run.results.map((result, i) => ({ cell: plan.cells[i]!, result })), state: run.state };
}

/**
 * Runs planned experiments one after another on one pool (a sweep's cells, a calibration's
 * evaluations), stopping at the first that is cut short. Identical variants (the same baseline in
 * every plan) are shipped and compiled once. `onProgress` counts replications over all the plans.
 */
export async function runPlans(plans: readonly ExperimentPlan[], options: RunOptions = {}): Promise<{ results: ExperimentResult[]; state: "complete" | "partial" }> {
  const variants: Variant[] = [];
  const seen = new Map<string, number>();
  const experiments = plans.map((p) => {
    const ex = workerExperiment(p, 0, undefined);
    const indices = p.variants.map((v) => {
      const key = JSON.stringify([v.spec, v.tables]);
      let i = seen.get(key);
      if (i === undefined) {
        i = variants.push(v) - 1;
        seen.set(key, i);
      }
      return i;
    });
    return { ...ex, variants: indices };
  });
  const data: WorkerData = { variants, experiments };
  const reps = plans[0]?.settings.replications ?? 1;
  const pool = new ReplicationPool(data, options, typeof reps === "number" ? reps : reps.maxReplications);
  const results: ExperimentResult[] = [];
  let partial = false;
  try {
    for (const [i, p] of plans.entries()) {
      if (options.signal?.aborted) {
        partial = true;
        break;
      }
      const result = await runOnPool(p, pool, i, {
        ...options,
        onProgress: (done, total) => options.onProgress?.(i * total + done, plans.length * total),
      });
      results.push(result);
      if (result.state === "partial") {
        partial = true;
        break;
      }
    }
  } finally {
    await pool.close();
  }
  return { results, state: partial ? "partial" : "complete" };
}
