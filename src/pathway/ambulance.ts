/**
 * The ambulance service: a 999 call queues for a vehicle by category (C1–C4 from acuity); hear &
 * treat ends some calls on the phone; a crew travels to the scene, treats some there (see &
 * treat) and conveys the rest to the ED, where it waits to hand over until the ED can take the
 * patient (or until the handover cap releases it), then clears. Callers still waiting may
 * deteriorate (one band more acute) or give up.
 */
import { STARTED, type Unit } from "../engine/unit.js";
import { NO_HOLD } from "../engine/wait-line.js";
import { Tally } from "../engine/tally.js";
import { purposeId } from "../random/keyed-stream.js";
import type { CompiledAmbulance } from "../model/compiled.js";
import type { RunContext, Router } from "./context.js";
import { G_CONVEY } from "./groups.js";
import { NR, R_AMB } from "./ledger.js";
import { MINUTES_PER_HOUR } from "../time.js";
import { S_SERVICE, S_WAITING } from "./patients.js";

const PURPOSE_SEE_TREAT = purposeId("ambulance/see-and-treat");
const PURPOSE_HEAR_TREAT = purposeId("ambulance/hear-and-treat");

export class AmbulanceService {
  readonly fleet: Unit;
  /** Response times (call to arrival at scene), minutes, per category C1..C4. */
  readonly responseByCat: Tally[] = [0, 1, 2, 3].map(() => new Tally([0.9]));
  /** Handover times (arrival at hospital to handover complete), minutes; thresholds for 15 and 60. */
  readonly handover = new Tally([0.9], { thresholds: [15, 60] });
  private readonly kAtScene: number;
  private readonly kAbandon: number;
  private readonly kCallerWorse: number;
  private readonly kLeaveScene: number;
  private readonly kAtHospital: number;
  private readonly kHandoverCap: number;
  private readonly kCrewClear: number;

  constructor(
    private readonly ctx: RunContext,
    private readonly router: Router,
    readonly node: CompiledAmbulance,
  ) {
    const sim = ctx.sim;
    this.kAtScene = sim.on((p) => this.atScene(p));
    this.kAbandon = sim.on((p) => this.abandon(p));
    this.kCallerWorse = sim.on((p) => this.callerWorse(p));
    this.kLeaveScene = sim.on((p) => this.leaveScene(p));
    this.kAtHospital = sim.on((p) => this.atHospital(p));
    this.kHandoverCap = sim.on((p) => this.handoverCap(p));
    this.kCrewClear = sim.on(() => this.fleet.release(-1));
    const fleet = ctx.net.addUnit({ name: node.id, capacity: 0, discipline: "priority" });
    ctx.applyCapacity(fleet, node.vehicles);
    fleet.onStart = (p) => this.vehicleAssigned(p);
    fleet.onHandOver = (p) => this.crewHandover(p);
    fleet.onDepart = (p) => {
      if (p >= 0) ctx.closeUse(p, R_AMB, node.id);
    };
    this.fleet = fleet;
  }

  /** A 999 call: hear & treat, or a place in the queue for a vehicle. */
  call(p: number, hold: number): void {
    const { ctx, node } = this;
    if (hold !== NO_HOLD) ctx.net.units[hold]!.release(p);
    const cat = node.categoryByBand[ctx.p.band[p]!]!;
    if (ctx.draw(p, PURPOSE_HEAR_TREAT).double() < node.hearAndTreat[cat]!) {
      if (ctx.tracing) ctx.trace(p, "hear-and-treat", node.id);
      this.router.leave(p);
      return;
    }
    ctx.p.tCall[p] = ctx.sim.now;
    this.queue(p);
  }

  /** A call past hear & treat asks for a vehicle (a census's waiting call starts here). */
  queue(p: number): void {
    const { ctx, node } = this;
    const cat = node.categoryByBand[ctx.p.band[p]!]!;
    const fleet = this.fleet;
    if (fleet.arrive(p, cat) !== STARTED) {
      ctx.enter(p, node.index, S_WAITING);
      ctx.p.lineHandle[p] = fleet.lastHandle;
      const draw = node.abandonAfterDraw[cat];
      const patience = draw === null || draw === undefined ? node.abandonAfterHours[cat]! : ctx.hours(p, draw);
      if (patience < Infinity) ctx.p.capEvent[p] = ctx.sim.scheduleIn(patience, this.kAbandon, p);
      if (node.deteriorationAfterHours < Infinity) ctx.p.worseEvent[p] = ctx.sim.scheduleIn(node.deteriorationAfterHours, this.kCallerWorse, p);
    }
  }

  /** A caller still waiting for a vehicle deteriorates: one band more acute, re-queued by its new category. */
  private callerWorse(p: number): void {
    const { ctx, node } = this;
    const P = ctx.p;
    P.worseEvent[p] = -1;
    const top = ctx.model.bands - 1;
    if (P.band[p]! < top) {
      const cat = node.categoryByBand[P.band[p]! + 1]!;
      // Re-queue with the new category, keeping the time of the call (line order within a category).
      const handle = this.fleet.reprioritise(P.lineHandle[p]!, cat);
      if (handle < 0) return;
      P.lineHandle[p] = handle;
      P.band[p] = P.band[p]! + 1;
      if (ctx.tracing) ctx.trace(p, "deteriorate", node.id);
    }
    if (P.band[p]! < top) P.worseEvent[p] = ctx.sim.scheduleIn(node.deteriorationAfterHours, this.kCallerWorse, p);
  }

  /** A caller still waiting for a vehicle gives up: makes their own way to the ED, or leaves. */
  private abandon(p: number): void {
    const { ctx, node } = this;
    const P = ctx.p;
    P.capEvent[p] = -1;
    if (!this.fleet.renege(P.lineHandle[p]!)) return;
    if (P.worseEvent[p]! >= 0) {
      ctx.sim.cancel(P.worseEvent[p]!);
      P.worseEvent[p] = -1;
    }
    P.lineHandle[p] = -1;
    if (ctx.tracing) ctx.trace(p, "abandon", node.id);
    P.unmet[p] = 1;
    if (ctx.draw(p, node.abandonPurpose).double() < node.abandonToEd) this.router.enter(p, node.to, NO_HOLD);
    else this.router.leave(p);
  }

  private vehicleAssigned(p: number): void {
    const ctx = this.ctx;
    const P = ctx.p;
    if (P.capEvent[p]! >= 0) {
      ctx.sim.cancel(P.capEvent[p]!);
      P.capEvent[p] = -1;
    }
    if (P.worseEvent[p]! >= 0) {
      ctx.sim.cancel(P.worseEvent[p]!);
      P.worseEvent[p] = -1;
    }
    P.lineHandle[p] = -1;
    ctx.enter(p, this.node.index, S_SERVICE);
    ctx.openUse(p, R_AMB);
    ctx.sim.postIn(ctx.hours(p, this.node.travelToScene), this.kAtScene, p);
  }

  /**
   * A census patient with a crew: held at the ED waiting to hand over (`held`), or on a job, which
   * starts again from the journey to the scene (a job lasts an hour or two: the warm-up absorbs
   * the difference).
   */
  resume(p: number, held: boolean): void {
    this.fleet.occupy();
    if (!held) {
      this.vehicleAssigned(p);
      return;
    }
    this.ctx.enter(p, this.node.index, S_SERVICE);
    this.ctx.openUse(p, R_AMB);
  }

  private atScene(p: number): void {
    const ctx = this.ctx;
    const cat = this.node.categoryByBand[ctx.p.band[p]!]!;
    if (ctx.p.tCall[p]! >= ctx.tWarm) this.responseByCat[cat]!.record((ctx.sim.now - ctx.p.tCall[p]!) * MINUTES_PER_HOUR);
    ctx.sim.postIn(ctx.hours(p, this.node.onScene), this.kLeaveScene, p);
  }

  private leaveScene(p: number): void {
    const { ctx, node } = this;
    const cat = node.categoryByBand[ctx.p.band[p]!]!;
    if (ctx.draw(p, PURPOSE_SEE_TREAT).double() < node.seeAndTreat[cat]!) {
      if (ctx.tracing) ctx.trace(p, "see-and-treat", node.id);
      this.fleet.release(p);
      this.router.leave(p);
      return;
    }
    ctx.sim.postIn(ctx.hours(p, node.travelToHospital), this.kAtHospital, p);
  }

  private atHospital(p: number): void {
    this.ctx.p.tHospital[p] = this.ctx.sim.now;
    if (this.ctx.sim.now >= this.ctx.tWarm) this.ctx.groups.count(p, G_CONVEY);
    this.router.enter(p, this.node.to, this.fleet.id);
  }

  /** Schedules the handover cap for a patient now waiting at the ED with this crew. */
  startHandoverClock(p: number): void {
    const cap = this.node.handoverCapHours;
    if (cap < Infinity) this.ctx.p.capEvent[p] = this.ctx.sim.scheduleIn(cap, this.kHandoverCap, p);
  }

  private handoverCap(p: number): void {
    const ctx = this.ctx;
    ctx.p.capEvent[p] = -1;
    const ed = ctx.units[this.node.to]!;
    const handle = ed.releaseHold(ctx.p.lineHandle[p]!);
    if (handle >= 0) {
      ctx.p.lineHandle[p] = handle;
      ctx.enter(p, this.node.to, S_WAITING);
      if (ctx.tracing) ctx.trace(p, "handover-cap", ed.name);
    }
  }

  /** The ED has accepted the patient (or the cap released the crew): handover, then turnaround. */
  private crewHandover(p: number): void {
    const { ctx, node } = this;
    const P = ctx.p;
    const handoverH = ctx.hours(p, node.handover);
    const clearH = ctx.hours(p, node.clear);
    const waitedH = ctx.sim.now - P.tHospital[p]!;
    if (P.tHospital[p]! >= ctx.tWarm) {
      this.handover.record((waitedH + handoverH) * MINUTES_PER_HOUR);
    }
    // The crew's use ends when it clears; account it now (the patient may leave first).
    const endH = ctx.sim.now + handoverH + clearH;
    if (ctx.ledger !== null) {
      ctx.addUse(p, R_AMB, ctx.inPeriod(P.useStart[p * NR + R_AMB]!, endH));
      P.useStart[p * NR + R_AMB] = -1;
      ctx.endBlock(p, R_AMB, ctx.sim.now);
    }
    ctx.sim.post(endH, this.kCrewClear, node.index);
  }

  /** Restarts the service's statistics (end of warm-up). */
  resetStats(): void {
    for (const t of this.responseByCat) t.reset();
    this.handover.reset();
  }
}
