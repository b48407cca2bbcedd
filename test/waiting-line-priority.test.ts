import { describe, expect, it } from "vitest";
import { QUEUED } from "../src/engine/unit.js";
import { setup } from "./helpers/waiting-line.js";

/** A priority line serves lower priority numbers first and arrival order within a priority; a FIFO line ignores priorities. */

describe("waiting lines: priority order with FIFO within", () => {
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
});
