/**
 * Placements (e.g. a new care-home place): a patient sent here from a bed keeps the bed, blocked,
 * for the placement delay, then leaves; one arriving from nowhere simply leaves.
 */
import { NO_HOLD } from "../engine/wait-line.js";
import type { CompiledPlacement } from "../model/compiled.js";
import type { RunContext, Router } from "./context.js";
import { S_BLOCKED } from "./patients.js";

export class Placements {
  private readonly kPlaced: number;

  constructor(
    private readonly ctx: RunContext,
    private readonly router: Router,
  ) {
    this.kPlaced = ctx.sim.on((p) => this.placed(p));
  }

  start(node: CompiledPlacement, p: number, hold: number): void {
    const ctx = this.ctx;
    if (hold === NO_HOLD) {
      this.router.leave(p);
      return;
    }
    ctx.p.holdUnit[p] = hold;
    ctx.p.since[p] = ctx.sim.now;
    ctx.change(p, S_BLOCKED, node.index);
    ctx.net.units[hold]!.beginBlocked();
    ctx.sim.postIn(ctx.hours(p, node.delay), this.kPlaced, p);
  }

  /** A census patient held in a bed (engine unit `hold`) for a placement, `hoursWaited` so far and `remainingHours` to go. */
  resume(node: CompiledPlacement, p: number, hold: number, remainingHours: number, hoursWaited: number): void {
    const ctx = this.ctx;
    ctx.p.holdUnit[p] = hold;
    ctx.p.since[p] = ctx.sim.now - hoursWaited;
    ctx.change(p, S_BLOCKED, node.index);
    ctx.net.units[hold]!.beginBlocked();
    ctx.sim.postIn(remainingHours, this.kPlaced, p);
  }

  private placed(p: number): void {
    const ctx = this.ctx;
    const hold = ctx.p.holdUnit[p]!;
    ctx.p.holdUnit[p] = -1;
    ctx.net.units[hold]!.handOver(p, ctx.sim.now - ctx.p.since[p]!, true);
    this.router.leave(p);
  }
}
