/**
 * Acuity drift made visible: the admitted share of ED decisions at each level of bed pressure
 * (per acuity band when the file has one), and admissions per day by acuity band and route.
 * Drift changes the decisions of patients near the threshold, so it shows as a share that falls
 * as pressure rises, within an acuity band.
 */
import type { TopLevelSpec } from "vega-lite";
import type { ReportContext } from "./context.js";
import { distinct, num, type Table } from "./folder.js";
import { figure, fmt, table, type Section } from "./html.js";

/** Columns of admission_decisions.csv that are not a dimension to split by. */
const DECISION_VALUES = new Set(["scenario", "pressure_band_pct", "decisions", "admitted_pct", "ci_low", "ci_high", "unit"]);

export async function decisionsSection(ctx: ReportContext): Promise<Section | null> {
  const decisions = ctx.folder.tables.get("admission_decisions.csv");
  const flows = ctx.folder.tables.get("flows.csv");
  const parts: string[] = [];
  if (decisions !== undefined && decisions.rows.length > 0) parts.push(await admittedShare(ctx, decisions));
  if (flows !== undefined && flows.rows.length > 0) parts.push(await admissionsByAcuity(ctx, flows));
  if (parts.length === 0) return null;
  return {
    id: "drift",
    title: "Admission decisions: acuity drift made visible",
    html: `<p class="lead">With acuity drift, the probability of admission depends on bed pressure as well as acuity: when beds free up, patients near the threshold who would have gone home are admitted. It shows in the admitted share at each pressure level, case mix held equal, more than in the raw acuity mix of admissions.</p>${parts.join("\n")}`,
  };
}

async function admittedShare(ctx: ReportContext, t: Table): Promise<string> {
  const split = t.columns.find((c) => !DECISION_VALUES.has(c));
  const bands = distinct(t.rows, "pressure_band_pct");
  const scenarios = ctx.scenarios.filter((s) => t.rows.some((r) => r["scenario"] === s));
  const values = t.rows.flatMap((r) => {
    const y = num(r["admitted_pct"]);
    return y === null ? [] : [{ scenario: r["scenario"] ?? "", band: r["pressure_band_pct"] ?? "", y, n: num(r["decisions"]), group: split === undefined ? "" : (r[split] ?? "") }];
  });
  const layer = {
    width: split === undefined ? 520 : 240,
    height: 260,
    encoding: {
      x: { field: "band", type: "ordinal", sort: bands, title: "Bed occupancy at the decision (%)", axis: { labelAngle: 0 } },
      y: { field: "y", type: "quantitative", scale: { zero: false }, title: "Admitted share of ED decisions (%)" },
      color: { field: "scenario", type: "nominal", scale: ctx.colours(scenarios), sort: scenarios, legend: { title: "Scenario", columns: 3 } },
    },
    mark: { type: "line", point: { size: 70, filled: true }, strokeWidth: 2.5 },
  };
  const title = split === undefined ? "Admitted share by bed pressure" : `Admitted share by bed pressure and ${split.replace(/_/g, " ")}`;
  const spec = (
    split === undefined
      ? { title, data: { values }, ...layer }
      : { title, data: { values }, facet: { field: "group", type: "ordinal", title: null, sort: distinct(t.rows, split) }, columns: 5, spec: layer }
  ) as TopLevelSpec;
  const sentence = scenarios
    .map((s) => {
      const vs = values.filter((v) => v.scenario === s && v.group === (values[0]?.group ?? ""));
      return vs.length === 0 ? "" : `${s}: ${vs.map((v) => `${fmt(v.y)}% at ${v.band}`).join(", ")}`;
    })
    .filter((x) => x !== "")
    .join("; ");
  const summary = `Share of ED decisions that admitted, by bed occupancy at the moment of decision${split === undefined ? "" : ` (first ${split.replace(/_/g, " ")} shown here; all in the table)`}. ${sentence}.`;
  const chart = await ctx.chart(spec, title, summary);
  const header = ["Scenario", ...(split === undefined ? [] : [split.replace(/_/g, " ")]), "Bed occupancy (%)", "Decisions", "Admitted (%)"];
  const rows = values.map((v) => [v.scenario, ...(split === undefined ? [] : [v.group]), v.band, v.n, v.y]);
  const offset = split === undefined ? 0 : 1;
  return figure({ chart, summary, data: table(header, rows, { numeric: [2 + offset, 3 + offset], collapsed: "Data table: admission decisions" }) });
}

async function admissionsByAcuity(ctx: ReportContext, t: Table): Promise<string> {
  const scenarios = ctx.scenarios.filter((s) => t.rows.some((r) => r["scenario"] === s));
  const bands = distinct(t.rows, "acuity_band");
  const sources = distinct(t.rows, "source");
  const values = t.rows.flatMap((r) => {
    const y = num(r["admissions_per_day"]);
    return y === null ? [] : [{ scenario: r["scenario"] ?? "", source: r["source"] ?? "", band: r["acuity_band"] ?? "", y, lo: num(r["ci_low"]), hi: num(r["ci_high"]) }];
  });
  const title = "Admissions per day by acuity band and route";
  const spec = {
    title: { text: title, subtitle: "Mean over replications; black ticks: 95% CI." },
    data: { values },
    facet: { field: "source", type: "nominal", sort: sources, title: null, header: { labelAnchor: "start", labelExpr: "'Route: ' + datum.label" } },
    columns: 3,
    spec: {
      width: 320,
      height: 220,
      encoding: {
        x: { field: "band", type: "ordinal", sort: bands, title: "Acuity band", axis: { labelAngle: 0 } },
        xOffset: { field: "scenario", type: "nominal", sort: scenarios },
      },
      layer: [
        { mark: { type: "bar" }, encoding: { y: { field: "y", type: "quantitative", title: "Admissions (per day)" }, color: { field: "scenario", type: "nominal", scale: ctx.colours(scenarios), sort: scenarios, legend: { title: "Scenario", columns: 3 } } } },
        { mark: { type: "rule", color: "#1b1b1b" }, encoding: { y: { field: "lo", type: "quantitative" }, y2: { field: "hi" } } },
      ],
    },
    resolve: { scale: { y: "independent" } },
  } as TopLevelSpec;
  const totals = scenarios.map((s) => `${s} ${fmt(values.filter((v) => v.scenario === s).reduce((a, v) => a + v.y, 0))}`);
  const summary = `Admissions per day, split by route in and acuity band. Total per day: ${totals.join("; ")}.`;
  const chart = await ctx.chart(spec, title, summary);
  const data = table(
    ["Scenario", "Route", "Acuity band", "Admissions per day", "95% CI low", "95% CI high"],
    values.map((v) => [v.scenario, v.source, v.band, v.y, v.lo, v.hi]),
    { numeric: [3, 4, 5], collapsed: "Data table: admissions by acuity band and route" },
  );
  return figure({ chart, summary, data });
}
