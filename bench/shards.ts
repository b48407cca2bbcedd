/**
 * Scaling by shards on one machine: replications per second of the default ICS model for one run
 * with 2 worker threads, against 1, 2 and 4 shards (`--shard K/N`, one worker thread each) run
 * side by side as separate processes, as a job array would run them on one node; and the time to
 * merge. Every configuration runs the same replications, in alternating rounds; the best round is
 * kept (the machine is shared: the best is the least disturbed). One JSON line per measurement to
 * stdout, the machine first; a table to stderr.
 *
 *   npm run build && node dist/bench/shards.js [--reps 8] [--days 60] [--rounds 2]
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { describeMachine } from "./machine.js";

const CLI = fileURLToPath(new URL("../src/cli/main.js", import.meta.url));
const { values } = parseArgs({ options: { reps: { type: "string", default: "8" }, days: { type: "string", default: "60" }, rounds: { type: "string", default: "2" } } });
const reps = Number(values.reps);
const days = Number(values.days);
const rounds = Number(values.rounds);
const MODEL = fileURLToPath(new URL("../../models/ics-default.json", import.meta.url));
const RUN = ["run", MODEL, "--reps", String(reps), "--days", String(days), "--warmup-days", String(days), "--quiet"];

/** CPU seconds (user + system) of the pathflow processes run so far. */
let cpuSeconds = 0;

/** Runs pathflow in bash, whose `times` then reports the CPU time of its children (the pathflow process and its threads). */
function pathflow(args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = '"$@" >/dev/null; status=$?; times >&3; exit $status';
    const child = spawn("bash", ["-c", script, "bash", process.execPath, CLI, ...args], { stdio: ["ignore", "ignore", "inherit", "pipe"] });
    let times = "";
    (child.stdio[3] as NodeJS.ReadableStream).setEncoding("utf8").on("data", (d: string) => (times += d));
    child.on("error", reject);
    child.on("close", (code) => {
      // `times`: the shell's user and system time, then its children's: "0m1.500s 0m0.120s".
      const line = times.trim().split("\n")[1] ?? "";
      for (const m of line.matchAll(/(\d+)m([\d.]+)s/g)) cpuSeconds += Number(m[1]) * 60 + Number(m[2]);
      if (code === 0) resolve();
      else reject(new Error(`pathflow ${args.join(" ")} exited ${code}`));
    });
  });
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

interface Config {
  readonly name: string;
  readonly shards: number;
}
const CONFIGS: readonly Config[] = [
  { name: "one run, --workers 2", shards: 0 },
  { name: "1 shard", shards: 1 },
  { name: "2 shards side by side", shards: 2 },
  { name: "4 shards side by side", shards: 4 },
];

const tmp = mkdtempSync(join(tmpdir(), "pathflow-bench-shards-"));
const best = new Map<string, { seconds: number; mergeSeconds: number | null; cpu: number }>();
process.stdout.write(`${JSON.stringify({ case: "machine", ...describeMachine(), loadAverage1m: loadavg()[0], date: new Date().toISOString() })}\n`);
try {
  for (let round = 0; round < rounds; round++) {
    for (const config of CONFIGS) {
      const out = join(tmp, `${round}-${config.shards}`);
      let seconds: number;
      let mergeSeconds: number | null = null;
      const cpuBefore = cpuSeconds;
      let runCpu = 0;
      if (config.shards === 0) {
        seconds = await timed(() => pathflow([...RUN, "--workers", "2", "--out", out]));
        runCpu = cpuSeconds - cpuBefore;
      } else {
        const n = config.shards;
        seconds = await timed(() => Promise.all(Array.from({ length: n }, (_, k) => pathflow([...RUN, "--workers", "1", "--shard", `${k}/${n}`, "--out", join(out, "shards")]))));
        runCpu = cpuSeconds - cpuBefore;
        mergeSeconds = await timed(() => pathflow(["merge", join(out, "shards"), "--out", join(out, "merged"), "--quiet"]));
      }
      rmSync(out, { recursive: true, force: true });
      const line = { case: "shards", config: config.name, shards: config.shards, round, replications: reps, days, seconds, replicationsPerSec: reps / seconds, cpuSecondsPerReplication: runCpu / reps, mergeSeconds, loadAverage1m: loadavg()[0] };
      process.stdout.write(`${JSON.stringify(line)}\n`);
      const previous = best.get(config.name);
      if (previous === undefined || seconds < previous.seconds) best.set(config.name, { seconds, mergeSeconds, cpu: runCpu / reps });
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.stderr.write(`\nbest of ${rounds} rounds, ${reps} replications of ics-default (${days} days after ${days} days' warm-up):\n`);
for (const config of CONFIGS) {
  const b = best.get(config.name)!;
  process.stderr.write(`  ${config.name.padEnd(24)} ${b.seconds.toFixed(1).padStart(6)} s  ${(reps / b.seconds).toFixed(2).padStart(6)} replications/s  ${b.cpu.toFixed(2)} CPU s/replication${b.mergeSeconds === null ? "" : `  (merge ${b.mergeSeconds.toFixed(1)} s)`}\n`);
}
