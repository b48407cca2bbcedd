import { describe, expect, it } from "vitest";
import { setup } from "./helpers/hours-pool.js";

/** A hospital patient waiting for a home-care package keeps its bed (a delayed discharge) until the package starts. */

describe("waiting for a package blocks the bed", () => {
  it("a hospital patient waiting for a package holds its bed until the package starts", () => {
    const { sim, net, pool } = setup("strict");
    const beds = net.addUnit({ name: "acute", capacity: 1 });
    beds.arrive(7);
    pool.request(1, 10);
    expect(pool.request(7, 4, 0, beds.id)).toBe(false);
    expect(beds.blockedLevel.value).toBe(1);
    const end = sim.on((amount) => pool.release(amount));
    sim.scheduleAt(3, end, 10);
    sim.run();
    expect(beds.busy).toBe(0);
    expect(beds.blockedTimes.sum).toBe(3); // 3 days as a delayed discharge
  });
});
