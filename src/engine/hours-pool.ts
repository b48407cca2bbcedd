import type { Simulation } from "./simulation.js";
import { Counter, TimeWeighted } from "./stats.js";
import { Tally } from "./tally.js";
import type { UnitDirectory } from "./unit.js";
import { NO_HOLD, WaitLine, type Discipline } from "./wait-line.js";

/**
 * How waiting requests are granted when capacity frees:
 * - `"strict"`: in line order; a request that does not fit blocks those behind it;
 * - `"firstFit"`: the first request in line order that fits is granted (smaller packages can overtake).
 */
export type PoolAllocation = "strict" | "firstFit";

export interface HoursPoolOptions {
  name: string;
  /** Capacity in the pool's unit (e.g. delivered care hours per week). ≥ 0. */
  capacity: number;
  /** Default "fifo". */
  discipline?: Discipline;
  /** Default "strict". */
  allocation?: PoolAllocation;
}

const noop = (): void => {};
const EPS = 1e-9;

/**
 * A capacity measured in a continuous quantity (home-care hours per week) shared by requests of
 * different sizes (care packages). `request` grants at once when the amount fits (and, under
 * strict allocation, nobody is waiting), otherwise the entity joins the line. A request may hold
 * an upstream unit (a medically fit patient in an acute bed waiting for a package), which is
 * freed when the package starts. `release(amount)` returns capacity when a package ends.
 *
 * A request larger than the whole capacity waits until capacity grows: model validation keeps
 * package sizes within capacity.
 */
export class HoursPool {
  readonly name: string;
  capacity: number;
  /** Amount now granted. */
  used = 0;
  readonly allocation: PoolAllocation;
  readonly queue: WaitLine;
  onStart: (entity: number, waited: number) => void = noop;
  lastHandle = -1;

  readonly usedLevel: TimeWeighted;
  readonly capacityLevel: TimeWeighted;
  /** People waiting. */
  readonly queueLevel: TimeWeighted;
  /** Amount requested by people waiting (e.g. unmet hours per week); its integral is unmet need. */
  readonly queuedAmountLevel: TimeWeighted;
  readonly waits: Tally;
  readonly requests: Counter;
  readonly starts: Counter;
  readonly reneges: Counter;

  constructor(
    readonly id: number,
    private readonly sim: Simulation,
    private readonly directory: UnitDirectory,
    options: HoursPoolOptions,
  ) {
    this.name = options.name;
    this.capacity = options.capacity;
    this.allocation = options.allocation ?? "strict";
    this.queue = new WaitLine(options.discipline ?? "fifo");
    const t = sim.now;
    this.usedLevel = new TimeWeighted(t, 0);
    this.capacityLevel = new TimeWeighted(t, this.capacity);
    this.queueLevel = new TimeWeighted(t, 0);
    this.queuedAmountLevel = new TimeWeighted(t, 0);
    this.waits = new Tally();
    this.requests = new Counter(t);
    this.starts = new Counter(t);
    this.reneges = new Counter(t);
  }

  /** Asks for `amount`; returns true if granted at once (onStart has then been called). */
  request(entity: number, amount: number, priority = 0, hold = NO_HOLD): boolean {
    const now = this.sim.now;
    this.requests.inc();
    const lineFree = this.allocation === "firstFit" || this.queue.length === 0;
    if (lineFree && this.used + amount <= this.capacity + EPS) {
      this.grant(entity, amount, 0, hold, now, false);
      return true;
    }
    this.lastHandle = this.queue.push(entity, priority, hold, now, amount);
    this.touchLine(now);
    if (hold !== NO_HOLD) this.directory.units[hold]!.beginBlocked();
    return false;
  }

  /** A package already running takes `amount` at once, whatever the capacity (a warm start's caseload): no `onStart`. */
  occupy(amount: number): void {
    this.used += amount;
    this.usedLevel.update(this.sim.now, this.used);
  }

  /** A package of `amount` has ended. */
  release(amount: number): void {
    const now = this.sim.now;
    this.used -= amount;
    if (this.used < EPS) this.used = 0;
    this.usedLevel.update(now, this.used);
    this.fill(now);
  }

  /** A running package changes size (e.g. reablement → long-term): granted at once, never queued. */
  resize(oldAmount: number, newAmount: number): void {
    const now = this.sim.now;
    this.used += newAmount - oldAmount;
    if (this.used < EPS) this.used = 0;
    this.usedLevel.update(now, this.used);
    if (newAmount < oldAmount) this.fill(now);
  }

  setCapacity(capacity: number): void {
    const now = this.sim.now;
    this.capacity = capacity;
    this.capacityLevel.update(now, capacity);
    this.fill(now);
  }

  /** Withdraws a waiting request (frees what it held upstream). False if no longer waiting. */
  renege(handle: number): boolean {
    const slot = this.queue.removeHandle(handle);
    if (slot < 0) return false;
    const now = this.sim.now;
    const hold = this.queue.hold(slot);
    const since = this.queue.since(slot);
    this.reneges.inc();
    this.touchLine(now);
    if (hold !== NO_HOLD) this.directory.units[hold]!.handOver(this.queue.entity(slot), now - since, true);
    this.fill(now);
    return true;
  }

  resetStats(now: number): void {
    this.usedLevel.reset(now);
    this.capacityLevel.reset(now);
    this.queueLevel.reset(now);
    this.queuedAmountLevel.reset(now);
    this.waits.reset();
    this.requests.reset(now);
    this.starts.reset(now);
    this.reneges.reset(now);
  }

  /** Mean amount used ÷ mean capacity since the last reset. */
  utilisation(now: number): number {
    const cap = this.capacityLevel.integral(now);
    return cap > 0 ? this.usedLevel.integral(now) / cap : 0;
  }

  private fill(now: number): void {
    const line = this.queue;
    while (line.length > 0) {
      let slot = line.head();
      if (this.used + line.amount(slot) > this.capacity + EPS) {
        if (this.allocation === "strict") return;
        slot = this.firstFitting();
        if (slot < 0) return;
      }
      const entity = line.entity(slot);
      const amount = line.amount(slot);
      const hold = line.hold(slot);
      const since = line.since(slot);
      line.removeSlot(slot);
      this.touchLine(now);
      this.grant(entity, amount, now - since, hold, since, true);
    }
  }

  /** The entry first in line order whose amount fits, or -1. O(n): lines here are short. */
  private firstFitting(): number {
    const line = this.queue;
    const room = this.capacity - this.used + EPS;
    let best = -1;
    for (let i = 0; i < line.length; i++) {
      const slot = line.slotAtPosition(i);
      if (line.amount(slot) <= room && (best < 0 || line.before(slot, best))) best = slot;
    }
    return best;
  }

  private grant(entity: number, amount: number, waited: number, hold: number, since: number, wasBlocked: boolean): void {
    const now = this.sim.now;
    this.used += amount;
    this.usedLevel.update(now, this.used);
    this.starts.inc();
    this.waits.record(waited);
    this.onStart(entity, waited);
    if (hold !== NO_HOLD) this.directory.units[hold]!.handOver(entity, now - since, wasBlocked);
  }

  private touchLine(now: number): void {
    this.queueLevel.update(now, this.queue.length);
    this.queuedAmountLevel.update(now, this.queue.amountTotal);
  }
}
