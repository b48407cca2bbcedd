import { describe, expect, it } from "vitest";
import { Simulation } from "../src/engine/simulation.js";

/** An event cannot be scheduled before the clock or at a time that is not a number. */

describe("scheduling in the past", () => {
  it("refuses to schedule in the past or at NaN", () => {
    const sim = new Simulation();
    const kind = sim.on(() => {});
    sim.scheduleAt(5, kind);
    sim.run();
    expect(() => sim.scheduleAt(4, kind)).toThrow(RangeError);
    expect(() => sim.scheduleIn(Number.NaN, kind)).toThrow(RangeError);
  });
});
