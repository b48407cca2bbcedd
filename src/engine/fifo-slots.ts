import { SLOT_RANGE, bumpGeneration, growF64, growI32, handleOf, resolveHandle } from "./keyed-heap.js";

/**
 * The first-come-first-served counterpart of KeyedHeap for waiting lines: slots kept in a ring in
 * order of their second key (arrival order; the first key, priority, is ignored). Arrivals in
 * order are appended and the head is taken in O(1), where a heap pays a sift for both; an entry
 * leaving from the middle (reneging) or re-inserted at an earlier place closes or opens the gap by
 * moving the entries behind it, O(distance). Slots, generations and handles work as in KeyedHeap,
 * so a WaitLine can use either.
 */
export class FifoSlots {
  /** By ring position: the slot there. Positions head … head + size − 1, modulo the length. */
  private ring: Int32Array;
  private mask: number;
  private head = 0;
  size = 0;
  /** By slot: its order key, its ring position (-1 when free), its generation. */
  private orderOf: Float64Array;
  private posOf: Int32Array;
  private genOf: Int32Array;
  private free: Int32Array;
  private freeTop = 0;
  private nextFresh = 0;

  constructor(initialCapacity = 16) {
    let n = 4;
    while (n < initialCapacity) n *= 2;
    this.ring = new Int32Array(n);
    this.mask = n - 1;
    this.orderOf = new Float64Array(n);
    this.posOf = new Int32Array(n).fill(-1);
    this.genOf = new Int32Array(n);
    this.free = new Int32Array(n);
  }

  get slotCapacity(): number {
    return this.posOf.length;
  }

  /** Inserts after every entry whose order is ≤ `order` (at the end, for arrivals in order); returns the slot. */
  push(_priority: number, order: number): number {
    let slot: number;
    if (this.freeTop > 0) slot = this.free[--this.freeTop]!;
    else {
      if (this.nextFresh === this.posOf.length) {
        if (this.nextFresh >= SLOT_RANGE) throw new RangeError("more than 16.7 million entities waiting in one line");
        this.grow();
      }
      slot = this.nextFresh++;
    }
    this.orderOf[slot] = order;
    const { ring, mask, orderOf, posOf } = this;
    // Walk back over later entries, moving each one place towards the tail.
    let at = (this.head + this.size) & mask;
    for (let i = this.size; i > 0; i--) {
      const prev = (at - 1) & mask;
      const s = ring[prev]!;
      if (orderOf[s]! <= order) break;
      ring[at] = s;
      posOf[s] = at;
      at = prev;
    }
    ring[at] = slot;
    posOf[slot] = at;
    this.size++;
    return slot;
  }

  /** Slot at the head (next to be served); -1 when empty. */
  peekSlot(): number {
    return this.size > 0 ? this.ring[this.head]! : -1;
  }

  /** Removes the head and returns its slot (freed: read its payload before the next push). */
  pop(): number {
    const slot = this.ring[this.head]!;
    this.head = (this.head + 1) & this.mask;
    this.size--;
    this.release(slot);
    return slot;
  }

  /** Removes a slot wherever it is. Returns false if the slot is not in the line. */
  remove(slot: number): boolean {
    if (slot < 0 || slot >= this.posOf.length) return false;
    let at = this.posOf[slot]!;
    if (at < 0) return false;
    const { ring, mask, posOf } = this;
    // Close the gap by moving every later entry one place towards the head.
    const tail = (this.head + this.size - 1) & mask;
    while (at !== tail) {
      const next = (at + 1) & mask;
      const s = ring[next]!;
      ring[at] = s;
      posOf[s] = at;
      at = next;
    }
    this.size--;
    this.release(slot);
    return true;
  }

  handleOf(slot: number): number {
    return handleOf(this.genOf, slot);
  }

  resolve(handle: number): number {
    return resolveHandle(handle, this.posOf, this.genOf);
  }

  /** True if live slot `a` is served before live slot `b`. */
  before(a: number, b: number): boolean {
    return this.orderOf[a]! < this.orderOf[b]!;
  }

  /** The i-th entry from the head (service order). */
  slotAtPosition(i: number): number {
    return this.ring[(this.head + i) & this.mask]!;
  }

  private release(slot: number): void {
    this.posOf[slot] = -1;
    bumpGeneration(this.genOf, slot);
    this.free[this.freeTop++] = slot;
  }

  /** Doubles slots and ring together (live entries never outnumber slots), unwrapping the ring. */
  private grow(): void {
    const n = this.posOf.length * 2;
    const ring = new Int32Array(n);
    const posOf = new Int32Array(n).fill(-1);
    for (let i = 0; i < this.size; i++) {
      const s = this.ring[(this.head + i) & this.mask]!;
      ring[i] = s;
      posOf[s] = i;
    }
    this.ring = ring;
    this.mask = n - 1;
    this.head = 0;
    this.posOf = posOf;
    this.orderOf = growF64(this.orderOf, n);
    this.genOf = growI32(this.genOf, n);
    this.free = growI32(this.free, n);
  }
}
