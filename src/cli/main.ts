#!/usr/bin/env node
/**
 * The `pathflow` command: parse arguments, call the library, print (nothing else lives here).
 *
 *   pathflow validate MODEL...   check model files and their scenarios
 *   pathflow schema              print the JSON Schema of a model file
 *   pathflow run MODEL [...]     run replications (run.ts)
 *   pathflow sweep MODEL [...]   run a grid of parameter values (sweep.ts)
 *   pathflow report DIR          rebuild report.html (and results.xlsx) from an output folder
 *   pathflow estimate-drift EPISODES  estimate drift strength from ED episodes (../estimate/command.ts)
 *   pathflow init DIR            start a model of your own in DIR (init.ts)
 *   pathflow census MODEL        write the patients present at the end of the warm-up (census.ts)
 *
 * stdout carries data and the summary asked for; problems go to stderr. Exit codes (exit.ts):
 * 0 ok, 1 failure, 2 bad input (invalid model, unknown option, bad flag value, an output folder
 * that cannot be used), 130/143/129 stopped by SIGINT/SIGTERM/SIGHUP (with partial outputs).
 * A stack trace is printed only when PATHFLOW_DEBUG is set.
 */
import { realpathSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Command, CommanderError, InvalidArgumentError } from "commander";
import { PathflowInputError, formatPath, type Issue } from "../errors.js";
import { modelJsonSchemaText } from "../model/json-schema.js";
import { loadModel, type LoadedModel } from "../model/load.js";
import { validateScenarios } from "../model/scenario.js";
import { planExperiment } from "../experiment/plan.js";
import { handOverWarnings } from "../model/hand-over.js";
import type { PoolOptions } from "../experiment/pool.js";
import { VERSION } from "../version.js";
import { parseIsoDate } from "../dates.js";
import { describeWriteError, isOutputFsError } from "../io/output-problem.js";
import { addEstimateDriftCommand } from "../estimate/command.js";
import { BAD_INPUT, FAILURE, HANGUP, INTERRUPTED, OK, TERMINATED } from "./exit.js";
import { addInitCommand } from "./init.js";
import { addCensusCommand } from "./census.js";
import { runCommand } from "./run.js";
import { sweepCommand } from "./sweep.js";
import { mergeCommand } from "./merge.js";

type CommandAction = (modelPath: string | undefined, options: Record<string, unknown>, pool: PoolOptions) => Promise<number>;

/**
 * Runs the command line `argv` (as `process.argv`: node, script, arguments) and returns the exit
 * code. `pool` sets the worker pool's options (tests use it to run a fault-injecting worker).
 */
export async function main(argv: readonly string[], pool: PoolOptions = {}): Promise<number> {
  const state = { exitCode: OK as number };
  const program = buildProgram(state, pool);
  try {
    await program.parseAsync([...argv]);
    return state.exitCode;
  } catch (error) {
    return report(error);
  }
}

function buildProgram(state: { exitCode: number }, pool: PoolOptions): Command {
  const program = new Command();
  program
    .name("pathflow")
    .description("Discrete-event simulation of patient flow across a health and care system.")
    .version(VERSION, "-V, --version", "print the pathflow version")
    .helpOption("-h, --help", "show help")
    .showHelpAfterError("(run pathflow --help for usage)")
    // Usage errors are thrown (not process.exit) so they become exit code 2 in one place.
    .exitOverride()
    .configureOutput({
      writeOut: (text) => process.stdout.write(text),
      writeErr: (text) => process.stderr.write(text),
    });

  program
    .command("validate")
    .description("check model files and every scenario in them")
    .argument("<model...>", "model files (JSON)")
    .option("--data-dir <dir>", DATA_DIR_HELP, collect)
    .action(async (files: string[], options: { dataDir?: string[] }) => {
      let worst = OK as number;
      for (const file of files) {
        const code = await validateCommand(file, options.dataDir ?? []);
        if (code !== OK) worst = code;
      }
      state.exitCode = worst;
    });

  program
    .command("schema")
    .description("print the JSON Schema of a model file")
    .action(() => {
      process.stdout.write(modelJsonSchemaText());
    });

  addRunOptions(
    program
      .command("run")
      .description("run a model's baseline and scenarios and write the results")
      .argument("[model]", "model file (JSON); with --resume, the run's own model file when left out")
      .option("--resume <dir>", "continue the run (or shard) in this folder that was interrupted or killed: only its missing replications run")
      .option("--drift-range <b2,...>", "drift strengths (b2 per occupancy point) to report the release across, e.g. 0,-0.015,-0.03 (default the model's admission.driftRange, else 0, b2 and 2×b2)", driftStrengths)
      .option("--no-drift-range", "report the release as modelled only (no drift range: faster)")
      .option("--drift-from <estimate.json>", "report the release across drift as measured locally: b2 at the low end, estimate and high end of the 95% interval in an estimate.json of pathflow estimate-drift")
      .option("--episodes", "also write episodes.csv: every ED decision of the results period (arrival, acuity, admitted, pressure_pct), the format pathflow estimate-drift reads")
      .option("--census <file>", "start every replication from this census (docs/census.md; pathflow census writes one) instead of empty: a warm start, with a short --warmup-days"),
  ).action(async (model: string | undefined, options: Record<string, unknown>) => {
    state.exitCode = await interruptible(runCommand, model, options, pool);
  });

  addRunOptions(
    program
      .command("sweep")
      .description("run the grid of parameter values given by --set / --set-both, one experiment per cell")
      .argument("<model>", "model file (JSON)")
      .option("--set <path=values>", "values for the compared scenario only, e.g. nodes.acute.servers=60,70 (repeat for more axes)", collect)
      .option("--set-both <path=values>", "values for the baseline and the compared scenario alike (repeat for more axes)", collect),
  ).action(async (model: string, options: Record<string, unknown>) => {
    state.exitCode = await interruptible((m, o, p) => sweepCommand(m!, o, p), model, options, pool);
  });

  program
    .command("merge")
    .description("write the results of a run or sweep from its shards (--shard), byte for byte as one run would")
    .argument("<shard_dir...>", "shard folders, or folders of shard folders (a --shard run's --out)")
    .requiredOption("--out <dir>", "folder for the result files: new or empty")
    .option("--allow-partial", "merge even if replications are missing: the results are over those present, marked partial")
    .option("--force", "write into a --out folder that holds files: pathflow's own files there are replaced, others left alone")
    .option("--bom", "start CSV files with a byte-order mark (for Excel)")
    .option("--warmup-report", "check the warm-up length (MSER-5) and report it")
    .option("--xlsx", "also write results.xlsx: one sheet per CSV file, a README and a data dictionary")
    .option("--quiet", "no progress on stderr")
    .action(async (dirs: string[], options: Record<string, unknown>) => {
      state.exitCode = await mergeCommand(dirs, options);
    });

  program
    .command("report")
    .description("build report.html from an output folder's files (a run's or a sweep's, whole or partial)")
    .argument("<dir>", "the folder a run or sweep wrote (its --out)")
    .option("--xlsx", "also write results.xlsx")
    .action(async (dir: string, options: { xlsx?: boolean }) => {
      // Loaded here: the chart and workbook libraries take about a second to load, which no other command needs.
      const { buildReport, writeWorkbook } = await import("../report/index.js");
      const report = await buildReport(dir);
      const partial = report.partialReasons.length > 0 ? ` (PARTIAL: ${report.partialReasons.join("; ")})` : "";
      process.stdout.write(`report written to ${report.path} (${Math.ceil(report.bytes / 1024)} KB)${partial}\n`);
      if (options.xlsx === true) process.stdout.write(`workbook written to ${(await writeWorkbook(dir)).path}\n`);
    });

  addEstimateDriftCommand(program, (code) => (state.exitCode = code));
  addInitCommand(program, (code) => (state.exitCode = code));
  addCensusCommand(program, (code) => (state.exitCode = code), { whole: wholeNumber, nonNegative: nonNegativeNumber, collect });

  return program;
}

// ---------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------

async function validateCommand(file: string, dataDirs: readonly string[]): Promise<number> {
  let loaded: LoadedModel;
  try {
    loaded = await loadModel(file, { dataDirs });
  } catch (error) {
    if (!(error instanceof PathflowInputError)) throw error;
    printProblems(`${file}: ${count(error.issues.length, "problem")}`, error.issues);
    return BAD_INPUT;
  }
  const issues = validateScenarios(loaded);
  if (issues.length === 0) {
    // What only a run's plan checks (a start date beside startMonth, dated periods without one):
    // planning does not run anything.
    try {
      planExperiment(loaded, { driftRange: false });
    } catch (error) {
      if (!(error instanceof PathflowInputError)) throw error;
      issues.push(...error.issues);
    }
  }
  if (issues.length > 0) {
    printProblems(`${file}: ${count(issues.length, "problem")}`, issues);
    return BAD_INPUT;
  }
  const { model } = loaded;
  const parts = [
    count(Object.keys(model.segments).length, "segment"),
    count(Object.keys(model.nodes).length, "node"),
    count(Object.keys(model.scenarios).length, "scenario"),
  ];
  const run = `${count(model.run.days, "day")} after ${count(model.run.warmupDays, "day")} warm-up, ${count(model.run.replications, "replication")}`;
  process.stdout.write(`${file}: valid — ${parts.join(", ")}; ${run}\n`);
  // Warnings go to stderr: the model is valid and runs as written.
  for (const w of handOverWarnings(model)) process.stderr.write(`${file}: warning: ${formatPath(w.path)}: ${w.message}\n`);
  return OK;
}

const DATA_DIR_HELP = "a folder, besides the model's own, that files named in the model (ratesCsv) may be read from (repeat for more)";

/** The options shared by run and sweep. */
function addRunOptions(command: Command): Command {
  return command
    .option("--scenario <name>", "scenario to run (repeat, or separate with commas; default all)", collectNames)
    .option("--baseline <name>", "scenario to compare with (default baseline)")
    .option("--reps <n>", 'replications, or "auto" to run until --precision is reached (overrides run.replications)', replications)
    .option("--precision <p>", "with --reps auto: target half-width of the 95% CI, relative to the mean for KPIs, in ratio units for --target release-ratio (default 0.05)", positiveNumber("--precision"))
    .option("--target <what>", 'with --reps auto: what must reach --precision: "kpis" (the headline KPIs, default) or "release-ratio" (each demand scenario\'s headline release ratio)', autoTarget)
    .option("--max-reps <n>", "with --reps auto: most replications to run (default 200)", wholeNumber("--max-reps", 1))
    .option("--seed <s>", "seed (overrides run.seed)", wholeNumber("--seed", 0))
    .option("--days <d>", "results period in days (overrides run.days)", positiveNumber("--days"))
    .option("--warmup-days <d>", "warm-up in days (overrides run.warmupDays)", nonNegativeNumber("--warmup-days"))
    .option("--start-date <date>", "first day of the results period, YYYY-MM-DD: the warm-up runs the days before it, and weekdays, months and dated periods follow the real calendar (overrides run.startDate)", isoDateFlag("--start-date"))
    .option("--workers <w>", "worker threads", wholeNumber("--workers", 1))
    .option("--shard <K/N>", "run only slice K of N (from 0) of the replications (and sweep cells) into <out>/shard-K-of-N, for pathflow merge; with N alone, K is read from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX")
    .option("--data-dir <dir>", DATA_DIR_HELP, collect)
    .option("--out <dir>", "folder for the result files: new or empty (default results/<model>-<time>)")
    .option("--force", "write into a --out folder that holds files: pathflow's own files there are replaced, others left alone")
    .option("--events", "also write the event log")
    .option("--yes", "start a run estimated to be very large (events or memory) without refusing")
    .option("--bom", "start CSV files with a byte-order mark (for Excel)")
    .option("--warmup-report", "check the warm-up length (MSER-5) and report it")
    .option("--xlsx", "also write results.xlsx: one sheet per CSV file, a README and a data dictionary")
    .option("--quiet", "no progress on stderr");
}

/**
 * Runs `command` with an abort signal in its options. SIGINT (Ctrl-C), SIGTERM (a batch
 * scheduler's time-out, `kill`) and SIGHUP (the terminal closed) all ask it to stop through
 * `options.signal`: it writes the replications that completed, marked partial, and the exit code
 * is 128 + the signal's number (130, 143, 129), as a shell reports a process the signal ended. A
 * second signal stops at once with that code.
 */
async function interruptible(command: CommandAction, model: string | undefined, options: Record<string, unknown>, pool: PoolOptions): Promise<number> {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (received !== undefined) process.exit(exitCodeFor(received));
    received = signal;
    controller.abort();
    const how = signal === "SIGINT" ? "press Ctrl-C again" : `send ${signal} again`;
    writeQuietly(`pathflow: ${signal}: interrupting — writing the completed replications, marked partial; ${how} to stop at once\n`);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  try {
    const code = await command(model, { ...options, signal: controller.signal }, pool);
    return received !== undefined ? exitCodeFor(received) : code;
  } finally {
    for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
  }
}

/** The signals that stop a run cleanly. */
const STOP_SIGNALS: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

function exitCodeFor(signal: NodeJS.Signals): number {
  return signal === "SIGTERM" ? TERMINATED : signal === "SIGHUP" ? HANGUP : INTERRUPTED;
}

/** stderr may be gone (SIGHUP: the terminal closed); a message that cannot be shown is not an error. */
function writeQuietly(text: string): void {
  try {
    process.stderr.write(text);
  } catch {
    // nowhere to write
  }
}

// ---------------------------------------------------------------------------------------------
// Flag values
// ---------------------------------------------------------------------------------------------

function isoDateFlag(flag: string): (value: string) => string {
  return (value) => {
    const day = parseIsoDate(value);
    if (typeof day !== "number") throw new InvalidArgumentError(`${flag}: ${day.error}.`);
    return value;
  };
}

function wholeNumber(flag: string, min: number): (value: string) => number {
  return (value) => {
    const n = /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
    if (!(Number.isSafeInteger(n) && n >= min)) throw new InvalidArgumentError(`${flag} must be a whole number ≥ ${min}, got "${value}".`);
    return n;
  };
}

function replications(value: string): number | "auto" {
  if (value.trim() === "auto") return "auto";
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!(Number.isSafeInteger(n) && n >= 1)) throw new InvalidArgumentError(`--reps must be a whole number ≥ 1 or "auto", got "${value}".`);
  return n;
}

function positiveNumber(flag: string): (value: string) => number {
  return (value) => {
    const n = value.trim() === "" ? NaN : Number(value);
    if (!(Number.isFinite(n) && n > 0)) throw new InvalidArgumentError(`${flag} must be a number > 0, got "${value}".`);
    return n;
  };
}

function nonNegativeNumber(flag: string): (value: string) => number {
  return (value) => {
    const n = value.trim() === "" ? NaN : Number(value);
    if (!(Number.isFinite(n) && n >= 0)) throw new InvalidArgumentError(`${flag} must be a number ≥ 0, got "${value}".`);
    return n;
  };
}

function autoTarget(value: string): "kpis" | "release-ratio" {
  if (value !== "kpis" && value !== "release-ratio") throw new InvalidArgumentError(`--target is "kpis" or "release-ratio", got "${value}".`);
  return value;
}

/** `--drift-range 0,-0.015,-0.03`: one to nine numbers. */
function driftStrengths(value: string): number[] {
  const parts = value.split(",").map((x) => x.trim());
  const numbers = parts.map((x) => (x === "" ? NaN : Number(x)));
  if (numbers.length > 9 || numbers.some((n) => !Number.isFinite(n))) throw new InvalidArgumentError(`--drift-range takes one to nine numbers separated by commas (b2 per occupancy point, e.g. 0,-0.015,-0.03), got "${value}".`);
  return numbers;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function collectNames(value: string, previous: string[] | undefined): string[] {
  const names = value
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
  if (names.length === 0) throw new InvalidArgumentError(`--scenario needs a scenario name, got "${value}".`);
  return [...(previous ?? []), ...names];
}

// ---------------------------------------------------------------------------------------------
// Reporting
// ---------------------------------------------------------------------------------------------

/** The exit code for an error that reached the top, after printing it (never a stack, unless PATHFLOW_DEBUG). */
function report(error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander has printed its message (or the help or version) already.
    return error.exitCode === 0 ? OK : BAD_INPUT;
  }
  if (error instanceof PathflowInputError) {
    const head = (error.message.split("\n")[0] ?? "invalid input").replace(/:$/, "");
    printProblems(head, error.issues);
    debugStack(error);
    return BAD_INPUT;
  }
  const path = (error as { path?: unknown } | null)?.path;
  if (isOutputFsError(error) && typeof path === "string") {
    // A refusal to write that no caller named a file for: the path the system names.
    process.stderr.write(`pathflow: cannot write ${path}: ${describeWriteError(error)}\n`);
    debugStack(error);
    return BAD_INPUT;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`pathflow: ${message}\n`);
  debugStack(error);
  return FAILURE;
}

/** Problems listed one per line; past a hundred, the rest are counted (a 100,000-entry calendar can have 700,000). */
const MAX_LISTED = 100;

function printProblems(head: string, issues: readonly Issue[]): void {
  const lines = issues.slice(0, MAX_LISTED).map((issue) => `  - ${where(issue)}${issue.message}`);
  if (issues.length > MAX_LISTED) lines.push(`  … and ${issues.length - MAX_LISTED} more problems`);
  process.stderr.write(`${head}\n${lines.join("\n")}\n`);
}

/** "path: " before a message; a command-line flag (["--set"]) as written; nothing for the whole input. */
function where(issue: Issue): string {
  if (issue.path.length === 0) return "";
  const first = issue.path[0];
  if (issue.path.length === 1 && typeof first === "string" && first.startsWith("-")) return `${first}: `;
  return `${formatPath(issue.path)}: `;
}

function debugStack(error: unknown): void {
  if (process.env["PATHFLOW_DEBUG"] && error instanceof Error && error.stack !== undefined) {
    process.stderr.write(`${error.stack}\n`);
    // A replication that failed in a worker thread: its own stack is where the fault is.
    const outcome = (error as { outcome?: { stack?: unknown } }).outcome;
    if (typeof outcome?.stack === "string" && outcome.stack !== "") process.stderr.write(`in the worker:\n${outcome.stack}\n`);
  }
}

function count(n: number, noun: string): string {
  return `${n} ${n === 1 ? noun : `${noun}s`}`;
}

/** Whether this module is the program being run (also through an npm bin symlink). */
function isEntryPoint(): boolean {
  const invoked = process.argv[1];
  if (invoked === undefined) return false;
  try {
    return pathToFileURL(realpathSync(invoked)).href === pathToFileURL(realpathSync(fileURLToPath(import.meta.url))).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  let settled = false;
  // A closed terminal (SIGHUP) or a closed pipe (pathflow run … | head) is no reason to lose the run.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE" && error.code !== "EIO") throw error;
    });
  }
  // Node exits with 0 when nothing is left to do, even if a command's promise never settled: that
  // must not pass for success.
  process.on("exit", (code) => {
    if (!settled && code === 0) {
      process.stderr.write("pathflow: stopped before the command finished (a promise was never settled)\n");
      process.exitCode = FAILURE;
    }
  });
  main(process.argv).then(
    (code) => {
      settled = true;
      process.exitCode = code;
    },
    (error: unknown) => {
      settled = true;
      process.exitCode = report(error);
    },
  );
}
