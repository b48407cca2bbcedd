/**
 * Runs the benchmark suites with tinybench and prints one JSON line per case to stdout:
 *
 *   {"case":"machine","cpu":…,"cores":…,"memoryGiB":…,"node":…,"v8":…,"platform":…,"date":…}
 *   {"case":"hold-1k","events":1000000,"seconds":0.0123,"eventsPerSec":81300813,"iterations":…,"rmePct":…,…extra}
 *
 * `events` is the mean number of events one timed iteration processed, `seconds` the mean time of
 * one iteration, `eventsPerSec` their ratio. Progress and the human-readable table go to stderr.
 *
 * A case marked `once: true` (bench/case.ts) is a whole measurement in one call: it is called exactly
 * once, without warm-up and whatever `--iterations` says, and its line has `"iterations":1` and no
 * `rmePct`; `seconds` is the time of that call, or the time the case reports for itself.
 *
 * Each case runs in a process of its own (this script again, with `--only <case>`): V8 tunes
 * shared code — the calendar, units, the pathway — to what it has seen, so a case measured after
 * others in one process ran at their tuning, not its own (M/M/10 after two ICS replications: ~20%
 * slower, bench/RESULTS.md).
 *
 * Usage: node dist/bench/run.js [case …] [--iterations N] [--time MS] [--list]
 * A filter selects the case of that name, or the family `<filter>-*` (`hold` selects every hold case).
 * Exit codes: 0 ok, 1 a case failed, 2 bad arguments, 130 interrupted.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Bench } from "tinybench";
import { performance } from "node:perf_hooks";
import type { BenchCase, BenchOutcome, OnceBenchCase, RepeatedBenchCase } from "./case.js";
import { cases as holdCases } from "./hold.js";
import { cases as icsCases } from "./ics.js";
import { cases as kernelCases } from "./kernel-mm10.js";
import { describeMachine, formatMachine } from "./machine.js";
import { cases as memoryCases } from "./memory.js";
import { cases as modelCases } from "./model-mm10.js";
import { cases as releaseCases } from "./release.js";
import { cases as simpyCases } from "./simpy.js";

/** Every suite's cases, in run order. A new suite module exports `cases` and is added here. */
const SUITES: ReadonlyArray<readonly BenchCase[]> = [holdCases, kernelCases, modelCases, icsCases, releaseCases, memoryCases, simpyCases];

/** Fields the harness writes; a case's `extra` may not reuse them. */
const HARNESS_FIELDS = new Set(["case", "events", "seconds", "eventsPerSec", "iterations", "rmePct"]);

const DEFAULT_ITERATIONS = 10;
const DEFAULT_TIME_MS = 2000;

class UsageError extends Error {}

interface Options {
  readonly filters: readonly string[];
  readonly iterations: number;
  readonly timeMs: number;
  readonly list: boolean;
  /** Internal: run exactly this case here, print its line only (the parent process prints the rest). */
  readonly only: string | undefined;
}

function parseOptions(argv: readonly string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        iterations: { type: "string" },
        time: { type: "string" },
        list: { type: "boolean", default: false },
        only: { type: "string" },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  const iterations = values.iterations === undefined ? DEFAULT_ITERATIONS : Number(values.iterations);
  if (!Number.isInteger(iterations) || iterations < 1) {
    throw new UsageError(`--iterations must be a whole number ≥ 1, got ${values.iterations}`);
  }
  const timeMs = values.time === undefined ? DEFAULT_TIME_MS : Number(values.time);
  if (!Number.isFinite(timeMs) || timeMs < 0) {
    throw new UsageError(`--time must be a number of milliseconds ≥ 0, got ${values.time}`);
  }
  return { filters: positionals, iterations, timeMs, list: values.list, only: values.only };
}

function allCases(): BenchCase[] {
  const all = SUITES.flat();
  const seen = new Set<string>();
  for (const c of all) {
    if (seen.has(c.name)) throw new Error(`two cases are named ${c.name}`);
    seen.add(c.name);
  }
  return all;
}

function selectCases(all: readonly BenchCase[], filters: readonly string[]): BenchCase[] {
  if (filters.length === 0) return [...all];
  const matches = (name: string, f: string): boolean => name === f || name.startsWith(`${f}-`);
  const unknown = filters.filter((f) => !all.some((c) => matches(c.name, f)));
  if (unknown.length > 0) {
    throw new UsageError(`no case matches ${unknown.join(", ")}; cases: ${all.map((c) => c.name).join(", ")}`);
  }
  return all.filter((c) => filters.some((f) => matches(c.name, f)));
}

/** Significant digits for a JSON figure: enough to compare runs, not timer noise. */
function sig(x: number, digits = 6): number {
  return Number(x.toPrecision(digits));
}

type CaseReport =
  | { readonly state: "completed"; readonly line: Record<string, number | string> }
  | { readonly state: "errored"; readonly error: Error }
  | { readonly state: "aborted" };

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

/** Copies a case's extra figures onto its line; an error when one clashes with the harness's fields. */
function addExtra(line: Record<string, number | string>, extra: BenchOutcome["extra"]): Error | undefined {
  for (const [key, value] of Object.entries(extra ?? {})) {
    if (HARNESS_FIELDS.has(key)) return new Error(`extra field ${key} clashes with the harness`);
    line[key] = value;
  }
  return undefined;
}

async function measure(c: BenchCase, opts: Options, signal: AbortSignal): Promise<CaseReport> {
  try {
    await c.setup?.();
  } catch (err) {
    c.teardown?.();
    return { state: "errored", error: asError(err) };
  }
  return c.once === true ? measureOnce(c, signal) : measureRepeated(c, opts, signal);
}

/** A `once` case: one timed call, no warm-up, no tinybench. */
async function measureOnce(c: OnceBenchCase, signal: AbortSignal): Promise<CaseReport> {
  // Let the event loop turn first, so a Ctrl-C already pending is seen before a long call starts.
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (signal.aborted) {
    c.teardown?.();
    return { state: "aborted" };
  }
  let outcome;
  let elapsed;
  try {
    const start = performance.now();
    outcome = await c.run(signal);
    elapsed = (performance.now() - start) / 1000;
  } catch (err) {
    return signal.aborted ? { state: "aborted" } : { state: "errored", error: asError(err) };
  } finally {
    c.teardown?.();
  }
  if (signal.aborted) return { state: "aborted" };
  const seconds = outcome.seconds ?? elapsed;
  const line: Record<string, number | string> = {
    case: c.name,
    events: sig(outcome.events),
    seconds: sig(seconds),
    eventsPerSec: Math.round(outcome.events / seconds),
    iterations: 1,
  };
  const clash = addExtra(line, outcome.extra);
  return clash === undefined ? { state: "completed", line } : { state: "errored", error: clash };
}

async function measureRepeated(c: RepeatedBenchCase, opts: Options, signal: AbortSignal): Promise<CaseReport> {
  let calls = 0;
  let events = 0;
  let last: BenchOutcome | undefined;
  const bench = new Bench({
    iterations: opts.iterations,
    time: opts.timeMs,
    // Two untimed iterations and a second at least: in a fresh process V8 is still compiling the
    // hot paths during a case's first iteration, and often its second.
    warmupIterations: 2,
    warmupTime: Math.min(1000, opts.timeMs),
    signal,
  });
  bench.add(
    c.name,
    () => {
      last = c.run();
      calls++;
      events += last.events;
    },
    {
      async: false,
      // Untimed: lets the event loop turn between iterations, so Ctrl-C (SIGINT → abort) is seen.
      // tinybench otherwise runs a synchronous task back to back on microtasks only.
      beforeEach: () => new Promise<void>((resolve) => setImmediate(resolve)),
      beforeAll(mode) {
        // Count only the timed phase; warm-up calls also go through the task function.
        if (mode === "run") {
          calls = 0;
          events = 0;
        }
      },
    },
  );
  try {
    await bench.run();
  } finally {
    c.teardown?.();
  }
  const r = bench.getTask(c.name)!.result;
  switch (r.state) {
    case "completed": {
      const seconds = r.latency.mean / 1000;
      const eventsPerIteration = calls > 0 ? events / calls : 0;
      const line: Record<string, number | string> = {
        case: c.name,
        events: sig(eventsPerIteration),
        seconds: sig(seconds),
        eventsPerSec: Math.round(eventsPerIteration / seconds),
        iterations: r.latency.samplesCount,
        rmePct: sig(r.latency.rme, 3),
      };
      const clash = addExtra(line, last?.extra);
      return clash === undefined ? { state: "completed", line } : { state: "errored", error: clash };
    }
    case "errored":
      return { state: "errored", error: r.error };
    case "aborted":
    case "aborted-with-statistics":
      return { state: "aborted" };
    case "not-started":
    case "started":
      return { state: "errored", error: new Error(`tinybench left the task ${r.state}`) };
  }
}

function printTable(lines: ReadonlyArray<Record<string, number | string>>): void {
  if (lines.length === 0) return;
  const rows = lines.map((l) => [
    String(l.case),
    Number(l.events).toLocaleString("en-GB"),
    (Number(l.seconds) * 1000).toFixed(2),
    (Number(l.eventsPerSec) / 1e6).toFixed(2),
    l.rmePct === undefined ? "once" : `±${Number(l.rmePct).toFixed(1)}%`,
    String(l.iterations),
  ]);
  const head = ["case", "events/iter", "ms/iter", "Mevents/s", "rme", "iters"];
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: readonly string[]): string => r.map((v, i) => (i === 0 ? v.padEnd(width[i]!) : v.padStart(width[i]!))).join("  ");
  console.error(fmt(head));
  for (const r of rows) console.error(fmt(r));
}

/** Runs one case in a child process (this script with `--only`); its JSON line, or why not. */
function runIsolated(c: BenchCase, opts: Options, signal: AbortSignal): Promise<CaseReport> {
  const args = [fileURLToPath(import.meta.url), "--only", c.name, "--iterations", String(opts.iterations), "--time", String(opts.timeMs)];
  return new Promise((resolve) => {
    // Progress and errors pass straight through; stdout carries the case's JSON line.
    const child = spawn(process.execPath, [...process.execArgv, ...args], { stdio: ["ignore", "pipe", "inherit"], signal });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
    child.on("error", (err) => resolve(signal.aborted ? { state: "aborted" } : { state: "errored", error: err }));
    child.on("close", (code) => {
      if (signal.aborted || code === 130) return resolve({ state: "aborted" });
      const json = out.trim().split("\n").pop() ?? "";
      if (code !== 0 || json === "") return resolve({ state: "errored", error: new Error(`its process exited with ${code}`) });
      try {
        resolve({ state: "completed", line: JSON.parse(json) as Record<string, number | string> });
      } catch {
        resolve({ state: "errored", error: new Error(`its process printed no JSON line: ${json}`) });
      }
    });
  });
}

/** `--only`: measures one case in this process and prints its line; the parent did the rest. */
async function runOnly(name: string, opts: Options, signal: AbortSignal): Promise<number> {
  const c = allCases().find((x) => x.name === name);
  if (c === undefined) throw new UsageError(`no case is named ${name}`);
  const report = await measure(c, opts, signal);
  if (report.state === "aborted") return 130;
  if (report.state === "errored") {
    console.error(`bench: ${c.name} failed: ${report.error.stack ?? report.error.message}`);
    return 1;
  }
  console.log(JSON.stringify(report.line));
  return 0;
}

async function main(): Promise<number> {
  let opts: Options;
  let selected: BenchCase[];
  try {
    opts = parseOptions(process.argv.slice(2));
    if (opts.only !== undefined) {
      const controller = new AbortController();
      process.once("SIGINT", () => controller.abort());
      return await runOnly(opts.only, opts, controller.signal);
    }
    selected = selectCases(allCases(), opts.filters);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`bench: ${err.message}`);
      console.error("usage: node dist/bench/run.js [case …] [--iterations N] [--time MS] [--list]");
      return 2;
    }
    throw err;
  }
  if (opts.list) {
    for (const c of selected) console.log(c.name);
    return 0;
  }

  const controller = new AbortController();
  process.once("SIGINT", () => {
    console.error("bench: interrupted, stopping after the current iteration (Ctrl-C again to kill)");
    controller.abort();
  });

  const machine = describeMachine();
  console.log(JSON.stringify({ case: "machine", ...machine, date: new Date().toISOString() }));
  console.error(`bench: ${formatMachine(machine)}`);
  console.error(`bench: ${selected.length} case(s), ≥${opts.iterations} iterations and ≥${opts.timeMs} ms each (cases marked once: one call)`);

  const done: Array<Record<string, number | string>> = [];
  let failed = 0;
  for (const c of selected) {
    console.error(`bench: ${c.name} …`);
    const report = await runIsolated(c, opts, controller.signal);
    if (report.state === "aborted") {
      printTable(done);
      return 130;
    }
    if (report.state === "errored") {
      failed++;
      console.error(`bench: ${c.name} failed: ${report.error.message}`);
      continue;
    }
    console.log(JSON.stringify(report.line));
    done.push(report.line);
  }
  printTable(done);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = 1;
  },
);
