import { describe, expect, it } from "vitest";
import { Network } from "../src/engine/network.js";
import { Simulation } from "../src/engine/simulation.js";

describe("capacity follows a calendar: rises at once, falls only as occupants leave", () => {
  it("a reduction evicts nobody and a rise admits the queue immediately", () => {
    const sim = new Simulation();
    const net = new Network(sim);
    const unit = net.addUnit({ name: "beds", capacity: 0 });
    // Period 24 h: 3 beds from 0 h, 1 bed from 8 h, 2 beds from 16 h.
    net.followCalendar(unit, { period: 24, times: [0, 8, 16], capacities: [3, 1, 2] });
    expect(unit.capacity).toBe(3);
    const starts: [number, number][] = [];
    const done = sim.on((e) => unit.release(e));
    unit.onStart = (e) => {
      starts.push([e, sim.now]);
      sim.scheduleIn(e <= 3 ? 10 : 1, done, e);
    };
    const arrive = sim.on((e) => unit.arrive(e));
    for (let e = 1; e <= 3; e++) sim.scheduleAt(1, arrive, e); // three long stays, 1 h → 11 h
    sim.scheduleAt(9, arrive, 4); // capacity is 1 now, 3 occupied: waits
    sim.run(9.5);
    expect(unit.capacity).toBe(1);
    expect(unit.busy).toBe(3); // nobody thrown out
    expect(unit.queue.length).toBe(1);
    sim.run(12);
    // At 11 h all three leave, but capacity is 1: patient 4 starts at 11 h (busy 0 < 1).
    expect(starts.find(([e]) => e === 4)).toEqual([4, 11]);
    sim.scheduleAt(12, arrive, 5);
    sim.scheduleAt(12, arrive, 6);
    sim.run(15);
    // One bed: 5 at 12 h, 6 at 13 h.
    expect(starts.filter(([e]) => e >= 5)).toEqual([[5, 12], [6, 13]]);
    // The calendar repeats: at 24 h capacity returns to 3.
    sim.run(24);
    expect(unit.capacity).toBe(3);
    sim.run(24 + 8);
    expect(unit.capacity).toBe(1);
  });

  it("a rise in capacity starts waiting patients at the moment of the change", () => {
    const sim = new Simulation();
    const net = new Network(sim);
    const unit = net.addUnit({ name: "cubicles", capacity: 0 });
    const starts: number[] = [];
    unit.onStart = () => starts.push(sim.now);
    const arrive = sim.on((e) => unit.arrive(e));
    sim.scheduleAt(1, arrive, 1);
    sim.scheduleAt(2, arrive, 2);
    net.followCalendar(unit, { period: 10, times: [0, 5], capacities: [0, 2] });
    sim.run(7);
    expect(starts).toEqual([5, 5]);
    expect(unit.waits.mean).toBe((4 + 3) / 2);
  });

  it("time-weighted capacity gives occupancy against the capacity actually available", () => {
    const sim = new Simulation();
    const net = new Network(sim);
    const unit = net.addUnit({ name: "beds", capacity: 0 });
    net.followCalendar(unit, { period: 10, times: [0, 5], capacities: [4, 2] });
    const arrive = sim.on((e) => unit.arrive(e));
    sim.scheduleAt(0, arrive, 1); // one occupant the whole time, never leaves
    sim.run(10);
    // Capacity mean (4·5 + 2·5)/10 = 3; busy 1 → occupancy 1/3.
    expect(unit.occupancy(10)).toBeCloseTo(1 / 3, 12);
  });

  it("rejects a malformed calendar", () => {
    const sim = new Simulation();
    const net = new Network(sim);
    const unit = net.addUnit({ name: "beds", capacity: 0 });
    expect(() => net.followCalendar(unit, { period: 10, times: [1, 5], capacities: [1, 2] })).toThrow(/first time 0/);
    expect(() => net.followCalendar(unit, { period: 10, times: [0, 12], capacities: [1, 2] })).toThrow(/within the period/);
  });
});
