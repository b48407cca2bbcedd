import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { estimateWork } from "../src/experiment/estimate.js";
import { planExperiment } from "../src/experiment/plan.js";
import { loadModel } from "../src/model/load.js";
import type { CliRun } from "./helpers/cli.js";
import { brokenFiles, leftovers } from "./helpers/folder-check.js";
import { Fuzz, flagSet, mutateCsv, mutateJson, mutateText } from "./helpers/fuzz.js";
import { runInProcess } from "./helpers/in-process.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

/**
 * Fuzzing: several hundred malformed inputs from a seeded generator (helpers/fuzz.ts) — the
 * shipped models and the test system mutated as text and as JSON, the rates CSV mutated, random
 * sets of flags — each run through the command line in this process, asserting what a hostile
 * user must always get:
 * - exit 2 with a message naming a path, a flag or the file; or exit 0 with whole, finite outputs;
 * - never exit 1 (a failure of pathflow's), never a stack trace, never a hang (a time limit per case);
 * - after a failure, no output folder at all (so no file at a final name, no empty folder).
 * A model mutated into a valid one is also run, briefly, when its estimated work is small.
 */
const dir = tempDirEachTest("pathflow-fuzz-");
const SEED = 20261201;
const CASE_LIMIT_MS = 20_000;
const ROOT = new URL("..", import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, ROOT), "utf8");
const MODELS: Record<string, string> = {
  mmc: read("models/mmc.json"),
  system: read("test/fixtures/system.json"),
  stroke: read("models/stroke-monks2016.json"),
  ics: read("models/ics-default.json"),
};
const RATES = read("test/fixtures/rates-week.csv");
/** A valid mutant is run when its estimated events are below this (the simulation is not the point). */
const RUN_BUDGET_EVENTS = 300_000;
const BRIEF = ["--reps", "1", "--days", "1", "--warmup-days", "0", "--workers", "1", "--quiet"];

let serial = 0;
function caseDir(): string {
  const d = join(dir(), `case-${serial++}`);
  mkdirSync(d);
  return d;
}

async function withinLimit(name: string, run: Promise<CliRun>): Promise<CliRun> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name}: no answer within ${CASE_LIMIT_MS / 1000} s (a hang)`)), CASE_LIMIT_MS);
  });
  try {
    return await Promise.race([run, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** What every case must satisfy; `out` is the --out folder of a run (absent before it). */
function expectSane(name: string, run: CliRun, file: string, out?: string): void {
  expect(run.stderr, `${name}: a stack trace`).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect([0, 2], `${name}: exit ${run.code}\n${run.stderr.slice(0, 1500)}`).toContain(run.code);
  if (run.code === 2) {
    const names = /(^|\n) {2}- [^\n]*: |--[a-z][a-z-]*|option|argument|is not valid JSON|cannot read |is empty|is nested/.test(run.stderr) || run.stderr.includes(file);
    expect(names, `${name}: the message names no path, flag or file:\n${run.stderr.slice(0, 1500)}`).toBe(true);
    if (out !== undefined) expect(existsSync(out), `${name}: failed but left ${out}`).toBe(false);
  } else if (out !== undefined) {
    expect(brokenFiles(out), name).toEqual([]);
    expect(leftovers(out), name).toEqual([]);
  }
}

/**
 * Validates `file`; if valid, small and `mayRun` (a run takes about a second, mostly the report),
 * runs it briefly. Returns whether it ran.
 */
async function validateAndRun(name: string, file: string, mayRun: boolean): Promise<boolean> {
  const validated = await withinLimit(name, runInProcess(["validate", file]));
  expectSane(name, validated, file);
  if (validated.code !== 0 || !mayRun) return false;
  const plan = planExperiment(await loadModel(file), { replications: 1, days: 1, warmupDays: 0 });
  if (estimateWork([plan], 1).events > RUN_BUDGET_EVENTS) return false;
  const out = join(file, "..", "out");
  expectSane(`${name} (run)`, await withinLimit(name, runInProcess(["run", file, ...BRIEF, "--out", out])), file, out);
  return true;
}

function writeModel(d: string, text: string): string {
  copyFileSync(new URL("test/fixtures/rates-week.csv", ROOT), join(d, "rates-week.csv"));
  const file = join(d, "model.json");
  writeFileSync(file, text);
  return file;
}

describe("fuzzed inputs", () => {
  it("model files mutated as text: 120 cases", { timeout: 120_000 }, async () => {
    const fuzz = new Fuzz(SEED, "text");
    let ran = 0;
    for (let i = 0; i < 120; i++) {
      const model = fuzz.pick(Object.keys(MODELS));
      const mutant = mutateText(fuzz, MODELS[model]!);
      if (await validateAndRun(`${model}: ${mutant.name}`, writeModel(caseDir(), mutant.text), ran < 5)) ran++;
    }
  });

  it("model files mutated as JSON: 160 cases", { timeout: 120_000 }, async () => {
    const fuzz = new Fuzz(SEED, "json");
    let ran = 0;
    for (let i = 0; i < 160; i++) {
      const model = fuzz.pick(["mmc", "mmc", "system", "system", "stroke", "ics"]);
      const mutant = mutateJson(fuzz, JSON.parse(MODELS[model]!));
      if (await validateAndRun(`${model}: ${mutant.name}`, writeModel(caseDir(), JSON.stringify(mutant.json, null, 1)), ran < 10)) ran++;
    }
    expect(ran, "valid mutants run").toBe(10);
  });

  it("the rates CSV mutated: 50 cases", { timeout: 120_000 }, async () => {
    const fuzz = new Fuzz(SEED, "csv");
    for (let i = 0; i < 50; i++) {
      const mutant = mutateCsv(fuzz, RATES);
      const d = caseDir();
      const file = writeModel(d, MODELS["system"]!);
      writeFileSync(join(d, "rates-week.csv"), mutant.text);
      const run = await withinLimit(mutant.name, runInProcess(["validate", file]));
      expectSane(`rates CSV: ${mutant.name}`, run, file);
      if (run.code === 2) expect(run.stderr, mutant.name).toContain("segments.care-home.arrivals[0].ratesCsv: ");
    }
  });

  it("flag sets for run and sweep: 60 cases", { timeout: 120_000 }, async () => {
    const fuzz = new Fuzz(SEED, "flags");
    const codes: number[] = [];
    for (let i = 0; i < 60; i++) {
      const flags = flagSet(fuzz);
      const sweep = i % 4 === 3;
      const command = sweep ? ["sweep", "models/mmc.json", "--set", fuzz.pick(["nodes.servers.servers=10,11", "nodes.servers.bogus=1", "nodes.servers.servers=-1", "=", "nodes.servers.servers="])] : ["run", "models/mmc.json"];
      const out = join(dir(), `flags-${i}`);
      const name = [...command, ...flags].join(" ");
      const run = await withinLimit(name, runInProcess([...command, ...flags, "--out", out]));
      expectSane(name, run, "models/mmc.json", out);
      codes.push(run.code ?? -1);
    }
    expect(codes.filter((c) => c === 0).length, "some flag sets are valid and run").toBeGreaterThan(3);
    expect(codes.filter((c) => c === 2).length, "most are not").toBeGreaterThan(30);
  });
});
