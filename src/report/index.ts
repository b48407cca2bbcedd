/**
 * report.html: one self-contained page (inline CSS, charts as static SVG, no script, no network)
 * built from the files an output folder holds — a run's or a sweep's, whole, partial or merged —
 * so it can be rebuilt at any time with `pathflow report DIR` and sent as an email attachment.
 */
import { join } from "node:path";
import { writeFileAtomic } from "../io/atomic.js";
import { ChartRenderer } from "./charts.js";
import { reportContext, type ReportContext } from "./context.js";
import { dailySection } from "./daily.js";
import { decisionsSection } from "./decisions.js";
import { factsSection, glossarySection, moreResultsSection, reproduceSection, scenariosSection, summarySection } from "./facts.js";
import { REPORT_FILE, readOutputFolder, type Table } from "./folder.js";
import { escapeHtml, page, type Section } from "./html.js";
import { kpiSection } from "./kpis.js";
import { classSection } from "./classes.js";
import { releaseSection } from "./release.js";
import { segmentsSection } from "./segments.js";
import { sweepSection } from "./sweep.js";

export { writeWorkbook, type WorkbookResult } from "./workbook.js";
export { REPORT_FILE, WORKBOOK_FILE } from "./folder.js";

export interface ReportResult {
  /** Where the report was written. */
  readonly path: string;
  readonly bytes: number;
  /** Why the folder's results are incomplete; empty when they are whole. */
  readonly partialReasons: readonly string[];
  /** What the chart libraries warned about (also listed in the report's notes). */
  readonly warnings: readonly string[];
}

/** Reads the output folder `dir` and writes `dir/report.html` (atomically). */
export async function buildReport(dir: string): Promise<ReportResult> {
  const folder = await readOutputFolder(dir);
  const charts = new ChartRenderer();
  const ctx = reportContext(folder, charts);
  const builders: ((c: ReportContext) => Promise<Section | null> | Section | null)[] = [
    summarySection,
    scenariosSection,
    releaseSection,
    kpiSection,
    classSection,
    dailySection,
    decisionsSection,
    segmentsSection,
    sweepSection,
    moreResultsSection,
    factsSection,
    glossarySection,
    reproduceSection,
  ];
  const sections: Section[] = [];
  // One after another: the charts are rendered in order, so the page is the same bytes every time.
  for (const build of builders) {
    const section = await build(ctx);
    if (section !== null) sections.push(section);
  }
  const m = folder.meta;
  const notes = [
    ...(Number(m.get("conservation_problems") ?? "0") > 0 ? [`the run's conservation check found ${m.get("conservation_problems")} problem(s): patients were lost or counted twice; see stress.md`] : []),
    ...charts.warnings.map((w) => `chart warning: ${w}`),
  ];
  const html = page({
    title: `${modelName(ctx)} — ${folder.kind === "sweep" ? "sweep" : "simulation"} results`,
    subtitle: subtitle(ctx),
    partialReasons: folder.partialReasons,
    warnings: warningLines(folder.tables.get("warnings.csv")),
    notes,
    sections,
    footer: `Built by pathflow${m.get("pathflow_version") === undefined ? "" : ` ${escapeHtml(m.get("pathflow_version")!)}`} from the files in this folder. Rebuild it with <code>pathflow report FOLDER</code>. Charts: Vega-Lite, rendered to SVG.`,
  });
  const path = join(dir, REPORT_FILE);
  const bytes = Buffer.byteLength(html, "utf8");
  await writeFileAtomic(path, html);
  return { path, bytes, partialReasons: folder.partialReasons, warnings: charts.warnings };
}

/** warnings.csv's rows as sentences: each message once, after the sweep cells it concerns. */
function warningLines(warnings: Table | undefined): string[] {
  const cells = new Map<string, string[]>();
  for (const r of warnings?.rows ?? []) {
    const message = r["message"] ?? "";
    if (message !== "") cells.set(message, [...(cells.get(message) ?? []), ...(r["cell"] ? [r["cell"]] : [])]);
  }
  return [...cells].map(([message, where]) => (where.length === 0 ? message : `${where.length === 1 ? "Cell" : "Cells"} ${where.join(", ")}: ${message}`));
}

function modelName(ctx: ReportContext): string {
  const m = ctx.folder.meta;
  const file = m.get("model_file") ?? "";
  return m.get("model") || file.replace(/^.*[\\/]/, "").replace(/\.json$/, "") || "pathflow";
}

function subtitle(ctx: ReportContext): string {
  const m = ctx.folder.meta;
  const parts: string[] = [];
  const reps = m.get("replications_completed");
  if (reps !== undefined) parts.push(`${reps} replication${reps === "1" ? "" : "s"} × ${ctx.scenarios.length} scenarios`);
  if (m.get("cells") !== undefined) parts.push(`${(m.get("scenarios") ?? "").replace(/;/g, ", ")} against ${m.get("baseline") ?? "baseline"}: ${m.get("cells_completed") ?? "?"} of ${m.get("cells")} sweep cells`);
  if (m.get("days") !== undefined) parts.push(`${m.get("days")} days after ${m.get("warmup_days") ?? "?"} days' warm-up${m.get("census") !== undefined ? " from a census" : ""}`);
  if (m.get("seed") !== undefined) parts.push(`seed ${m.get("seed")}`);
  if (m.get("pathflow_version") !== undefined) parts.push(`pathflow ${m.get("pathflow_version")}`);
  const finished = m.get("finished");
  if (finished !== undefined && finished !== "") parts.push(`finished ${finished.replace("T", " ").replace(/:\d\d\.\d+Z$/, " UTC")}`);
  return parts.join(" · ");
}
