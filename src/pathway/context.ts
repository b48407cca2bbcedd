/**
 * What every service of one replication shares: the clock and calendar, the engine network, the
 * patients, the results period, the per-patient random numbers and use accounting, and tracing.
 * Services (ambulance.ts, ed.ts, wards.ts, …) hold one RunContext and a Router (run.ts) to send
 * patients on.
 */
import type { HoursPool } from "../engine/hours-pool.js";
import { Network } from "../engine/network.js";
import { Simulation } from "../engine/simulation.js";
import type { Unit } from "../engine/unit.js";
import { KeyedStream } from "../random/keyed-stream.js";
import type { RandomStream } from "../random/streams.js";
import type { CompiledCapacity, CompiledModel, Duration } from "../model/compiled.js";
import { HOURS_PER_DAY, HOURS_PER_WEEK } from "../time.js";
import { DecisionCells } from "./decision-bands.js";
import { GroupCounters } from "./groups.js";
import { LedgerBuilder, NR, R_ACUTE, R_COMM, R_HC } from "./ledger.js";
import { Patients } from "./patients.js";
import { ClassTallies } from "./classes.js";
import type { BehaviourBook, DecisionSink, EventSink } from "../types.js";
export type { EventSink } from "../types.js";
import { BookBuilder, stretchIndexOf } from "./book.js";


/** Where services send patients: into a node (or out), and out of the system. */
export interface Router {
  /** Sends a patient to a node (EXIT_NODE: out); `hold` is the engine unit it still occupies, if any. */
  enter(p: number, nodeIndex: number, hold: number): void;
  /** The patient leaves the system. */
  leave(p: number): void;
}

export interface RunPeriod {
  readonly seed: number;
  readonly replication: number;
  /** Results period, days. */
  readonly days: number;
  /** Warm-up, days. */
  readonly warmupDays: number;
  /** Each ED decision of the results period (--episodes); none when absent. */
  readonly onDecision?: DecisionSink | undefined;
}

export class RunContext {
  readonly sim = new Simulation(4096);
  readonly net: Network;
  readonly p = new Patients();
  /** Per-patient results by segment and acuity band (kpi_by_class.csv). */
  readonly classes: ClassTallies;
  private readonly ks = new KeyedStream();
  readonly seed: number;
  readonly replication: number;
  /** End of the warm-up and of the run, hours. */
  readonly tWarm: number;
  readonly tEnd: number;
  /** Whole days in the results period (the length of each daily series). */
  readonly days: number;
  readonly ledger: LedgerBuilder | null;
  /** Whether patient-level events are wanted: checked before each trace call, so logging off costs a branch, not a call. */
  readonly tracing: boolean;
  private readonly onEvent: EventSink | undefined;
  /** Each ED decision of the results period, for --episodes (null: not wanted). */
  readonly onDecision: DecisionSink | null;
  /** True once the warm-up has ended. */
  warm = false;
  /** Engine unit per node index (null for pools and placements). */
  readonly units: (Unit | null)[] = [];
  /** Hours pool per node index (null for everything else). */
  readonly pools: (HoursPool | null)[] = [];
  /** Per engine unit id: the accounted resource (R_*) it is, or -1. */
  readonly resourceOfUnit: number[] = [];
  /** Records each patient's behaviour (admission decisions, stretch factors) for counterfactual runs; null when not wanted. */
  readonly book: BookBuilder | null;
  /** The reference run's behaviour, held for common patients: admission decisions and/or LOS stretch. */
  readonly heldDecisions: Uint8Array | null;
  readonly heldStretch: Float32Array | null;
  readonly heldStretchUnits: number;
  /** The reference run's elective fates per node index, when electives are held; null otherwise. */
  readonly heldElectives: readonly (Int16Array | null)[] | null;
  /** Per node index: its place among the units that stretch stays (for the books), or -1. */
  readonly stretchIndex: Int32Array;
  /** Results by patient group (segments.csv): counts and use per (segment, route). */
  readonly groups: GroupCounters;
  /** ED decisions and admissions by acuity band × pressure band (admission_decisions.csv), results period, every ED. */
  readonly decisionCells: DecisionCells;

  constructor(
    readonly model: CompiledModel,
    period: RunPeriod,
    ledger: boolean,
    onEvent: EventSink | undefined,
    behaviour: { readonly record?: boolean; readonly hold?: BehaviourBook | undefined; readonly holdDecisions?: boolean; readonly holdStretch?: boolean; readonly holdElectives?: boolean } = {},
  ) {
    this.seed = period.seed;
    this.replication = period.replication;
    this.days = Math.ceil(period.days);
    this.tWarm = period.warmupDays * HOURS_PER_DAY;
    this.tEnd = (period.warmupDays + period.days) * HOURS_PER_DAY;
    this.ledger = ledger ? new LedgerBuilder() : null;
    this.onEvent = onEvent;
    this.tracing = onEvent !== undefined;
    this.onDecision = period.onDecision ?? null;
    this.net = new Network(this.sim);
    this.book = behaviour.record === true ? new BookBuilder(model) : null;
    this.heldDecisions = behaviour.holdDecisions === true ? (behaviour.hold?.decisions ?? null) : null;
    this.heldStretch = behaviour.holdStretch === true ? (behaviour.hold?.stretch ?? null) : null;
    this.heldStretchUnits = behaviour.hold?.stretchUnits ?? 0;
    this.heldElectives = behaviour.holdElectives === true ? (behaviour.hold?.electives ?? []) : null;
    this.stretchIndex = this.book?.stretchIndex ?? stretchIndexOf(model);
    this.groups = new GroupCounters(model, this.sim, this.p, this.tWarm, this.tEnd);
    this.decisionCells = new DecisionCells(model.bands);
    this.classes = new ClassTallies(model, this.p);
  }

  /**
   * The reference run's admission decision for patient p if held (1 admit, 0 not), or -1: the
   * patient decides by the rule (decisions not held, a patient the reference never saw decide).
   */
  heldDecision(p: number): number {
    const held = this.heldDecisions;
    if (held === null) return -1;
    const id = this.p.id[p]!;
    const v = id >= 0 && id < held.length ? held[id]! : 0;
    return v === 0 ? -1 : v - 1;
  }

  /** The patient is held at a unit it has finished with (engine unit `hold`), waiting for the next place. */
  beginBlock(p: number, hold: number): void {
    const r = this.resourceOfUnit[hold] ?? -1;
    if (r >= 0) this.p.blockStart[p * NR + r] = this.sim.now;
  }

  /** Ends patient p's blocked hold of resource r at `until`, adding the part in the results period. */
  endBlock(p: number, r: number, until: number): void {
    const i = p * NR + r;
    const since = this.p.blockStart[i]!;
    if (since < 0) return;
    this.p.blockStart[i] = -1;
    const hours = this.inPeriod(since, until);
    this.p.blockAmount[i] = this.p.blockAmount[i]! + (r === R_ACUTE || r === R_COMM ? hours / HOURS_PER_DAY : hours);
  }

  /** Sets a unit's capacity, fixed or following its weekly calendar. */
  applyCapacity(target: Unit, capacity: CompiledCapacity): void {
    if (capacity.kind === "fixed") target.setCapacity(capacity.value);
    else this.net.followCalendar(target, capacity.calendar);
  }

  /** Draws from a patient's own stream for one purpose. */
  draw(p: number, purpose: number): RandomStream {
    // A patient who re-enters after deteriorating draws afresh on each visit.
    return this.ks.reset(this.p.keyHi[p]!, this.p.keyLo[p]!, purpose ^ Math.imul(this.p.visit[p]!, 0x9e3779b9));
  }

  /** A patient's draw of a duration, in hours. */
  hours(p: number, d: Duration): number {
    return d.sampler.sample(this.draw(p, d.purpose)) * d.toHours;
  }

  /** The part of [from, to] inside the results period. */
  inPeriod(from: number, to: number): number {
    const a = from > this.tWarm ? from : this.tWarm;
    const b = to < this.tEnd ? to : this.tEnd;
    return b > a ? b - a : 0;
  }

  // Per-patient use is needed only for the ledger: without one these are no-ops.
  openUse(p: number, r: number): void {
    if (this.ledger !== null) this.p.useStart[p * NR + r] = this.sim.now;
  }

  /**
   * Adds `hours` of use of resource r by patient p, in the resource's unit: hours for crews and
   * cubicles, bed-days for beds, care hours (package hours per week × weeks) for home care.
   */
  addUse(p: number, r: number, hours: number): void {
    const amount = r === R_ACUTE || r === R_COMM ? hours / HOURS_PER_DAY : r === R_HC ? (this.p.packageHours[p]! * hours) / HOURS_PER_WEEK : hours;
    const i = p * NR + r;
    this.p.useAmount[i] = this.p.useAmount[i]! + amount;
  }

  /** Ends patient p's current use of resource r (and traces its departure from `node`). */
  closeUse(p: number, r: number, node: string): void {
    const i = p * NR + r;
    const start = this.p.useStart;
    if (this.ledger !== null && start[i]! >= 0) {
      this.addUse(p, r, this.inPeriod(start[i]!, this.sim.now));
      start[i] = -1;
      this.endBlock(p, r, this.sim.now);
    }
    if (this.tracing) this.trace(p, "depart", node);
  }

  trace(p: number, event: string, node: string): void {
    if (this.onEvent !== undefined) this.onEvent(this.sim.now, this.p.id[p]!, event, node);
  }

  /** Patient p takes a place at `node` in `state` (in line, in service, on a package) now. */
  enter(p: number, node: number, state: number): void {
    const P = this.p;
    P.where[p] = node;
    P.state[p] = state;
    P.stateSince[p] = this.sim.now;
    P.placeSince[p] = this.sim.now;
    P.nextNode[p] = -1;
  }

  /** Patient p, at the same node, changes state now (blocked: waiting for `next`; on the next package phase). */
  change(p: number, state: number, next: number): void {
    const P = this.p;
    P.state[p] = state;
    P.stateSince[p] = this.sim.now;
    P.nextNode[p] = next;
  }

  /** Waiting-line priority of a patient: the most acute first. */
  priorityOf(p: number): number {
    return this.model.bands - 1 - this.p.band[p]!;
  }

  /** Records a patient's exit in the ledger (results period only). */
  ledgerExit(p: number): void {
    const P = this.p;
    // Before the results period only those whose demand went unmet or who waited for care: the
    // other run may serve them, or start their package, so that it reaches into the period.
    if (this.ledger !== null && (this.warm || P.unmet[p] === 1 || P.waitedForCare[p] === 1)) this.ledger.push(P, p, false);
  }
}

