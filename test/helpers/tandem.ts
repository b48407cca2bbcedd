import { Network } from "../../src/engine/network.js";
import { Simulation } from "../../src/engine/simulation.js";
import type { HeldAcceptance } from "../../src/engine/unit.js";

export interface TandemTrace {
  /** Times customers left B, in order. */
  departuresB: number[];
  /** Customer id → time it started service at B. */
  startsB: Map<number, number>;
  /** Waits in A's line, in start order. */
  waitsA: number[];
  /** How many of A's occupants were blocked, and for how long in total and at most. */
  blockedCountA: number;
  blockedSumA: number;
  blockedMaxA: number;
  /** Time-weighted means over [0, end]. */
  busyMeanA: number;
  blockedMeanA: number;
  waitsB: number[];
  end: number;
}

/** Two single-server stations in series with deterministic times; B's waiting room is limited. */
export function runDeterministicTandem(opts: {
  arrivals: number[];
  serviceA: number;
  serviceB: number;
  queueCapacityB: number;
  acceptHeld: HeldAcceptance;
}): TandemTrace {
  const sim = new Simulation();
  const net = new Network(sim);
  const a = net.addUnit({ name: "A", capacity: 1 });
  const b = net.addUnit({ name: "B", capacity: 1, queueCapacity: opts.queueCapacityB, acceptHeld: opts.acceptHeld });
  const departuresB: number[] = [];
  const startsB = new Map<number, number>();
  const waitsA: number[] = [];
  const waitsB: number[] = [];
  const arrive = sim.on((e) => a.arrive(e));
  const doneA = sim.on((e) => b.arrive(e, 0, a.id));
  const doneB = sim.on(() => {
    departuresB.push(sim.now);
    b.release(0);
  });
  a.onStart = (e, waited) => {
    waitsA.push(waited);
    sim.scheduleIn(opts.serviceA, doneA, e);
  };
  b.onStart = (e, waited) => {
    startsB.set(e, sim.now);
    waitsB.push(waited);
    sim.scheduleIn(opts.serviceB, doneB, e);
  };
  opts.arrivals.forEach((t, i) => sim.scheduleAt(t, arrive, i + 1));
  sim.run();
  const end = sim.now;
  return {
    departuresB,
    startsB,
    waitsA,
    waitsB,
    blockedCountA: a.blockedTimes.count,
    blockedSumA: a.blockedTimes.sum,
    blockedMaxA: a.blockedTimes.max,
    busyMeanA: a.busyLevel.mean(end),
    blockedMeanA: a.blockedLevel.mean(end),
    end,
  };
}
