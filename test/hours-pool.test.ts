import { describe, expect, it } from "vitest";
import { Network } from "../src/engine/network.js";
import { Simulation } from "../src/engine/simulation.js";

function setup(allocation: "strict" | "firstFit") {
  const sim = new Simulation();
  const net = new Network(sim);
  const pool = net.addPool({ name: "homecare", capacity: 10, allocation });
  const started: [number, number][] = [];
  pool.onStart = (e) => started.push([e, sim.now]);
  return { sim, net, pool, started };
}

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

  it("more capacity starts waiting packages at once", () => {
    const { pool, started } = setup("strict");
    pool.request(1, 8);
    pool.request(2, 5);
    pool.setCapacity(13);
    expect(started.map(([e]) => e)).toEqual([1, 2]);
  });
});
