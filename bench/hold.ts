/**
 * The classic hold model (Vaucher & Duval 1975; Jones 1986) on the event calendar: keep N events
 * pending; each hold fires the earliest and schedules one replacement at now + exponential(1).
 * The calendar stays at size N, so the cost per hold is the cost of one pop and one push at that
 * size. Prefilling with exponential(1) times is already the steady state (memorylessness).
 *
 * Increments come from a precomputed ring so the figure measures the calendar, not the generator.
 */
import { Simulation } from "../src/engine/simulation.js";
import { createStream } from "../src/random/streams.js";
import type { BenchCase } from "./case.js";

const SEED = 20240601;
/** Ring of increments: 2^16 doubles (512 KiB), read sequentially. */
const RING_BITS = 16;

function exponentialRing(bits: number, source: string): Float64Array {
  const stream = createStream(SEED, 0, source);
  const ring = new Float64Array(1 << bits);
  for (let i = 0; i < ring.length; i++) ring[i] = -Math.log(1 - stream.double());
  return ring;
}

/** A hold case with `pending` events in the calendar and `holds` holds per timed iteration. */
export function holdCase(name: string, pending: number, holds: number): BenchCase {
  let sim: Simulation | undefined;
  let ring: Float64Array = new Float64Array(0);
  let kind = -1;
  let cursor = 0;
  let left = 0;

  // Hot path: one ring read, one push, one counter per event; nothing allocated.
  const hold = (): void => {
    const s = sim!;
    s.post(s.now + ring[cursor]!, kind);
    cursor = (cursor + 1) & (ring.length - 1);
    if (--left === 0) s.stop();
  };

  return {
    name,
    setup() {
      ring = exponentialRing(RING_BITS, `bench/${name}/increments`);
      const prefill = createStream(SEED, 0, `bench/${name}/prefill`);
      sim = new Simulation(pending + 1);
      kind = sim.on(hold);
      for (let i = 0; i < pending; i++) sim.post(-Math.log(1 - prefill.double()), kind);
      cursor = 0;
    },
    teardown() {
      sim = undefined;
      ring = new Float64Array(0);
    },
    run() {
      const s = sim!;
      left = holds;
      const fired = s.run();
      if (fired !== holds || s.pending !== pending) {
        throw new Error(`${name}: fired ${fired} of ${holds} holds, ${s.pending} pending (expected ${pending})`);
      }
      return { events: fired, extra: { pending } };
    },
  };
}

export const cases: readonly BenchCase[] = [
  holdCase("hold-16", 16, 1_000_000),
  holdCase("hold-1k", 1 << 10, 1_000_000),
  holdCase("hold-64k", 1 << 16, 1_000_000),
  holdCase("hold-1m", 1 << 20, 1_000_000),
];
