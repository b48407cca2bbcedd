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
import { runPlansOnPool, type RunOptions } from "./experiment.js";
import { planExperiment, SWEEP_SCENARIO, type Override } from "./plan.js";
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

/** Runs every cell of a sweep on one pool, in grid order. `onProgress` counts replications over the whole grid. */
export async function runSweep(plan: SweepPlan, options: RunOptions = {}): Promise<SweepResult> {
  const { results, partial } = await runPlansOnPool(
    plan.cells.map((cell) => cell.plan),
    options,
  );
  return { plan, results: results.map((result, i) => ({ cell: plan.cells[i]!, result })), state: partial ? "partial" : "complete" };
}
