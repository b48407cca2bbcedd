import { KeyedHeap, growI32 } from "./keyed-heap.js";

/** Called when an event fires, with the integer payload it was scheduled with. */
export type EventHandler = (data: number) => void;

/**
 * An opaque number naming one scheduled event, for `cancel`. It encodes the calendar slot and the
 * slot's generation, so cancelling an event that has already fired (or was cancelled) is a no-op.
 */
export type EventHandle = number;

/**
 * Tie classes: what fires first when events fall at the same instant (as simmer orders releases
 * before seizes). Each event kind belongs to one class, given when it is registered with `on`;
 * at equal times events fire class by class in this order, and within a class in the order they
 * were scheduled (FIFO), so a run is deterministic and the order of simultaneous events is a rule,
 * not an accident of when each was scheduled:
 *
 * 1. CAPACITY — capacity changes (a calendar's new number of beds, crews, cubicles), so that
 *    everything else at that instant sees the capacity in force from it;
 * 2. RELEASE — the progress of entities already in the system: ends of service, releases,
 *    handovers, reneging (the default class);
 * 3. ARRIVAL — new arrivals into the system, so that a server freed at the instant an arrival
 *    comes is first offered to those already waiting;
 * 4. STATISTICS — observation: day ends and the end of the warm-up, which see the state after
 *    everything else at that instant.
 */
export const TieClass = { CAPACITY: 0, RELEASE: 1, ARRIVAL: 2, STATISTICS: 3 } as const;
export type TieClass = (typeof TieClass)[keyof typeof TieClass];

/**
 * The calendar's second key is tie class × 2^44 + scheduling sequence: one key orders by class
 * then FIFO, exactly (2^46 < 2^53), for up to 2^44 (17.6 trillion) events scheduled in one run.
 */
const CLASS_STRIDE = 2 ** 44;

/**
 * The clock and the future-event list. Events are (time, kind, data): `kind` picks a handler
 * registered with `on`, `data` is the handler's argument (usually an entity id). Ties at equal
 * times fire by tie class, then in scheduling order (see TieClass).
 *
 * No object is allocated per event: the calendar is a 4-ary heap on typed arrays.
 */
export class Simulation {
  /** Current simulation time, in whatever unit the model chose. */
  now = 0;
  /** Events fired since construction (or the last `resetEventCount`). */
  eventsFired = 0;
  private readonly heap: KeyedHeap;
  // Int32: an integer payload reaches the handler untagged, with no number boxed per event.
  private kindOf: Int32Array;
  private dataOf: Int32Array;
  private readonly handlers: EventHandler[] = [];
  /** Per kind: its tie class × CLASS_STRIDE, added to the sequence number of each of its events. */
  private classKey = new Float64Array(16);
  private seq = 0;
  private stopped = false;
  /**
   * True while a handler runs and its event still sits, retired, at the top of the calendar: the
   * handler's first `scheduleAt` or `post` takes over that slot (one sift instead of a pop's and a push's),
   * and if it schedules nothing the event is dropped after it returns.
   */
  private firing = false;

  constructor(initialCapacity = 1024) {
    this.heap = new KeyedHeap(initialCapacity);
    this.kindOf = new Int32Array(this.heap.slotCapacity);
    this.dataOf = new Int32Array(this.heap.slotCapacity);
  }

  /** Registers a handler in a tie class (default RELEASE) and returns its event kind. */
  on(handler: EventHandler, tieClass: TieClass = TieClass.RELEASE): number {
    const kind = this.handlers.push(handler) - 1;
    if (kind >= this.classKey.length) {
      const grown = new Float64Array(this.classKey.length * 2);
      grown.set(this.classKey);
      this.classKey = grown;
    }
    this.classKey[kind] = tieClass * CLASS_STRIDE;
    return kind;
  }

  /** Number of events waiting in the calendar. */
  get pending(): number {
    return this.firing ? this.heap.size - 1 : this.heap.size;
  }

  /** Schedules `kind` at absolute time `time` (≥ now). `data` is a whole number in int32 range (an entity id, an index). */
  scheduleAt(time: number, kind: number, data = 0): EventHandle {
    return this.heap.handleOf(this.place(time, kind, data));
  }

  /** Schedules `kind` after `delay` (≥ 0) time units. */
  scheduleIn(delay: number, kind: number, data = 0): EventHandle {
    return this.heap.handleOf(this.place(this.now + delay, kind, data));
  }

  /**
   * As `scheduleAt`, for an event nobody will cancel: no handle is made. A handle soon outgrows a
   * small integer, and a function that returns one from the hot loop boxes it (one allocation
   * per event); this returns nothing.
   */
  post(time: number, kind: number, data = 0): void {
    this.place(time, kind, data);
  }

  /** As `scheduleIn`, without a handle (see `post`). */
  postIn(delay: number, kind: number, data = 0): void {
    this.place(this.now + delay, kind, data);
  }

  /** Cancels a scheduled event. Returns false if it already fired or was cancelled. */
  cancel(handle: EventHandle): boolean {
    const slot = this.heap.resolve(handle);
    return slot >= 0 && this.heap.remove(slot);
  }

  isPending(handle: EventHandle): boolean {
    return this.heap.resolve(handle) >= 0;
  }

  /** Time of the next event, or Infinity when none remain. */
  peekTime(): number {
    this.settle();
    return this.heap.size > 0 ? this.heap.peekKey1() : Infinity;
  }

  /** Makes `run` return after the current event. */
  stop(): void {
    this.stopped = true;
  }

  /**
   * Fires events in time order until the next one is later than `until` or none remain, then
   * advances the clock to `until` (when finite). Returns the number of events fired.
   */
  run(until = Infinity): number {
    // Hot loop: reads straight from the heap's top, no allocation.
    const heap = this.heap;
    const handlers = this.handlers;
    let fired = 0;
    this.stopped = false;
    this.settle(); // called from inside a handler: that handler's event is not to fire again
    try {
      while (heap.size > 0 && !this.stopped) {
        const t = heap.peekKey1();
        if (t > until) break;
        const slot = heap.retireTop();
        this.now = t;
        fired++;
        this.firing = true;
        handlers[this.kindOf[slot]!]!(this.dataOf[slot]!);
        this.settle();
      }
    } finally {
      // A handler that threw leaves the calendar whole too.
      this.settle();
      this.eventsFired += fired;
    }
    if (!this.stopped && until !== Infinity && until > this.now) this.now = until;
    return fired;
  }

  /** Drops the event that just fired if its handler scheduled nothing in its place. */
  private settle(): void {
    if (this.firing) {
      this.firing = false;
      this.heap.pop();
    }
  }

  /** Puts an event in the calendar and returns its slot. */
  private place(time: number, kind: number, data: number): number {
    if (!(time >= this.now)) throw this.tooEarly(time);
    let slot: number;
    const key2 = this.classKey[kind]! + this.seq++;
    if (this.firing) {
      this.firing = false;
      slot = this.heap.replaceTop(time, key2);
    } else {
      slot = this.heap.push(time, key2);
      if (slot >= this.kindOf.length) this.growPayload();
    }
    this.kindOf[slot] = kind;
    this.dataOf[slot] = data;
    return slot;
  }

  // A cold path in a method of its own: building the message took a quarter of `place`'s
  // bytecode, which counts against V8's budget for inlining it into every handler.
  private tooEarly(time: number): RangeError {
    return new RangeError(`cannot schedule at ${time}: before the current time ${this.now} (or not a number)`);
  }

  private growPayload(): void {
    this.kindOf = growI32(this.kindOf, this.heap.slotCapacity);
    this.dataOf = growI32(this.dataOf, this.heap.slotCapacity);
  }
}
