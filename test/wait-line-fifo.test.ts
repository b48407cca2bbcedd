import { describe, expect, it } from "vitest";
import { FifoSlots } from "../src/engine/fifo-slots.js";
import { KeyedHeap } from "../src/engine/keyed-heap.js";
import { createStream } from "../src/random/streams.js";

/**
 * A FIFO waiting line keeps its entries in a ring instead of a heap. Whatever is pushed, taken
 * from the head, removed from the middle or re-inserted at its old place, it must serve the same
 * entries in the same order as the heap ordered by (0, order) that it replaces, and its handles
 * must go stale the same way.
 */
describe("FifoSlots serves in the order KeyedHeap would", () => {
  it("agrees with a (0, order) heap over a long random sequence, growth and wrap-around included", () => {
    const rng = createStream(3, 0, "fifo-slots-test");
    const fifo = new FifoSlots(4);
    const heap = new KeyedHeap(4);
    // Each live entry, by id: its order and its handle in each structure; slot → id in each.
    const live = new Map<number, { order: number; fifo: number; heap: number }>();
    const fifoId = new Map<number, number>();
    const heapId = new Map<number, number>();
    const stale: number[] = [];
    let order = 0;
    let nextId = 0;
    let served = 0;
    for (let step = 0; step < 50_000; step++) {
      const u = rng.double();
      // Long stretches of growth then of draining, so the ring wraps and grows many times.
      const phase = Math.floor(step / 5000) % 2 === 0 ? 0.6 : 0.35;
      if (u < phase || live.size === 0) {
        // Mostly arrivals in order; sometimes an entry re-inserted at an earlier order (as a
        // reprioritised entry keeps its place). Orders are unique in a WaitLine (a heap does not
        // keep exact ties in arrival order, so the test never makes one).
        const id = nextId++;
        const o = rng.double() < 0.05 && order > 20 ? order - 10 - Math.floor(rng.double() * 10) + 0.5 + id / 1e7 : order++;
        const f = fifo.push(0, o);
        const h = heap.push(0, o);
        fifoId.set(f, id);
        heapId.set(h, id);
        live.set(id, { order: o, fifo: fifo.handleOf(f), heap: heap.handleOf(h) });
      } else if (u < 0.8) {
        const id = fifoId.get(fifo.pop())!;
        expect(heapId.get(heap.pop())).toBe(id); // the same entry at the head
        served++;
        stale.push(live.get(id)!.fifo);
        live.delete(id);
      } else {
        const ids = [...live.keys()];
        const id = ids[Math.floor(rng.double() * ids.length)]!;
        const v = live.get(id)!;
        expect(fifo.remove(fifo.resolve(v.fifo))).toBe(true);
        expect(heap.remove(heap.resolve(v.heap))).toBe(true);
        expect(fifo.resolve(v.fifo)).toBe(-1);
        expect(fifo.remove(-1)).toBe(false);
        live.delete(id);
        stale.push(v.fifo);
      }
      expect(fifo.size).toBe(heap.size);
      expect(fifo.size).toBe(live.size);
    }
    expect(served).toBeGreaterThan(10_000);
    // The ring's storage order is service order: what the heap pops, one by one.
    const fromRing = Array.from({ length: fifo.size }, (_, i) => fifoId.get(fifo.slotAtPosition(i)));
    for (let i = 1; i < fifo.size; i++) expect(fifo.before(fifo.slotAtPosition(i - 1), fifo.slotAtPosition(i))).toBe(true);
    const fromHeap: number[] = [];
    while (heap.size > 0) fromHeap.push(heapId.get(heap.pop())!);
    expect(fromRing).toEqual(fromHeap);
    for (const h of stale) expect(fifo.resolve(h)).toBe(-1);
  });
});
