import { describe, expect, it } from "vitest";
import { setup } from "./helpers/waiting-line.js";

/** A patient whose patience runs out leaves the line, is never served, and those behind move up. */

describe("reneging", () => {
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
});
