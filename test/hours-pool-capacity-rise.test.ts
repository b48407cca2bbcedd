import { describe, expect, it } from "vitest";
import { setup } from "./helpers/hours-pool.js";

/** More hours in the pool start the packages waiting for them at once. */

describe("a rise in pool capacity", () => {
  it("more capacity starts waiting packages at once", () => {
    const { pool, started } = setup("strict");
    pool.request(1, 8);
    pool.request(2, 5);
    pool.setCapacity(13);
    expect(started.map(([e]) => e)).toEqual([1, 2]);
  });
});
