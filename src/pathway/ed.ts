/**
 * The emergency department: patients take a cubicle by acuity (an ambulance crew waits to hand
 * over while none is free), are assessed, and meet the admission decision (admission.ts). An
 * admitted patient keeps the cubicle until the admitting unit takes them (boarding, exit block);
 * a discharged one leaves it at once.
 */
import { Counter } from "../engine/stats.js";
import { Tally } from "../engine/tally.js";
import { STARTED, type Unit } from "../engine/unit.js";
import { NO_HOLD } from "../engine/wait-line.js";
import { EXIT_NODE, type CompiledEd } from "../model/compiled.js";
import { admitProbability, pressureBand, pressurePct, PRESSURE_BANDS } from "./admission.js";
import type { AmbulanceService } from "./ambulance.js";
import type { RunContext, Router } from "./context.js";
import { R_ED } from "./ledger.js";
import { S_BLOCKED, S_SERVICE, S_WAITING } from "./patients.js";

export class EdService {
  readonly cubicles: Unit;
  /** Time from arrival to leaving the ED, hours; thresholds for the 4- and 12-hour standards. */
  readonly stay = new Tally([], { thresholds: [4, 12] });
  readonly attendances = new Counter();
  /** ED decisions and admissions per pressure band (PRESSURE_BANDS order), results period only. */
  readonly decisions = new Float64Array(PRESSURE_BANDS.length);
  readonly admitted = new Float64Array(PRESSURE_BANDS.length);
  private readonly kAssessed: number;

  constructor(
    private readonly ctx: RunContext,
    private readonly router: Router,
    readonly node: CompiledEd,
    /** Ambulance services whose crews may wait here to hand over (for the handover cap). */
    private readonly ambulances: readonly AmbulanceService[],
  ) {
    this.kAssessed = ctx.sim.on((p) => this.assessed(p));
    const unit = ctx.net.addUnit({ name: node.id, capacity: 0, discipline: "priority", acceptHeld: "server" });
    ctx.applyCapacity(unit, node.cubicles);
    unit.onStart = (p) => this.start(p);
    unit.onDepart = (p) => this.depart(p);
    this.cubicles = unit;
  }

  arrive(p: number, hold: number): void {
    const ctx = this.ctx;
    const P = ctx.p;
    const ed = this.cubicles;
    P.tEd[p] = ctx.sim.now;
    if (ctx.sim.now >= ctx.tWarm) this.attendances.inc();
    const outcome = ed.arrive(p, ctx.priorityOf(p), hold);
    if (outcome !== STARTED) {
      if (hold !== NO_HOLD) {
        ctx.change(p, S_BLOCKED, this.node.index);
        P.lineHandle[p] = ed.lastHandle;
        for (const amb of this.ambulances) if (amb.fleet.id === hold) amb.startHandoverClock(p);
      } else ctx.enter(p, this.node.index, S_WAITING);
    }
  }

  private start(p: number): void {
    const { ctx, node } = this;
    const P = ctx.p;
    if (P.capEvent[p]! >= 0) {
      ctx.sim.cancel(P.capEvent[p]!);
      P.capEvent[p] = -1;
    }
    P.lineHandle[p] = -1;
    ctx.enter(p, node.index, S_SERVICE);
    ctx.openUse(p, R_ED);
    const mult = node.assessmentMultiplierByAcuity?.[P.band[p]!] ?? 1;
    ctx.sim.postIn(ctx.hours(p, node.assessment) * mult, this.kAssessed, p);
  }

  /** A census patient in a cubicle: in assessment for `remainingHours` more, or admitted and boarding (`held`). */
  resume(p: number, remainingHours: number, held: boolean): void {
    const ctx = this.ctx;
    this.cubicles.occupy();
    ctx.p.tEd[p] = ctx.sim.now;
    ctx.enter(p, this.node.index, S_SERVICE);
    ctx.openUse(p, R_ED);
    if (held) {
      ctx.p.admitted[p] = 1;
      ctx.p.decided[p] = 1;
    } else ctx.sim.postIn(remainingHours, this.kAssessed, p);
  }

  private assessed(p: number): void {
    const { ctx, node } = this;
    const P = ctx.p;
    const pressure = pressurePct(node, ctx.units[node.admitTo], this.cubicles);
    // Held (a counterfactual run): the decision the reference run made for this patient.
    const held = ctx.heldDecisions === null ? -1 : ctx.heldDecision(p);
    const admit = node.admitTo !== EXIT_NODE && (held >= 0 ? held === 1 : ctx.draw(p, node.admitPurpose).double() < admitProbability(node, P.band[p]!, pressure));
    ctx.book?.decide(P.id[p]!, admit);
    P.decided[p] = 1;
    if (ctx.warm) {
      const band = pressureBand(pressure);
      this.decisions[band]!++;
      if (admit) this.admitted[band]!++;
      ctx.decisionCells.count(P.band[p]!, pressure, admit);
      if (ctx.onDecision !== null) ctx.onDecision(P.tEd[p]!, P.band[p]! + 1, admit, pressure);
    }
    const ed = this.cubicles;
    if (admit) {
      P.admitted[p] = 1;
      if (ctx.tracing) ctx.trace(p, "admit", node.id);
      this.router.enter(p, node.admitTo, ed.id);
    } else {
      if (ctx.tracing) ctx.trace(p, "discharge", node.id);
      ed.release(p);
      if (node.dischargeTo === EXIT_NODE) this.router.leave(p);
      else this.router.enter(p, node.dischargeTo, NO_HOLD);
    }
  }

  private depart(p: number): void {
    const ctx = this.ctx;
    ctx.closeUse(p, R_ED, this.node.id);
    if (ctx.sim.now >= ctx.tWarm && ctx.p.tEd[p]! >= 0) this.stay.record(ctx.sim.now - ctx.p.tEd[p]!);
  }

  /** Restarts the service's statistics (end of warm-up). */
  resetStats(): void {
    this.stay.reset();
    this.attendances.reset(this.ctx.sim.now);
  }

  /** Decisions and admissions by pressure band, keyed as admission_decisions.csv shows them. */
  decisionsByPressure(): Record<string, { decisions: number; admitted: number }> {
    const out: Record<string, { decisions: number; admitted: number }> = {};
    PRESSURE_BANDS.forEach((band, i) => (out[band] = { decisions: this.decisions[i]!, admitted: this.admitted[i]! }));
    return out;
  }
}
