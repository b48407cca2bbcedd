/**
 * Child process of the memory-reps case (bench/memory.ts): runs one experiment and prints one JSON
 * line with the process's peak resident set size. Worker threads are threads of this process, so
 * process.resourceUsage().maxRSS covers them too.
 *
 * Usage: node dist/bench/memory-child.js <replications> [--model FILE] [--days N] [--warmup-days N]
 *          [--workers N] [--scenario NAME …]
 * Prints: {"replications":…,"events":…,"seconds":…,"maxRssMB":…,"heapUsedMB":…}
 */
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { runExperiment } from "../src/experiment/experiment.js";
import { planExperiment } from "../src/experiment/plan.js";
import { loadModel } from "../src/model/load.js";
import { icsModelFile } from "./ics.js";

function wholeNumber(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number ≥ 0, got ${text}`);
  return n;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    strict: true,
    options: {
      model: { type: "string" },
      days: { type: "string" },
      "warmup-days": { type: "string" },
      workers: { type: "string" },
      scenario: { type: "string", multiple: true },
    },
  });
  const replications = wholeNumber(positionals[0], "replications", NaN);
  if (!(replications >= 1)) throw new Error("usage: memory-child.js <replications ≥ 1> [options]");
  const start = performance.now();
  const plan = planExperiment(await loadModel(values.model ?? icsModelFile()), {
    scenarios: values.scenario ?? ["baseline", "frailty-service"],
    replications,
    days: wholeNumber(values.days, "--days", 7),
    warmupDays: wholeNumber(values["warmup-days"], "--warmup-days", 7),
  });
  const r = await runExperiment(plan, { workers: wholeNumber(values.workers, "--workers", 2) });
  const seconds = (performance.now() - start) / 1000;
  if (r.replications.completed !== replications) throw new Error(`completed ${r.replications.completed} of ${replications} replications`);
  const mib = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10;
  console.log(
    JSON.stringify({
      replications,
      scenarios: r.scenarios.length,
      events: r.events,
      seconds: Number(seconds.toFixed(3)),
      maxRssMB: Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10,
      heapUsedMB: mib(process.memoryUsage().heapUsed),
    }),
  );
}

main().catch((err: unknown) => {
  console.error(`memory-child: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 1;
});
