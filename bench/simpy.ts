/**
 * peer-simpy-mm10 (once): the same M/M/10 queue (λ = 9/h, μ = 1/h, 1,000,000 customers) in
 * pathflow's model-file path and in SimPy 3 (bench/peers/simpy_mm10.py), side by side in one run.
 *
 * pathflow: models/mmc.json compiled (untimed), one untimed full-length replication (JIT), then
 * three timed replications of 4,630 days (1,000,080 customers expected) after 10 days of warm-up,
 * as model-mm10; the median counts. SimPy: 1,000,000 customers after 2,160 warm-up customers (the
 * same 10 days) in one run; its script times env.run() only.
 *
 * `events` and `seconds` are pathflow's median replication's (by time per customer);
 * extra: customers of each, simpySeconds, pathflowSeconds, pathflowRunSeconds (all three),
 * ratio = SimPy's seconds ÷ pathflow's, scaled to the same number of customers (how many times
 * faster pathflow is), and each one's mean wait beside Erlang C (0.6687 h).
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
/** Timed pathflow replications (odd, for a median). */
const PATHFLOW_RUNS = 3;
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

async function runSimpy(python: string, customers: number, signal: AbortSignal): Promise<SimpyReport> {
  const { report } = await runJsonChild<SimpyReport & { skipped?: string }>(python, [scriptFile(), String(customers)], `${python} simpy_mm10.py`, signal);
  if (report.skipped !== undefined) throw new Error(report.skipped);
  return report;
}

export const cases: readonly BenchCase[] = [
  {
    name: "peer-simpy-mm10",
    once: true,
    async run(signal) {
      const compiled = await compileMm10();
      runMm10(compiled, 1_000_000); // untimed, full length: the JIT settles before timing
      // The median of PATHFLOW_RUNS timed replications: one 0.4-second run swings with the JIT and
      // the collector far more than SimPy's one several-second run does.
      const runs: { run: Mm10Run; seconds: number }[] = [];
      for (let r = 0; r < PATHFLOW_RUNS; r++) {
        const start = performance.now();
        const run = runMm10(compiled, r);
        runs.push({ run, seconds: (performance.now() - start) / 1000 });
      }
      const times = runs.map((r) => r.seconds);
      // The median by time per customer (replications differ by a few hundred Poisson arrivals).
      const median = [...runs].sort((a, b) => a.seconds / a.run.customers - b.seconds / b.run.customers)[(PATHFLOW_RUNS - 1) / 2]!;
      const pf = median.run;
      const pathflowSeconds = median.seconds;
      const pathflow = {
        pathflowCustomers: pf.customers,
        pathflowSeconds: Number(pathflowSeconds.toFixed(4)),
        pathflowRunSeconds: times.map((t) => t.toFixed(4)).join(" "),
        pathflowMeanWaitHours: Number(pf.meanWaitHours.toFixed(4)),
        erlangCWaitHours: ERLANG_C_WAIT_HOURS,
      };

      const python = findPython();
      if (python === undefined) {
        console.error(`bench: peer-simpy-mm10: ${INSTALL}`);
        return { events: pf.events, seconds: pathflowSeconds, extra: { ...pathflow, skipped: INSTALL } };
      }
      const simpy = await runSimpy(python, MM10_CUSTOMERS, signal);
      // Both runs cover about 1,000,000 customers; compare per customer so a few more or fewer
      // Poisson arrivals on either side do not count.
      const ratio = simpy.seconds / simpy.customers / (pathflowSeconds / pf.customers);
      return {
        events: pf.events,
        seconds: pathflowSeconds,
        extra: {
          ...pathflow,
          simpyCustomers: simpy.customers,
          simpySeconds: simpy.seconds,
          simpyMeanWaitHours: simpy.meanWaitHours,
          simpyEvents: simpy.events,
          simpyInternalEvents: simpy.simpyEvents,
          ratio: Number(ratio.toFixed(2)),
          simpy: `SimPy ${simpy.simpy}, Python ${simpy.python} (${python})`,
        },
      };
    },
  },
];
