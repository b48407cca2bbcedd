/**
 * Output folders for the report tests: a short real run of the default model, and a copy of one
 * given the files newer pathflow versions add (drift_range.csv, glossary.csv, summary.md, more
 * release components), so the report is shown to draw them without a change to its code.
 */
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import { expect } from "vitest";
import { pathflow } from "./cli.js";

/** A short run of the default model (all five scenarios): every file a run writes, and report.html. */
export async function shortRun(out: string, ...extra: string[]): Promise<void> {
  const run = await pathflow(["run", "models/ics-default.json", "--reps", "2", "--days", "30", "--warmup-days", "10", "--out", out, "--quiet", ...extra]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
}

export function readCsv(path: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(readFileSync(path, "utf8"), { header: true, skipEmptyLines: true }).data;
}

function writeCsv(path: string, rows: readonly Record<string, string | number>[]): void {
  writeFileSync(path, `${Papa.unparse(rows as Record<string, unknown>[], { newline: "\n" })}\n`);
}

/** Copies the run folder `from` to `to` and adds the files a newer pathflow writes. */
export function withNewerFiles(from: string, to: string): void {
  cpSync(from, to, { recursive: true });
  const release = readCsv(join(to, "release.csv"));
  const scenarios = [...new Set(release.map((r) => r["scenario"]!))];
  const resources = [...new Set(release.map((r) => r["resource"]!))].filter((r) => release.some((x) => x["resource"] === r && x["measure"] === "expected_release"));

  // A release component no version writes yet (say, elective backfill): half of each resource's unexplained remainder.
  const more = release.flatMap((r) => {
    if (r["measure"] !== "unexplained") return [r];
    const part = (measure: string, share: number): Record<string, string> => ({ ...r, measure, mean: String(Number(r["mean"]) * share), ci_low: String(Number(r["ci_low"]) * share), ci_high: String(Number(r["ci_high"]) * share) });
    return [part("absorbed_by_elective_backfill", 0.5), part("unexplained", 0.5)];
  });
  writeCsv(join(to, "release.csv"), more);

  // The release ratio across a range of drift strengths.
  const drift: Record<string, string | number>[] = [];
  for (const scenario of scenarios.slice(0, 2)) {
    for (const resource of resources.slice(0, 3)) {
      [0, -0.01, -0.02, -0.03].forEach((strength, i) => {
        const ratio = 0.8 - 0.12 * i;
        drift.push({ scenario, resource, drift_strength: strength, matched_intercept: -4.1 - 0.05 * i, baseline_occupancy_pct: 94.3, expected: 5000, spare: 5000 * ratio, drift: 300 * i, release_ratio: ratio, ci_low: ratio - 0.05, ci_high: ratio + 0.05 });
      });
    }
  }
  writeCsv(join(to, "drift_range.csv"), drift);

  writeFileSync(join(to, "summary.md"), "# Summary\n\nThe frailty service avoids **about 4,900 acute bed-days** a year; about two in five appear as spare capacity.\n\n- Drift absorbs about a quarter.\n- <script>alert('not run')</script> stays text.\n");

  // One row per output column, KPI and release measure.
  const glossary: Record<string, string>[] = [];
  for (const file of ["kpi_summary.csv", "release.csv", "timeseries_daily.csv", "drift_range.csv", "segments.csv"]) {
    const header = readFileSync(join(to, file), "utf8").split("\n")[0]!.split(",");
    for (const column of header) glossary.push({ file, column, kind: "column", name: column, unit: column === "drift_strength" ? "log-odds per occupancy point" : "", description: `Meaning of ${column} in ${file}` });
  }
  for (const kpi of new Set(readCsv(join(to, "kpi_summary.csv")).map((r) => r["kpi"]!))) glossary.push({ file: "kpi_summary.csv", column: "kpi", kind: "kpi", name: kpi, unit: "", description: `What ${kpi} measures` });
  for (const measure of new Set(more.map((r) => r["measure"]!))) glossary.push({ file: "release.csv", column: "measure", kind: "release_measure", name: measure, unit: "", description: `What ${measure} counts` });
  writeCsv(join(to, "glossary.csv"), glossary);
}
