/**
 * Results by class: per-patient sums for every unit and for the whole system, split by segment
 * and by acuity band (and for everyone), so that the waits of high- and low-priority patients can
 * be read without the event log. Kept in one Float64Array per unit, indexed by measure × class:
 * recording is two additions (segment and band; everyone's sums are the segments' added up at the
 * end), no allocation. Only patients whose measured step ends in the
 * results period are recorded (the caller checks `ctx.warm`).
 *
 * Classes: 0 … S−1 the segments (model order), S … S+B−1 the acuity bands, S+B everyone.
 */
import type { CompiledModel } from "../model/compiled.js";
import type { Patients } from "./patients.js";
import type { Unit } from "../engine/unit.js";

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
  /** Arrivals turned away (the waiting room was full). */
  REFUSED,
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

  /**
   * The doubles of the next `departed` or `exited` call, set by the caller just before it: a double
   * passed as an argument to a call V8 does not inline crosses it boxed (an allocation per patient);
   * a field holds it in place.
   */
  x = 0;
  y = 0;

  /** Adds `value` to measure `m` of unit `node` for patient p's segment and band (cold paths). */
  unit(node: number, m: UnitMeasure, p: number, value: number): void {
    const a = this.units[node]!;
    const base = m * this.classes;
    const s = base + this.P.segment[p]!;
    const b = base + this.bandBase + this.P.band[p]!;
    a[s] = a[s]! + value;
    a[b] = a[b]! + value;
  }

  // The three hot records below are written out, class by class, for speed rather than reading.

  /** Patient p took a server at `unit` (node index `node`): its waits are the unit's `lastWait` and `lastLineWait`. */
  served(node: number, p: number, unit: Unit): void {
    const a = this.units[node]!;
    const k = this.classes;
    const s = this.P.segment[p]!;
    const b = this.bandBase + this.P.band[p]!;
    const waited = unit.lastWait;
    const lineWait = unit.lastLineWait;
    const once = waited > 0 ? 1 : 0;
    let o = UnitMeasure.SERVED * k;
    a[o + s]! += 1;
    a[o + b]! += 1;
    o = UnitMeasure.WAIT_SUM * k;
    a[o + s]! += waited;
    a[o + b]! += waited;
    o = UnitMeasure.LINE_WAIT_SUM * k;
    a[o + s]! += lineWait;
    a[o + b]! += lineWait;
    o = UnitMeasure.WAITED * k;
    a[o + s]! += once;
    a[o + b]! += once;
  }

  /** Patient p left a server at unit `node` after a stay of `x`. */
  departed(node: number, p: number): void {
    const a = this.units[node]!;
    const k = this.classes;
    const s = this.P.segment[p]!;
    const b = this.bandBase + this.P.band[p]!;
    const stay = this.x;
    let o = UnitMeasure.DEPARTED * k;
    a[o + s]! += 1;
    a[o + b]! += 1;
    o = UnitMeasure.STAY_SUM * k;
    a[o + s]! += stay;
    a[o + b]! += stay;
  }

  /** Patient p left the model after `x` in it, `y` of it blocked. */
  exited(p: number): void {
    const a = this.system;
    const k = this.classes;
    const s = this.P.segment[p]!;
    const b = this.bandBase + this.P.band[p]!;
    const time = this.x;
    const blocked = this.y;
    let o = SystemMeasure.EXITS * k;
    a[o + s]! += 1;
    a[o + b]! += 1;
    o = SystemMeasure.TIME_SUM * k;
    a[o + s]! += time;
    a[o + b]! += time;
    o = SystemMeasure.BLOCKED_SUM * k;
    a[o + s]! += blocked;
    a[o + b]! += blocked;
  }

  /** The sum of measure m for class c of the sums `a` (a unit's or the system's); everyone's is the sum over the segments. */
  sum(a: Float64Array, m: number, c: number): number {
    const base = m * this.classes;
    if (c !== this.all) return a[base + c]!;
    let total = 0;
    for (let seg = 0; seg < this.bandBase; seg++) total += a[base + seg]!;
    return total;
  }

  /** Restarts every sum (end of warm-up). */
  reset(): void {
    for (const a of this.units) a?.fill(0);
    this.system.fill(0);
  }
}
