/**
 * peer-simpy-mm10 (once): the same M/M/10 queue (λ = 9/h, μ = 1/h, 1,000,000 customers) in
 * pathflow's model-file path and in SimPy 3 (bench/peers/simpy_mm10.py), side by side in one run.
 *
 * pathflow: models/mmc.json compiled (untimed), one untimed full-length replication (JIT), then
 * replications of 4,630 days (1,000,080 customers expected) after 10 days of warm-up, as
 * model-mm10. SimPy: 1,000,000 customers after 2,160 warm-up customers (the same 10 days); its
 * script times env.run() only.
 *
 * SLOTS rounds, each a block of REPLICATIONS_PER_SLOT pathflow replications (timed as a whole,
 * about as long as one SimPy run) and then one SimPy run. This machine's speed drifts by 10–40%
 * over minutes; in one slot both sides meet the same spell for about the same time, where one
 * sub-second pathflow run against a seven-second SimPy run met different ones (single runs moved
 * the ratio by as much as the gap being measured).
 *
 * ratio = the median over slots of SimPy's time per customer ÷ pathflow's in the same slot (how
 * many times faster pathflow is); ratioBest = SimPy's fastest run ÷ pathflow's fastest single
 * replication, per customer. `events` and `seconds` are a pathflow replication's (the mean in
 * the median slot); extra: pathflowSlotSeconds (each block's seconds per replication),
 * pathflowBestSeconds, simpyRunSeconds, slotRatios, customers of each, and each one's mean wait
 * beside Erlang C (0.6687 h).
 *
 * Python: the first of `python3`, `/usr/bin/python3` that can import simpy (Debian's
 * python3-simpy3 installs into the system Python only). Without one the line says `skipped` and
 * gives pathflow's figures alone.
 */
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import type { BenchCase } from "./case.js";
import { runJsonChild } from "./child.js";
import { compileMm10, ERLANG_C_WAIT_HOURS, MM10_CUSTOMERS, runMm10, type Mm10Run } from "./model-mm10.js";

const PYTHONS = ["python3", "/usr/bin/python3"];
/** Rounds of pathflow then SimPy (odd, for a median). */
const SLOTS = 3;
/** pathflow replications per round: about as long as one SimPy run (~0.3 s each against ~7 s). */
const REPLICATIONS_PER_SLOT = 20;
const INSTALL = "SimPy not installed: apt-get install python3-simpy3";

interface SimpyReport {
  readonly customers: number;
  readonly warmupCustomers: number;
  readonly events: number;
  readonly simpyEvents: number;
  readonly seconds: number;
  readonly meanWaitHours: number;
  readonly simpy: string;
  readonly python: string;
}

function scriptFile(): string {
  const fromDist = new URL("../../bench/peers/simpy_mm10.py", import.meta.url);
  const fromSource = new URL("./peers/simpy_mm10.py", import.meta.url);
  return fileURLToPath(import.meta.url.includes("/dist/bench/") ? fromDist : fromSource);
}

/** The first Python that imports simpy, or undefined. */
function findPython(): string | undefined {
  for (const python of PYTHONS) {
    const r = spawnSync(python, ["-c", "import simpy"], { stdio: "ignore", timeout: 30_000 });
    if (r.error === undefined && r.status === 0) return python;
  }
  return undefined;
}

async function runSimpy(python: string, customers: number, seed: number, signal: AbortSignal): Promise<SimpyReport> {
  const args = [scriptFile(), String(customers), "--seed", String(seed)];
  const { report } = await runJsonChild<SimpyReport & { skipped?: string }>(python, args, `${python} simpy_mm10.py`, signal);
  if (report.skipped !== undefined) throw new Error(report.skipped);
  return report;
}

/** A timed stretch of either: seconds for so many customers. */
interface Timed {
  readonly seconds: number;
  readonly customers: number;
}

const perCustomer = (r: Timed): number => r.seconds / r.customers;
const fixed = (xs: readonly number[], digits: number): string => xs.map((x) => x.toFixed(digits)).join(" ");

/** One slot's block of pathflow replications: the whole, its fastest replication, the last run. */
function pathflowBlock(compiled: Awaited<ReturnType<typeof compileMm10>>, first: number): { block: Timed; best: Timed; last: Mm10Run } {
  let seconds = 0;
  let customers = 0;
  let best: Timed = { seconds: Infinity, customers: 1 };
  let last: Mm10Run | undefined;
  for (let r = 0; r < REPLICATIONS_PER_SLOT; r++) {
    const start = performance.now();
    last = runMm10(compiled, first + r);
    const one = { seconds: (performance.now() - start) / 1000, customers: last.customers };
    seconds += one.seconds;
    customers += one.customers;
    if (perCustomer(one) < perCustomer(best)) best = one;
  }
  return { block: { seconds, customers }, best, last: last! };
}

/** Index of the median of xs (odd length). */
function medianIndex(xs: readonly number[]): number {
  const order = xs.map((_, i) => i).sort((a, b) => xs[a]! - xs[b]!);
  return order[(xs.length - 1) >> 1]!;
}

export const cases: readonly BenchCase[] = [
  {
    name: "peer-simpy-mm10",
    once: true,
    async run(signal) {
      const compiled = await compileMm10();
      runMm10(compiled, 1_000_000); // untimed, full length: the JIT settles before timing
      const python = findPython();
      if (python === undefined) console.error(`bench: peer-simpy-mm10: ${INSTALL}`);

      const ours: ReturnType<typeof pathflowBlock>[] = [];
      const theirs: SimpyReport[] = [];
      for (let slot = 0; slot < SLOTS; slot++) {
        ours.push(pathflowBlock(compiled, slot * REPLICATIONS_PER_SLOT));
        if (python !== undefined) theirs.push(await runSimpy(python, MM10_CUSTOMERS, slot + 1, signal));
      }

      const perReplication = ours.map((o) => o.block.seconds / REPLICATIONS_PER_SLOT);
      const mid = ours[medianIndex(perReplication)]!;
      const events = mid.last.events;
      const seconds = mid.block.seconds / REPLICATIONS_PER_SLOT;
      const pathflow = {
        pathflowCustomers: Math.round(mid.block.customers / REPLICATIONS_PER_SLOT),
        pathflowSeconds: Number(seconds.toFixed(4)),
        pathflowSlotSeconds: fixed(perReplication, 4),
        pathflowBestSeconds: Number(Math.min(...ours.map((o) => o.best.seconds)).toFixed(4)),
        pathflowMeanWaitHours: Number(mid.last.meanWaitHours.toFixed(4)),
        erlangCWaitHours: ERLANG_C_WAIT_HOURS,
      };
      if (python === undefined) return { events, seconds, extra: { ...pathflow, skipped: INSTALL } };

      const slotRatios = theirs.map((sp, i) => perCustomer(sp) / perCustomer(ours[i]!.block));
      const sp = theirs[medianIndex(theirs.map(perCustomer))]!;
      const fastestSimpy = Math.min(...theirs.map(perCustomer));
      const fastestPathflow = Math.min(...ours.map((o) => perCustomer(o.best)));
      return {
        events,
        seconds,
        extra: {
          ...pathflow,
          simpyCustomers: sp.customers,
          simpySeconds: sp.seconds,
          simpyRunSeconds: fixed(theirs.map((t) => t.seconds), 4),
          simpyMeanWaitHours: sp.meanWaitHours,
          simpyEvents: sp.events,
          simpyInternalEvents: sp.simpyEvents,
          slotRatios: fixed(slotRatios, 2),
          ratio: Number(slotRatios[medianIndex(slotRatios)]!.toFixed(2)),
          ratioBest: Number((fastestSimpy / fastestPathflow).toFixed(2)),
          simpy: `SimPy ${sp.simpy}, Python ${sp.python} (${python})`,
        },
      };
    },
  },
];
