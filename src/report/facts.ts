/**
 * The report's words around the charts: the planner's summary (summary.md), what each scenario
 * changes and why, the model and run facts (STRESS-DES), the files in the folder and any results
 * no chart draws, the glossary, and the command that reproduces the run.
 */
import type { ReportContext } from "./context.js";
import { SKIPPED_FILES } from "./folder.js";
import { label } from "./glossary.js";
import { csvTable, escapeHtml, markdown, table, type Section } from "./html.js";
import { sweepFacts } from "./sweep.js";

/** Files a chart section reads; any other CSV is shown as a table under "More results". */
export const DRAWN_FILES = new Set([
  "run_metadata.csv",
  "sweep_metadata.csv",
  "kpi_replications.csv",
  "kpi_summary.csv",
  "kpi_difference.csv",
  "kpi_by_class.csv",
  "release.csv",
  "drift_range.csv",
  "timeseries_daily.csv",
  "flows.csv",
  "admission_decisions.csv",
  "segments.csv",
  "sweep.csv",
  "glossary.csv",
  "warnings.csv",
]);

/**
 * The part of a Markdown text under the first heading matching `heading`, down to the next
 * heading of the same or a higher level (heading line excluded); "" when there is none.
 */
export function markdownPart(text: string, heading: RegExp): string {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => /^#{1,6}\s/.test(l) && heading.test(l.replace(/^#+\s*/, "")));
  if (start < 0) return "";
  const level = /^#+/.exec(lines[start]!)![0].length;
  const end = lines.findIndex((l, i) => i > start && /^#{1,6}\s/.test(l) && /^#+/.exec(l)![0].length <= level);
  return lines.slice(start + 1, end < 0 ? undefined : end).join("\n").trim();
}

export function summarySection(ctx: ReportContext): Section | null {
  const text = ctx.folder.markdown.get("summary.md");
  if (text === undefined || text.trim() === "") return null;
  return { id: "summary", title: "Summary", html: `<div class="md">${markdown(text.replace(/^#\s.*\n/, ""))}</div>` };
}

export function scenariosSection(ctx: ReportContext): Section | null {
  const part = markdownPart(ctx.folder.markdown.get("stress.md") ?? "", /^scenarios$/i);
  if (part === "") return null;
  return {
    id: "scenarios",
    title: "What each scenario changes, and why",
    html: `<p class="lead">Each scenario is the baseline model with the changes listed (model path: before → after, with the reason given in the model file).</p><div class="md">${markdown(part.replace(/^####\s/gm, "### "))}</div>`,
  };
}

/** Model and run facts: the metadata, then the whole STRESS-DES report folded. */
export function factsSection(ctx: ReportContext): Section {
  const meta = ctx.folder.tables.get("run_metadata.csv");
  const parts: string[] = [];
  if (meta !== undefined) {
    parts.push(`<dl class="facts">${meta.rows.map((r) => `<dt>${escapeHtml(label(r["key"] ?? ""))}</dt><dd>${escapeHtml(r["value"] ?? "")}</dd>`).join("")}</dl>`);
  }
  parts.push(sweepFacts(ctx.folder.tables.get("sweep_metadata.csv")));
  const stress = ctx.folder.markdown.get("stress.md");
  if (stress !== undefined) {
    const ci = markdownPart(stress, /confidence intervals/i);
    if (ci !== "") parts.push(`<h3>Confidence intervals</h3><div class="md">${markdown(ci)}</div>`);
    parts.push(`<details><summary>The full STRESS-DES report (stress.md): objectives, logic, every input parameter, experimentation, implementation</summary><div class="md">${markdown(stress)}</div></details>`);
  } else if (ctx.folder.kind === "run") {
    parts.push(`<p class="lead">stress.md is not in this folder.</p>`);
  }
  parts.push(filesTable(ctx));
  return { id: "facts", title: "Model and run facts", html: parts.join("\n") };
}

function filesTable(ctx: ReportContext): string {
  const rows = ctx.folder.files.map((name) => {
    const t = ctx.folder.tables.get(name);
    const about = SKIPPED_FILES.has(name) ? "not read by the report (patient-level log)" : (ctx.glossary.term(name)?.description ?? "");
    return [name, t?.rows.length ?? null, t?.columns.length ?? null, about];
  });
  return table(["File", "Rows", "Columns", "About"], rows, { numeric: [1, 2], collapsed: "Files in this folder" });
}

/** CSV files no chart reads (new outputs, e.g. segments.csv), as tables. */
export function moreResultsSection(ctx: ReportContext): Section | null {
  const extra = [...ctx.folder.tables.values()].filter((t) => !DRAWN_FILES.has(t.file) && t.rows.length > 0);
  if (extra.length === 0) return null;
  const html = extra
    .map((t) => {
      const about = ctx.glossary.term(t.file)?.description;
      return `<h3>${escapeHtml(label(t.file.replace(/\.csv$/, "")))} <small>(${escapeHtml(t.file)})</small></h3>${about === undefined || about === "" ? "" : `<p class="lead">${escapeHtml(about)}</p>`}${csvTable(t, { maxRows: 300 })}`;
    })
    .join("\n");
  return { id: "more", title: "More results", html };
}

const KIND_TITLES: Record<string, string> = {
  kpi: "KPIs",
  release_measure: "Release-accounting measures",
  resource: "Resources accounted",
  group_measure: "Measures by patient group (segments.csv)",
  daily_metric: "Daily metrics",
  column: "Columns of the output files",
  file: "Files",
  warning: "Warnings pathflow can raise",
};

export function glossarySection(ctx: ReportContext): Section {
  const g = ctx.glossary;
  const kinds = [...new Set(g.entries.map((e) => e.kind))].sort((a, b) => (a === "column") === (b === "column") ? 0 : a === "column" ? 1 : -1);
  const parts = kinds.map((kind) => {
    const entries = g.entries.filter((e) => e.kind === kind);
    const isColumn = kind === "column";
    const isFile = kind === "file";
    const header = isColumn ? ["File", "Column", "Unit", "Meaning"] : isFile ? ["File", "Meaning"] : ["Name", "Label", "Unit", "Meaning"];
    const rows = entries.map((e) => (isColumn ? [e.file, e.column, e.unit, e.description] : isFile ? [e.name, e.description] : [e.name, label(e.name), e.unit, e.description]));
    const title = KIND_TITLES[kind] ?? `${label(kind)}${kind.endsWith("s") ? "" : "s"}`;
    return `<h3>${escapeHtml(title)}</h3>${table(header, rows, rows.length > 20 ? { collapsed: `Show all ${rows.length}` } : {})}`;
  });
  const source = g.fromFile
    ? "From glossary.csv in this folder."
    : "This folder has no glossary.csv (written by newer pathflow versions); names and units are taken from the files themselves, with meanings of the shared columns.";
  return { id: "glossary", title: "Glossary", html: `<p class="lead">${escapeHtml(source)}</p>${parts.join("\n")}` };
}

export function reproduceSection(ctx: ReportContext): Section {
  const m = ctx.folder.meta;
  const command = m.get("command");
  const seed = m.get("seed");
  const version = m.get("pathflow_version");
  const lines: string[] = [];
  if (command !== undefined && command !== "") {
    lines.push(`<pre><code>${escapeHtml(command)}</code></pre>`);
    lines.push(
      `<p class="lead">Run it from the folder that holds the model file${version === undefined ? "" : `, with pathflow ${escapeHtml(version)}`}${seed === undefined ? "" : ` (the seed, ${escapeHtml(seed)}, comes from the model file unless the command sets it)`}. The same model, seed and version give byte-identical result files whatever the number of workers. To rebuild this report from the folder's files: <code>pathflow report FOLDER</code>.</p>`,
    );
  } else {
    lines.push(`<p class="lead">The command was not recorded in this folder's metadata.</p>`);
  }
  return { id: "reproduce", title: "Reproduce this run", html: lines.join("\n") };
}
