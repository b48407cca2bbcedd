/** A one-server unit on a fresh simulation, each service taking 1, recording the order of service. */
import { Network } from "../../src/engine/network.js";
import { Simulation } from "../../src/engine/simulation.js";

export function setup(discipline: "fifo" | "priority", queueCapacity = Infinity) {
  const sim = new Simulation();
  const net = new Network(sim);
  const unit = net.addUnit({ name: "ed", capacity: 1, discipline, queueCapacity });
  const order: number[] = [];
  const done = sim.on((e) => unit.release(e));
  unit.onStart = (e) => {
    order.push(e);
    sim.scheduleIn(1, done, e);
  };
  return { sim, unit, order };
}
