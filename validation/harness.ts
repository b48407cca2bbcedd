/**
 * The machinery every validation case shares:
 *
 *   model object (JSON, as a user would write it) → validateModelObject (schema + cross-checks)
 *   → compileModel → runReplication, replication by replication
 *
 * which is the path `pathflow run` takes for a model file (loadModel is readFile + JSON.parse +
 * validateModelObject). Shipped model files are read with loadModel itself.
 *
 * Every replication any case runs is checked for conservation here (case 9), and every figure
 * compared with a reference goes through `compare`, which sets the tolerance from the
 * replications' own confidence interval.
 */
import { PathflowInputError } from "../src/errors.js";
import { confidenceInterval, studentTQuantile } from "../src/experiment/statistics.js";
import { compileModel } from "../src/model/compile.js";
import { type CompiledModel } from "../src/model/compiled.js";
import { validateModelObject, type LoadedModel } from "../src/model/load.js";
import type { ModelSpec } from "../src/model/schema.js";
import { runReplication, type ReplicationOptions, type ReplicationResult } from "../src/pathway/run.js";

// ---------------------------------------------------------------------------------------------
// Rows and results
// ---------------------------------------------------------------------------------------------

/**
 * pass / fail: a check with a pass rule. info: a figure reported for context (e.g. a comparison
 * that does not isolate what it seems to measure). disputed: the simulation misses a published
 * figure, but that figure is itself inconsistent with the theory the simulation matches (the row
 * says how). Neither info nor disputed makes the run fail; both are listed in the report.
 */
export type Verdict = "pass" | "fail" | "info" | "disputed";

/** One line of docs/VALIDATION.md. */
export interface ValidationRow {
  /** "1.07": case number and row within the case. */
  readonly id: string;
  /** What is checked, in words, with the parameters. */
  readonly checks: string;
  /** The reference value (theory, published figure, hand derivation). */
  readonly reference: number;
  /** Where the reference comes from. */
  readonly source: string;
  /** Simulated value: the mean over replications (or the exact value for exact checks). */
  readonly simMean: number;
  /** 95% t-interval over replications; null for exact (deterministic) checks. */
  readonly ciLow: number | null;
  readonly ciHigh: number | null;
  readonly reps: number;
  /** The pass rule applied, in words. */
  readonly criterion: string;
  readonly verdict: Verdict;
  /** Reproduces the row (the whole case). */
  readonly command: string;
  /** Digits to show for reference and simulated values. */
  readonly digits: number;
  /** Anything a reader needs to interpret the row. */
  readonly note?: string;
  /** Set on a row that failed only its statistical test (see `confirmed`). */
  readonly retryable?: boolean;
}

export interface CaseResult {
  readonly case: number;
  readonly title: string;
  readonly rows: ValidationRow[];
  /** Paragraphs for the report: design, what was found. */
  readonly notes: string[];
  readonly reps: number;
  readonly seconds: number;
}

export interface RunSettings {
  /** Replications per configuration. */
  readonly reps: number;
  /** Quick settings (tests): shorter runs where the case says so, same rules. */
  readonly quick: boolean;
}

export interface ValidationCase {
  readonly id: number;
  readonly slug: string;
  readonly title: string;
  /** Replications for a full run and for --quick (tests). */
  readonly reps: { readonly full: number; readonly quick: number };
  run(settings: RunSettings): Promise<CaseResult>;
}

/** The command that reproduces a case. */
export function commandFor(caseId: number): string {
  return `npm run validate -- --case ${caseId}`;
}

// ---------------------------------------------------------------------------------------------
// Running models through the public path
// ---------------------------------------------------------------------------------------------

/** A compiled model with the run settings of its model file (the defaults of `runReplications`). */
export type HarnessModel = CompiledModel & { readonly run: ModelSpec["run"] };

/** A model object validated and compiled exactly as a model file would be. Throws PathflowInputError. */
export function compileModelObject(raw: unknown, dir = process.cwd()): HarnessModel {
  const result = validateModelObject(structuredClone(raw), dir);
  if (result.model === undefined) throw new PathflowInputError(result.issues, "validation model");
  return { ...compileModel(result.model, result.tables), run: result.model.run };
}

/** A loaded model file (or a scenario of it), compiled. */
export function compileLoaded(loaded: LoadedModel): HarnessModel {
  return { ...compileModel(loaded.model, loaded.tables), run: loaded.model.run };
}

export interface RunOptions {
  /** Label for the conservation log, e.g. "case 1 M/M/1 ρ=0.5". */
  readonly label: string;
  readonly reps: number;
  /** First replication number (default 0). */
  readonly firstReplication?: number;
  readonly seed?: number;
  readonly days?: number;
  readonly warmupDays?: number;
  readonly ledger?: boolean;
  /** A fresh event observer per replication (patient-level trace). */
  readonly observe?: (replication: number) => ReplicationOptions["onEvent"];
  /** A fresh ED-decision observer per replication (what --episodes writes). */
  readonly decisions?: (replication: number) => ReplicationOptions["onDecision"];
}

/** Runs replications firstReplication … firstReplication + reps − 1, checking conservation of each. */
export function runReplications(model: HarnessModel, options: RunOptions): ReplicationResult[] {
  const out: ReplicationResult[] = [];
  const first = options.firstReplication ?? 0;
  for (let r = first; r < first + options.reps; r++) {
    const onEvent = options.observe?.(r);
    let lastTime = -Infinity;
    let timeWentBack = false;
    const observer =
      onEvent === undefined
        ? undefined
        : (t: number, id: number, event: string, node: string): void => {
            if (t < lastTime) timeWentBack = true;
            lastTime = t;
            onEvent(t, id, event, node);
          };
    const onDecision = options.decisions?.(r);
    const result = runReplication(model, {
      replication: r,
      seed: options.seed ?? model.run.seed,
      days: options.days ?? model.run.days,
      warmupDays: options.warmupDays ?? model.run.warmupDays,
      ...(options.ledger === true ? { ledger: true } : {}),
      ...(observer !== undefined ? { onEvent: observer } : {}),
      ...(onDecision !== undefined ? { onDecision } : {}),
    });
    const problems = conservationProblems(result);
    if (timeWentBack) problems.push("the event trace went back in time");
    conservationLog.record(options.label, model.name, r, result, problems);
    out.push(result);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Conservation (case 9): checked on every replication any case runs
// ---------------------------------------------------------------------------------------------

/**
 * Every conservation problem of one replication:
 * - in total: patients generated = avoided + left + still in the system at the end;
 * - per node (units, ED, ambulance): present at the start of the results period + arrivals =
 *   departures + turned away + reneged + present at the end;
 * - no negative or non-finite KPI (times, counts and percentages are all ≥ 0);
 * - occupancy never above capacity: the most servers ever busy ≤ the most ever available, and
 *   every occupancy percentage ≤ 100.
 */
export function conservationProblems(result: ReplicationResult): string[] {
  const problems: string[] = [];
  const c = result.conservation;
  if (c.generated !== c.avoided + c.exited + c.inSystem) {
    problems.push(`generated ${c.generated} ≠ avoided ${c.avoided} + left ${c.exited} + in system ${c.inSystem}`);
  }
  for (const [node, x] of Object.entries(c.nodes)) {
    const inflow = x.presentAtStart + x.arrivals;
    const outflow = x.departures + x.refused + x.reneged + x.present;
    if (inflow !== outflow) {
      problems.push(
        `${node}: present at start ${x.presentAtStart} + arrivals ${x.arrivals} ≠ departures ${x.departures} + refused ${x.refused} + reneged ${x.reneged} + present at end ${x.present}`,
      );
    }
    if (x.maxBusy > x.capacityMax) problems.push(`${node}: ${x.maxBusy} servers busy, above the most ever available (${x.capacityMax})`);
  }
  for (const [name, value] of Object.entries(result.kpis)) {
    if (value === null) continue; // nothing observed: an empty cell, which is allowed
    if (!Number.isFinite(value)) problems.push(`KPI ${name} is ${value}`);
    else if (value < 0) problems.push(`KPI ${name} is negative (${value})`);
    else if (name.endsWith("occupancy_pct") && value > 100 + 1e-9) problems.push(`KPI ${name} is above 100 (${value})`);
  }
  return problems;
}

export interface ConservationEntry {
  readonly label: string;
  readonly model: string;
  replications: number;
  /** Patients generated, summed over replications. */
  patients: number;
  /** Node-level identities checked (nodes × replications). */
  nodeChecks: number;
  readonly problems: string[];
}

/** Conservation results of every replication run in this process, by label. */
class ConservationLog {
  private readonly entries = new Map<string, ConservationEntry>();

  record(label: string, model: string, replication: number, result: ReplicationResult, problems: readonly string[]): void {
    let e = this.entries.get(label);
    if (e === undefined) {
      e = { label, model, replications: 0, patients: 0, nodeChecks: 0, problems: [] };
      this.entries.set(label, e);
    }
    e.replications++;
    e.patients += result.conservation.generated;
    e.nodeChecks += Object.keys(result.conservation.nodes).length;
    for (const p of problems) e.problems.push(`replication ${replication}: ${p}`);
  }

  list(): ConservationEntry[] {
    return [...this.entries.values()];
  }

  /** Adds entries recorded elsewhere (a worker thread), merging by label. */
  merge(entries: readonly ConservationEntry[]): void {
    for (const e of entries) {
      const mine = this.entries.get(e.label);
      if (mine === undefined) {
        this.entries.set(e.label, { ...e, problems: [...e.problems] });
      } else {
        mine.replications += e.replications;
        mine.patients += e.patients;
        mine.nodeChecks += e.nodeChecks;
        mine.problems.push(...e.problems);
      }
    }
  }

  clear(): void {
    this.entries.clear();
  }
}

export const conservationLog = new ConservationLog();

// ---------------------------------------------------------------------------------------------
// Statistics and the pass rule
// ---------------------------------------------------------------------------------------------

/** Family-wise error rate of the checks within one case (Bonferroni across its rows). */
export const FAMILY_ALPHA = 0.01;

export function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

export function standardError(xs: readonly number[]): number {
  if (xs.length < 2) return NaN;
  const m = mean(xs);
  let ss = 0;
  for (const x of xs) ss += (x - m) ** 2;
  return Math.sqrt(ss / (xs.length - 1) / xs.length);
}

export interface RowBase {
  readonly id: string;
  readonly checks: string;
  readonly reference: number;
  readonly source: string;
  readonly command: string;
  readonly digits: number;
  readonly note?: string;
}

export interface CompareOptions {
  /** Rows compared in this case: the per-row level is 1 − FAMILY_ALPHA / family (Bonferroni). */
  readonly family: number;
  /**
   * Standard error of the reference itself (a published simulation estimate), combined in
   * quadrature with the simulation's.
   */
  readonly referenceSe?: number;
  /** Half the last digit of a rounded reference (e.g. 0.005 for 2 decimals): added to the tolerance. */
  readonly referenceRounding?: number;
  /**
   * The 95% half-width must be below this fraction of the reference (or of `precisionScale`),
   * or the row fails as not informative: a check that would pass anything is no evidence.
   */
  readonly maxRelativeHalfWidth?: number;
  readonly precisionScale?: number;
  /** An absolute 95% half-width always accepted (for references near 0, where a relative bound is meaningless). */
  readonly precisionFloor?: number;
  /**
   * For a reference that is itself simulated in the same replications (e.g. L beside λW, or
   * Erlang loss on each replication's own offered load): its value per replication. The test is
   * then on the paired differences, and the row's reference is their mean.
   */
  readonly referenceValues?: readonly number[];
}

/**
 * A row comparing per-replication values with a reference. Pass when the reference lies within
 * t(1 − α/2m, n − 1) · SE of the mean (α = 1%, m = rows in the case), SE combining the
 * simulation's and, when given, the reference's own; plus the rounding of a rounded reference.
 */
export function compare(base: RowBase, values: readonly number[], options: CompareOptions): ValidationRow {
  const n = values.length;
  const ci = confidenceInterval(values, 0.95);
  const level = 1 - FAMILY_ALPHA / options.family;
  const t = n > 1 ? studentTQuantile(1 - (1 - level) / 2, n - 1) : Infinity;
  const paired = options.referenceValues;
  if (paired !== undefined && paired.length !== n) throw new RangeError("paired reference values must match the replications");
  const reference = paired === undefined ? base.reference : mean(paired);
  const tested = paired === undefined ? values : values.map((v, i) => v - paired[i]!);
  const se = n > 1 ? standardError(tested) : Infinity;
  const refSe = options.referenceSe ?? 0;
  const rounding = options.referenceRounding ?? 0;
  const tolerance = t * Math.sqrt(se * se + refSe * refSe) + rounding;
  const diff = Math.abs(ci.mean - reference);
  let verdict: Verdict = diff <= tolerance ? "pass" : "fail";
  let retryable = verdict === "fail";
  const levelText = `${formatLevel(level)}%`;
  const seText = paired !== undefined ? "SE of the paired differences" : refSe > 0 ? "SE of sim and reference combined" : "SE";
  const parts = [`|sim − ref| ≤ ${levelText} t·(${seText})${rounding > 0 ? ` + ${rounding} (rounding)` : ""} = ${fmt(tolerance, base.digits + 1)}`];
  let note = base.note;
  // For a paired reference, what the row measures is the difference: its interval is the one that counts.
  const testedCi = paired === undefined ? ci : confidenceInterval(tested, 0.95);
  if (paired !== undefined && testedCi.halfWidth !== null) {
    const d = `sim − ref per replication: ${fmt(testedCi.mean, base.digits + 1)}, 95% CI [${fmt(testedCi.low!, base.digits + 1)}, ${fmt(testedCi.high!, base.digits + 1)}]`;
    note = note === undefined ? d : `${note}; ${d}`;
  }
  const maxRel = options.maxRelativeHalfWidth;
  const floor = options.precisionFloor;
  if ((maxRel !== undefined || floor !== undefined) && testedCi.halfWidth !== null) {
    const scale = Math.abs(options.precisionScale ?? reference);
    const rel = scale > 0 ? testedCi.halfWidth / scale : Infinity;
    const bounds = [
      ...(maxRel !== undefined ? [`${Math.round(maxRel * 100)}% of ${options.precisionScale !== undefined ? fmt(scale, base.digits) : "ref"}`] : []),
      ...(floor !== undefined ? [String(floor)] : []),
    ];
    parts.push(`95% half-width${paired !== undefined ? " of the difference" : ""} ≤ ${bounds.join(" or ≤ ")}`);
    const ok = (maxRel !== undefined && rel <= maxRel) || (floor !== undefined && testedCi.halfWidth <= floor);
    if (!ok) {
      verdict = "fail";
      retryable = false;
      const wide = maxRel !== undefined ? `${(100 * rel).toFixed(1)}%` : fmt(testedCi.halfWidth, base.digits + 1);
      note = [note, `CI too wide to be evidence (half-width ${wide})`].filter((x) => x !== undefined).join("; ");
    }
  }
  return {
    ...base,
    reference,
    simMean: ci.mean,
    ciLow: ci.low,
    ciHigh: ci.high,
    reps: n,
    criterion: parts.join("; "),
    verdict,
    ...(note !== undefined ? { note } : {}),
    ...(retryable ? { retryable: true } : {}),
  };
}

/**
 * Runs a configuration's replications and derives its rows. A row that fails its statistical
 * test alone (not its precision bound, not an exact check) is judged again on fresh replications
 * — the next 2n replication numbers, independent of the first n — and takes that verdict; the
 * row's note gives the first result. A real discrepancy fails again (with twice the
 * replications it is, if anything, clearer); a chance excursion of the first n (the family-wise
 * 1% the rule allows) does not. Every row of the configuration is recomputed only if one fails.
 */
export function confirmed<R>(reps: number, run: (firstReplication: number, reps: number) => R, rowsOf: (results: R) => ValidationRow[]): ValidationRow[] {
  const first = rowsOf(run(0, reps));
  if (!first.some((r) => r.retryable === true)) return first;
  const again = rowsOf(run(reps, 2 * reps));
  return first.map((row, i) => {
    if (row.retryable !== true) return row;
    const fresh = again[i]!;
    const look = `first ${reps} replications: ${fmt(row.simMean, row.digits)} [${row.ciLow === null ? "—" : fmt(row.ciLow, row.digits)}, ${row.ciHigh === null ? "—" : fmt(row.ciHigh, row.digits)}] against ${fmt(row.reference, row.digits)}, outside the tolerance; judged on replications ${reps}–${3 * reps - 1} instead`;
    const { retryable: _retry, ...rest } = fresh;
    return { ...rest, note: fresh.note === undefined ? look : `${look}; ${fresh.note}` };
  });
}

/** A row for an exact check (deterministic model or an identity): equal within `tolerance`. */
export function exact(base: RowBase, value: number, reps: number, tolerance = 1e-9): ValidationRow {
  const ok = Math.abs(value - base.reference) <= tolerance * Math.max(1, Math.abs(base.reference));
  return {
    ...base,
    simMean: value,
    ciLow: null,
    ciHigh: null,
    reps,
    criterion: tolerance === 0 ? "exactly equal" : `equal to within ${tolerance} (relative, floating point)`,
    verdict: ok ? "pass" : "fail",
  };
}

/** A row reported for context, with no pass rule. */
export function info(base: RowBase, values: readonly number[], criterion: string): ValidationRow {
  const ci = confidenceInterval(values, 0.95);
  return { ...base, simMean: ci.mean, ciLow: ci.low, ciHigh: ci.high, reps: values.length, criterion, verdict: "info" };
}

function formatLevel(level: number): string {
  const pct = level * 100;
  for (let d = 0; d <= 4; d++) {
    const s = pct.toFixed(d);
    if (Math.abs(Number(s) - pct) < 1e-9) return s;
  }
  return pct.toFixed(4);
}

export function fmt(x: number, digits: number): string {
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  if (abs !== 0 && abs < 10 ** -digits) return x.toExponential(2);
  return x.toFixed(digits);
}

/** Times a case's run and wraps its rows. */
export function timed(caseId: number, title: string, reps: number, body: () => { rows: ValidationRow[]; notes: string[] }): CaseResult {
  const start = performance.now();
  const { rows, notes } = body();
  return { case: caseId, title, rows, notes, reps, seconds: (performance.now() - start) / 1000 };
}
