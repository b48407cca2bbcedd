import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathflow as runPathflow, type CliRun } from "./helpers/cli.js";
import { FIRST_CHECK, WORKERS, completed, expectStopReported, missedAfter, relativeHalfWidth, table } from "./helpers/reps-auto.js";
import { afterAll, describe, expect, it } from "vitest";

/**
 * `--reps auto --precision P --max-reps N` (Hoad, Robinson & Davies 2010) adds replications until
 * the 95% confidence intervals of the headline KPIs are within ±P of their means, or N is reached.
 * What the user reads is kpi_summary.csv's t-interval, so when the run stops before the cap,
 * those reported intervals must meet the target; when it stops at the cap, the intervals it judged
 * first must have missed it. Either way the outputs say how many replications ran. (dist/ is built
 * by test/global-setup.ts.)
 */

const TMP = mkdtempSync(join(tmpdir(), "pathflow-auto-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

/** The KPIs that --reps auto judges in the whole-system model (HEADLINE_KPIS in experiment.ts). */
const ICS_HEADLINE = ["ga_occupancy_pct", "ed_4h_pct", "admissions_per_day", "amb_c2_mean_min", "nctr_mean_patients"];

const pathflow = (...args: string[]): Promise<CliRun> => runPathflow(args);

describe("--reps auto", () => {
  it("mmc: stops between the minimum (10) and the cap, at the precision asked or at the cap", async () => {
    const out = join(TMP, "mmc");
    const maxReps = 30;
    const run = await pathflow("run", "models/mmc.json", "--reps", "auto", "--precision", "0.05", "--max-reps", String(maxReps), "--days", "60", "--warmup-days", "5", ...WORKERS, "--quiet", "--out", out);
    expect(run.code, run.stderr).toBe(0);
    const n = completed(out);
    expect(n).toBeGreaterThanOrEqual(10);
    expect(n).toBeLessThanOrEqual(maxReps);
    expectStopReported(out, n);
    const summary = table(out, "kpi_summary.csv");
    const occupancy = summary.find((r) => r["scenario"] === "baseline" && r["kpi"] === "servers_occupancy_pct")!;
    expect(occupancy["n_reps"]).toBe(String(n));
    // The precision warning is raised exactly when the run stopped at the cap.
    expect(table(out, "warnings.csv").map((w) => w["code"])).toEqual(n < maxReps ? [] : ["precision_not_reached"]);
    if (n < maxReps) {
      // Stopped early: the reported interval meets the precision asked.
      expect(relativeHalfWidth(occupancy)).toBeLessThanOrEqual(0.05);
    } else {
      // Stopped at the cap (what these settings do: mmc has no headline KPIs, so every KPI is
      // judged, waits among them): it went on past the first check because some interval was
      // wider than asked there.
      expect(missedAfter(out, FIRST_CHECK, 0.05)).not.toEqual([]);
    }
    // Every replication run is in kpi_replications.csv, 0..n−1.
    const reps = new Set(table(out, "kpi_replications.csv").map((r) => Number(r["replication"])));
    expect([...reps].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
  });

  it("ics-default: when it stops before the cap, the reported t-intervals meet the precision", async () => {
    // Replications are keyed by (seed, number), so the first 10 of an automatic run are those of
    // a run with --reps 10. From that run, pick a precision that the 95% t-interval (what
    // kpi_summary.csv reports, t₀.₉₇₅,₉ = 2.262) does not meet after 10 replications but a normal
    // interval (1.96) would: a stopping rule that judges by 1.96 stops at 10 and reports intervals
    // wider than asked; one that judges by the t-interval runs more.
    const common = ["--scenario", "baseline", "--days", "30", "--warmup-days", "10", ...WORKERS, "--quiet"];
    const fixed = join(TMP, "ics-10");
    const first = await pathflow("run", "models/ics-default.json", ...common, "--reps", "10", "--out", fixed);
    expect(first.code, first.stderr).toBe(0);
    const widest = Math.max(
      ...table(fixed, "kpi_summary.csv")
        .filter((r) => ICS_HEADLINE.includes(r["kpi"]!))
        .map(relativeHalfWidth),
    );
    expect(Number.isFinite(widest)).toBe(true);
    const precision = Number(((widest * 1.96) / 2.262157 * 1.07).toPrecision(4));
    expect(precision).toBeLessThan(widest);

    const out = join(TMP, "ics-auto");
    const maxReps = 25;
    const run = await pathflow("run", "models/ics-default.json", ...common, "--reps", "auto", "--precision", String(precision), "--max-reps", String(maxReps), "--out", out);
    expect(run.code, run.stderr).toBe(0);
    const n = completed(out);
    expect(n).toBeGreaterThanOrEqual(10);
    expect(n).toBeLessThanOrEqual(maxReps);
    expectStopReported(out, n);
    const rows = table(out, "kpi_summary.csv").filter((r) => ICS_HEADLINE.includes(r["kpi"]!));
    expect(rows).toHaveLength(ICS_HEADLINE.length);
    for (const row of rows) expect(row["n_reps"]).toBe(String(n));
    if (n < maxReps) {
      // Stopped early (what these settings do): every reported headline interval meets the precision.
      for (const row of rows) {
        expect(relativeHalfWidth(row), `${row["kpi"]} after ${n} replications, precision ${precision}`).toBeLessThanOrEqual(precision);
      }
    } else {
      // Stopped at the cap: it went on past the first check because a headline interval was wider
      // than asked there.
      expect(missedAfter(out, FIRST_CHECK, precision, ICS_HEADLINE)).not.toEqual([]);
    }
  });
});
