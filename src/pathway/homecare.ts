/**
 * Home care: a pool of delivered care hours per week. A referral asks for a package (hours per
 * week); it starts when the pool has the hours (hospital patients wait in their bed, people at
 * home wait at home, in the order the priority rule sets). A reablement phase of some weeks ends
 * in reassessment: some no longer need care, the rest move to a long-term package. People waiting
 * at home may deteriorate and come back in as emergencies.
 */
import type { HoursPool } from "../engine/hours-pool.js";
import { NO_HOLD } from "../engine/wait-line.js";
import type { CompiledHomecare } from "../model/compiled.js";
import type { RunContext, Router } from "./context.js";
import { G_HC } from "./groups.js";
import { NR, R_HC } from "./ledger.js";
import { S_BLOCKED, S_PACKAGE, S_WAITING } from "./patients.js";

export class HomecareService {
  readonly pool: HoursPool;
  private readonly kHomeWorse: number;
  private readonly kPackagePhase: number;

  constructor(
    private readonly ctx: RunContext,
    private readonly router: Router,
    readonly node: CompiledHomecare,
  ) {
    this.kHomeWorse = ctx.sim.on((p) => this.homeWorse(p));
    this.kPackagePhase = ctx.sim.on((p) => this.packagePhase(p));
    const pool = ctx.net.addPool({
      name: node.id,
      capacity: node.capacityHoursPerWeek,
      discipline: node.priority === "fifo" ? "fifo" : "priority",
      allocation: node.allocation,
    });
    pool.onStart = (p) => this.packageStart(p);
    this.pool = pool;
    if (node.datedHours?.kind === "calendar") ctx.net.followCalendar(pool, node.datedHours.calendar);
  }

  refer(p: number, hold: number): void {
    this.request(p, hold, this.ctx.hours(p, this.node.packageHours));
  }

  /** Asks for a package of `hours` a week (a census's patient brings its own size). */
  request(p: number, hold: number, hours: number): void {
    const { ctx, node } = this;
    const P = ctx.p;
    P.packageHours[p] = hours;
    const fromHospital = hold !== NO_HOLD;
    const priority = node.priority === "hospital-first" ? (fromHospital ? 0 : 1) : node.priority === "community-first" ? (fromHospital ? 1 : 0) : 0;
    if (!this.pool.request(p, hours, priority, hold)) {
      P.lineHandle[p] = this.pool.lastHandle;
      P.waitedForCare[p] = 1;
      if (fromHospital) ctx.change(p, S_BLOCKED, node.index);
      else ctx.enter(p, node.index, S_WAITING);
      // Only people waiting at home deteriorate there; hospital patients are in a bed.
      if (!fromHospital && node.deterioration !== null) {
        P.worseEvent[p] = ctx.sim.scheduleIn(ctx.hours(p, node.deterioration.after), this.kHomeWorse, p);
      }
    }
  }

  /** Someone waiting at home for care can no longer manage: off the list, in as an emergency. */
  private homeWorse(p: number): void {
    const { ctx, node } = this;
    const P = ctx.p;
    P.worseEvent[p] = -1;
    if (!this.pool.renege(P.lineHandle[p]!)) return;
    const d = node.deterioration!;
    P.unmet[p] = 1; // gave up waiting for care at home
    P.lineHandle[p] = -1;
    P.band[p] = Math.min(ctx.model.bands - 1, P.band[p]! + d.acuityIncrease);
    P.visit[p] = P.visit[p]! + 1;
    P.admitted[p] = 0;
    P.decided[p] = 0;
    if (ctx.tracing) ctx.trace(p, "deteriorate", node.id);
    this.router.enter(p, d.to, NO_HOLD);
  }

  private packageStart(p: number): void {
    const ctx = this.ctx;
    const P = ctx.p;
    if (P.worseEvent[p]! >= 0) {
      ctx.sim.cancel(P.worseEvent[p]!);
      P.worseEvent[p] = -1;
    }
    P.lineHandle[p] = -1;
    P.phase[p] = 0;
    ctx.enter(p, this.node.index, S_PACKAGE);
    ctx.openUse(p, R_HC);
    ctx.groups.openUse(p, G_HC, P.packageHours[p]!);
    if (ctx.tracing) ctx.trace(p, "package-start", this.node.id);
    ctx.sim.postIn(ctx.hours(p, this.node.reablementWeeks), this.kPackagePhase, p);
  }

  /** A census patient on a package of `hours` a week, in phase `phase` (0 reablement, 1 long-term), `remainingHours` to go. */
  resume(p: number, hours: number, phase: number, remainingHours: number): void {
    const ctx = this.ctx;
    const P = ctx.p;
    this.pool.occupy(hours);
    P.packageHours[p] = hours;
    P.phase[p] = phase;
    ctx.enter(p, this.node.index, S_PACKAGE);
    ctx.openUse(p, R_HC);
    ctx.groups.openUse(p, G_HC, hours);
    ctx.sim.postIn(remainingHours, this.kPackagePhase, p);
  }

  /** Closes the current package phase's delivered hours (hours per week × weeks in period). */
  private closePackageUse(p: number): void {
    const ctx = this.ctx;
    const P = ctx.p;
    if (ctx.ledger === null) return;
    const start = P.useStart[p * NR + R_HC]!;
    if (start >= 0) ctx.addUse(p, R_HC, ctx.inPeriod(start, ctx.sim.now));
    P.useStart[p * NR + R_HC] = ctx.sim.now;
  }

  private packagePhase(p: number): void {
    const { ctx, node } = this;
    const P = ctx.p;
    const pool = this.pool;
    this.closePackageUse(p);
    if (P.phase[p] === 0 && ctx.draw(p, node.reassessPurpose).double() >= node.noLongerNeed) {
      const old = P.packageHours[p]!;
      const next = old * node.longTermHoursMultiplier;
      P.packageHours[p] = next;
      P.phase[p] = 1;
      ctx.change(p, S_PACKAGE, -1);
      ctx.groups.closeUse(p, G_HC, old);
      ctx.groups.openUse(p, G_HC, next);
      pool.resize(old, next);
      if (ctx.tracing) ctx.trace(p, "long-term", node.id);
      ctx.sim.postIn(ctx.hours(p, node.longTermWeeks), this.kPackagePhase, p);
      return;
    }
    if (ctx.ledger !== null) P.useStart[p * NR + R_HC] = -1;
    ctx.groups.closeUse(p, G_HC, P.packageHours[p]!);
    pool.release(P.packageHours[p]!);
    if (ctx.tracing) ctx.trace(p, "package-end", node.id);
    this.router.leave(p);
  }
}
