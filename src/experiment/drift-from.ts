/**
 * `run --drift-from estimate.json`: the drift range of the release accounting taken from a local
 * estimate of drift strength (the estimate.json `pathflow estimate-drift` writes). The strengths
 * become b2 at the low end of the estimate's 95% interval, the estimate, and the high end — each
 * intercept re-matched to the model's operating point like any other strength — and the summary
 * says the range was measured. Only the file given is read; a file that is not such an estimate,
 * or whose numbers do not make a range, is refused naming what is wrong.
 */
import { basename } from "node:path";
import { PathflowInputError, type Issue } from "../errors.js";
import { readJsonFile } from "../model/read-json.js";
import type { MeasuredDrift } from "../types.js";

/** Strengths are rounded to this many decimals (1e-5 per point: far below any interval's width). */
const DECIMALS = 5;

/**
 * Reads `file` (an estimate-drift estimate.json) and returns the measured drift: the estimate and
 * its interval as read, and the strengths to report the release across. Ends of the interval above
 * 0 (admissions rising with pressure — not drift, and outside the model's evidence) are taken as
 * 0, no drift, and said so in `clipped`.
 */
export function readDriftEstimate(file: string): MeasuredDrift {
  const read = readJsonFile(file);
  if (!read.ok) throw new PathflowInputError(read.issues.map((i) => ({ ...i, path: ["--drift-from", ...i.path] })), `--drift-from ${file}`);
  const issues: Issue[] = [];
  const problem = (path: (string | number)[], message: string): void => {
    issues.push({ code: "invalid_value", path: ["--drift-from", ...path], message });
  };
  const root = read.value;
  const obj = (v: unknown): Record<string, unknown> | null => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
  const top = obj(root);
  const method = obj(top?.["method"]);
  const range = obj(top?.["driftRange"]);
  const b2 = obj(range?.["b2PerOccupancyPoint"]);
  if (top === null || typeof method?.["model"] !== "string" || !method["model"].startsWith("logit P(admit)") || b2 === null) {
    throw new PathflowInputError(
      [{ code: "file", path: ["--drift-from"], message: `${file} is not an estimate written by pathflow estimate-drift (it needs method.model and driftRange.b2PerOccupancyPoint): give the estimate.json from the folder pathflow estimate-drift wrote` }],
      `--drift-from ${file}`,
    );
  }
  const num = (holder: Record<string, unknown> | null, key: string, path: (string | number)[]): number => {
    const v = holder?.[key];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      problem([...path, key], `must be a finite number, got ${JSON.stringify(v) ?? "nothing"}`);
      return Number.NaN;
    }
    return v;
  };
  const at = ["driftRange", "b2PerOccupancyPoint"];
  const low = num(b2, "low", at);
  const estimate = num(b2, "estimate", at);
  const high = num(b2, "high", at);
  if (issues.length === 0 && !(low <= estimate && estimate <= high)) problem(at, `must have low ≤ estimate ≤ high, got low ${low}, estimate ${estimate}, high ${high}`);
  if (issues.length === 0 && !(low >= -1 && high <= 1)) problem(at, `is outside −1 to 1 per point (low ${low}, high ${high}): not an estimate of drift strength per occupancy point`);
  const signal = range?.["pressureSignal"];
  if (signal !== "ward" && signal !== "ed" && signal !== "mix") problem(["driftRange", "pressureSignal"], `must be ward, ed or mix, got ${JSON.stringify(signal) ?? "nothing"}`);
  const n = obj(top["n"]);
  const attendances = num(n, "attendances", ["n"]);
  const b2Coefficient = obj(obj(top["coefficients"])?.["b2PerPressurePoint"]);
  const ciMethod = b2Coefficient?.["ciMethod"];
  if (issues.length > 0) throw new PathflowInputError(issues, `--drift-from ${file}`);
  const round = (x: number): number => Number(x.toFixed(DECIMALS)) + 0; // + 0: never -0
  const clip = (x: number): number => Math.min(0, round(x)) + 0;
  const strengths = [...new Set([clip(low), clip(estimate), clip(high)])];
  return {
    file: basename(file),
    b2: estimate,
    low,
    high,
    ciMethod: ciMethod === "profile likelihood" || ciMethod === "Wald" ? ciMethod : "unstated",
    attendances,
    pressureSignal: signal as MeasuredDrift["pressureSignal"],
    strengths,
    estimateStrength: clip(estimate),
    clipped: high > 0,
  };
}

/** The model's pressure signal must be the one the estimate was measured against. */
export function checkSignal(measured: MeasuredDrift, modelSignal: string, ed: string): void {
  if (measured.pressureSignal === modelSignal) return;
  throw new PathflowInputError(
    [
      {
        code: "invalid_value",
        path: ["--drift-from"],
        message: `the estimate in ${measured.file} was measured against pressure signal "${measured.pressureSignal}", but the model's ${ed} decides on "${modelSignal}": set nodes.${ed}.admission.pressureSignal to "${measured.pressureSignal}", or estimate against the model's signal`,
      },
    ],
    "--drift-from",
  );
}
