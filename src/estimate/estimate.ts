/**
 * The drift estimate: the simulator's admission rule
 *
 *   logit P(admit) = b0 + b1·band + b2·(pressure − reference) + calendar terms
 *
 * fitted by maximum likelihood to an ICS's own ED attendances, with hour of day, day of week and
 * month as factors so that the calendar (and the case mix that moves with it) does not pass for
 * drift. Beside it, as a statistician would want to see them:
 * - b2's 95% interval by profile likelihood and a likelihood-ratio test of b2 = 0; Wald intervals
 *   for the other coefficients;
 * - acuity as a factor (one coefficient per band) against the rule's straight line, with a
 *   likelihood-ratio test of linearity and b2 under the factor model;
 * - the naive estimate, pressure alone, to show what adjustment changed;
 * - calibration by decile, the AUC (DeLong), the admitted share by acuity × pressure band.
 *
 * Calendar factors are reported in weighted effect coding: each level's effect is its deviation
 * from the attendance-weighted mean, and b0 is the intercept of an attendance of average calendar,
 * which is what the simulator's rule (no calendar terms) needs.
 */
import { aucDeLong, calibrationByDecile, sharesByAcuityAndPressure, type CalibrationRow, type ShareRow } from "./diagnostics.js";
import { buildDesign, contrast, fitLogistic, logistic, profileInterval, type Design, type FitResult, type Term } from "./logistic.js";
import type { EpisodeData } from "./read.js";
import { chiSquareUpperTail } from "../math/special.js";
import { CHI2_1_95, Z_975 } from "./special.js";

export const CALENDAR_TERMS = ["hour", "weekday", "month"] as const;
export type CalendarTerm = (typeof CALENDAR_TERMS)[number];

export interface EstimateOptions {
  /** Pressure at which b2 has no effect, in % (the model's referenceOccupancyPct; default 92). */
  readonly referencePct?: number;
  /** Calendar factors to adjust for (default all three). */
  readonly adjust?: readonly CalendarTerm[];
}

export interface Coefficient {
  readonly estimate: number;
  /** Wald standard error. */
  readonly se: number;
  readonly low: number;
  readonly high: number;
  readonly ciMethod: "profile likelihood" | "Wald";
}

export interface LevelEffect {
  readonly level: string;
  readonly n: number;
  readonly effect: Coefficient;
}

export type DriftEstimate =
  | {
      readonly status: "estimated";
      readonly n: number;
      readonly admitted: number;
      readonly referencePct: number;
      readonly adjust: readonly CalendarTerm[];
      readonly coefficients: { readonly b0: Coefficient; readonly b1PerAcuityBand: Coefficient; readonly b2PerPressurePoint: Coefficient };
      readonly testB2Zero: { readonly method: "likelihood ratio"; readonly statistic: number; readonly df: 1; readonly pValue: number };
      readonly linearity: Linearity;
      readonly naive: { readonly b2PerPressurePoint: Coefficient; readonly biasVsAdjusted: number };
      readonly calendar: Partial<Record<CalendarTerm, LevelEffect[]>>;
      readonly fit: {
        readonly iterations: number;
        readonly parameters: number;
        readonly logLikelihood: number;
        readonly deviance: number;
        readonly nullDeviance: number;
        readonly auc: { estimate: number; se: number; low: number; high: number } | null;
        readonly hosmerLemeshow: { statistic: number; df: number; pValue: number };
      };
      readonly calibration: CalibrationRow[];
      readonly shares: ShareRow[];
      /** Fitted probability of each attendance (not written to estimate.json). */
      readonly fitted: Float64Array;
    }
  | { readonly status: "separation"; readonly reason: string }
  | { readonly status: "not_converged"; readonly reason: string }
  | { readonly status: "singular"; readonly reason: string };

export type Linearity =
  | {
      readonly status: "tested";
      /** Log-odds of each observed band against the lowest, from the factor model, beside the straight line's b1·(band − lowest). */
      readonly perBand: Array<{ band: number; n: number; logOdds: Coefficient | null; linear: number }>;
      readonly statistic: number;
      readonly df: number;
      readonly pValue: number;
      /** Linearity not rejected at the 5% level. */
      readonly holds: boolean;
      readonly b2PerPressurePoint: Coefficient;
    }
  | { readonly status: "not_tested"; readonly reason: string };

const DAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const LEVELS: Record<CalendarTerm, string[]> = {
  hour: Array.from({ length: 24 }, (_, h) => String(h).padStart(2, "0")),
  weekday: DAY_NAMES,
  month: MONTH_NAMES,
};

/** The adjusted admission rule alone: its design, fit and headline coefficients (what `estimateDrift` reports first). */
export type AdmissionRule =
  | {
      readonly status: "estimated";
      readonly design: Design;
      readonly fit: Extract<FitResult, { status: "converged" }>;
      readonly coefficients: { readonly b0: Coefficient; readonly b1PerAcuityBand: Coefficient; readonly b2PerPressurePoint: Coefficient };
      readonly wald: (c: Float64Array) => Coefficient;
    }
  | Failure;

/** Why there is no estimate. */
export type Failure = Exclude<DriftEstimate, { status: "estimated" }>;

interface Terms {
  readonly reference: number;
  readonly adjust: readonly CalendarTerm[];
  readonly intercept: Term;
  readonly band: Term;
  readonly bandFactor: Term;
  readonly pressure: Term;
  readonly calendar: Term[];
}

function termsOf(data: EpisodeData, options: EstimateOptions): Terms {
  const reference = options.referencePct ?? 92;
  const adjust = CALENDAR_TERMS.filter((t) => (options.adjust ?? CALENDAR_TERMS).includes(t));
  return {
    reference,
    adjust,
    intercept: { kind: "intercept" },
    band: { kind: "numeric", name: "band", values: Float64Array.from(data.band) },
    bandFactor: { kind: "factor", name: "band", levels: Array.from({ length: data.bands + 1 }, (_, k) => String(k)), index: data.band },
    pressure: { kind: "numeric", name: "pressure", values: Float64Array.from(data.pressurePct, (u) => u - reference) },
    calendar: adjust.map((t) => ({ kind: "factor", name: t, levels: LEVELS[t], index: data[t] })),
  };
}

/**
 * Fits logit P(admit) = b0 + b1·band + b2·(pressure − reference) + calendar factors: b2's interval
 * by profile likelihood (Wald if the profile cannot be traced), b0 (weighted effect coding) and b1
 * by Wald.
 */
export function fitAdmissionRule(data: EpisodeData, options: EstimateOptions = {}): AdmissionRule {
  return fitRule(data, termsOf(data, options));
}

function fitRule(data: EpisodeData, t: Terms): AdmissionRule {
  const design = buildDesign(data.admitted, [t.intercept, t.band, t.pressure, ...t.calendar]);
  const before = separationBefore(design, [["band", data.band], ["pressure", data.pressurePct]]);
  if (before !== null) return { status: "separation", reason: before };
  const fit = fitLogistic(design);
  if (fit.status !== "converged") return failure(fit, design);
  const wald = (c: Float64Array): Coefficient => {
    const { estimate, se } = contrast(fit, c);
    return { estimate, se, low: estimate - Z_975 * se, high: estimate + Z_975 * se, ciMethod: "Wald" };
  };
  const p = design.names.length;
  const b2Wald = wald(unitVector(2, p));
  const profile = profileInterval(design, fit, 2, CHI2_1_95);
  return {
    status: "estimated",
    design,
    fit,
    wald,
    coefficients: {
      b0: wald(weightedMean(design, unitVector(0, p))),
      b1PerAcuityBand: wald(unitVector(1, p)),
      b2PerPressurePoint: profile === null ? b2Wald : { ...b2Wald, low: profile.low, high: profile.high, ciMethod: "profile likelihood" },
    },
  };
}

function unitVector(column: number, size: number): Float64Array {
  const c = new Float64Array(size);
  c[column] = 1;
  return c;
}

/** The adjusted rule with everything reported beside it (see the module comment). */
export function estimateDrift(data: EpisodeData, options: EstimateOptions = {}): DriftEstimate {
  const t = termsOf(data, options);
  const rule = fitRule(data, t);
  if (rule.status !== "estimated") return rule;
  const { design, fit, coefficients } = rule;
  const y = data.admitted;

  const withoutPressure = fitLogistic(buildDesign(y, [t.intercept, t.band, ...t.calendar]));
  const naiveFit = fitLogistic(buildDesign(y, [t.intercept, t.pressure]));
  if (withoutPressure.status !== "converged" || naiveFit.status !== "converged") {
    return { status: "not_converged", reason: "a comparison model (without pressure, or pressure alone) did not converge" };
  }
  const lr = Math.max(0, 2 * (fit.logLik - withoutPressure.logLik));
  const naive = contrast(naiveFit, unitVector(1, 2));

  const fitted = Float64Array.from(fit.eta, logistic);
  const admitted = y.reduce((a, b) => a + b, 0);
  const share = admitted / y.length;
  const nullLogLik = admitted * Math.log(share) + (y.length - admitted) * Math.log(1 - share);
  const calibration = calibrationByDecile(y, fitted);
  return {
    status: "estimated",
    n: y.length,
    admitted,
    referencePct: t.reference,
    adjust: t.adjust,
    coefficients,
    testB2Zero: { method: "likelihood ratio", statistic: lr, df: 1, pValue: chiSquareUpperTail(lr, 1) },
    linearity: linearity(y, [t.intercept, t.bandFactor, t.pressure, ...t.calendar], fit),
    naive: {
      b2PerPressurePoint: { estimate: naive.estimate, se: naive.se, low: naive.estimate - Z_975 * naive.se, high: naive.estimate + Z_975 * naive.se, ciMethod: "Wald" },
      biasVsAdjusted: naive.estimate - coefficients.b2PerPressurePoint.estimate,
    },
    calendar: Object.fromEntries(design.factors.map((f) => [f.name, levelEffects(design, f, rule.wald)])),
    fit: {
      iterations: fit.iterations,
      parameters: design.names.length,
      logLikelihood: fit.logLik,
      deviance: -2 * fit.logLik,
      nullDeviance: -2 * nullLogLik,
      auc: aucDeLong(y, fitted),
      hosmerLemeshow: calibration.hosmerLemeshow,
    },
    calibration: calibration.rows,
    shares: sharesByAcuityAndPressure(data.band, data.bands, data.pressurePct, y, fitted),
    fitted,
  };
}

/** `c` plus, for each factor, the attendance-weighted mean of its level coefficients (weighted effect coding). */
function weightedMean(design: Design, c: Float64Array): Float64Array {
  const out = Float64Array.from(c);
  for (const f of design.factors) {
    f.column.forEach((column, j) => {
      if (column >= 0) out[column] = out[column]! + f.counts[j]! / design.n;
    });
  }
  return out;
}

/** Each observed level's deviation from the attendance-weighted mean of its factor. */
function levelEffects(design: Design, f: Design["factors"][number], wald: (c: Float64Array) => Coefficient): LevelEffect[] {
  const p = design.names.length;
  const effects: LevelEffect[] = [];
  f.counts.forEach((count, j) => {
    if (count === 0) return;
    const c = new Float64Array(p);
    f.column.forEach((column, k) => {
      if (column >= 0) c[column] = -f.counts[k]! / design.n;
    });
    const own = f.column[j]!;
    if (own >= 0) c[own] = c[own]! + 1;
    effects.push({ level: f.levels[j]!, n: count, effect: wald(c) });
  });
  return effects;
}

function linearity(y: Uint8Array, terms: Term[], linearFit: Extract<FitResult, { status: "converged" }>): Linearity {
  const design = buildDesign(y, terms);
  const bandFactor = design.factors[0]!;
  const observed = bandFactor.counts.map((c, k) => (c > 0 ? k : -1)).filter((k) => k >= 1);
  if (observed.length < 3) return { status: "not_tested", reason: `${observed.length} acuity band${observed.length === 1 ? "" : "s"} observed: a straight line cannot be tested with fewer than 3` };
  const separated = separationBefore(design, []);
  if (separated !== null) return { status: "not_tested", reason: `with a coefficient per band, ${separated}` };
  const fit = fitLogistic(design);
  if (fit.status !== "converged") return { status: "not_tested", reason: `the model with a coefficient per band did not give an estimate (${fit.status.replace("_", " ")})` };
  const p = design.names.length;
  const lowest = observed[0]!;
  const b1 = linearFit.beta[1]!;
  const coefficient = (c: Float64Array): Coefficient => {
    const { estimate, se } = contrast(fit, c);
    return { estimate, se, low: estimate - Z_975 * se, high: estimate + Z_975 * se, ciMethod: "Wald" };
  };
  const perBand = observed.map((k) => {
    const c = new Float64Array(p);
    const own = bandFactor.column[k]!;
    const base = bandFactor.column[lowest]!;
    if (own >= 0) c[own] = 1;
    if (base >= 0) c[base] = c[base]! - 1;
    return { band: k, n: bandFactor.counts[k]!, logOdds: k === lowest ? null : coefficient(c), linear: b1 * (k - lowest) };
  });
  const pressureColumn = design.names.indexOf("pressure");
  const statistic = Math.max(0, 2 * (fit.logLik - linearFit.logLik));
  const df = observed.length - 2;
  const pValue = chiSquareUpperTail(statistic, df);
  const unit = new Float64Array(p);
  unit[pressureColumn] = 1;
  return { status: "tested", perBand, statistic, df, pValue, holds: pValue >= 0.05, b2PerPressurePoint: coefficient(unit) };
}

/**
 * Separation that can be named before fitting: one outcome only; a factor level whose attendances
 * were all admitted or none; a numeric column that alone puts every admitted attendance on one
 * side of every other. Each makes the likelihood's maximum lie at infinity.
 */
function separationBefore(design: Design, numeric: Array<[string, ArrayLike<number>]>): string | null {
  const { y, n } = design;
  let admitted = 0;
  for (let i = 0; i < n; i++) admitted += y[i]!;
  if (admitted === 0 || admitted === n) return `all ${n} attendances were ${admitted === 0 ? "not admitted" : "admitted"}: there is nothing to estimate`;
  for (const f of design.factors) {
    const yes = new Array<number>(f.levels.length).fill(0);
    for (let i = 0; i < n; i++) yes[f.index[i]!]! += y[i]!;
    for (let j = 0; j < f.levels.length; j++) {
      const count = f.counts[j]!;
      if (count > 0 && (yes[j] === 0 || yes[j] === count)) {
        const outcome = yes[j] === 0 ? "not admitted" : "admitted";
        return `${f.name} ${f.levels[j]}: ${count === 1 ? `its one attendance was ${outcome}` : `all ${count} attendances were ${outcome}`}`;
      }
    }
  }
  for (const [name, values] of numeric) {
    const range = [Infinity, -Infinity, Infinity, -Infinity]; // min/max among not admitted, then admitted
    for (let i = 0; i < n; i++) {
      const at = y[i] === 1 ? 2 : 0;
      range[at] = Math.min(range[at]!, values[i]!);
      range[at + 1] = Math.max(range[at + 1]!, values[i]!);
    }
    const [min0, max0, min1, max1] = range as [number, number, number, number];
    if (max0 <= min1 || max1 <= min0) {
      return `${name} alone separates the outcomes (not admitted: ${min0} to ${max0}; admitted: ${min1} to ${max1})`;
    }
  }
  return null;
}

function failure(fit: Exclude<FitResult, { status: "converged" }>, design: Design): Failure {
  switch (fit.status) {
    case "separation":
      return {
        status: "separation",
        reason: `${fit.rows} attendances have fitted probabilities of 0 or 1: together, band, pressure and the calendar terms (${design.factors.map((f) => f.name).join(", ") || "none"}) separate admitted from not admitted`,
      };
    case "singular":
      return { status: "singular", reason: `the column "${fit.column}" is a combination of the others (e.g. pressure constant, or constant within the calendar terms)` };
    case "not_converged":
      return { status: "not_converged", reason: `Newton–Raphson did not converge in ${fit.iterations} iterations` };
  }
}
