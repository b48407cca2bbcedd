/**
 * A sweep's results against the swept value: the release accounting per resource, the release
 * ratio, and the headline KPIs, each with 95% CIs, from sweep.csv (one row per cell and KPI,
 * KPI difference or release measure). The first swept column is the x axis; further swept
 * columns split the panels.
 */
import type { TopLevelSpec } from "vega-lite";
import { PALETTE } from "./charts.js";
import { ordered, withUnit, type ReportContext } from "./context.js";
import { distinct, isNumericColumn, num, type Table } from "./folder.js";
import { label } from "./glossary.js";
import { figure, fmt, table, type Section } from "./html.js";
import { HEADLINE_KPIS } from "./kpis.js";
import { categoryOf, measureColours } from "./release.js";

interface Point {
  readonly panel: string;
  readonly series: string;
  readonly x: number | string;
  readonly y: number;
  readonly lo: number | null;
  readonly hi: number | null;
  /** The y axis title of the point's panel, with its unit. */
  readonly yTitle: string;
}

export async function sweepSection(ctx: ReportContext): Promise<Section | null> {
  const sweep = ctx.folder.tables.get("sweep.csv");
  if (sweep === undefined || sweep.rows.length === 0) return null;
  const cellAt = sweep.columns.indexOf("cell");
  const scenarioAt = sweep.columns.indexOf("scenario");
  const axes = sweep.columns.slice(cellAt + 1, scenarioAt < 0 ? undefined : scenarioAt);
  const xAxis = axes[0];
  if (xAxis === undefined) return null;
  const numericX = isNumericColumn(sweep, xAxis);
  const xTitle = (ctx.folder.meta.get(xAxis) ?? xAxis).replace(/=.*$/, "");
  const others = (r: Readonly<Record<string, string>>): string => axes.slice(1).map((a) => `${a} = ${r[a]}`).join(", ");
  const point = (r: Readonly<Record<string, string>>, panel: string, series: string, yTitle: string): Point[] => {
    const y = num(r["mean"]);
    if (y === null) return [];
    return [{ panel: [panel, others(r)].filter((p) => p !== "").join(" — "), series, x: numericX ? (num(r[xAxis]) ?? 0) : (r[xAxis] ?? ""), y, lo: num(r["ci_low"]), hi: num(r["ci_high"]), yTitle }];
  };
  const release = sweep.rows.filter((r) => r["kind"] === "release");
  const accounted = release.filter((r) => !["ratio", "flow"].includes(categoryOf(r["measure"] ?? "", r["unit"] ?? "")));
  const ratios = release.filter((r) => categoryOf(r["measure"] ?? "", r["unit"] ?? "") === "ratio");
  const kpiRows = sweep.rows.filter((r) => r["kind"] === "kpi");
  const kpis = ordered(distinct(kpiRows, "name"), HEADLINE_KPIS).slice(0, 6);
  const parts = [
    `<p class="lead">One experiment per combination of swept values (${axes.map((a) => `<code>${ctx.folder.meta.get(a) ?? a}</code>`).join("; ")}). Points are means over replications; bars are 95% confidence intervals.</p>`,
  ];
  const resources = distinct(ratios, "name");
  const resourceColours = { domain: resources.map(label), range: resources.map((_, i) => PALETTE[i % PALETTE.length]!) };
  const charts: { title: string; points: Point[]; seriesTitle: string; colours: { domain: string[]; range: string[] } }[] = [
    {
      title: "Release accounting against the swept value",
      colours: measureColours(distinct(accounted, "measure")),
      points: accounted.flatMap((r) => point(r, `${r["scenario"]}: ${label(r["name"] ?? "")}`, label(r["measure"] ?? ""), withUnit(label(r["name"] ?? ""), ctx.glossary.unitOf(r["name"] ?? "", r["unit"])))),
      seriesTitle: "Measure",
    },
    {
      title: "Release ratio against the swept value",
      points: ratios.flatMap((r) => point(r, r["scenario"] ?? "", label(r["name"] ?? ""), "Release ratio (spare ÷ expected)")),
      colours: resourceColours,
      seriesTitle: "Resource",
    },
    {
      title: "Headline KPIs against the swept value",
      points: kpis.flatMap((k) => kpiRows.filter((r) => r["name"] === k)).flatMap((r) => point(r, label(r["name"] ?? ""), r["scenario"] ?? "", withUnit(label(r["name"] ?? ""), ctx.glossary.unitOf(r["name"] ?? "", r["unit"])))),
      colours: ctx.colours(distinct(kpiRows, "scenario")),
      seriesTitle: "Scenario",
    },
  ];
  for (const c of charts) {
    if (c.points.length === 0) continue;
    parts.push(await sweepChart(ctx, c.title, c.points, numericX, xTitle, c.seriesTitle, c.colours));
  }
  return { id: "sweep", title: "Sweep: results against the swept values", html: parts.join("\n") };
}

async function sweepChart(ctx: ReportContext, title: string, points: Point[], numericX: boolean, xTitle: string, seriesTitle: string, colours: { domain: string[]; range: string[] }): Promise<string> {
  const panels = [...new Set(points.map((p) => p.panel))].map((panel) => ({
    title: panel,
    width: 300,
    height: 200,
    data: { values: points.filter((p) => p.panel === panel) },
    encoding: {
      x: numericX ? { field: "x", type: "quantitative", title: xTitle, scale: { zero: false } } : { field: "x", type: "ordinal", title: xTitle, sort: null },
      color: { field: "series", type: "nominal", scale: colours, legend: { title: seriesTitle, columns: 3 } },
    },
    layer: [
      { mark: { type: "rule", strokeWidth: 1.5 }, encoding: { y: { field: "lo", type: "quantitative" }, y2: { field: "hi" } } },
      { mark: { type: "line", point: true }, encoding: { y: { field: "y", type: "quantitative", title: points.find((p) => p.panel === panel)?.yTitle ?? "", scale: { zero: false } } } },
    ],
  }));
  const spec = { title, concat: panels, columns: 3, resolve: { scale: { color: "shared" } } } as TopLevelSpec;
  const summary = `${title}, from the first swept value to the last. ${panels
    .slice(0, 4)
    .map((p) => {
      const byX = (x: Point) => (typeof x.x === "number" ? x.x : 0);
      const series = [...new Set(p.data.values.map((v) => v.series))].map((name) => {
        const vs = p.data.values.filter((v) => v.series === name);
        const first = numericX ? [...vs].sort((a, b) => byX(a) - byX(b))[0] : vs[0];
        const last = numericX ? [...vs].sort((a, b) => byX(b) - byX(a))[0] : vs.at(-1);
        return first === undefined || last === undefined ? "" : `${name} ${fmt(first.y)} at ${String(first.x)} to ${fmt(last.y)} at ${String(last.x)}`;
      });
      return `${p.title}: ${series.join(", ")}`;
    })
    .join("; ")}${panels.length > 4 ? "; the other panels are in the table" : ""}.`;
  const chart = await ctx.chart(spec, title, summary);
  const data = table(
    ["Panel", seriesTitle, xTitle, "Mean", "95% CI low", "95% CI high"],
    points.map((p) => [p.panel, p.series, p.x, p.y, p.lo, p.hi]),
    { numeric: [3, 4, 5], collapsed: `Data table: ${title.toLowerCase()}` },
  );
  return figure({ chart, summary, data });
}

/** Sweep metadata as a table (the axes, cells, completion). */
export function sweepFacts(meta: Table | undefined): string {
  return meta === undefined ? "" : table(["Item", "Value"], meta.rows.map((r) => [r["key"] ?? "", r["value"] ?? ""]), { caption: "Sweep" });
}
