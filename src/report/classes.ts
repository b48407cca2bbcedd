/**
 * Results by class (kpi_by_class.csv): time in system by segment and acuity band for every
 * scenario, as a dot plot with 95% CIs, and the baseline's per-class KPIs of every unit in a table.
 */
import type { TopLevelSpec } from "vega-lite";
import { withUnit, type ReportContext } from "./context.js";
import { num } from "./folder.js";
import { label } from "./glossary.js";
import { figure, fmt, table, type Section } from "./html.js";

const HEADLINE = "time_in_system_mean_hours";
const TABLE_ROWS = 600;

export async function classSection(ctx: ReportContext): Promise<Section | null> {
  const byClass = ctx.folder.tables.get("kpi_by_class.csv");
  if (byClass === undefined || byClass.rows.length === 0) return null;
  const scenarios = ctx.scenarios.filter((s) => byClass.rows.some((r) => r["scenario"] === s));
  const headline = byClass.rows.filter((r) => r["kpi"] === HEADLINE);
  const classes = [...new Set(headline.map((r) => classLabel(r["class_type"], r["class"])))];
  const values = headline.flatMap((r) => {
    const mean = num(r["mean"]);
    return mean === null ? [] : [{ scenario: r["scenario"] ?? "", cls: classLabel(r["class_type"], r["class"]), mean, lo: num(r["ci_low"]) ?? mean, hi: num(r["ci_high"]) ?? mean }];
  });
  const unit = ctx.glossary.unitOf(HEADLINE, headline[0]?.["unit"]);
  const title = "Time in system by class";
  const spec = {
    title: { text: title, subtitle: "Mean time from entering the model to leaving it, by segment and acuity band, with 95% CI." },
    width: 520,
    height: { step: 22 },
    data: { values },
    encoding: { y: { field: "cls", type: "nominal", sort: classes, title: null, axis: { labelLimit: 400 } }, yOffset: { field: "scenario", sort: scenarios } },
    layer: [
      { mark: { type: "rule", strokeWidth: 2 }, encoding: { x: { field: "lo", type: "quantitative", title: withUnit("Time in system", unit) }, x2: { field: "hi" }, color: { field: "scenario", type: "nominal", scale: ctx.colours(scenarios), title: "Scenario" } } },
      { mark: { type: "point", size: 60, filled: true }, encoding: { x: { field: "mean", type: "quantitative" }, color: { field: "scenario", type: "nominal", scale: ctx.colours(scenarios), title: "Scenario" } } },
    ],
  } as TopLevelSpec;
  const all = headline.find((r) => r["scenario"] === ctx.baseline && r["class_type"] === "all");
  const sentence =
    all === undefined
      ? "No patient left the model in the results period."
      : `In ${ctx.baseline}, patients spent ${fmt(num(all["mean"]))} ${unit} in the system on average; the classes range from ${fmt(Math.min(...values.filter((v) => v.scenario === ctx.baseline && v.cls !== "everyone").map((v) => v.mean)))} to ${fmt(Math.max(...values.filter((v) => v.scenario === ctx.baseline && v.cls !== "everyone").map((v) => v.mean)))} ${unit}.`;
  const chart = headline.length === 0 ? null : await ctx.chart(spec, title, sentence);
  const base = byClass.rows.filter((r) => r["scenario"] === ctx.baseline);
  const rows = base.slice(0, TABLE_ROWS).map((r) => [label(r["kpi"] ?? ""), r["kpi"] ?? "", classLabel(r["class_type"], r["class"]), ctx.glossary.unitOf(r["kpi"] ?? "", r["unit"]), num(r["mean"]), num(r["ci_low"]), num(r["ci_high"])]);
  const more = base.length > TABLE_ROWS ? ` (first ${TABLE_ROWS} of ${base.length}; the rest are in kpi_by_class.csv)` : "";
  const data = table(["KPI", "Name in files", "Class", "Unit", "Mean", "95% CI low", "95% CI high"], rows, { numeric: [4, 5, 6], collapsed: `Data table: ${ctx.baseline}, every KPI by class${more}` });
  const lead =
    "The same measures for each kind of patient: by segment, by acuity band, and for everyone. Waits are given two ways: the wait for a server counts from asking for it (so time held at the unit before is included), the wait in line from joining the unit's own waiting line.";
  return {
    id: "classes",
    title: "Results by class",
    html: `<p class="lead">${lead}</p>${chart === null ? data : figure({ chart, summary: sentence, data })}`,
  };
}

/** "everyone", "segment <id>" or "acuity <band>": never a bare id, which could be a name every object inherits (`constructor`), which the chart library takes for its own. */
function classLabel(type: string | undefined, name: string | undefined): string {
  return type === "all" ? "everyone" : `${type === "acuity" ? "acuity" : "segment"} ${name ?? ""}`;
}
