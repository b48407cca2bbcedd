/**
 * Results by class: per-patient sums for every unit and for the whole system, split by segment
 * and by acuity band (and for everyone), so that the waits of high- and low-priority patients can
 * be read without the event log. Kept in one Float64Array per unit, indexed by measure × class:
 * recording is three additions, no allocation. Only patients whose measured step ends in the
 * results period are recorded (the caller checks `ctx.warm`).
 *
 * Classes: 0 … S−1 the segments (model order), S … S+B−1 the acuity bands, S+B everyone.
 */
import type { CompiledModel } from "../model/compiled.js";
import type { Patients } from "./patients.js";

/** Sums kept per unit and class (see UNIT_CLASS_KPIS in kpis.ts for what is reported from them). */
export const enum UnitMeasure {
  ARRIVALS = 0,
  /** Patients who took a server, and the sums of their two waits. */
  SERVED,
  WAIT_SUM,
  WAITED,
  LINE_WAIT_SUM,
  /** Patients who left the line (reneged), and the sum of their waits. */
  RENEGED,
  RENEGE_WAIT_SUM,
  /** Patients who left a server here, and the sums of their stays and of their blocked time here. */
  DEPARTED,
  STAY_SUM,
  BLOCKED_SUM,
  COUNT,
}

export const enum SystemMeasure {
  /** Patients who left the model (not diverted at the door), their time in it and their blocked time. */
  EXITS = 0,
  TIME_SUM,
  BLOCKED_SUM,
  COUNT,
}

export class ClassTallies {
  /** Number of classes, everyone included. */
  readonly classes: number;
  private readonly bandBase: number;
  private readonly all: number;
  /** Per node index (null where the node is not a unit). */
  readonly units: (Float64Array | null)[];
  readonly system: Float64Array;

  constructor(
    model: CompiledModel,
    private readonly P: Patients,
  ) {
    this.bandBase = model.segments.length;
    this.all = model.segments.length + model.bands;
    this.classes = this.all + 1;
    this.units = model.nodes.map((n) => (n.kind === "unit" ? new Float64Array(UnitMeasure.COUNT * this.classes) : null));
    this.system = new Float64Array(SystemMeasure.COUNT * this.classes);
  }

  /** Adds `value` to measure `m` of unit `node` for patient p's segment, band and everyone. */
  unit(node: number, m: UnitMeasure, p: number, value: number): void {
    this.add(this.units[node]!, m, p, value);
  }

  systemAdd(m: SystemMeasure, p: number, value: number): void {
    this.add(this.system, m, p, value);
  }

  private add(a: Float64Array, m: number, p: number, value: number): void {
    const base = m * this.classes;
    const s = base + this.P.segment[p]!;
    const b = base + this.bandBase + this.P.band[p]!;
    const all = base + this.all;
    a[s] = a[s]! + value;
    a[b] = a[b]! + value;
    a[all] = a[all]! + value;
  }

  /** The sum of measure m for class c. */
  static get(a: Float64Array, classes: number, m: number, c: number): number {
    return a[m * classes + c]!;
  }

  /** Restarts every sum (end of warm-up). */
  reset(): void {
    for (const a of this.units) a?.fill(0);
    this.system.fill(0);
  }
}
