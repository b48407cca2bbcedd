/**
 * The headline: per scenario and resource, where the capacity the scenario should free went —
 * a waterfall from the expected release (or the capacity added) through spare capacity to each
 * absorber — with 95% CIs; the changes in flow beside it; and, when the folder has
 * drift_range.csv, the release ratio across the range of drift strengths.
 *
 * Measures are read from release.csv as they come: a new absorber is a new bar, placed by what its
 * name says (expected or added → spare → absorbers in file order → unexplained).
 */
import type { TopLevelSpec } from "vega-lite";
import { STEP_COLOURS } from "./charts.js";
import { withUnit, type ReportContext } from "./context.js";
import { distinct, num, type Table } from "./folder.js";
import { label } from "./glossary.js";
import { csvTable, figure, fmt, table, withCi, type Section } from "./html.js";

type Category = "expected or added" | "spare capacity" | "absorbed" | "unexplained" | "ratio" | "flow";

/** What a release measure is, from its name and unit. */
export function categoryOf(measure: string, unit: string): Category {
  if (/ratio/.test(measure) || unit === "ratio") return "ratio";
  if (/^flow/.test(measure)) return "flow";
  if (/^expected|^capacity_added/.test(measure)) return "expected or added";
  if (/spare|idle/.test(measure)) return "spare capacity";
  if (/unexplained/.test(measure)) return "unexplained";
  return "absorbed";
}

const STEP_ORDER: readonly Category[] = ["expected or added", "spare capacity", "absorbed", "unexplained"];

/** Absorbers told apart where they share a chart (vermillion first, as in the waterfall). */
const ABSORBER_COLOURS = ["#D55E00", "#E69F00", "#CC79A7", "#56B4E9", "#000000"];

/** A colour per release measure, by what it is: expected blue, spare green, absorbers warm, unexplained grey. */
export function measureColours(measures: readonly string[]): { domain: string[]; range: string[] } {
  let absorber = 0;
  const range = measures.map((m) => {
    const category = categoryOf(m, "");
    return category === "absorbed" ? ABSORBER_COLOURS[absorber++ % ABSORBER_COLOURS.length]! : (STEP_COLOURS[category] ?? "#000000");
  });
  return { domain: measures.map(label), range };
}

interface Measure {
  readonly measure: string;
  readonly category: Category;
  readonly unit: string;
  readonly mean: number;
  readonly low: number | null;
  readonly high: number | null;
}

interface Step {
  readonly step: string;
  readonly category: Category;
  readonly start: number;
  readonly end: number;
  readonly lo: number | null;
  readonly hi: number | null;
  readonly labelAt: number;
  readonly text: string;
}

/**
 * The waterfall's bars: totals rise from zero, every other step takes its share away from what is
 * left; a step's whisker is its 95% CI placed where the step starts.
 */
export function waterfallSteps(measures: readonly Measure[]): Step[] {
  const steps: Step[] = [];
  let level = 0;
  const sorted = [...measures].filter((m) => STEP_ORDER.includes(m.category)).sort((a, b) => STEP_ORDER.indexOf(a.category) - STEP_ORDER.indexOf(b.category));
  for (const m of sorted) {
    const sign = m.category === "expected or added" ? 1 : -1;
    const start = level;
    const end = level + sign * m.mean;
    const lo = m.low === null ? null : level + sign * m.low;
    const hi = m.high === null ? null : level + sign * m.high;
    const labelAt = Math.max(start, end, lo ?? -Infinity, hi ?? -Infinity);
    steps.push({ step: label(m.measure), category: m.category, start, end, lo, hi, labelAt, text: fmt(m.mean) });
    level = end;
  }
  return steps;
}

/**
 * A resource's measures. Where capacity was added, what was left idle is the step after the
 * capacity added (the fall in use, spare capacity, would double-count it): capacity added → left
 * idle → each use it went to.
 */
function measuresOf(rows: readonly Readonly<Record<string, string>>[]): Measure[] {
  const idle = rows.some((r) => r["measure"] === "left_idle");
  return rows.flatMap((r) => {
    if (idle && r["measure"] === "realised_as_spare_capacity") return [];
    const mean = num(r["mean"]);
    if (mean === null) return [];
    const measure = r["measure"] ?? "";
    const unit = r["unit"] ?? "";
    return [{ measure, unit, category: categoryOf(measure, unit), mean, low: num(r["ci_low"]), high: num(r["ci_high"]) }];
  });
}

export async function releaseSection(ctx: ReportContext): Promise<Section | null> {
  const release = ctx.folder.tables.get("release.csv");
  const drift = ctx.folder.tables.get("drift_range.csv");
  if ((release === undefined || release.rows.length === 0) && drift === undefined) return null;
  const parts: string[] = [
    `<p class="lead">For each scenario and resource: the capacity the avoided demand should have freed (expected release — what the avoided patients used in the baseline run — or the capacity a scenario adds), how much of it appeared as spare capacity, and how much was absorbed, and by what. Each bar starts where the one above ended; black whiskers are 95% confidence intervals over paired replications (common random numbers). The release ratio is spare capacity divided by the expected release.</p>`,
  ];
  if (release !== undefined) parts.push(atAGlance(ctx, release));
  if (drift !== undefined && drift.rows.length > 0) parts.push(await driftRange(ctx, drift));
  for (const scenario of ctx.scenarios) {
    const rows = (release?.rows ?? []).filter((r) => r["scenario"] === scenario);
    if (rows.length > 0) parts.push(await scenarioWaterfall(ctx, scenario, rows));
  }
  return { id: "release", title: "Capacity released and absorbed", html: parts.join("\n") };
}

/** One row per scenario and resource with something expected or added: the headline numbers. */
function atAGlance(ctx: ReportContext, release: Table): string {
  const rows: (string | number | null)[][] = [];
  for (const scenario of ctx.scenarios) {
    const mine = release.rows.filter((r) => r["scenario"] === scenario);
    for (const resource of distinct(mine, "resource")) {
      const measures = measuresOf(mine.filter((r) => r["resource"] === resource));
      const total = measures.filter((m) => m.category === "expected or added").reduce((a, m) => a + m.mean, 0);
      if (total === 0) continue;
      const sum = (c: Category): number => measures.filter((m) => m.category === c).reduce((a, m) => a + m.mean, 0);
      const ratio = measures.find((m) => m.category === "ratio");
      rows.push([scenario, label(resource), ctx.glossary.unitOf(resource, measures[0]?.unit), total, sum("spare capacity"), sum("absorbed") + sum("unexplained"), ratio?.mean ?? null, ratio?.low ?? null, ratio?.high ?? null]);
    }
  }
  if (rows.length === 0) return "";
  return table(["Scenario", "Resource", "Unit", "Expected or added", "Spare capacity", "Absorbed", "Release ratio", "95% CI low", "95% CI high"], rows, {
    caption: "At a glance: every resource a scenario should free capacity in, or adds capacity to",
    numeric: [3, 4, 5, 6, 7, 8],
  });
}

async function scenarioWaterfall(ctx: ReportContext, scenario: string, rows: readonly Readonly<Record<string, string>>[]): Promise<string> {
  const resources = distinct(rows, "resource");
  const accounted = resources.filter((res) => rows.some((r) => r["resource"] === res && STEP_ORDER.includes(categoryOf(r["measure"] ?? "", r["unit"] ?? ""))));
  const baseline = rows[0]?.["baseline"] || ctx.baseline;
  const panels: object[] = [];
  const tableRows: (string | number | null)[][] = [];
  const sentences: string[] = [];
  for (const resource of accounted) {
    const measures = measuresOf(rows.filter((r) => r["resource"] === resource));
    const steps = waterfallSteps(measures);
    const unit = ctx.glossary.unitOf(resource, measures.find((m) => m.category !== "ratio")?.unit);
    const ratio = measures.find((m) => m.category === "ratio");
    const ratioText = ratio === undefined ? "" : `Release ratio ${withCi(ratio.mean, ratio.low, ratio.high)}`;
    panels.push({
      title: { text: label(resource), ...(ratioText === "" ? {} : { subtitle: ratioText }) },
      width: 300,
      height: { step: 30 },
      data: { values: steps },
      layer: [
        { mark: { type: "rule", color: "#8a8a8a" }, encoding: { x: { datum: 0, type: "quantitative" } } },
        {
          mark: { type: "bar", cornerRadius: 2 },
          encoding: {
            y: { field: "step", type: "nominal", sort: null, title: null, axis: { labelFontSize: 12, labelLimit: 400 } },
            x: { field: "start", type: "quantitative", title: withUnit(label(resource), unit) },
            x2: { field: "end" },
            color: { field: "category", type: "nominal", scale: { domain: Object.keys(STEP_COLOURS), range: Object.values(STEP_COLOURS) }, legend: { title: null, orient: "top" } },
          },
        },
        { mark: { type: "rule", color: "#1b1b1b", strokeWidth: 1.5 }, encoding: { y: { field: "step", type: "nominal", sort: null }, x: { field: "lo", type: "quantitative" }, x2: { field: "hi" } } },
        { mark: { type: "text", align: "left", dx: 6, fontSize: 12, color: "#1b1b1b" }, encoding: { y: { field: "step", type: "nominal", sort: null }, x: { field: "labelAt", type: "quantitative" }, text: { field: "text" } } },
      ],
    });
    for (const m of measures) tableRows.push([label(resource), label(m.measure), m.unit || unit, m.mean, m.low, m.high]);
    const total = measures.filter((m) => m.category === "expected or added");
    const spare = measures.find((m) => m.category === "spare capacity");
    const absorbers = measures.filter((m) => m.category === "absorbed" || m.category === "unexplained");
    sentences.push(
      `${label(resource)}: ${total.map((m) => `${label(m.measure).toLowerCase()} ${fmt(m.mean)} ${unit}`).join(", ") || "nothing expected"}` +
        (spare === undefined ? "" : `; spare ${fmt(spare.mean)}`) +
        (absorbers.length === 0 ? "" : `; ${absorbers.map((m) => `${label(m.measure).toLowerCase()} ${fmt(m.mean)}`).join(", ")}`) +
        (ratio === undefined ? "" : `; release ratio ${fmt(ratio.mean)}`) +
        ".",
    );
  }
  const title = `${scenario} against ${baseline}: where the expected release went`;
  const spec = {
    title: { text: title, subtitle: "Totals rise from zero; each later step takes its share of what is left. Whiskers: 95% CI." },
    concat: panels,
    columns: 2,
    resolve: { scale: { x: "independent", color: "shared" }, axis: { y: "independent" } },
  } as TopLevelSpec;
  const chart = await ctx.chart(spec, title, `Release waterfall for ${scenario} compared with ${baseline}, one panel per resource. ${sentences.join(" ")}`);
  const data = table(["Resource", "Measure", "Unit", "Mean", "95% CI low", "95% CI high"], tableRows, { numeric: [3, 4, 5], collapsed: `Data table: ${scenario}` });
  const flows = rows.filter((r) => categoryOf(r["measure"] ?? "", r["unit"] ?? "") === "flow");
  const flow =
    flows.length === 0
      ? ""
      : table(
          ["Flow measure", "Unit", "Change (scenario − baseline)", "95% CI low", "95% CI high"],
          flows.map((r) => [label(r["resource"] ?? ""), r["unit"] ?? "", num(r["mean"]), num(r["ci_low"]), num(r["ci_high"])]),
          { caption: `Released as flow: ${scenario} (a fall in delays and waits is capacity released as better flow)`, numeric: [2, 3, 4] },
        );
  return `<h3>${scenario}</h3>${figure({ chart, summary: sentences.join(" "), data: data + flow })}`;
}

/** Release ratio against drift strength, one panel per resource, one line per scenario. */
async function driftRange(ctx: ReportContext, drift: Table): Promise<string> {
  const values = drift.rows.flatMap((r) => {
    const x = num(r["drift_strength"]);
    const y = num(r["release_ratio"]);
    return x === null || y === null ? [] : [{ scenario: r["scenario"] ?? "", resource: r["resource"] ?? "", x, y, lo: num(r["ci_low"]), hi: num(r["ci_high"]) }];
  });
  // A panel per resource with a ratio to draw (a ratio is left out where it would not inform).
  const resources = distinct(drift.rows, "resource").filter((res) => values.some((v) => v.resource === res));
  if (resources.length === 0) {
    const data = csvTable(drift, { collapsed: "Data table: drift range" });
    return `<div id="drift-range"><h3>Release ratio across the drift range</h3><p>No release ratio in this run is informative at any drift strength (its expected release is too small or its interval too wide: see summary.md); the table holds what was measured.</p>${data}</div>`;
  }
  const xUnit = ctx.glossary.column("drift_range.csv", "drift_strength")?.unit || "b2 per occupancy point";
  const panels = resources.map((resource) => ({
    title: label(resource),
    width: 250,
    height: 200,
    data: { values: values.filter((v) => v.resource === resource) },
    encoding: {
      x: { field: "x", type: "quantitative", title: withUnit("Drift strength", xUnit), scale: { zero: false } },
      color: { field: "scenario", type: "nominal", scale: ctx.colours(distinct(drift.rows, "scenario")), legend: { title: "Scenario" } },
    },
    layer: [
      { mark: { type: "rule", strokeWidth: 1.5 }, encoding: { y: { field: "lo", type: "quantitative" }, y2: { field: "hi" } } },
      { mark: { type: "line", point: true }, encoding: { y: { field: "y", type: "quantitative", title: "Release ratio (spare ÷ expected)" } } },
    ],
  }));
  const title = "Release ratio across the drift range";
  const spec = { title: { text: title, subtitle: "Each drift strength compared like for like: the baseline re-matched to the same occupancy. Bars: 95% CI." }, concat: panels, columns: 3, resolve: { scale: { color: "shared" } } } as TopLevelSpec;
  const extremes = resources.map((res) => {
    const vs = values.filter((v) => v.resource === res).sort((a, b) => a.x - b.x);
    const first = vs[0];
    const last = vs.at(-1);
    return first === undefined || last === undefined ? "" : `${label(res)}: ratio ${fmt(first.y)} at drift ${fmt(first.x)} to ${fmt(last.y)} at drift ${fmt(last.x)}`;
  });
  const summary = `How much of the expected release appears as spare capacity at each drift strength. ${extremes.filter((e) => e !== "").join("; ")}.`;
  const chart = await ctx.chart(spec, title, summary);
  const data = csvTable(drift, { collapsed: "Data table: drift range" });
  return `<div id="drift-range">${figure({ chart, summary, data })}</div>`;
}
