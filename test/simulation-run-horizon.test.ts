import { describe, expect, it } from "vitest";
import { Simulation } from "../src/engine/simulation.js";

/** run(horizon) fires what is due up to the horizon, leaves the rest pending and leaves the clock at the horizon. */

describe("running to a horizon", () => {
  it("stops at the horizon, leaves later events pending and advances the clock to it", () => {
    const sim = new Simulation();
    const kind = sim.on(() => {});
    sim.scheduleAt(3, kind);
    sim.scheduleAt(12, kind);
    expect(sim.run(10)).toBe(1);
    expect(sim.now).toBe(10);
    expect(sim.pending).toBe(1);
    expect(sim.peekTime()).toBe(12);
  });
});
