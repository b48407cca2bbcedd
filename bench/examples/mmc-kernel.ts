import { Network } from "../../src/engine/network.js";
import { Simulation } from "../../src/engine/simulation.js";
import { createStream, type RandomStream } from "../../src/random/streams.js";

/** Anything that draws a duration from a stream (the random layer's samplers fit). */
export interface DurationSource {
  sample(rng: RandomStream): number;
}

class Exponential implements DurationSource {
  constructor(private readonly mean: number) {}
  sample(rng: RandomStream): number {
    return -Math.log(1 - rng.double()) * this.mean;
  }
}

export interface MMcKernelOptions {
  /** Arrivals per hour (Poisson). */
  arrivalRatePerHour: number;
  /** Services per hour per server (exponential unless `service` is given). */
  serviceRatePerHour: number;
  servers: number;
  /** Customers to generate after the warm-up. */
  customers: number;
  /** Customers generated before statistics start. Default 0. */
  warmupCustomers?: number;
  /** Waiting room (Infinity for M/M/c, 0 for the Erlang loss system). */
  queueCapacity?: number;
  /** Service-time distribution in hours; default exponential with mean 1/serviceRatePerHour. */
  service?: DurationSource;
  seed: number;
  replication?: number;
}

export interface MMcKernelResult {
  /** Customers that arrived after the warm-up. */
  arrivals: number;
  events: number;
  /** Mean wait in queue (hours) of customers who started service after the warm-up. */
  meanWaitHours: number;
  /** Share of post-warm-up arrivals that waited (> 0). */
  pWait: number;
  /** Share of post-warm-up arrivals turned away (loss systems). */
  pRefused: number;
  /** Time-weighted mean number waiting. */
  meanQueue: number;
  /** Time-weighted mean busy servers ÷ servers. */
  utilisation: number;
}

/**
 * The M/M/c queue written directly against the kernel (Simulation + Network + Unit) with its
 * statistics on: the smallest complete example, used by the kernel benchmark and theory tests.
 */
export function runMMcKernel(options: MMcKernelOptions): MMcKernelResult {
  const sim = new Simulation();
  const net = new Network(sim);
  const unit = net.addUnit({
    name: "servers",
    capacity: options.servers,
    queueCapacity: options.queueCapacity ?? Infinity,
  });
  const rep = options.replication ?? 0;
  const arrivalRng = createStream(options.seed, rep, "arrivals");
  const serviceRng = createStream(options.seed, rep, "service");
  const meanGap = 1 / options.arrivalRatePerHour;
  const service = options.service ?? new Exponential(1 / options.serviceRatePerHour);
  const warmup = options.warmupCustomers ?? 0;
  const total = warmup + options.customers;
  let generated = 0;
  let waited = 0;

  const departKind = sim.on((e) => unit.release(e));
  const arriveKind = sim.on(() => {
    generated++;
    if (generated === warmup + 1) {
      net.resetStats();
      waited = 0;
    }
    unit.arrive(generated);
    if (generated < total) sim.postIn(-Math.log(1 - arrivalRng.double()) * meanGap, arriveKind);
  });
  unit.onStart = (_entity, wait) => {
    if (wait > 0) waited++;
    sim.postIn(service.sample(serviceRng), departKind);
  };
  sim.postIn(-Math.log(1 - arrivalRng.double()) * meanGap, arriveKind);
  const events = sim.run();
  const now = sim.now;
  const arrivals = unit.arrivals.value;
  return {
    arrivals,
    events,
    meanWaitHours: unit.waits.mean,
    pWait: arrivals > 0 ? waited / arrivals : 0,
    pRefused: arrivals > 0 ? unit.refusals.value / arrivals : 0,
    meanQueue: unit.queueLevel.mean(now),
    utilisation: unit.busyLevel.mean(now) / options.servers,
  };
}
