import { describe, expect, it } from "vitest";
import { setup } from "./helpers/hours-pool.js";

/** Packages of different sizes share a pool of hours: strictly first come, first served, or first fit. */

describe("a pool of hours shared by packages of different sizes", () => {
  it("strict allocation: a package that does not fit blocks those behind it", () => {
    const { sim, pool, started } = setup("strict");
    expect(pool.request(1, 6)).toBe(true);
    expect(pool.request(2, 6)).toBe(false);
    expect(pool.request(3, 3)).toBe(false); // would fit, but waits behind 2
    expect(pool.queue.length).toBe(2);
    expect(pool.queuedAmountLevel.value).toBe(9);
    const end = sim.on((amount) => pool.release(amount));
    sim.scheduleAt(5, end, 6);
    sim.run();
    expect(started).toEqual([[1, 0], [2, 5], [3, 5]]);
    expect(pool.used).toBe(9);
    // Unmet need: 9 h/week waiting for 5 time units.
    expect(pool.queuedAmountLevel.integral(5)).toBe(45);
  });

  it("first-fit allocation lets a smaller package overtake", () => {
    const { pool, started } = setup("firstFit");
    pool.request(1, 6);
    pool.request(2, 6);
    expect(pool.request(3, 3)).toBe(true);
    expect(started).toEqual([[1, 0], [3, 0]]);
    expect(pool.used).toBe(9);
  });
});
