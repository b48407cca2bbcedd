/**
 * peer-simpy-mm10 (once): the same M/M/10 queue (λ = 9/h, μ = 1/h, 1,000,000 customers) in
 * pathflow's model-file path and in SimPy 3 (bench/peers/simpy_mm10.py), side by side in one run.
 *
 * pathflow: models/mmc.json compiled (untimed), one untimed full-length replication (JIT), then
 * replications of 4,630 days (1,000,080 customers expected) after 10 days of warm-up, as
 * model-mm10. SimPy: 1,000,000 customers after 2,160 warm-up customers (the same 10 days); its
 * script times env.run() only. RUNS of each, interleaved — pathflow, SimPy, pathflow, SimPy … —
 * so that both meet the same spells of a shared host: this machine's speed drifts by 10–30% over
 * minutes, and one several-second SimPy run against sub-second pathflow runs taken at another
 * moment moved the ratio by as much.
 *
 * ratio = SimPy's median time per customer ÷ pathflow's (how many times faster pathflow is);
 * ratioBest, the same from each side's fastest run. `events` and `seconds` are pathflow's median
 * replication's (by time per customer); extra: customers of each, pathflowSeconds and
 * simpySeconds (medians), pathflowRunSeconds and simpyRunSeconds (every run, in order), and each
 * one's mean wait beside Erlang C (0.6687 h).
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
/** Timed runs of each (odd, for a median). */
const RUNS = 3;
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

/** A timed run of either: seconds for so many customers. */
interface Timed {
  readonly seconds: number;
  readonly customers: number;
}

const perCustomer = (r: Timed): number => r.seconds / r.customers;
/** The median run by time per customer (runs differ by a few hundred Poisson arrivals). */
const median = <T extends Timed>(runs: readonly T[]): T => [...runs].sort((a, b) => perCustomer(a) - perCustomer(b))[(runs.length - 1) >> 1]!;
const fastest = (runs: readonly Timed[]): number => Math.min(...runs.map(perCustomer));
const listSeconds = (runs: readonly Timed[]): string => runs.map((r) => r.seconds.toFixed(4)).join(" ");

function timePathflow(compiled: Awaited<ReturnType<typeof compileMm10>>, replication: number): Timed & { run: Mm10Run } {
  const start = performance.now();
  const run = runMm10(compiled, replication);
  return { run, seconds: (performance.now() - start) / 1000, customers: run.customers };
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

      const ours: (Timed & { run: Mm10Run })[] = [];
      const theirs: (Timed & { report: SimpyReport })[] = [];
      for (let r = 0; r < RUNS; r++) {
        ours.push(timePathflow(compiled, r));
        if (python !== undefined) {
          const report = await runSimpy(python, MM10_CUSTOMERS, r + 1, signal);
          theirs.push({ report, seconds: report.seconds, customers: report.customers });
        }
      }

      const pf = median(ours);
      const pathflow = {
        pathflowCustomers: pf.customers,
        pathflowSeconds: Number(pf.seconds.toFixed(4)),
        pathflowRunSeconds: listSeconds(ours),
        pathflowMeanWaitHours: Number(pf.run.meanWaitHours.toFixed(4)),
        erlangCWaitHours: ERLANG_C_WAIT_HOURS,
      };
      if (python === undefined) return { events: pf.run.events, seconds: pf.seconds, extra: { ...pathflow, skipped: INSTALL } };

      const sp = median(theirs);
      return {
        events: pf.run.events,
        seconds: pf.seconds,
        extra: {
          ...pathflow,
          simpyCustomers: sp.customers,
          simpySeconds: sp.seconds,
          simpyRunSeconds: listSeconds(theirs),
          simpyMeanWaitHours: sp.report.meanWaitHours,
          simpyEvents: sp.report.events,
          simpyInternalEvents: sp.report.simpyEvents,
          ratio: Number((perCustomer(sp) / perCustomer(pf)).toFixed(2)),
          ratioBest: Number((fastest(theirs) / fastest(ours)).toFixed(2)),
          simpy: `SimPy ${sp.report.simpy}, Python ${sp.report.python} (${python})`,
        },
      };
    },
  },
];
