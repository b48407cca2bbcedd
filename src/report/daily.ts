/**
 * Daily series as fan charts: for each metric in timeseries_daily.csv, one panel per scenario
 * with the mean across replications and the band from the 10th to the 90th centile, and the
 * baseline's mean as a dashed grey line for comparison. Metrics appear in a planner's order
 * (occupancy, ED, handover, NCTR, home care), then any others the file holds.
 */
import type { TopLevelSpec } from "vega-lite";
import { BASELINE_COLOUR } from "./charts.js";
import { ordered, withUnit, type ReportContext } from "./context.js";
import { distinct, num } from "./folder.js";
import { label } from "./glossary.js";
import { figure, fmt, table, type Section } from "./html.js";

export const DAILY_ORDER = ["ga_occupancy_pct", "ed_4h_pct", "handover_hours_lost_over_15", "nctr_patients", "homecare_waiting_people", "ed_boarding_hours", "admissions", "ed_attendances"];

/** Longest series drawn point by point (a panel is ~330 px wide); longer ones are drawn as means of consecutive days. */
const MAX_POINTS = 200;

interface Point {
  readonly scenario: string;
  readonly x: number | string;
  readonly mean: number;
  readonly p10: number | null;
  readonly p90: number | null;
  readonly base: number | null;
}

export async function dailySection(ctx: ReportContext): Promise<Section | null> {
  const daily = ctx.folder.tables.get("timeseries_daily.csv");
  if (daily === undefined || daily.rows.length === 0) return null;
  const byDate = daily.columns.includes("date");
  const metrics = ordered(distinct(daily.rows, "metric"), DAILY_ORDER);
  const parts: string[] = [
    `<p class="lead">Each day of the results period, averaged over replications (line), with the band between the 10th and 90th centile across replications: nine in ten replications fall inside it on that day. The dashed grey line repeats the baseline's mean in every scenario's panel.</p>`,
  ];
  for (const metric of metrics) {
    const rows = daily.rows.filter((r) => r["metric"] === metric);
    const unit = ctx.glossary.unitOf(metric, rows[0]?.["unit"]);
    const scenarios = ctx.scenarios.filter((s) => rows.some((r) => r["scenario"] === s));
    const baseMean = new Map(rows.filter((r) => r["scenario"] === ctx.baseline).map((r) => [r["day"] ?? "", num(r["mean"])]));
    const perScenario = scenarios.map((s) =>
      rows.flatMap((r): Point[] => {
        const mean = num(r["mean"]);
        if (r["scenario"] !== s || mean === null) return [];
        return [{ scenario: s, x: byDate ? (r["date"] ?? "") : (num(r["day"]) ?? 0), mean, p10: num(r["p10"]), p90: num(r["p90"]), base: s === ctx.baseline ? null : (baseMean.get(r["day"] ?? "") ?? null) }];
      }),
    );
    const bucket = Math.max(1, Math.ceil(Math.max(...perScenario.map((p) => p.length)) / MAX_POINTS));
    const values = perScenario.flatMap((points) => thin(points, bucket));
    const name = label(metric);
    const title = `${name}, daily`;
    const xAxis = byDate ? { field: "x", type: "temporal", title: "Date" } : { field: "x", type: "quantitative", title: "Day of the results period", scale: { nice: false } };
    const spec = {
      title: { text: title, subtitle: `Mean across replications, band: 10th–90th centile${bucket > 1 ? `; ${bucket}-day means` : ""}. Dashed grey: baseline mean.` },
      data: { values },
      facet: { field: "scenario", type: "nominal", sort: scenarios, title: null, header: { labelAnchor: "start" } },
      columns: Math.min(3, scenarios.length),
      spec: {
        width: 330,
        height: 170,
        encoding: { x: xAxis },
        layer: [
          { mark: { type: "area", opacity: 0.25 }, encoding: { y: { field: "p10", type: "quantitative", scale: { zero: false }, title: withUnit(name, unit) }, y2: { field: "p90" }, color: { field: "scenario", type: "nominal", scale: ctx.colours(scenarios), legend: null } } },
          { mark: { type: "line", strokeWidth: 1.5, strokeDash: [5, 3], color: BASELINE_COLOUR }, encoding: { y: { field: "base", type: "quantitative" } } },
          { mark: { type: "line", strokeWidth: 2 }, encoding: { y: { field: "mean", type: "quantitative" }, color: { field: "scenario", type: "nominal", scale: ctx.colours(scenarios), legend: null } } },
        ],
      },
      resolve: { axis: { x: "independent", y: "independent" } },
    } as TopLevelSpec;
    const stats = perScenario.map((points, i) => seriesStats(scenarios[i]!, points));
    const summary = `${name}${unit === "" ? "" : ` (${unit})`} over ${perScenario[0]?.length ?? 0} days: ${stats.map((s) => `${s.scenario} averages ${fmt(s.average)} (daily means ${fmt(s.low)} to ${fmt(s.high)})`).join("; ")}.`;
    const chart = await ctx.chart(spec, title, summary);
    const data = table(
      ["Scenario", "Average of daily means", "Lowest daily mean", "Highest daily mean", "Average 10th centile", "Average 90th centile"],
      stats.map((s) => [s.scenario, s.average, s.low, s.high, s.p10, s.p90]),
      { numeric: [1, 2, 3, 4, 5], caption: `${withUnit(name, unit)} — summary of the daily series` },
    );
    parts.push(figure({ chart, summary, data }));
  }
  return { id: "daily", title: "Day by day: mean and spread across replications", html: parts.join("\n") };
}

/** Means of `bucket` consecutive points (1: the points themselves). */
function thin(points: readonly Point[], bucket: number): Point[] {
  if (bucket <= 1) return [...points];
  const out: Point[] = [];
  for (let i = 0; i < points.length; i += bucket) {
    const group = points.slice(i, i + bucket);
    const avg = (f: (p: Point) => number | null): number | null => mean(group.map(f).filter((x): x is number => x !== null));
    out.push({ scenario: group[0]!.scenario, x: group[0]!.x, mean: avg((p) => p.mean) ?? 0, p10: avg((p) => p.p10), p90: avg((p) => p.p90), base: avg((p) => p.base) });
  }
  return out;
}

function seriesStats(scenario: string, points: readonly Point[]): { scenario: string; average: number | null; low: number | null; high: number | null; p10: number | null; p90: number | null } {
  const means = points.map((p) => p.mean);
  return {
    scenario,
    average: mean(means),
    low: means.length === 0 ? null : Math.min(...means),
    high: means.length === 0 ? null : Math.max(...means),
    p10: mean(points.flatMap((p) => (p.p10 === null ? [] : [p.p10]))),
    p90: mean(points.flatMap((p) => (p.p90 === null ? [] : [p.p90]))),
  };
}

function mean(xs: readonly number[]): number | null {
  return xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
}
