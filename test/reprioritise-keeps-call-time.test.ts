import { describe, expect, it } from "vitest";
import { Network } from "../src/engine/network.js";
import { Simulation } from "../src/engine/simulation.js";

/** A waiting entity given a new priority moves to its place in the new class by its original arrival time, and its wait still counts from then. */

describe("reprioritising a waiting entity", () => {
  it("a caller whose acuity rises is re-queued by the new category, keeping the time of the call", () => {
    const sim = new Simulation();
    const net = new Network(sim);
    const fleet = net.addUnit({ name: "fleet", capacity: 1, discipline: "priority" });
    const order: number[] = [];
    const done = sim.on((e) => fleet.release(e));
    fleet.onStart = (e) => {
      order.push(e);
      sim.scheduleIn(1, done, e);
    };
    fleet.arrive(0, 0);
    fleet.arrive(1, 2); // C3, called first
    const h2 = fleet.lastHandle;
    fleet.arrive(2, 1); // C2
    fleet.arrive(3, 1); // C2, after 2
    void h2;
    const moved = fleet.reprioritise(h2, 1); // caller 1 deteriorates to C2: ahead of 2 and 3 (called earlier)
    expect(moved).toBeGreaterThanOrEqual(0);
    sim.run();
    expect(order).toEqual([0, 1, 2, 3]);
    expect(fleet.waits.max).toBe(3); // caller 3 waited 0 → 3; caller 1's wait still counts from its call
  });
});
