import type { Simulation } from "./simulation.js";
import { Counter, TimeWeighted } from "./stats.js";
import { Tally } from "./tally.js";
import { NO_HOLD, WaitLine, type Discipline } from "./wait-line.js";

/** What became of an arrival at a unit. */
export const STARTED = 0;
export const QUEUED = 1;
/** Held upstream: the waiting room was full, so the entity still occupies the unit it came from. */
export const BLOCKED = 2;
/** Turned away (no hold and no room): counted, as in a loss system. */
export const REFUSED = 3;
export type ArrivalOutcome = typeof STARTED | typeof QUEUED | typeof BLOCKED | typeof REFUSED;

/**
 * Where an entity that holds an upstream unit is accepted:
 * - `"server"`: only into a free server; it waits in this unit's line while still occupying the
 *   upstream unit (an ambulance crew held at handover, a patient boarding in an ED cubicle, a
 *   medically fit patient in an acute bed waiting for a community bed);
 * - `"queue"`: into the waiting room when there is space (Ciw's Type I blocking): only when the
 *   waiting room is full does it stay upstream, released first come first served.
 */
export type HeldAcceptance = "server" | "queue";

export interface UnitOptions {
  /** Name used in reports. */
  name: string;
  /** Servers (beds, cubicles, vehicles) at the start. Whole number ≥ 0. */
  capacity: number;
  /** Places in the waiting room for arrivals that hold nothing upstream. Default Infinity; 0 = a loss system. */
  queueCapacity?: number;
  /** Default "fifo". */
  discipline?: Discipline;
  /** Default "server". */
  acceptHeld?: HeldAcceptance;
  /** Record the time spent at each number of busy servers (for occupancy distributions). Default false. */
  trackOccupancy?: boolean;
  /** Quantiles tracked for waits. Default none (mean, sd, min, max only): quantiles cost time per record. */
  waitQuantiles?: number[];
}

/** Resolves unit ids to units, so a unit can free the upstream unit an entity held. */
export interface UnitDirectory {
  readonly units: readonly Unit[];
}

const noop = (): void => {};
const noopBlocked = (_entity: number, _blockedFor: number): void => {};
const noopRequeued = (_entity: number, _handle: number): void => {};

/**
 * A multi-server unit: servers with a capacity that can change over time, a waiting line (FIFO or
 * priority) with an optional limit, and blocking after service.
 *
 * An entity arrives with `arrive(entity, priority, hold)`: the entity is a whole number in int32
 * range, as event data is (waiting lines keep it in an Int32Array); `hold` is the id of the
 * upstream unit it still occupies (or NO_HOLD). When it gets a server, `onStart(entity, waited)` is called and
 * the upstream server is freed, recording the blocked time there. Its service is the model's
 * business: when it is over the model routes the entity onward and, once it has left, calls
 * `release(entity)` (or a downstream unit does so when it accepts the entity).
 *
 * Capacity reductions never evict: the unit simply stops admitting until busy < capacity.
 * Tie rule: a release admits the next entity at once, before any later event at the same time.
 */
export class Unit {
  readonly name: string;
  /** Target number of servers. */
  capacity: number;
  /** Servers occupied, including by entities blocked here waiting to move on. */
  busy = 0;
  readonly queueCapacity: number;
  readonly acceptHeld: HeldAcceptance;
  /** Entities waiting for a server, in discipline order. */
  readonly queue: WaitLine;
  /** Held entities that could not enter the full waiting room (acceptHeld "queue" only); FIFO. */
  private readonly blockedLine: WaitLine;
  /** Called when an entity takes a server; `waited` is its time in line here. */
  onStart: (entity: number, waited: number) => void = noop;
  /** Called when an entity's server is freed (it has left this unit). */
  onDepart: (entity: number) => void = noop;
  /**
   * Called when an occupant that was blocked here (held after its service, waiting for the next
   * place) is accepted onward; `blockedFor` is how long it was held, hours.
   */
  onUnblocked: (entity: number, blockedFor: number) => void = noopBlocked;
  /**
   * Of the entity `onStart` is being called for: its time in this unit's waiting room proper —
   * from joining it holding nothing upstream to taking a server (0 for one that held its upstream
   * unit until it started here). Read in `onStart` (a field, not an argument: see `start`).
   */
  lastLineWait = 0;
  /** Of the entity `onStart` is being called for: its wait for a server, from asking (the `waited` passed). */
  lastWait = 0;
  /** Of the entity that just reneged (`renege` returned true): its wait in line until it left. */
  lastRenegeWait = 0;
  /**
   * When set, an occupant accepted downstream does not free its server at once: this is called
   * instead, and the model calls `release(entity)` later (an ambulance crew's handover and
   * turnaround after the ED accepts its patient).
   */
  onHandOver: ((entity: number) => void) | null = null;
  /**
   * Called when a blocked entity moves from upstream into this unit's waiting room, with its new
   * handle (the one `renege` takes from now on).
   */
  onRequeued: (entity: number, handle: number) => void = noopRequeued;
  /** Handle of the entry made by the last `arrive` that queued or blocked (for `renege`). */
  lastHandle = -1;

  // Statistics, reset at the end of the warm-up.
  readonly busyLevel: TimeWeighted;
  readonly capacityLevel: TimeWeighted;
  /** Entities waiting for this unit (in line, or blocked upstream). */
  readonly queueLevel: TimeWeighted;
  /** Occupants of this unit held here because the next place cannot take them yet. */
  readonly blockedLevel: TimeWeighted;
  /**
   * Waits for a server of those who took one, from asking (arriving here, or being ready to leave
   * the unit upstream) to taking it; `fractionAbove(0)` is the probability of waiting.
   */
  readonly waits: Tally;
  /** Waits of those who left the line before a server (reneged), from asking to leaving. */
  readonly renegeWaits: Tally;
  /** Durations for which occupants of this unit were blocked here. */
  readonly blockedTimes: Tally;
  readonly arrivals: Counter;
  readonly starts: Counter;
  readonly refusals: Counter;
  readonly reneges: Counter;
  readonly departures: Counter;
  /** Time spent with exactly k servers busy, since the last reset (when tracking is on). */
  occupancyTime: Float64Array | null;
  private occupancySince = 0;

  constructor(
    readonly id: number,
    private readonly sim: Simulation,
    private readonly directory: UnitDirectory,
    options: UnitOptions,
  ) {
    this.name = options.name;
    this.capacity = options.capacity;
    this.queueCapacity = options.queueCapacity ?? Infinity;
    this.acceptHeld = options.acceptHeld ?? "server";
    this.queue = new WaitLine(options.discipline ?? "fifo");
    this.blockedLine = new WaitLine("fifo");
    const t = sim.now;
    this.busyLevel = new TimeWeighted(t, 0);
    this.capacityLevel = new TimeWeighted(t, this.capacity);
    this.queueLevel = new TimeWeighted(t, 0);
    this.blockedLevel = new TimeWeighted(t, 0);
    this.waits = new Tally(options.waitQuantiles ?? [], { thresholds: [0] });
    this.renegeWaits = new Tally();
    this.blockedTimes = new Tally();
    this.arrivals = new Counter(t);
    this.starts = new Counter(t);
    this.refusals = new Counter(t);
    this.reneges = new Counter(t);
    this.departures = new Counter(t);
    this.occupancyTime = options.trackOccupancy ? new Float64Array(64) : null;
    this.occupancySince = t;
  }

  /** Entities waiting for this unit: in its line or blocked upstream. */
  get waiting(): number {
    return this.queue.length + this.blockedLine.length;
  }

  /** Entities in the waiting room (those in line that hold nothing upstream). */
  get inWaitingRoom(): number {
    return this.queue.length - this.queue.heldCount;
  }

  /** An entity asks for a server. See the class comment for `hold`. */
  arrive(entity: number, priority = 0, hold = NO_HOLD): ArrivalOutcome {
    const now = this.sim.now;
    this.arrivals.inc();
    if (this.busy < this.capacity && this.queue.length === 0 && this.blockedLine.length === 0) {
      this.start(entity, hold, null, 0);
      return STARTED;
    }
    if (hold === NO_HOLD) {
      if (this.inWaitingRoom >= this.queueCapacity) {
        this.refusals.inc();
        return REFUSED;
      }
      this.lastHandle = this.queue.push(entity, priority, NO_HOLD, now);
      this.queueLevel.update(now, this.waiting);
      return QUEUED;
    }
    if (this.acceptHeld === "server") {
      this.lastHandle = this.queue.push(entity, priority, hold, now);
      this.queueLevel.update(now, this.waiting);
      this.blockUpstream(hold);
      return QUEUED;
    }
    if (this.inWaitingRoom < this.queueCapacity) {
      this.lastHandle = this.queue.push(entity, priority, NO_HOLD, now);
      this.queueLevel.update(now, this.waiting);
      this.freeUpstream(hold, entity, 0, false);
      return QUEUED;
    }
    this.lastHandle = -2 - this.blockedLine.push(entity, priority, hold, now);
    this.queueLevel.update(now, this.waiting);
    this.blockUpstream(hold);
    return BLOCKED;
  }

  /**
   * An occupant takes a server at once, whatever the capacity and the line (a warm start's patient
   * already in place): no `onStart`, no wait recorded. Over capacity, the unit admits nobody until
   * busy < capacity, as after a capacity reduction.
   */
  occupy(): void {
    const now = this.sim.now;
    if (this.occupancyTime !== null) this.recordOccupancy(now);
    this.busy++;
    this.busyLevel.update(now, this.busy);
  }

  /** Occupant `entity` has left: its server is free for the next in line. */
  release(entity: number): void {
    const now = this.sim.now;
    if (this.occupancyTime !== null) this.recordOccupancy(now);
    this.busy--;
    this.busyLevel.update(now, this.busy);
    this.departures.inc();
    this.onDepart(entity);
    this.fill();
  }

  /** Changes the number of servers. A rise admits at once; a fall waits for occupants to leave. */
  setCapacity(capacity: number): void {
    const now = this.sim.now;
    this.capacity = capacity;
    this.capacityLevel.update(now, capacity);
    this.fill();
  }

  /**
   * The entity named by `handle` leaves the line (patience ran out). If it held an upstream unit,
   * that unit is freed too: it leaves the system from there. Returns false if it was no longer waiting.
   */
  renege(handle: number): boolean {
    const line = handle <= -2 ? this.blockedLine : this.queue;
    const slot = line.removeHandle(handle <= -2 ? -2 - handle : handle);
    if (slot < 0) return false;
    const now = this.sim.now;
    const hold = line.hold(slot);
    const since = line.since(slot);
    this.reneges.inc();
    this.lastRenegeWait = now - since;
    this.renegeWaits.record(now - since);
    this.queueLevel.update(now, this.waiting);
    if (hold !== NO_HOLD) this.freeUpstream(hold, line.entity(slot), now - since, true);
    this.fill();
    return true;
  }

  /**
   * Moves a waiting entity to a new priority, keeping the time it joined (its wait counts from
   * then). Returns its new handle, or -1 if it was no longer waiting in line.
   */
  reprioritise(handle: number, priority: number): number {
    if (handle <= -2) return handle; // blocked upstream: order there is first come first served
    const slot = this.queue.removeHandle(handle);
    if (slot < 0) return -1;
    const entity = this.queue.entity(slot);
    const hold = this.queue.hold(slot);
    const since = this.queue.since(slot);
    const roomSince = this.queue.roomSince(slot);
    const next = this.queue.push(entity, priority, hold, since, 1, this.queue.order(slot));
    this.queue.setRoomSince(next, roomSince);
    return next;
  }

  /**
   * The entity named by `handle` stops holding its upstream unit but keeps its place in line (a
   * handover cap: the crew leaves, the patient waits in an ED corridor space). Returns its
   * handle from now on, or -1 if it was no longer waiting.
   */
  releaseHold(handle: number): number {
    const now = this.sim.now;
    if (handle <= -2) {
      const slot = this.blockedLine.removeHandle(-2 - handle);
      if (slot < 0) return -1;
      const entity = this.blockedLine.entity(slot);
      const hold = this.blockedLine.hold(slot);
      const since = this.blockedLine.since(slot);
      const priority = this.blockedLine.priority(slot);
      const next = this.queue.push(entity, priority, NO_HOLD, since);
      this.queue.setRoomSince(next, now);
      this.freeUpstream(hold, entity, now - since, true);
      return next;
    }
    const slot = this.queue.resolve(handle);
    if (slot < 0) return -1;
    const since = this.queue.since(slot);
    const hold = this.queue.dropHold(slot, now);
    if (hold !== NO_HOLD) this.freeUpstream(hold, this.queue.entity(slot), now - since, true);
    return handle;
  }

  /** Fraction of time (since the last reset, up to `now`) with exactly k servers busy, k = 0… */
  occupancyDistribution(now: number): number[] {
    if (this.occupancyTime === null) return [];
    this.recordOccupancy(now);
    let total = 0;
    for (const t of this.occupancyTime) total += t;
    let last = this.occupancyTime.length - 1;
    while (last > 0 && this.occupancyTime[last] === 0) last--;
    return Array.from(this.occupancyTime.subarray(0, last + 1), (t) => (total > 0 ? t / total : 0));
  }

  private recordOccupancy(now: number): void {
    let times = this.occupancyTime!;
    if (this.busy >= times.length) {
      const grown = new Float64Array(Math.max(times.length * 2, this.busy + 1));
      grown.set(times);
      times = grown;
      this.occupancyTime = grown;
    }
    times[this.busy] = times[this.busy]! + (now - this.occupancySince);
    this.occupancySince = now;
  }

  /** Restarts every statistic at `now` (end of warm-up), keeping current levels. */
  resetStats(now: number): void {
    if (this.occupancyTime !== null) {
      this.occupancyTime.fill(0);
      this.occupancySince = now;
    }
    this.busyLevel.reset(now);
    this.capacityLevel.reset(now);
    this.queueLevel.reset(now);
    this.blockedLevel.reset(now);
    this.waits.reset();
    this.renegeWaits.reset();
    this.blockedTimes.reset();
    this.arrivals.reset(now);
    this.starts.reset(now);
    this.refusals.reset(now);
    this.reneges.reset(now);
    this.departures.reset(now);
  }

  /** Mean servers occupied ÷ mean servers available since the last reset (0 when none were available). */
  occupancy(now: number): number {
    const cap = this.capacityLevel.integral(now);
    return cap > 0 ? this.busyLevel.integral(now) / cap : 0;
  }

  /**
   * `entity` takes a server. `line` and `slot` are where it waited (the slot just shifted, still
   * readable), or null on arrival. No time is passed in: a number that is not a small integer
   * crosses a call boxed, and this call is one V8 often does not inline.
   */
  private start(entity: number, hold: number, line: WaitLine | null, slot: number): void {
    const now = this.sim.now;
    const wasBlocked = line !== null;
    const since = wasBlocked ? line.since(slot) : now;
    const waited = now - since;
    const roomSince = wasBlocked ? line.roomSince(slot) : -1;
    const lineWait = roomSince >= 0 ? now - roomSince : 0;
    this.lastLineWait = lineWait;
    this.lastWait = waited;
    if (this.occupancyTime !== null) this.recordOccupancy(now);
    this.busy++;
    this.busyLevel.update(now, this.busy);
    this.starts.inc();
    this.waits.record(waited);
    this.onStart(entity, waited);
    if (hold !== NO_HOLD) this.freeUpstream(hold, entity, now - since, wasBlocked);
  }

  /** Admits from the line, then moves blocked entities into any waiting-room space. */
  private fill(): void {
    const now = this.sim.now;
    // A shifted slot stays readable until the next push to its line, and `start` reads it before
    // any callback (callbacks may push to these lines).
    while (this.busy < this.capacity) {
      const line = this.queue.length > 0 ? this.queue : this.blockedLine.length > 0 ? this.blockedLine : null;
      if (line === null) break;
      const slot = line.shift();
      this.queueLevel.update(now, this.waiting);
      this.start(line.entity(slot), line.hold(slot), line, slot);
    }
    if (this.blockedLine.length > 0) this.admitBlocked();
  }

  /** Moves blocked entities into any waiting-room space (apart from `fill`, which stays small enough to inline). */
  private admitBlocked(): void {
    const now = this.sim.now;
    while (this.blockedLine.length > 0 && this.inWaitingRoom < this.queueCapacity) {
      const slot = this.blockedLine.shift();
      const entity = this.blockedLine.entity(slot);
      const hold = this.blockedLine.hold(slot);
      const since = this.blockedLine.since(slot);
      const priority = this.blockedLine.priority(slot);
      const handle = this.queue.push(entity, priority, NO_HOLD, since);
      this.queue.setRoomSince(handle, now);
      this.onRequeued(entity, handle);
      this.freeUpstream(hold, entity, now - since, true);
    }
  }

  /** An occupant here starts waiting to move on (blocked after service). */
  beginBlocked(): void {
    this.blockedLevel.update(this.sim.now, this.blockedLevel.value + 1);
  }

  /**
   * Occupant `entity` has been accepted by the next place; if it had been waiting (blocked) here,
   * for `blockedFor`, that is recorded. Its server is then freed, or `onHandOver` is called.
   */
  handOver(entity: number, blockedFor: number, wasBlocked: boolean): void {
    if (wasBlocked) {
      this.blockedLevel.update(this.sim.now, this.blockedLevel.value - 1);
      this.blockedTimes.record(blockedFor);
      this.onUnblocked(entity, blockedFor);
    }
    if (this.onHandOver !== null) this.onHandOver(entity);
    else this.release(entity);
  }

  private blockUpstream(hold: number): void {
    this.directory.units[hold]!.beginBlocked();
  }

  private freeUpstream(hold: number, entity: number, blockedFor: number, wasBlocked: boolean): void {
    this.directory.units[hold]!.handOver(entity, blockedFor, wasBlocked);
  }
}
