#!/usr/bin/env node
/**
 * `npm run validate`: runs the validation cases (validation/cases.ts), prints a summary and,
 * for a full run of every case, writes docs/VALIDATION.md.
 *
 *   npm run validate                         every case, full settings → docs/VALIDATION.md
 *   npm run validate -- --case 1 --case 6    only those cases; prints, writes nothing
 *   npm run validate -- --quick              the settings the tests use
 *   npm run validate -- --out report.md      write the report of whatever was run there
 *
 * Cases run in worker threads, as many at a time as there are cores; conservation (case 9)
 * runs last, in this thread, and reports on every replication run before it.
 * Progress goes to stderr, the summary to stdout. Exit code 0 when no check fails, 1 when one
 * does, 2 for bad arguments.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, realpathSync, writeFileSync, renameSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { Command, CommanderError, InvalidArgumentError } from "commander";
import { VERSION } from "../src/version.js";
import { CASES, caseById } from "./cases.js";
import { conservationLog, type CaseResult } from "./harness.js";
import { countVerdicts, formatDuration, renderReport } from "./report.js";
import type { WorkerReply, WorkerRequest } from "./worker.js";

const DEFAULT_REPORT = path.join("docs", "VALIDATION.md");
const CONSERVATION_CASE = 9;

interface Options {
  quick: boolean;
  case: number[];
  out?: string;
  workers?: number;
}

function caseNumber(value: string, previous: number[] = []): number[] {
  const n = Number(value);
  if (!Number.isInteger(n) || caseById(n) === undefined) {
    throw new InvalidArgumentError(`expected a case number from ${CASES[0]!.id} to ${CASES[CASES.length - 1]!.id}, got ${JSON.stringify(value)}`);
  }
  return [...previous, n];
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`expected a whole number ≥ 1, got ${JSON.stringify(value)}`);
  return n;
}

/** Runs one case in a worker thread. */
function runInWorker(caseId: number, quick: boolean): Promise<{ result: CaseResult; conservation: Parameters<typeof conservationLog.merge>[0] }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./worker.js", import.meta.url), { workerData: { caseId, quick } satisfies WorkerRequest });
    let settled = false;
    worker.once("message", (reply: WorkerReply) => {
      settled = true;
      if (reply.ok) resolve({ result: reply.result, conservation: reply.conservation });
      else reject(Object.assign(new Error(`case ${caseId}: ${reply.message}`), { stack: reply.stack }));
      void worker.terminate();
    });
    worker.once("error", (error) => {
      if (!settled) reject(error);
    });
    worker.once("exit", (code) => {
      if (!settled) reject(new Error(`case ${caseId}: worker stopped with exit code ${code}`));
    });
  });
}

function describeMachine(): string {
  const cpu = os.cpus()[0]?.model.trim().replace(/\s+/g, " ") ?? "unknown CPU";
  return `${cpu}, ${os.availableParallelism()} cores, ${Math.round((os.totalmem() / 2 ** 30) * 10) / 10} GiB, ${process.platform} ${process.arch} ${os.release()}`;
}

/** The commit of the working tree, with a mark when it has local changes (read-only git). */
function describeCommit(): string | undefined {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { stdio: ["ignore", "pipe", "ignore"] }).toString().trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "src", "validation", "models"], { stdio: ["ignore", "pipe", "ignore"] }).toString().trim() !== "";
    return dirty ? `${head} with local changes to src/, validation/ or models/` : head;
  } catch {
    return undefined;
  }
}

function writeAtomically(file: string, text: string): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command()
    .name("npm run validate --")
    .description("Run pathflow's validation cases against queueing theory and published results.")
    .option("--quick", "fewer replications and shorter runs (the tests' settings)", false)
    .option("--case <n>", "run only case n (repeatable); add --case 9 for the conservation table of those runs (a violation fails the run either way)", caseNumber, [] as number[])
    .option("--out <file>", `write the report here (default ${DEFAULT_REPORT} for a full run of every case; otherwise none)`)
    .option("--workers <n>", "cases run at a time (default: the number of cores)", positiveInteger)
    .exitOverride()
    .configureOutput({ writeOut: (t) => process.stdout.write(t), writeErr: (t) => process.stderr.write(t) });
  let options: Options;
  try {
    program.parse([...argv]);
    options = program.opts<Options>();
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }

  const chosen = options.case.length > 0 ? [...new Set(options.case)].sort((a, b) => a - b) : CASES.map((c) => c.id);
  const all = options.case.length === 0;
  const out = options.out ?? (all && !options.quick ? DEFAULT_REPORT : undefined);
  const started = new Date();
  const t0 = performance.now();
  const workers = Math.max(1, options.workers ?? os.availableParallelism());
  process.stderr.write(`validate: ${chosen.length} case${chosen.length === 1 ? "" : "s"} (${options.quick ? "quick" : "full"} settings), ${workers} at a time\n`);

  const results = new Map<number, CaseResult>();
  const queue = chosen.filter((id) => id !== CONSERVATION_CASE);
  const note = (r: CaseResult): void => {
    const c = countVerdicts([r]);
    process.stderr.write(`  case ${r.case} ${r.title}: ${c.pass} pass, ${c.fail} fail${c.disputed > 0 ? `, ${c.disputed} disputed` : ""}${c.info > 0 ? `, ${c.info} info` : ""} (${formatDuration(r.seconds)})\n`);
  };
  const runners = Array.from({ length: Math.min(workers, queue.length) }, async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const { result, conservation } = await runInWorker(id, options.quick);
      conservationLog.merge(conservation);
      results.set(id, result);
      note(result);
    }
  });
  await Promise.all(runners);
  if (chosen.includes(CONSERVATION_CASE)) {
    const c = caseById(CONSERVATION_CASE)!;
    const result = await c.run({ reps: options.quick ? c.reps.quick : c.reps.full, quick: options.quick });
    results.set(CONSERVATION_CASE, result);
    note(result);
  }
  const ordered = chosen.map((id) => results.get(id)!);
  const seconds = (performance.now() - t0) / 1000;
  const counts = countVerdicts(ordered);

  // Summary on stdout: per case, then anything that did not pass.
  for (const r of ordered) {
    const c = countVerdicts([r]);
    process.stdout.write(`case ${r.case}\t${c.fail === 0 ? "ok" : "FAIL"}\t${c.pass} pass\t${c.fail} fail\t${c.disputed} disputed\t${c.info} info\t${r.title}\n`);
  }
  for (const r of ordered) {
    for (const row of r.rows) {
      if (row.verdict === "fail" || row.verdict === "disputed") {
        process.stdout.write(`${row.verdict.toUpperCase()} ${row.id} ${row.checks}: reference ${row.reference}, simulated ${row.simMean}${row.ciLow !== null ? ` [${row.ciLow}, ${row.ciHigh}]` : ""}${row.note !== undefined ? ` — ${row.note}` : ""}\n`);
      }
    }
  }
  // Without case 9 in the run, conservation is still checked on every replication.
  const unreported = chosen.includes(CONSERVATION_CASE) ? [] : conservationLog.list().flatMap((e) => e.problems.map((p) => `${e.label}: ${p}`));
  for (const problem of unreported) process.stdout.write(`FAIL conservation ${problem}\n`);
  process.stdout.write(`total: ${counts.pass} pass, ${counts.fail} fail, ${counts.disputed} disputed, ${counts.info} info in ${formatDuration(seconds)}\n`);

  if (out !== undefined) {
    const commit = describeCommit();
    const command = ["npm run validate", ...(argv.length > 2 ? ["--", ...argv.slice(2)] : [])].join(" ");
    const report = renderReport(ordered, {
      started: started.toISOString(),
      seconds,
      machine: describeMachine(),
      node: process.version,
      pathflowVersion: VERSION,
      command,
      quick: options.quick,
      ...(commit !== undefined ? { commit } : {}),
    });
    writeAtomically(out, report);
    process.stderr.write(`validate: wrote ${out}\n`);
  }
  return counts.fail === 0 && unreported.length === 0 ? 0 : 1;
}

// Run when executed directly (not when imported by a test).
const invoked = process.argv[1] !== undefined ? realpathSync(process.argv[1]) : "";
if (invoked !== "" && pathToFileURL(invoked).href === pathToFileURL(realpathSync(fileURLToPath(import.meta.url))).href) {
  main(process.argv).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`validate: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
