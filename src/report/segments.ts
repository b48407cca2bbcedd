/**
 * Results by patient group (segments.csv): per population segment, the relative change each
 * scenario makes to its arrivals, attendances, admissions, bed-days and home-care hours (paired
 * with the baseline, 95% CI) as a chart, and the per-day levels and differences of every segment
 * and route as tables — so a planner can check that an intervention reached the group it was
 * meant for (e.g. care-home attendances −29%, admissions −23%).
 */
import type { TopLevelSpec } from "vega-lite";
import type { ReportContext } from "./context.js";
import { distinct, num } from "./folder.js";
import { figure, fmt, table, type Section } from "./html.js";
import { label } from "./glossary.js";
import { chartSafe } from "./charts.js";

export async function segmentsSection(ctx: ReportContext): Promise<Section | null> {
  const t = ctx.folder.tables.get("segments.csv");
  if (t === undefined || t.rows.length === 0) return null;
  const measures = distinct(t.rows, "measure");
  const segments = distinct(t.rows, "segment").map(chartSafe);
  const parts: string[] = [];

  // The change, segment by segment (all routes together), for each compared scenario.
  const changes = t.rows.flatMap((r) => {
    const y = num(r["mean"]);
    return r["value_type"] !== "relative_difference_pct" || r["route"] !== "all" || y === null
      ? []
      : [{ scenario: r["scenario"] ?? "", segment: chartSafe(r["segment"] ?? ""), name: r["segment"] ?? "", measure: label(r["measure"] ?? ""), y, lo: num(r["ci_low"]), hi: num(r["ci_high"]) }];
  });
  const compared = ctx.scenarios.filter((s) => changes.some((c) => c.scenario === s));
  if (changes.length > 0) {
    const title = "Change by patient group against the baseline";
    const spec = {
      title: { text: title, subtitle: "Scenario over baseline, all routes of a segment together, in %; black lines: 95% CI (paired replications)." },
      data: { values: changes },
      facet: { field: "measure", type: "nominal", sort: measures.map(label), title: null },
      columns: 4,
      spec: {
        width: 200,
        height: 200,
        encoding: { x: { field: "segment", type: "nominal", sort: segments, title: null, axis: { labelAngle: -30 } }, xOffset: { field: "scenario", type: "nominal", sort: compared } },
        layer: [
          { mark: { type: "bar" }, encoding: { y: { field: "y", type: "quantitative", title: "Change (%)" }, color: { field: "scenario", type: "nominal", scale: ctx.colours(compared), sort: compared, legend: { title: "Scenario", columns: 3 } } } },
          { mark: { type: "rule", color: "#1b1b1b" }, encoding: { y: { field: "lo", type: "quantitative" }, y2: { field: "hi" } } },
        ],
      },
      resolve: { scale: { y: "independent" } },
    } as TopLevelSpec;
    const arrivals = changes.filter((c) => c.measure === label("arrivals") && c.lo !== null && c.hi !== null && (c.hi < 0 || c.lo > 0));
    const sentence =
      arrivals.length === 0 ? "No scenario changed any segment's arrivals beyond sampling error." : `Arrivals changed for ${arrivals.map((c) => `${c.name} in ${c.scenario} (${fmt(c.y)}%)`).join(", ")}.`;
    const summary = `How each scenario changes each population segment's use of services, relative to the baseline (segment total over its routes). ${sentence}`;
    const chart = await ctx.chart(spec, title, summary);
    const data = table(
      ["Scenario", "Segment", "Measure", "Change (%)", "95% CI low", "95% CI high"],
      changes.map((c) => [c.scenario, c.name, c.measure, c.y, c.lo, c.hi]),
      { numeric: [3, 4, 5], collapsed: "Data table: change by patient group (%)" },
    );
    parts.push(figure({ chart, summary, data }));
  }

  // Tables: the levels per day, then the differences, every segment and route.
  const rowsOf = (type: string) =>
    t.rows.filter((r) => r["value_type"] === type).map((r) => [r["scenario"] ?? "", r["segment"] ?? "", r["route"] ?? "", label(r["measure"] ?? ""), r["unit"] ?? "", num(r["mean"]), num(r["ci_low"]), num(r["ci_high"])]);
  const header = ["Scenario", "Segment", "Route", "Measure", "Unit", "Mean", "95% CI low", "95% CI high"];
  const levels = rowsOf("level");
  const differences = rowsOf("difference");
  if (levels.length === 0) return null; // not a layout this report knows
  parts.push(table(header, levels, { numeric: [5, 6, 7], collapsed: "Data table: results by patient group, per day" }));
  if (differences.length > 0) parts.push(table(header, differences, { numeric: [5, 6, 7], collapsed: "Data table: differences from the baseline by patient group, per day" }));
  return {
    id: "segments",
    title: "Results by patient group",
    html: `<p class="lead">Each patient belongs to the population segment and route of arrival it came in by, for its whole journey. Per day of the results period: arrivals, ED attendances, conveyances, admissions, acute and community bed-days and home-care hours, with 95% confidence intervals; the groups add up to the system totals.</p>${parts.join("\n")}`,
  };
}
