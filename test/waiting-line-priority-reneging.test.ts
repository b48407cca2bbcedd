import { describe, expect, it } from "vitest";
import { Network } from "../src/engine/network.js";
import { Simulation } from "../src/engine/simulation.js";
import { QUEUED, REFUSED, STARTED } from "../src/engine/unit.js";

function setup(discipline: "fifo" | "priority", queueCapacity = Infinity) {
  const sim = new Simulation();
  const net = new Network(sim);
  const unit = net.addUnit({ name: "ed", capacity: 1, discipline, queueCapacity });
  const order: number[] = [];
  const done = sim.on((e) => unit.release(e));
  unit.onStart = (e) => {
    order.push(e);
    sim.scheduleIn(1, done, e);
  };
  return { sim, unit, order };
}

describe("waiting lines: priority order with FIFO within, reneging, limited rooms", () => {
  it("serves lower priority numbers first and arrival order within a priority", () => {
    const { sim, unit, order } = setup("priority");
    unit.arrive(100, 5); // takes the server
    const arrivals: [number, number][] = [[1, 3], [2, 1], [3, 2], [4, 1], [5, 3], [6, 2]];
    for (const [e, p] of arrivals) expect(unit.arrive(e, p)).toBe(QUEUED);
    sim.run();
    expect(order).toEqual([100, 2, 4, 3, 6, 1, 5]);
  });

  it("FIFO ignores priorities", () => {
    const { sim, unit, order } = setup("fifo");
    unit.arrive(100, 5);
    for (const [e, p] of [[1, 3], [2, 1], [3, 2]] as const) unit.arrive(e, p);
    sim.run();
    expect(order).toEqual([100, 1, 2, 3]);
  });

  it("a patient whose patience runs out leaves the line and is never served", () => {
    const { sim, unit, order } = setup("fifo");
    unit.arrive(100);
    unit.arrive(1);
    unit.arrive(2);
    const handle2 = unit.lastHandle;
    unit.arrive(3);
    const renege = sim.on(() => {
      expect(unit.renege(handle2)).toBe(true);
    });
    sim.scheduleAt(0.5, renege);
    sim.run();
    expect(order).toEqual([100, 1, 3]);
    expect(unit.reneges.value).toBe(1);
    expect(unit.renege(handle2)).toBe(false); // already gone
    // Patient 3 waited 0→2: it moved up when 2 left.
    expect(unit.waits.max).toBe(2);
  });

  it("a loss system (no waiting room) turns arrivals away and counts them", () => {
    const { unit } = setup("fifo", 0);
    expect(unit.arrive(1)).toBe(STARTED);
    expect(unit.arrive(2)).toBe(REFUSED);
    expect(unit.arrive(3)).toBe(REFUSED);
    expect(unit.refusals.value).toBe(2);
    expect(unit.arrivals.value).toBe(3);
  });

  it("a limited waiting room refuses only once it is full", () => {
    const { unit } = setup("fifo", 2);
    expect([1, 2, 3, 4].map((e) => unit.arrive(e))).toEqual([STARTED, QUEUED, QUEUED, REFUSED]);
  });
});
