import { FifoSlots } from "./fifo-slots.js";
import { KeyedHeap, growF64, growI32 } from "./keyed-heap.js";

/** Order of a waiting line: first come first served, or by priority (lower first), FIFO within. */
export type Discipline = "fifo" | "priority";

/** No unit is held upstream. */
export const NO_HOLD = -1;

/**
 * Entities waiting for something, in discipline order. Each entry remembers the entity, when it
 * joined, what it asks for (1 server, or hours of a pool) and the upstream unit it still occupies
 * while it waits (`NO_HOLD` if none). Entries are named by handles so an entity can leave from the
 * middle (reneging). A priority line orders them in a heap (O(log n) in and out); a FIFO line in a
 * ring (O(1) in and out at the ends).
 */
export class WaitLine {
  // Exactly one of the two is set. Each call below picks it by a flag, so every call site sees
  // one class only: a field typed as either would make all of them polymorphic (slower for both).
  private readonly fifo: FifoSlots | null;
  private readonly heap: KeyedHeap | null;
  private readonly isFifo: boolean;
  // Whole-number payloads in Int32Arrays: a value read from one reaches a call as a small
  // integer, where one read from a Float64Array would be boxed (an allocation per call).
  private entityOf: Int32Array;
  private holdOf: Int32Array;
  private sinceOf: Float64Array;
  /** When the entry joined the waiting room proper (holding nothing upstream); -1 while it holds. */
  private roomSinceOf: Float64Array;
  private amountOf: Float64Array;
  private priorityOf: Float64Array;
  private orderOf: Float64Array;
  private seq = 0;
  /** Entries holding an upstream unit. */
  heldCount = 0;
  /** Sum of `amount` over the entries. */
  amountTotal = 0;

  constructor(readonly discipline: Discipline, initialCapacity = 16) {
    this.isFifo = discipline === "fifo";
    this.fifo = this.isFifo ? new FifoSlots(initialCapacity) : null;
    this.heap = this.isFifo ? null : new KeyedHeap(initialCapacity);
    const n = this.slotCapacity;
    this.entityOf = new Int32Array(n);
    this.holdOf = new Int32Array(n);
    this.sinceOf = new Float64Array(n);
    this.roomSinceOf = new Float64Array(n);
    this.amountOf = new Float64Array(n);
    this.priorityOf = new Float64Array(n);
    this.orderOf = new Float64Array(n);
  }

  private get slotCapacity(): number {
    return this.isFifo ? this.fifo!.slotCapacity : this.heap!.slotCapacity;
  }

  get length(): number {
    return this.isFifo ? this.fifo!.size : this.heap!.size;
  }

  /**
   * Adds an entry and returns its handle. `priority` is ignored under FIFO. `order` places it
   * among equal priorities (default: after everyone already in line); pass an entry's `order` to
   * re-insert it where it was. `now` is when the entity asked (its wait counts from then); an
   * entry that holds nothing upstream is in the waiting room from then too (see `setRoomSince`).
   */
  push(entity: number, priority: number, hold: number, now: number, amount = 1, order = this.seq++): number {
    const slot = this.isFifo ? this.fifo!.push(0, order) : this.heap!.push(priority, order);
    if (slot >= this.entityOf.length) this.grow();
    this.entityOf[slot] = entity;
    this.holdOf[slot] = hold;
    this.sinceOf[slot] = now;
    this.roomSinceOf[slot] = hold === NO_HOLD ? now : -1;
    this.amountOf[slot] = amount;
    this.priorityOf[slot] = priority;
    this.orderOf[slot] = order;
    if (hold !== NO_HOLD) this.heldCount++;
    this.amountTotal += amount;
    return this.isFifo ? this.fifo!.handleOf(slot) : this.heap!.handleOf(slot);
  }

  /** Slot of the head entry (next to be served), or -1 when empty. */
  head(): number {
    return this.isFifo ? this.fifo!.peekSlot() : this.heap!.peekSlot();
  }

  /** Removes the head; its fields stay readable through the returned slot until the next push. */
  shift(): number {
    const slot = this.isFifo ? this.fifo!.pop() : this.heap!.pop();
    this.forget(slot);
    return slot;
  }

  /** Removes the entry named by `handle`; returns its slot (readable until the next push) or -1. */
  removeHandle(handle: number): number {
    const slot = this.resolve(handle);
    if (slot >= 0) this.removeSlot(slot);
    return slot;
  }

  /** Slot of a live entry, or -1. */
  resolve(handle: number): number {
    return this.isFifo ? this.fifo!.resolve(handle) : this.heap!.resolve(handle);
  }

  /** The i-th entry in storage order (heap order in a priority line, service order in a FIFO one): for scans such as first-fit. */
  slotAtPosition(i: number): number {
    return this.isFifo ? this.fifo!.slotAtPosition(i) : this.heap!.slotAtPosition(i);
  }

  /** Removes a live entry by slot (used after a scan). */
  removeSlot(slot: number): void {
    if (this.isFifo) this.fifo!.remove(slot);
    else this.heap!.remove(slot);
    this.forget(slot);
  }

  entity(slot: number): number {
    return this.entityOf[slot]!;
  }

  hold(slot: number): number {
    return this.holdOf[slot]!;
  }

  since(slot: number): number {
    return this.sinceOf[slot]!;
  }

  /** When the entry joined the waiting room holding nothing upstream, or -1 if it still holds (or held until it left). */
  roomSince(slot: number): number {
    return this.roomSinceOf[slot]!;
  }

  /** Sets when the live entry named by `handle` joined the waiting room (an entry moved in from upstream, or re-inserted). */
  setRoomSince(handle: number, since: number): void {
    const slot = this.resolve(handle);
    if (slot >= 0) this.roomSinceOf[slot] = since;
  }

  amount(slot: number): number {
    return this.amountOf[slot]!;
  }

  priority(slot: number): number {
    return this.priorityOf[slot]!;
  }

  /** Position among equal priorities (arrival order). */
  order(slot: number): number {
    return this.orderOf[slot]!;
  }

  /** True if the live entry in slot `a` is served before the one in slot `b`. */
  before(a: number, b: number): boolean {
    return this.isFifo ? this.fifo!.before(a, b) : this.heap!.before(a, b);
  }

  /** Stops an entry holding its upstream unit (it stays in line, in the waiting room from `now`). Returns the unit it held. */
  dropHold(slot: number, now: number): number {
    const held = this.holdOf[slot]!;
    if (held !== NO_HOLD) {
      this.holdOf[slot] = NO_HOLD;
      this.roomSinceOf[slot] = now;
      this.heldCount--;
    }
    return held;
  }

  private forget(slot: number): void {
    if (this.holdOf[slot] !== NO_HOLD) this.heldCount--;
    this.amountTotal -= this.amountOf[slot]!;
    if (this.length === 0) this.amountTotal = 0; // no drift from float sums when empty
  }

  private grow(): void {
    const n = this.slotCapacity;
    this.entityOf = growI32(this.entityOf, n);
    this.holdOf = growI32(this.holdOf, n);
    this.sinceOf = growF64(this.sinceOf, n);
    this.roomSinceOf = growF64(this.roomSinceOf, n);
    this.amountOf = growF64(this.amountOf, n);
    this.priorityOf = growF64(this.priorityOf, n);
    this.orderOf = growF64(this.orderOf, n);
  }
}
