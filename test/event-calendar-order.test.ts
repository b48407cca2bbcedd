import { describe, expect, it } from "vitest";
import { Simulation } from "../src/engine/simulation.js";
import { createStream } from "../src/random/streams.js";

/** A sorted-array reference calendar: (time, seq) ascending. */
class ReferenceCalendar {
  items: { time: number; seq: number; id: number }[] = [];
  push(time: number, seq: number, id: number): void {
    this.items.push({ time, seq, id });
    this.items.sort((a, b) => a.time - b.time || a.seq - b.seq);
  }
  pop(): { time: number; seq: number; id: number } | undefined {
    return this.items.shift();
  }
  remove(id: number): void {
    this.items = this.items.filter((i) => i.id !== id);
  }
}

describe("the event calendar fires in (time, scheduling order) like a sorted reference", () => {
  it("agrees with the reference over a long random sequence of schedule, fire and cancel", () => {
    const rng = createStream(7, 0, "calendar-test");
    const sim = new Simulation(4); // tiny initial capacity: growth is exercised too
    const ref = new ReferenceCalendar();
    const fired: number[] = [];
    const kind = sim.on((id) => fired.push(id));
    const handles = new Map<number, number>();
    let nextId = 0;
    let seq = 0;
    const expected: number[] = [];
    for (let step = 0; step < 20000; step++) {
      const u = rng.double();
      if (u < 0.5 || sim.pending === 0) {
        // Coarse times so ties are frequent.
        const time = sim.now + Math.floor(rng.double() * 20);
        const id = nextId++;
        handles.set(id, sim.scheduleAt(time, kind, id));
        ref.push(time, seq++, id);
      } else if (u < 0.65) {
        const ids = [...handles.keys()];
        const id = ids[Math.floor(rng.double() * ids.length)]!;
        expect(sim.cancel(handles.get(id)!)).toBe(true);
        expect(sim.cancel(handles.get(id)!)).toBe(false); // a second cancel is a no-op
        handles.delete(id);
        ref.remove(id);
      } else {
        const next = ref.pop()!;
        // Fire exactly one event: run up to its time, stopping after it.
        const stopKind = fired.length;
        sim.run(next.time);
        // run() fires every event at that time; mirror that in the reference.
        expected.push(next.id);
        while (ref.items.length > 0 && ref.items[0]!.time === next.time) expected.push(ref.pop()!.id);
        for (const id of fired.slice(stopKind)) handles.delete(id);
        expect(sim.now).toBe(next.time);
      }
    }
    sim.run();
    while (ref.items.length > 0) expected.push(ref.pop()!.id);
    expect(fired).toEqual(expected);
    expect(sim.pending).toBe(0);
  });

  it("agrees with the reference when handlers schedule and cancel while they fire", () => {
    // The firing event stays, retired, at the calendar's top until its handler's first schedule
    // takes its slot: from inside a handler it must look exactly as if it had been removed.
    const rng = createStream(11, 0, "calendar-test/in-handler");
    const sim = new Simulation(4);
    const ref = new ReferenceCalendar();
    const handles = new Map<number, number>();
    let nextId = 0;
    let seq = 0;
    let fired = 0;
    let throwOn = -1;
    const schedule = (time: number): void => {
      const id = nextId++;
      handles.set(id, sim.scheduleAt(time, kind, id));
      ref.push(time, seq++, id);
    };
    const kind = sim.on((id) => {
      fired++;
      expect(ref.pop()!.id).toBe(id); // fires in the reference's order
      const own = handles.get(id)!;
      handles.delete(id);
      expect(sim.isPending(own)).toBe(false);
      expect(sim.cancel(own)).toBe(false);
      expect(sim.pending).toBe(ref.items.length);
      expect(sim.peekTime()).toBe(ref.items.length > 0 ? ref.items[0]!.time : Infinity);
      if (id === throwOn) throw new Error("handler failed");
      const actions = Math.floor(rng.double() * 5); // about 1.6 schedules and 0.4 cancels each: the process grows to the cap
      for (let a = 0; a < actions && nextId < 30000; a++) {
        if (rng.double() < 0.8 || handles.size === 0) schedule(sim.now + Math.floor(rng.double() * 5)); // ties at now too
        else {
          const ids = [...handles.keys()];
          const victim = ids[Math.floor(rng.double() * ids.length)]!;
          expect(sim.cancel(handles.get(victim)!)).toBe(true);
          handles.delete(victim);
          ref.remove(victim);
        }
      }
    });
    for (let i = 0; i < 50; i++) schedule(Math.floor(rng.double() * 10));
    sim.run();
    expect(fired).toBeGreaterThan(10000);
    expect(ref.items.length).toBe(0);
    expect(sim.pending).toBe(0);

    // A handler that throws leaves the calendar whole: its event is gone, the rest still fire.
    schedule(sim.now + 1);
    throwOn = nextId - 1;
    schedule(sim.now + 2);
    expect(() => sim.run()).toThrow("handler failed");
    expect(sim.pending).toBe(1);
    expect(sim.peekTime()).toBe(sim.now + 1);
    sim.run();
    expect(sim.pending).toBe(0);
    expect(ref.items.length).toBe(0);
  });

  it("a run started from inside a handler does not fire that handler's event again", () => {
    const sim = new Simulation();
    const seen: number[] = [];
    const kind = sim.on((d) => {
      seen.push(d);
      if (d === 1) sim.run(sim.now + 1); // nested: fires what is due within the next hour
    });
    sim.scheduleAt(1, kind, 1);
    sim.scheduleAt(1.5, kind, 2);
    sim.scheduleAt(5, kind, 3);
    sim.run();
    expect(seen).toEqual([1, 2, 3]);
    expect(sim.pending).toBe(0);
  });

  it("breaks ties at equal times by scheduling order (FIFO)", () => {
    const sim = new Simulation();
    const order: number[] = [];
    const kind = sim.on((d) => order.push(d));
    for (let i = 0; i < 100; i++) sim.scheduleAt(5, kind, 99 - i);
    sim.scheduleAt(1, kind, -1);
    sim.run();
    expect(order[0]).toBe(-1);
    expect(order.slice(1)).toEqual(Array.from({ length: 100 }, (_, i) => 99 - i));
  });
});
