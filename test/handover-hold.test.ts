import { describe, expect, it } from "vitest";
import { Network } from "../src/engine/network.js";
import { Simulation } from "../src/engine/simulation.js";

// An ambulance crew waits with its patient outside a full ED: the crew (upstream unit) is held
// until the patient gets a cubicle, or until a handover cap releases it to a corridor space.
describe("holding an upstream unit while queued: handover and its cap", () => {
  function setup() {
    const sim = new Simulation();
    const net = new Network(sim);
    const ambulances = net.addUnit({ name: "ambulances", capacity: 2 });
    const ed = net.addUnit({ name: "ed", capacity: 1, discipline: "priority" });
    const cubicle: [number, number][] = [];
    const leave = sim.on((e) => ed.release(e));
    ed.onStart = (e) => {
      cubicle.push([e, sim.now]);
      sim.scheduleIn(4, leave, e);
    };
    return { sim, ambulances, ed, cubicle };
  }

  it("keeps the crew until the cubicle frees, and records the handover delay at the ambulance", () => {
    const { sim, ambulances, ed, cubicle } = setup();
    ed.arrive(1); // walk-in takes the cubicle 0–4
    ambulances.arrive(2);
    ed.arrive(2, 0, ambulances.id); // conveyed patient, crew held
    expect(ambulances.busy).toBe(1);
    expect(ambulances.blockedLevel.value).toBe(1);
    sim.run();
    expect(cubicle).toEqual([[1, 0], [2, 4]]);
    expect(ambulances.busy).toBe(0);
    expect(ambulances.blockedTimes.count).toBe(1);
    expect(ambulances.blockedTimes.sum).toBe(4);
  });

  it("a handover cap frees the crew but the patient keeps its place in line", () => {
    const { sim, ambulances, ed, cubicle } = setup();
    ed.arrive(1);
    ambulances.arrive(2);
    ed.arrive(2, 0, ambulances.id);
    const handle = ed.lastHandle;
    const cap = sim.on(() => {
      expect(ed.releaseHold(handle)).toBe(handle);
    });
    sim.scheduleAt(0.75, cap); // 45 minutes
    sim.run(1);
    expect(ambulances.busy).toBe(0);
    expect(ambulances.blockedTimes.sum).toBe(0.75);
    expect(ed.queue.length).toBe(1);
    sim.run();
    expect(cubicle).toEqual([[1, 0], [2, 4]]);
  });

  it("higher-acuity conveyed patients overtake walk-ins, and crews are released in that order", () => {
    const { sim, ambulances, ed, cubicle } = setup();
    ed.arrive(1, 3);
    ed.arrive(10, 3); // walk-in, priority 3
    ambulances.arrive(20);
    ed.arrive(20, 1, ambulances.id); // conveyed, priority 1
    sim.run();
    expect(cubicle.map(([e]) => e)).toEqual([1, 20, 10]);
    expect(ambulances.blockedTimes.sum).toBe(4);
  });
});
