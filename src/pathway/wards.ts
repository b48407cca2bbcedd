/**
 * Units: acute and community wards and generic stations. A patient arriving draws its route out
 * (an outcome per segment) and its stay; takes a server (a bed) when one is free; when the stay
 * is over it is sent on while still holding the server, which it frees only when the next place
 * takes it — a medically fit patient waiting for home care stays in the acute bed (a delayed
 * discharge, NCTR), as in Ciw's Type I blocking.
 */
import { heldStretchFactor } from "./book.js";
import { Counter } from "../engine/stats.js";
import { Tally } from "../engine/tally.js";
import { REFUSED, STARTED, type Unit } from "../engine/unit.js";
import type { CompiledUnit } from "../model/compiled.js";
import type { RunContext, Router } from "./context.js";
import type { Patients } from "./patients.js";
import type { Simulation } from "../engine/simulation.js";
import { G_ACUTE, G_ADMIT, G_COMM } from "./groups.js";
import { R_ACUTE, R_COMM } from "./ledger.js";
import { EXIT_NODE } from "../model/compiled.js";
import { HOURS_PER_DAY } from "../time.js";
import { NO_HOLD } from "../engine/wait-line.js";
import { UnitMeasure, type ClassTallies } from "./classes.js";
import { S_BLOCKED, S_NONE, S_SERVICE, S_WAITING } from "./patients.js";

export class Wards {
  /** Per node index: the unit's stays (server taken → left) of patients leaving after warm-up. */
  readonly stays: (Tally | null)[] = [];
  /** Admissions to the acute unit (results period) and those of low acuity. */
  readonly admissions = new Counter();
  readonly admissionsLowAcuity = new Counter();
  /** Acute admissions counted by (route index × bands + band): no string or map work per admission. */
  admissionsByRouteBand: Float64Array;
  /** Route names, and the route index of each source. */
  readonly routes: string[] = [];
  private readonly routeOfSource: Int32Array;
  /** Bit per unit (node index mod 31) marking units a patient has visited. */
  private readonly visitBit: Int32Array;
  /** Bands counted as low acuity: the lower two fifths (bands 1–2 of 5). */
  private readonly lowAcuityBands: number;
  private readonly kUnitDone: number;
  private readonly kRenege: number;
  private readonly kReturn: number;
  private readonly classes: ClassTallies;
  /**
   * Per node index: bed-hours used by electives, booked as groups.ts books use (−clamp(start) when
   * a stay opens, +clamp(end) when it closes, open stays closed at the end), and stays still open.
   */
  private readonly electiveHours: Float64Array;
  private readonly electiveOpen: Float64Array;
  // Hot paths read the clock and the patients directly, not through the context: every extra
  // property load counts against V8's budget for inlining them into the unit's callbacks.
  private readonly sim: Simulation;
  private readonly P: Patients;

  constructor(
    private readonly ctx: RunContext,
    private readonly router: Router,
  ) {
    const model = ctx.model;
    this.sim = ctx.sim;
    this.P = ctx.p;
    this.kUnitDone = ctx.sim.on((p) => this.done(p));
    this.kRenege = ctx.sim.on((p) => this.renege(p));
    this.kReturn = ctx.sim.on((p) => this.returns(p));
    this.classes = ctx.classes;
    this.routeOfSource = Int32Array.from(model.sources, (src) => {
      let r = this.routes.indexOf(src.route);
      if (r < 0) r = this.routes.push(src.route) - 1;
      return r;
    });
    this.admissionsByRouteBand = new Float64Array(this.routes.length * model.bands);
    this.visitBit = Int32Array.from(model.nodes, (n) => 1 << (n.index % 31));
    this.electiveHours = new Float64Array(model.nodes.length);
    this.electiveOpen = new Float64Array(model.nodes.length);
    this.lowAcuityBands = Math.max(1, Math.floor((2 * model.bands) / 5));
  }

  /** Builds the engine unit of a unit node. */
  add(node: CompiledUnit): Unit {
    const ctx = this.ctx;
    const unit = ctx.net.addUnit({
      name: node.id,
      capacity: 0,
      queueCapacity: node.waitingRoom,
      discipline: node.discipline === "acuity" ? "priority" : "fifo",
      acceptHeld: node.acceptHeld,
      trackOccupancy: node.servers.kind === "fixed" && node.servers.value === Infinity,
    });
    ctx.applyCapacity(unit, node.servers);
    unit.onStart = (p) => this.start(node, unit, p);
    unit.onRequeued = (p, handle) => {
      this.P.lineHandle[p] = handle;
      ctx.enter(p, node.index, S_WAITING);
    };
    const resource = node.role === "acute" ? R_ACUTE : node.role === "community" ? R_COMM : -1;
    const groupUse = node.role === "acute" ? G_ACUTE : G_COMM;
    const stays = new Tally();
    this.stays[node.index] = stays;
    unit.onDepart = (p) => {
      this.recordStay(node.index, stays, p);
      if (this.P.elective[p] === node.index + 1) this.electiveLeaves(node.index, p);
      if (resource < 0) {
        if (ctx.tracing) ctx.trace(p, "depart", node.id);
      } else {
        ctx.groups.closeUse(p, groupUse, 1);
        ctx.closeUse(p, resource, node.id);
      }
    };
    return unit;
  }

  arrive(node: CompiledUnit, p: number, hold: number): void {
    const ctx = this.ctx;
    const P = this.P;
    const outcomes = node.outcomesBySegment[P.segment[p]!];
    if (outcomes === null || outcomes === undefined) throw this.noOutcomes(node, p);
    // A unit visited before (a return loop) draws its route and stay afresh: the same draws
    // again would send the patient round the loop for ever. First visits keep their draws.
    const bit = this.visitBit[node.index]!;
    const visited = P.unitsVisited[p]! | 0;
    if ((visited & bit) !== 0) P.visit[p] = P.visit[p]! + 1;
    else P.unitsVisited[p] = visited | bit;
    const cum = outcomes.cumulative;
    let o = 0;
    if (cum.length > 1) {
      const u = ctx.draw(p, node.outcomePurpose).double();
      while (o < cum.length - 1 && u >= cum[o]!) o++;
    }
    P.outcome[p] = o;
    const unit = ctx.units[node.index]!;
    if (ctx.warm) this.classes.unit(node.index, UnitMeasure.ARRIVALS, p, 1);
    const result = unit.arrive(p, ctx.priorityOf(p), hold);
    if (result === REFUSED) this.refused(node, p);
    else if (result !== STARTED) {
      // Held upstream (in this unit's line or blocked before it), or in the waiting room.
      if (hold !== NO_HOLD && (unit.lastHandle <= -2 || unit.acceptHeld === "server")) ctx.change(p, S_BLOCKED, node.index);
      else ctx.enter(p, node.index, S_WAITING);
      P.lineHandle[p] = unit.lastHandle;
      if (node.patience !== null) this.startPatience(node, p);
    }
  }

  /** A patient who has to wait draws its patience; if it runs out before a server is free, it leaves the line. */
  private startPatience(node: CompiledUnit, p: number): void {
    const P = this.P;
    const patience = node.patience!;
    const d = patience.bySegment[P.segment[p]!];
    if (d === null || d === undefined) return;
    let t = this.ctx.hours(p, d);
    if (patience.multiplierByBand !== null) t *= patience.multiplierByBand[P.band[p]!]!;
    if (!(t < Infinity)) return;
    P.renegeEvent[p] = this.sim.scheduleIn(t, this.kRenege, p);
    P.waitNode[p] = node.index;
  }

  /** Patience ran out: the patient leaves the line (and the unit it held upstream) for the patience's destination. */
  private renege(p: number): void {
    const ctx = this.ctx;
    const P = this.P;
    P.renegeEvent[p] = -1;
    const index = P.waitNode[p]!;
    const node = ctx.model.nodes[index] as CompiledUnit;
    const unit = ctx.units[index]!;
    if (!unit.renege(P.lineHandle[p]!)) return;
    P.lineHandle[p] = -1;
    P.state[p] = S_NONE;
    if (ctx.warm) {
      this.classes.unit(index, UnitMeasure.RENEGED, p, 1);
      this.classes.unit(index, UnitMeasure.RENEGE_WAIT_SUM, p, unit.lastRenegeWait);
    }
    if (ctx.tracing) ctx.trace(p, "renege", node.id);
    const patience = node.patience!;
    if (patience.returnAfter !== null) this.sim.postIn(ctx.hours(p, patience.returnAfter), this.kReturn, p);
    else this.leaveLine(patience.to, p);
  }

  /** A patient who left a line re-enters later. */
  private returns(p: number): void {
    const node = this.ctx.model.nodes[this.P.waitNode[p]!] as CompiledUnit;
    this.leaveLine(node.patience!.to, p);
  }

  private leaveLine(to: number, p: number): void {
    if (to === EXIT_NODE) this.router.leave(p);
    else this.router.enter(p, to, NO_HOLD);
  }

  // Cold paths in methods of their own: their bytecode would count against V8's budget for
  // inlining `arrive` and what it calls into the arrival handler.
  private refused(node: CompiledUnit, p: number): void {
    if (this.ctx.warm) this.classes.unit(node.index, UnitMeasure.REFUSED, p, 1);
    this.ctx.p.unmet[p] = 1;
    if (this.ctx.tracing) this.ctx.trace(p, "refused", node.id);
    this.router.leave(p);
  }

  /** The stretch of a stay at a unit whose stays lengthen when beds are empty (or the reference run's, when held). */
  private stretch(node: CompiledUnit, unit: Unit, p: number): number {
    const ctx = this.ctx;
    const stretch = node.losStretch!;
    if (ctx.heldStretch !== null) {
      const held = heldStretchFactor(ctx.heldStretch, ctx.heldStretchUnits, this.P.id[p]!, ctx.stretchIndex[node.index]!);
      if (!Number.isNaN(held)) return held;
    }
    const below = stretch.referencePct - (100 * unit.busy) / unit.capacity;
    const factor = below > 0 ? 1 + stretch.perPoint * below : 1;
    ctx.book?.stretched(this.P.id[p]!, node.index, factor);
    return factor;
  }

  private noOutcomes(node: CompiledUnit, p: number): Error {
    return new Error(`segment ${this.ctx.model.segments[this.ctx.p.segment[p]!]!.id} has no outcomes at ${node.id}`);
  }

  private start(node: CompiledUnit, unit: Unit, p: number): void {
    const ctx = this.ctx;
    const P = this.P;
    if (P.renegeEvent[p]! >= 0) {
      this.sim.cancel(P.renegeEvent[p]!);
      P.renegeEvent[p] = -1;
    }
    // The waits are read from the unit's fields: a double passed as an argument to a call V8 does
    // not inline is boxed (an allocation per start).
    if (ctx.warm) this.classes.served(node.index, p, unit);
    // An elective has its own stay, never multiplied or stretched, and is no emergency admission.
    const elective = P.elective[p] === node.index + 1;
    const outcomes = elective ? node.electives!.outcomes : node.outcomesBySegment[P.segment[p]!]!;
    let los = ctx.hours(p, outcomes.durations[P.outcome[p]!]!);
    if (elective) this.electiveStarts(node.index);
    else {
      if (node.losMultiplierByAcuity !== null) los *= node.losMultiplierByAcuity[P.band[p]!]!;
      if (node.losStretch !== null && unit.capacity > 0 && unit.capacity < Infinity) los *= this.stretch(node, unit, p);
    }
    if (node.role === "acute") {
      ctx.openUse(p, R_ACUTE);
      ctx.groups.openUse(p, G_ACUTE, 1);
      if (ctx.warm && !elective) {
        this.admissions.inc();
        ctx.groups.count(p, G_ADMIT);
        if (P.band[p]! < this.lowAcuityBands) this.admissionsLowAcuity.inc();
        const i = this.routeOfSource[P.source[p]!]! * ctx.model.bands + P.band[p]!;
        this.admissionsByRouteBand[i] = this.admissionsByRouteBand[i]! + 1;
      }
    } else if (node.role === "community") {
      ctx.openUse(p, R_COMM);
      ctx.groups.openUse(p, G_COMM, 1);
    }
    P.lineHandle[p] = -1;
    ctx.enter(p, node.index, S_SERVICE);
    P.unitNode[p] = node.index;
    P.prevUnitSince[p] = P.unitSince[p]!;
    P.unitSince[p] = this.sim.now;
    if (ctx.tracing) ctx.trace(p, "start", node.id);
    this.sim.postIn(los, this.kUnitDone, p);
  }

  /**
   * A census patient in a bed of this unit for `hoursAtNode` so far: in service with outcome
   * `outcome` and `remainingHours` to go, or held after its service (remainingHours NaN; the
   * census loader then sends it on).
   */
  resume(node: CompiledUnit, p: number, outcome: number, remainingHours: number, hoursAtNode: number): void {
    const ctx = this.ctx;
    const P = this.P;
    ctx.units[node.index]!.occupy();
    P.unitsVisited[p] = P.unitsVisited[p]! | this.visitBit[node.index]!;
    if (outcome >= 0) P.outcome[p] = outcome;
    if (node.role === "acute") {
      ctx.openUse(p, R_ACUTE);
      ctx.groups.openUse(p, G_ACUTE, 1);
    } else if (node.role === "community") {
      ctx.openUse(p, R_COMM);
      ctx.groups.openUse(p, G_COMM, 1);
    }
    ctx.enter(p, node.index, S_SERVICE);
    P.unitNode[p] = node.index;
    P.unitSince[p] = this.sim.now - hoursAtNode;
    P.prevUnitSince[p] = P.unitSince[p]!;
    if (!Number.isNaN(remainingHours)) this.sim.postIn(remainingHours, this.kUnitDone, p);
  }

  /**
   * A patient leaves unit `index`: records its stay there (server taken → left, blocked time
   * included) if it leaves in the results period. When the patient has already started at the
   * next unit (blocking after service), its start here is the one before.
   */
  private recordStay(index: number, stays: Tally, p: number): void {
    if (!this.ctx.warm) return;
    const P = this.P;
    const since = P.unitNode[p] === index ? P.unitSince[p]! : P.prevUnitSince[p]!;
    stays.record(this.sim.now - since);
    this.classes.x = this.sim.now - since;
    this.classes.departed(index, p);
  }

  /** The stay is over: on to the outcome's destination, still holding the server. */
  private done(p: number): void {
    const ctx = this.ctx;
    const P = this.P;
    const nodeIndex = P.unitNode[p]!;
    const node = ctx.model.nodes[nodeIndex] as CompiledUnit;
    const outcomes = P.elective[p] === nodeIndex + 1 ? node.electives!.outcomes : node.outcomesBySegment[P.segment[p]!]!;
    const to = outcomes.to[P.outcome[p]!]!;
    const unit = ctx.units[nodeIndex]!;
    if (ctx.tracing) ctx.trace(p, "ready", node.id);
    this.router.enter(p, to, unit.id);
  }

  /**
   * An elective booking takes a bed at `node`: it draws where it goes after its stay, and starts at
   * once (the caller has checked that a bed is free beyond the reserve) — or, in a run holding
   * electives at a reference's fates, waits in the unit's line for the next bed, behind every
   * emergency of higher acuity.
   */
  admitElective(node: CompiledUnit, p: number): void {
    const ctx = this.ctx;
    const P = this.P;
    const electives = node.electives!;
    P.elective[p] = node.index + 1;
    P.unitsVisited[p] = this.visitBit[node.index]!;
    const cum = electives.outcomes.cumulative;
    let o = 0;
    if (cum.length > 1) {
      const u = ctx.draw(p, electives.outcomePurpose).double();
      while (o < cum.length - 1 && u >= cum[o]!) o++;
    }
    P.outcome[p] = o;
    if (ctx.warm) this.classes.unit(node.index, UnitMeasure.ARRIVALS, p, 1);
    if (ctx.tracing) ctx.trace(p, "elective", node.id);
    const unit = ctx.units[node.index]!;
    const result = unit.arrive(p, ctx.priorityOf(p), NO_HOLD);
    if (result === REFUSED) this.refused(node, p);
    else if (result !== STARTED) P.lineHandle[p] = unit.lastHandle;
  }

  private electiveStarts(index: number): void {
    this.electiveHours[index] = this.electiveHours[index]! - this.clamp(this.sim.now);
    this.electiveOpen[index] = this.electiveOpen[index]! + 1;
  }

  /** An elective leaves its bed; back at this unit later, it would be an emergency like any other. */
  private electiveLeaves(index: number, p: number): void {
    this.electiveHours[index] = this.electiveHours[index]! + this.clamp(this.sim.now);
    this.electiveOpen[index] = this.electiveOpen[index]! - 1;
    this.P.elective[p] = 0;
  }

  private clamp(t: number): number {
    const { tWarm, tEnd } = this.ctx;
    return t < tWarm ? tWarm : t > tEnd ? tEnd : t;
  }

  /** Bed-days used by electives at unit `index` in the results period up to `now`. */
  electiveBedDays(index: number, now: number): number {
    return (this.electiveHours[index]! + this.electiveOpen[index]! * this.clamp(now)) / HOURS_PER_DAY;
  }

  /** Restarts the service's statistics (end of warm-up). */
  resetStats(): void {
    const now = this.ctx.sim.now;
    this.admissions.reset(now);
    this.admissionsLowAcuity.reset(now);
    this.admissionsByRouteBand.fill(0);
    this.classes.reset();
  }
}
