/**
 * Acuity drift made visible: the admitted share of ED decisions at each level of bed pressure,
 * standardised to the baseline's acuity mix and within each acuity band (admission_decisions.csv),
 * and admissions per day by acuity band and route (flows.csv, the raw case mix).
 * Drift changes the decisions of patients near the threshold, so it shows as a share that falls
 * as pressure rises, within an acuity band.
 */
import type { TopLevelSpec } from "vega-lite";
import type { ReportContext } from "./context.js";
import { distinct, num, type Table } from "./folder.js";
import { chartSafe } from "./charts.js";
import { figure, fmt, table, type Section } from "./html.js";

export async function decisionsSection(ctx: ReportContext): Promise<Section | null> {
  const decisions = ctx.folder.tables.get("admission_decisions.csv");
  const flows = ctx.folder.tables.get("flows.csv");
  const parts: string[] = [];
  if (decisions !== undefined && decisions.rows.length > 0) parts.push(...(await admittedShare(ctx, decisions)));
  if (flows !== undefined && flows.rows.length > 0) parts.push(await admissionsByAcuity(ctx, flows));
  if (parts.length === 0) return null;
  return {
    id: "drift",
    title: "Admission decisions: acuity drift made visible",
    html: `<p class="lead">With acuity drift, the probability of admission depends on bed pressure as well as acuity: when beds free up, patients near the threshold who would have gone home are admitted. It shows in the admitted share at each pressure level with case mix held equal — within each acuity band, and standardised to the baseline's acuity mix — not in the raw acuity mix of admissions, which moves with demand whether drift is on or off.</p>${parts.join("\n")}`,
  };
}

/** Fewest decisions behind a share drawn in the by-acuity chart. */
const MIN_DECISIONS = 30;

interface ShareValue {
  readonly scenario: string;
  readonly band: string;
  readonly acuity: string;
  readonly y: number;
  readonly lo: number | null;
  readonly hi: number | null;
  readonly n: number | null;
}

/** The standardised share by pressure band, then the share by pressure band in each acuity band (admission_decisions.csv). */
async function admittedShare(ctx: ReportContext, t: Table): Promise<string[]> {
  const bands = distinct(t.rows, "pressure_band_pct");
  const scenarios = ctx.scenarios.filter((s) => t.rows.some((r) => r["scenario"] === s));
  // A folder written before the acuity-adjusted view (no view or acuity column) holds raw shares for all bands together.
  const values = (view: string, acuity: (a: string) => boolean): ShareValue[] =>
    t.rows.flatMap((r) => {
      const y = num(r["admitted_pct"]);
      const a = chartSafe(r["acuity_band"] ?? "all");
      return y === null || (r["view"] ?? "observed") !== view || !acuity(a) ? [] : [{ scenario: r["scenario"] ?? "", band: r["pressure_band_pct"] ?? "", acuity: a, y, lo: num(r["ci_low"]), hi: num(r["ci_high"]), n: num(r["decisions"]) }];
    });
  const standardised = values("standardised", (a) => a === "all");
  const byAcuity = values("observed", (a) => a !== "all");
  const raw = t.columns.includes("view") ? [] : values("observed", (a) => a === "all");
  const encoding = {
    x: { field: "band", type: "ordinal", sort: bands, title: "Bed occupancy at the decision (%)", axis: { labelAngle: 0 } },
    color: { field: "scenario", type: "nominal", scale: ctx.colours(scenarios), sort: scenarios, legend: { title: "Scenario", columns: 3 } },
  };
  const layers = [
    { mark: { type: "line", point: { size: 60, filled: true }, strokeWidth: 2.5 }, encoding: { y: { field: "y", type: "quantitative", scale: { zero: false }, title: "Admitted share of ED decisions (%)" } } },
    { mark: { type: "rule", strokeWidth: 1.5 }, encoding: { y: { field: "lo", type: "quantitative" }, y2: { field: "hi" } } },
  ];
  const out: string[] = [];
  const header = ["Scenario", "Acuity band", "Bed occupancy (%)", "Decisions", "Admitted (%)", "95% CI low", "95% CI high"];
  const rowsOf = (vs: readonly ShareValue[]) => vs.map((v) => [v.scenario, v.acuity, v.band, v.n, v.y, v.lo, v.hi]);
  const shown = standardised.length > 0 ? standardised : raw;
  if (shown.length > 0) {
    const title = standardised.length > 0 ? "Admitted share by bed pressure, case mix held equal" : "Admitted share by bed pressure";
    const subtitle = standardised.length > 0 ? "Standardised to the baseline's acuity mix of decisions; vertical lines: 95% CI." : "All acuity bands together, not case-mix adjusted (a folder from an earlier pathflow).";
    const spec = { title: { text: title, subtitle }, data: { values: shown }, width: 520, height: 260, encoding, layer: layers } as TopLevelSpec;
    const sentence = scenarios
      .map((s) => {
        const vs = shown.filter((v) => v.scenario === s);
        return vs.length === 0 ? "" : `${s}: ${vs.map((v) => `${fmt(v.y)}% at ${v.band}`).join(", ")}`;
      })
      .filter((x) => x !== "")
      .join("; ");
    const how = standardised.length > 0 ? "directly standardised to the baseline's acuity mix (so a change in case mix does not show as drift)" : "all acuity bands together (raw: case mix moves it too)";
    const summary = `Share of ED decisions that admitted, by bed occupancy at the moment of decision, ${how}. ${sentence}.`;
    const chart = await ctx.chart(spec, title, summary);
    out.push(figure({ chart, summary, data: table(header, rowsOf(shown), { numeric: [3, 4, 5, 6], collapsed: "Data table: admitted share by bed pressure" }) }));
  }
  if (byAcuity.length > 0) {
    const title = "Admitted share by pressure band and acuity";
    const acuities = [...new Set(byAcuity.map((v) => v.acuity))];
    // A share from a handful of decisions says little and draws the eye: charted from MIN_DECISIONS up, all in the table.
    const drawn = byAcuity.filter((v) => (v.n ?? 0) >= MIN_DECISIONS);
    const spec = {
      title: { text: title, subtitle: `One panel per acuity band; vertical lines: 95% CI; cells with fewer than ${MIN_DECISIONS} decisions are in the table only.` },
      data: { values: drawn },
      facet: { field: "acuity", type: "ordinal", title: null, sort: acuities, header: { labelExpr: "'Acuity ' + datum.label" } },
      columns: 3,
      spec: { width: 260, height: 200, encoding, layer: layers },
      resolve: { scale: { y: "independent" } },
    } as TopLevelSpec;
    const summary = `Share of ED decisions that admitted, by bed occupancy at the decision, within each acuity band (case mix held equal by comparing like with like). With drift it falls as pressure rises, most in the middle bands, near the threshold.`;
    const chart = await ctx.chart(spec, title, summary);
    out.push(figure({ chart, summary, data: table(header, rowsOf(byAcuity), { numeric: [3, 4, 5, 6], collapsed: "Data table: admitted share by acuity and pressure" }) }));
  }
  return out;
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
