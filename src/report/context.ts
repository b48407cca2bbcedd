/**
 * What every section of the report reads: the folder, its glossary, the chart renderer, and the
 * scenarios in the order the run gave them (so that colours and rows agree across charts).
 */
import type { TopLevelSpec } from "vega-lite";
import { ChartRenderer, scenarioScale, type RenderedChart } from "./charts.js";
import { distinct, type OutputFolder } from "./folder.js";
import { Glossary } from "./glossary.js";

export interface ReportContext {
  readonly folder: OutputFolder;
  readonly glossary: Glossary;
  readonly scenarios: readonly string[];
  readonly baseline: string;
  /** The scenario colour scale for the scenarios a chart shows: each keeps its colour in every chart (baseline grey). */
  colours(shown: readonly string[]): { domain: string[]; range: string[] };
  chart(spec: TopLevelSpec, title: string, description: string): Promise<RenderedChart>;
}

export function reportContext(folder: OutputFolder, charts: ChartRenderer): ReportContext {
  const glossary = Glossary.of(folder);
  const baseline = folder.meta.get("baseline") || "baseline";
  const listed = (folder.meta.get("scenarios") ?? "").split(";").filter((s) => s !== "");
  const seen = new Set<string>([baseline, ...listed]);
  for (const file of ["kpi_summary.csv", "release.csv", "timeseries_daily.csv", "admission_decisions.csv", "sweep.csv"]) {
    for (const s of distinct(folder.tables.get(file)?.rows ?? [], "scenario")) if (s !== "") seen.add(s);
  }
  // The baseline first, then the run's order.
  const scenarios = [...seen];
  const all = scenarioScale(scenarios, baseline);
  return {
    folder,
    glossary,
    scenarios,
    baseline,
    colours: (shown) => {
      const keep = all.domain.map((s, i) => (shown.includes(s) ? i : -1)).filter((i) => i >= 0);
      return { domain: keep.map((i) => all.domain[i]!), range: keep.map((i) => all.range[i]!) };
    },
    chart: (spec, title, description) => charts.render(spec, title, description),
  };
}

/** "Label (unit)" for an axis title; just the label when there is no unit. */
export function withUnit(text: string, unit: string): string {
  return unit === "" ? text : `${text} (${unit})`;
}

/** Items in `order` first (those present), then the rest in their own order. */
export function ordered(items: readonly string[], order: readonly string[]): string[] {
  const present = new Set(items);
  return [...order.filter((x) => present.has(x)), ...items.filter((x) => !order.includes(x))];
}
