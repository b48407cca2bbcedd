/**
 * memory-reps (once): peak RSS of an experiment with 10 and with 1,000 replications, each in a
 * fresh child process (bench/memory-child.ts) so that one figure is not the other's high-water
 * mark. The experiment is the default ICS, scenarios baseline and frailty-service (so the
 * per-patient ledgers and release accounting run), 7 days of warm-up and 7 of results, 2 workers:
 * short replications, so 1,000 of them take about a minute on 2 cores, while everything an experiment keeps
 * per replication is kept. Memory must not grow with replications.
 *
 * `events` and `seconds` are those of the 1,000-replication run (seconds include starting the child
 * and its worker pool); extra: peakRssMB10, peakRssMB100, peakRssMB1000, growthMB = peakRssMB1000 −
 * peakRssMB10, and heapUsedMB* (the main thread's heap at the end). The 100-replication point
 * separates the worker heaps filling up to their steady size (10 → 100) from growth with
 * replications (100 → 1,000).
 */
import { fileURLToPath } from "node:url";
import type { BenchCase } from "./case.js";
import { runJsonChild } from "./child.js";

export const MEMORY_SETTINGS = { days: 7, warmupDays: 7, workers: 2, scenarios: ["baseline", "frailty-service"] } as const;

interface ChildReport {
  readonly replications: number;
  readonly events: number;
  readonly seconds: number;
  readonly maxRssMB: number;
  readonly heapUsedMB: number;
}

function childFile(): string {
  return fileURLToPath(new URL("./memory-child.js", import.meta.url));
}

/** Runs the child for `replications` and returns its report and the wall time of the child. */
function runChild(replications: number, signal: AbortSignal): Promise<{ report: ChildReport; wallSeconds: number }> {
  const s = MEMORY_SETTINGS;
  const args = [
    childFile(),
    String(replications),
    "--days",
    String(s.days),
    "--warmup-days",
    String(s.warmupDays),
    "--workers",
    String(s.workers),
    ...s.scenarios.flatMap((name) => ["--scenario", name]),
  ];
  return runJsonChild<ChildReport>(process.execPath, args, `memory-child ${replications}`, signal);
}

export const cases: readonly BenchCase[] = [
  {
    name: "memory-reps",
    once: true,
    async run(signal) {
      const small = await runChild(10, signal);
      const middle = await runChild(100, signal);
      const large = await runChild(1000, signal);
      return {
        events: large.report.events,
        seconds: large.wallSeconds,
        extra: {
          days: MEMORY_SETTINGS.days,
          warmupDays: MEMORY_SETTINGS.warmupDays,
          workers: MEMORY_SETTINGS.workers,
          scenarios: MEMORY_SETTINGS.scenarios.join("+"),
          peakRssMB10: small.report.maxRssMB,
          peakRssMB100: middle.report.maxRssMB,
          peakRssMB1000: large.report.maxRssMB,
          growthMB: Number((large.report.maxRssMB - small.report.maxRssMB).toFixed(1)),
          heapUsedMB10: small.report.heapUsedMB,
          heapUsedMB100: middle.report.heapUsedMB,
          heapUsedMB1000: large.report.heapUsedMB,
          experimentSeconds1000: large.report.seconds,
        },
      };
    },
  },
];
