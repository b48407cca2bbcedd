import { describe, expect, it } from "vitest";
import { QUEUED, REFUSED, STARTED } from "../src/engine/unit.js";
import { setup } from "./helpers/waiting-line.js";

/** A unit with a limited waiting room (none, for a loss system) turns arrivals away only once it is full, and counts them. */

describe("limited waiting rooms", () => {
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
