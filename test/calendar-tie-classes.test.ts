import { describe, expect, it } from "vitest";
import { Simulation, TieClass } from "../src/engine/simulation.js";

/**
 * Events at the same instant fire by tie class — capacity changes, then releases, then arrivals,
 * then statistics — and within a class in the order they were scheduled, whatever order the
 * classes were scheduled in.
 */
describe("tie classes order simultaneous events", () => {
  it("fires CAPACITY, RELEASE, ARRIVAL, STATISTICS at one instant, FIFO within each", () => {
    const sim = new Simulation();
    const fired: string[] = [];
    const kind = {
      stats: sim.on((d) => fired.push(`stats${d}`), TieClass.STATISTICS),
      arrival: sim.on((d) => fired.push(`arrival${d}`), TieClass.ARRIVAL),
      release: sim.on((d) => fired.push(`release${d}`)), // the default class
      capacity: sim.on((d) => fired.push(`capacity${d}`), TieClass.CAPACITY),
    };
    // Scheduled in the reverse of their class order, interleaved.
    sim.post(5, kind.stats, 1);
    sim.post(5, kind.arrival, 1);
    sim.post(5, kind.stats, 2);
    sim.post(5, kind.release, 1);
    sim.post(5, kind.arrival, 2);
    sim.post(5, kind.capacity, 1);
    sim.post(5, kind.release, 2);
    sim.post(4, kind.stats, 0); // earlier time first, whatever its class
    sim.run();
    expect(fired).toEqual(["stats0", "capacity1", "release1", "release2", "arrival1", "arrival2", "stats1", "stats2"]);
  });

  it("an event a handler schedules for now joins its class's queue behind those already waiting", () => {
    const sim = new Simulation();
    const fired: string[] = [];
    const arrival = sim.on((d) => fired.push(`arrival${d}`), TieClass.ARRIVAL);
    const release = sim.on((d) => {
      fired.push(`release${d}`);
      if (d === 1) sim.postIn(0, release, 3); // a release caused at this instant still precedes arrivals
    });
    sim.post(1, arrival, 1);
    sim.post(1, release, 1);
    sim.post(1, release, 2);
    sim.run();
    expect(fired).toEqual(["release1", "release2", "release3", "arrival1"]);
  });

  it("a capacity change and a release at one instant: the release sees the new capacity", () => {
    // A pool of 1 server drops to 0 at t = 2 while its occupant leaves at t = 2: the waiting
    // entity must not start (capacity first), whichever event was scheduled first.
    for (const order of ["release-first", "capacity-first"] as const) {
      const sim = new Simulation();
      let capacity = 1;
      let busy = 1;
      const waiting = [7];
      const started: number[] = [];
      const change = sim.on(() => (capacity = 0), TieClass.CAPACITY);
      const depart = sim.on(() => {
        busy--;
        if (busy < capacity && waiting.length > 0) {
          started.push(waiting.shift()!);
          busy++;
        }
      });
      if (order === "release-first") {
        sim.post(2, depart);
        sim.post(2, change);
      } else {
        sim.post(2, change);
        sim.post(2, depart);
      }
      sim.run();
      expect(started, order).toEqual([]);
    }
  });
});
