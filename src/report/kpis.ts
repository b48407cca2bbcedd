/**
 * KPI differences against the baseline as forest plots: one small panel per KPI (each with its
 * own unit on the axis), one row per scenario, the paired mean difference with its 95% CI and a
 * line at zero. The headline KPIs are drawn; every KPI is in the table below them.
 */
import type { TopLevelSpec } from "vega-lite";
import { ordered, withUnit, type ReportContext } from "./context.js";
import { distinct, num } from "./folder.js";
import { label } from "./glossary.js";
import { figure, fmt, table, type Section } from "./html.js";

/** KPIs drawn first, when a folder has them (a planner's usual questions, in the order asked). */
export const HEADLINE_KPIS = [
  "ga_occupancy_pct",
  "ed_4h_pct",
  "ed_12h_pct",
  "handover_hours_lost_over_15",
  "amb_c2_mean_min",
  "nctr_bed_days",
  "homecare_waiting_mean_people",
  "admissions_per_day",
  "admissions_low_acuity_pct",
  "ed_boarding_hours",
];
const HEADLINE_COUNT = 9;

export async function kpiSection(ctx: ReportContext): Promise<Section | null> {
  const diff = ctx.folder.tables.get("kpi_difference.csv");
  if (diff === undefined || diff.rows.length === 0) return null;
  const kpis = ordered(distinct(diff.rows, "kpi"), HEADLINE_KPIS);
  const drawn = kpis.slice(0, HEADLINE_COUNT);
  const scenarios = ctx.scenarios.filter((s) => diff.rows.some((r) => r["scenario"] === s));
  const summary = new Map((ctx.folder.tables.get("kpi_summary.csv")?.rows ?? []).filter((r) => r["scenario"] === ctx.baseline).map((r) => [r["kpi"] ?? "", num(r["mean"])]));
  const panels = drawn.map((kpi) => {
    const rows = diff.rows.filter((r) => r["kpi"] === kpi);
    const unit = ctx.glossary.unitOf(kpi, rows[0]?.["unit"]);
    const values = rows.flatMap((r) => {
      const mean = num(r["mean_diff"]);
      return mean === null ? [] : [{ scenario: r["scenario"] ?? "", mean, lo: num(r["ci_low"]) ?? mean, hi: num(r["ci_high"]) ?? mean }];
    });
    const base = summary.get(kpi);
    return {
      title: { text: label(kpi), ...(base === undefined || base === null ? {} : { subtitle: `baseline ${fmt(base)}${unit === "%" ? "%" : ` ${unit}`}` }) },
      width: 250,
      height: { step: 26 },
      data: { values },
      encoding: { y: { field: "scenario", type: "nominal", sort: scenarios, title: null, axis: { labelLimit: 400 } } },
      layer: [
        { mark: { type: "rule", color: "#8a8a8a", strokeDash: [4, 3] }, encoding: { x: { datum: 0, type: "quantitative" }, y: null } },
        { mark: { type: "rule", strokeWidth: 2.5 }, encoding: { x: { field: "lo", type: "quantitative", title: withUnit("Difference", unit === "%" ? "percentage points" : unit) }, x2: { field: "hi" }, color: { field: "scenario", type: "nominal", scale: ctx.colours(scenarios), legend: null } } },
        { mark: { type: "point", size: 80, filled: true }, encoding: { x: { field: "mean", type: "quantitative" }, color: { field: "scenario", type: "nominal", scale: ctx.colours(scenarios), legend: null } } },
      ],
    };
  });
  const title = `KPI differences from ${ctx.baseline}`;
  const spec = {
    title: { text: title, subtitle: "Paired mean difference (scenario − baseline) per replication, with 95% CI; dashed line: no change." },
    concat: panels,
    columns: 2,
    resolve: { scale: { x: "independent", y: "independent" } },
  } as TopLevelSpec;
  const clear = diff.rows.filter((r) => drawn.includes(r["kpi"] ?? "") && excludesZero(num(r["ci_low"]), num(r["ci_high"])));
  const perScenario = scenarios.map((s) => {
    const mine = clear.filter((r) => r["scenario"] === s);
    return mine.length === 0 ? `${s}: no headline KPI clearly changed` : `${s}: ${mine.map((r) => `${label(r["kpi"] ?? "")} ${signed(num(r["mean_diff"]))}${unitSuffix(ctx.glossary.unitOf(r["kpi"] ?? "", r["unit"]))}`).join(", ")}`;
  });
  const sentence = `${clear.length} of ${diff.rows.filter((r) => drawn.includes(r["kpi"] ?? "")).length} headline differences have a 95% CI that excludes zero. ${perScenario.join(". ")}.`;
  const chart = await ctx.chart(spec, title, sentence);
  const rows = kpis.flatMap((kpi) =>
    scenarios.flatMap((s) => {
      const r = diff.rows.find((x) => x["kpi"] === kpi && x["scenario"] === s);
      return r === undefined ? [] : [[label(kpi), kpi, s, ctx.glossary.unitOf(kpi, r["unit"]), summary.get(kpi) ?? null, num(r["mean_diff"]), num(r["ci_low"]), num(r["ci_high"])]];
    }),
  );
  const data = table(["KPI", "Name in files", "Scenario", "Unit", "Baseline mean", "Difference", "95% CI low", "95% CI high"], rows, {
    numeric: [4, 5, 6, 7],
    collapsed: `Data table: all ${kpis.length} KPIs`,
  });
  return {
    id: "kpis",
    title: "KPI differences against the baseline",
    html: `<p class="lead">How each scenario changes the system's performance measures, compared patient by patient with the same random numbers. A bar that crosses the dashed line is a change the replications cannot tell from none.</p>${figure({ chart, summary: sentence, data })}`,
  };
}

function excludesZero(low: number | null, high: number | null): boolean {
  return low !== null && high !== null && (low > 0 || high < 0);
}

function unitSuffix(unit: string): string {
  return unit === "" ? "" : unit === "%" ? " points" : ` ${unit}`;
}

function signed(x: number | null): string {
  return x !== null && x > 0 ? `+${fmt(x)}` : fmt(x);
}
