/**
 * A 4-ary min-heap of slots ordered by two numeric keys (k1, then k2), on typed arrays.
 *
 * It serves both the event calendar (k1 = time, k2 = scheduling sequence, so ties are FIFO) and
 * waiting lines (k1 = priority, k2 = arrival sequence). Slots are recycled integers; the owner keeps
 * whatever payload it needs in its own arrays indexed by slot, and grows them when `slotCapacity`
 * grows. Removing an arbitrary slot is O(log n) through the slot→position index.
 *
 * Written for speed rather than reading: no object is allocated per push or pop; arrays double when
 * full (amortised, never per operation).
 */
/** Slots per generation in a handle: at most 16.7 million items in one heap at once. */
export const SLOT_RANGE = 1 << 24;

export class KeyedHeap {
  /** Heap order, by position: keys and the slot at each position. */
  private k1: Float64Array;
  private k2: Float64Array;
  private slotAt: Int32Array;
  /** By slot: its position in the heap, or -1 when free. */
  private posOf: Int32Array;
  /** By slot: bumped each time the slot is freed, so stale handles can be detected. */
  private genOf: Int32Array;
  private free: Int32Array;
  private freeTop = 0;
  private nextFresh = 0;
  size = 0;

  constructor(initialCapacity = 64) {
    const n = Math.max(4, initialCapacity | 0);
    this.k1 = new Float64Array(n);
    this.k2 = new Float64Array(n);
    this.slotAt = new Int32Array(n);
    this.posOf = new Int32Array(n).fill(-1);
    this.genOf = new Int32Array(n);
    this.free = new Int32Array(n);
  }

  /** How many slots exist; payload arrays indexed by slot must be at least this long. */
  get slotCapacity(): number {
    return this.posOf.length;
  }

  /** Inserts and returns the slot now holding the item. */
  push(key1: number, key2: number): number {
    let slot: number;
    if (this.freeTop > 0) slot = this.free[--this.freeTop]!;
    else {
      if (this.nextFresh === this.posOf.length) {
        if (this.nextFresh >= SLOT_RANGE) throw new RangeError("more than 16.7 million items pending in one heap");
        this.grow();
      }
      slot = this.nextFresh++;
    }
    this.siftUp(this.size++, key1, key2, slot);
    return slot;
  }

  /** Slot at the top (smallest keys); -1 when empty. */
  peekSlot(): number {
    return this.size > 0 ? this.slotAt[0]! : -1;
  }

  peekKey1(): number {
    return this.k1[0]!;
  }

  peekKey2(): number {
    return this.k2[0]!;
  }

  /** Removes the top and returns its slot (freed: read its payload before the next push). */
  pop(): number {
    const slot = this.slotAt[0]!;
    this.removeAt(0);
    this.release(slot);
    return slot;
  }

  /**
   * Retires the top without moving it: its handle stops resolving (as after `pop`), but it stays at
   * the root until `replaceTop` gives the slot a new item or `pop` removes it. Between the two
   * the heap must not be popped or peeked by its owner (the calendar fires the top's event here).
   * Every other item has keys after the top's, so pushes and removals leave it at the root.
   */
  retireTop(): number {
    const slot = this.slotAt[0]!;
    bumpGeneration(this.genOf, slot);
    return slot;
  }

  /**
   * Gives the retired top's slot to a new item with these keys, and sifts it down: one sift in
   * place of a pop's and a push's. Returns the slot (the retired one).
   */
  replaceTop(key1: number, key2: number): number {
    const slot = this.slotAt[0]!;
    this.siftDown(0, key1, key2, slot);
    return slot;
  }

  /** Removes a slot wherever it is. Returns false if the slot is not in the heap. */
  remove(slot: number): boolean {
    if (slot < 0 || slot >= this.posOf.length) return false;
    const pos = this.posOf[slot]!;
    if (pos < 0) return false;
    this.removeAt(pos);
    this.release(slot);
    return true;
  }

  contains(slot: number): boolean {
    return slot >= 0 && slot < this.posOf.length && this.posOf[slot]! >= 0;
  }

  /** Generation of a slot: changes every time the slot is freed. */
  generation(slot: number): number {
    return this.genOf[slot]!;
  }

  /**
   * A stable number naming the item now in `slot`: it encodes the slot and its generation, so a
   * handle kept after the item left the heap resolves to -1 instead of to the slot's next tenant.
   */
  handleOf(slot: number): number {
    return handleOf(this.genOf, slot);
  }

  /** The slot a handle names, or -1 if that item is no longer in the heap. */
  resolve(handle: number): number {
    return resolveHandle(handle, this.posOf, this.genOf);
  }

  /** True if live slot `a` comes out of the heap before live slot `b`. */
  before(a: number, b: number): boolean {
    const pa = this.posOf[a]!;
    const pb = this.posOf[b]!;
    const a1 = this.k1[pa]!;
    const b1 = this.k1[pb]!;
    return a1 < b1 || (a1 === b1 && this.k2[pa]! < this.k2[pb]!);
  }

  /** Slots in heap order (not sorted); for iteration by owners that must scan. */
  slotAtPosition(pos: number): number {
    return this.slotAt[pos]!;
  }

  clear(): void {
    for (let i = 0; i < this.size; i++) this.release(this.slotAt[i]!);
    this.size = 0;
  }

  private release(slot: number): void {
    this.posOf[slot] = -1;
    bumpGeneration(this.genOf, slot);
    this.free[this.freeTop++] = slot;
  }

  private removeAt(pos: number): void {
    const last = --this.size;
    if (pos === last) return;
    const lk1 = this.k1[last]!;
    const lk2 = this.k2[last]!;
    const ls = this.slotAt[last]!;
    // The moved item may belong above or below `pos`.
    if (pos > 0) {
      const parent = (pos - 1) >> 2;
      const pk1 = this.k1[parent]!;
      if (lk1 < pk1 || (lk1 === pk1 && lk2 < this.k2[parent]!)) {
        this.siftUp(pos, lk1, lk2, ls);
        return;
      }
    }
    this.siftDown(pos, lk1, lk2, ls);
  }

  private siftUp(pos: number, key1: number, key2: number, slot: number): void {
    const k1 = this.k1;
    const k2 = this.k2;
    const slotAt = this.slotAt;
    const posOf = this.posOf;
    while (pos > 0) {
      const parent = (pos - 1) >> 2;
      const pk1 = k1[parent]!;
      if (key1 > pk1 || (key1 === pk1 && key2 >= k2[parent]!)) break;
      k1[pos] = pk1;
      k2[pos] = k2[parent]!;
      const ps = slotAt[parent]!;
      slotAt[pos] = ps;
      posOf[ps] = pos;
      pos = parent;
    }
    k1[pos] = key1;
    k2[pos] = key2;
    slotAt[pos] = slot;
    posOf[slot] = pos;
  }

  private siftDown(pos: number, key1: number, key2: number, slot: number): void {
    const k1 = this.k1;
    const k2 = this.k2;
    const slotAt = this.slotAt;
    const posOf = this.posOf;
    const size = this.size;
    for (;;) {
      const first = 4 * pos + 1;
      if (first >= size) break;
      // Smallest of up to four children.
      let best = first;
      let bk1 = k1[first]!;
      let bk2 = k2[first]!;
      const end = first + 4 < size ? first + 4 : size;
      for (let c = first + 1; c < end; c++) {
        const ck1 = k1[c]!;
        if (ck1 < bk1 || (ck1 === bk1 && k2[c]! < bk2)) {
          best = c;
          bk1 = ck1;
          bk2 = k2[c]!;
        }
      }
      if (key1 < bk1 || (key1 === bk1 && key2 <= bk2)) break;
      k1[pos] = bk1;
      k2[pos] = bk2;
      const bs = slotAt[best]!;
      slotAt[pos] = bs;
      posOf[bs] = pos;
      pos = best;
    }
    k1[pos] = key1;
    k2[pos] = key2;
    slotAt[pos] = slot;
    posOf[slot] = pos;
  }

  private grow(): void {
    const n = this.posOf.length * 2;
    this.k1 = growF64(this.k1, n);
    this.k2 = growF64(this.k2, n);
    this.slotAt = growI32(this.slotAt, n);
    const posOf = new Int32Array(n).fill(-1);
    posOf.set(this.posOf);
    this.posOf = posOf;
    this.genOf = growI32(this.genOf, n);
    this.free = growI32(this.free, n);
  }
}

/** A slot's item has left (or is retiring): handles made for it stop resolving. */
export function bumpGeneration(genOf: Int32Array, slot: number): void {
  genOf[slot] = (genOf[slot]! + 1) & 0x1fffffff;
}

/** A handle for the item in `slot`: the slot and its generation (see KeyedHeap.handleOf). */
export function handleOf(genOf: Int32Array, slot: number): number {
  return genOf[slot]! * SLOT_RANGE + slot;
}

/** The live slot a handle names, or -1 (posOf < 0 marks a free slot). */
export function resolveHandle(handle: number, posOf: Int32Array, genOf: Int32Array): number {
  const slot = handle % SLOT_RANGE;
  if (slot < 0 || slot >= posOf.length || posOf[slot]! < 0) return -1;
  return genOf[slot] === Math.floor(handle / SLOT_RANGE) ? slot : -1;
}

export function growF64(a: Float64Array, n: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(n);
  b.set(a);
  return b;
}

export function growI32(a: Int32Array, n: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}
