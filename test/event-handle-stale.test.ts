import { describe, expect, it } from "vitest";
import { Simulation } from "../src/engine/simulation.js";

/** A handle names one scheduled event: once that event has fired, the handle cancels nothing, even when its slot is reused. */

describe("event handles go stale", () => {
  it("a handle of a fired event no longer cancels the slot's next tenant", () => {
    const sim = new Simulation();
    const seen: number[] = [];
    const kind = sim.on((d) => seen.push(d));
    const old = sim.scheduleAt(1, kind, 1);
    sim.run(1);
    const fresh = sim.scheduleAt(2, kind, 2); // reuses the slot
    expect(sim.isPending(old)).toBe(false);
    expect(sim.cancel(old)).toBe(false);
    expect(sim.isPending(fresh)).toBe(true);
    sim.run();
    expect(seen).toEqual([1, 2]);
  });
});
