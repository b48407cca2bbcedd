/**
 * Reading a `--reps auto` run's outputs: where it stopped, and which intervals met the precision.
 * For test/reps-auto-*.test.ts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import { expect } from "vitest";
import { replicationsForPrecision } from "../../src/experiment/statistics.js";

/**
 * Replications are added in batches sized by the worker count, so where a run stops depends on it;
 * a fixed count makes these runs, and which branch of each test is taken, the same on any machine.
 */
export const WORKERS = ["--workers", "2"];

export function table(dir: string, file: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(join(dir, file), "utf8"), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

export function metadata(dir: string): Map<string, string> {
  const rows = Papa.parse<string[]>(readFileSync(join(dir, "run_metadata.csv"), "utf8"), { skipEmptyLines: true }).data;
  return new Map(rows.map((r) => [r[0]!, r[1]!] as const));
}

export function completed(dir: string): number {
  return Number(metadata(dir).get("replications_completed"));
}

/**
 * Where the run stopped, as its outputs report it: n replications requested and completed, a
 * complete run (not interrupted), and n replications in stress.md.
 */
export function expectStopReported(dir: string, n: number): void {
  const meta = metadata(dir);
  expect(meta.get("replications_requested")).toBe(String(n));
  expect(meta.get("replications_completed")).toBe(String(n));
  expect(meta.get("partial")).toBe("false");
  expect(readFileSync(join(dir, "stress.md"), "utf8")).toContain(`| Replications | ${n} |\n`);
}

/** The minimum number of replications, judged first (AutoReplications.minReplications' default). */
export const FIRST_CHECK = 10;

/**
 * The scenario/KPI pairs whose first `m` replications (from kpi_replications.csv) give a 95%
 * t-interval wider than `precision` of the mean — among `kpis`, or among all KPIs when the model has
 * none of the headline ones (as the run judges them).
 */
export function missedAfter(dir: string, m: number, precision: number, kpis?: readonly string[]): string[] {
  const series = new Map<string, number[]>();
  for (const r of table(dir, "kpi_replications.csv")) {
    if (Number(r["replication"]) >= m || (kpis !== undefined && !kpis.includes(r["kpi"]!))) continue;
    const key = `${r["scenario"]}/${r["kpi"]}`;
    series.set(key, [...(series.get(key) ?? []), Number(r["value"])]);
  }
  expect(series.size).toBeGreaterThan(0);
  return [...series].filter(([, values]) => !replicationsForPrecision(values, precision).achieved).map(([key]) => key);
}

/** Reported 95% CI half-width relative to the mean, from a kpi_summary.csv row. */
export function relativeHalfWidth(row: Record<string, string>): number {
  const mean = Number(row["mean"]);
  const half = (Number(row["ci_high"]) - Number(row["ci_low"])) / 2;
  return half / Math.abs(mean);
}
