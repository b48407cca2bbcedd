import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { pathflow as runPathflow, type CliRun } from "./helpers/cli.js";
import { afterAll, describe, expect, it } from "vitest";

/**
 * The pool hands results back in replication order whichever thread finished first, so the
 * number of worker threads must not change a single byte of the results: every output file is
 * identical for --workers 1, 2 and 3, apart from the lines that record the run itself (start and
 * finish times, wall-clock seconds, the worker count and the command line). (dist/ is built by
 * test/global-setup.ts.)
 */

const TMP = mkdtempSync(join(tmpdir(), "pathflow-workers-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const pathflow = (args: readonly string[]): Promise<CliRun> => runPathflow(args);

/** Rows of run_metadata.csv that describe the run, not the results. */
const RUN_ROWS = new Set(["started", "finished", "wall_seconds", "workers", "command"]);

function metadata(dir: string): Map<string, string> {
  const lines = readFileSync(join(dir, "run_metadata.csv"), "utf8").split("\n");
  expect(lines[0]).toBe("key,value");
  expect(lines.at(-1)).toBe("");
  const map = new Map<string, string>();
  for (const line of lines.slice(1, -1)) {
    const comma = line.indexOf(",");
    map.set(line.slice(0, comma), line.slice(comma + 1));
  }
  return map;
}

function withoutRunRows(meta: Map<string, string>): [string, string][] {
  return [...meta].filter(([key]) => !RUN_ROWS.has(key));
}

/** stress.md without the lines giving the run time and the command. */
function stressWithoutRunLines(dir: string): string {
  return readFileSync(join(dir, "stress.md"), "utf8")
    .split("\n")
    .filter((line) => !/^\| (Command|Run time)\b/.test(line))
    .join("\n");
}

async function runWithWorkers(model: string, name: string, extra: readonly string[], workers: readonly number[]): Promise<string[]> {
  const dirs = workers.map((w) => join(TMP, `${name}-w${w}`));
  // One after another: fewer threads competing for the cores (timing is not asserted either way).
  for (const [i, w] of workers.entries()) {
    const run = await pathflow(["run", model, ...extra, "--workers", String(w), "--out", dirs[i]!, "--quiet"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    // Threads are capped at the cores (and the replications): on a 2-core machine 3 run as 2.
    expect(metadata(dirs[i]!).get("workers")).toBe(String(Math.min(w, availableParallelism())));
  }
  return dirs;
}

function expectSameOutputs(reference: string, other: string): void {
  const files = readdirSync(reference).sort();
  expect(readdirSync(other).sort()).toEqual(files);
  for (const file of files) {
    // report.html shows the run facts (workers, wall time); it is built from the files compared here.
    if (file === "run_metadata.csv" || file === "stress.md" || file === "report.html") continue;
    const a = readFileSync(join(reference, file));
    const b = readFileSync(join(other, file));
    expect(a.equals(b), `${file} differs between ${reference} and ${other}`).toBe(true);
  }
  expect(withoutRunRows(metadata(other))).toEqual(withoutRunRows(metadata(reference)));
  expect(stressWithoutRunLines(other)).toBe(stressWithoutRunLines(reference));
}

describe("outputs do not depend on the number of worker threads", () => {
  it("mmc, 4 replications: --workers 1, 2 and 3 write the same bytes", async () => {
    const [one, ...others] = await runWithWorkers("models/mmc.json", "mmc", ["--reps", "4", "--days", "30", "--warmup-days", "5"], [1, 2, 3]);
    const files = readdirSync(one!);
    for (const f of ["kpi_replications.csv", "kpi_summary.csv", "kpi_difference.csv", "timeseries_daily.csv", "run_metadata.csv", "stress.md"]) expect(files).toContain(f);
    expect(metadata(one!).get("replications_completed")).toBe("4");
    for (const dir of others) expectSameOutputs(one!, dir);
  });

  it("ics-default, 3 replications: release accounting and time series too", async () => {
    const [one, two] = await runWithWorkers("models/ics-default.json", "ics", ["--reps", "3", "--days", "20", "--warmup-days", "10"], [1, 2]);
    const files = readdirSync(one!);
    for (const f of ["release.csv", "timeseries_daily.csv", "flows.csv", "admission_decisions.csv"]) expect(files).toContain(f);
    // The release table has rows (not just a header), so the comparison means something.
    expect(readFileSync(join(one!, "release.csv"), "utf8").split("\n").length).toBeGreaterThan(10);
    expectSameOutputs(one!, two!);
  });
});
