/** A home-care pool of 10 hours a week on a fresh simulation, recording when each package starts. */
import { Network } from "../../src/engine/network.js";
import { Simulation } from "../../src/engine/simulation.js";

export function setup(allocation: "strict" | "firstFit") {
  const sim = new Simulation();
  const net = new Network(sim);
  const pool = net.addPool({ name: "homecare", capacity: 10, allocation });
  const started: [number, number][] = [];
  pool.onStart = (e) => started.push([e, sim.now]);
  return { sim, net, pool, started };
}
