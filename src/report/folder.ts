/**
 * Reads a pathflow output folder as the report and the workbook see it: every CSV as a table of
 * text cells (header order kept), every Markdown file as text, the run's metadata, and why the
 * folder is partial if it is. Nothing here knows what a KPI or a release measure is: a new file,
 * column or row appears in the report without a change here.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import Papa from "papaparse";
import { PathflowInputError } from "../errors.js";

/** One CSV file: its columns in header order and its rows as text cells ("" for an empty cell). */
export interface Table {
  readonly file: string;
  readonly columns: readonly string[];
  readonly rows: readonly Readonly<Record<string, string>>[];
}

export type FolderKind = "run" | "sweep";

export interface OutputFolder {
  readonly dir: string;
  readonly kind: FolderKind;
  /** Every file in the folder (hidden files aside), in name order. */
  readonly files: readonly string[];
  /** CSV files by name (e.g. "release.csv"), in name order. */
  readonly tables: ReadonlyMap<string, Table>;
  /** Markdown files by name (e.g. "stress.md"). */
  readonly markdown: ReadonlyMap<string, string>;
  /** key → value from run_metadata.csv (a run) or sweep_metadata.csv (a sweep). */
  readonly meta: ReadonlyMap<string, string>;
  /** Why the results are incomplete (an interrupted run, files missing); empty when complete. */
  readonly partialReasons: readonly string[];
}

/** Files whose presence makes a folder a run's output. */
const RUN_FILES = ["run_metadata.csv", "kpi_replications.csv", "kpi_summary.csv", "kpi_difference.csv", "release.csv", "timeseries_daily.csv"];
/** Files a whole run always writes (admission_decisions.csv only for models with an ED). */
const RUN_COMPLETE = ["run_metadata.csv", "kpi_replications.csv", "kpi_summary.csv", "kpi_difference.csv", "release.csv", "timeseries_daily.csv", "stress.md"];
const SWEEP_FILES = ["sweep.csv", "sweep_metadata.csv"];

export const REPORT_FILE = "report.html";
export const WORKBOOK_FILE = "results.xlsx";

/** Files the report and the workbook never read: the patient-level log is too large for either. */
export const SKIPPED_FILES = new Set(["events.csv"]);

function notOutputFolder(dir: string, message: string): PathflowInputError {
  return new PathflowInputError([{ code: "file", path: [dir], message }], `${dir} is not a pathflow output folder`);
}

/** Parses CSV text (a leading byte-order mark is dropped); every row keyed by its header. */
export function parseCsv(file: string, text: string): Table {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: true });
  const [header, ...body] = parsed.data;
  if (header === undefined) return { file, columns: [], rows: [] };
  const rows = body.map((cells) => {
    const row: Record<string, string> = {};
    header.forEach((column, i) => (row[column] = plainText(cells[i] ?? "")));
    return row;
  });
  return { file, columns: header, rows };
}

/**
 * A cell as it was before the CSV writer neutralised it: text that a spreadsheet would read as a
 * formula is written with a leading `'` (src/io/csv.ts); the report and the workbook show the text.
 */
function plainText(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

/** The folder's files, read once. Throws PathflowInputError (exit 2) when `dir` is not an output folder. */
export async function readOutputFolder(dir: string): Promise<OutputFolder> {
  let names: string[];
  try {
    if (!(await stat(dir)).isDirectory()) throw notOutputFolder(dir, "not a folder");
    // Hidden files are temporary files of atomic writes; the report and the workbook are built from the rest.
    names = (await readdir(dir)).filter((n) => !n.startsWith(".") && n !== REPORT_FILE && n !== WORKBOOK_FILE).sort();
  } catch (error) {
    if (error instanceof PathflowInputError) throw error;
    throw notOutputFolder(dir, `cannot read the folder (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const isRun = RUN_FILES.some((f) => names.includes(f));
  const isSweep = SWEEP_FILES.some((f) => names.includes(f));
  if (!isRun && !isSweep) {
    throw notOutputFolder(dir, `none of ${[...RUN_FILES, ...SWEEP_FILES].join(", ")} is in it: give the folder a pathflow run or sweep wrote (its --out)`);
  }
  const kind: FolderKind = isSweep && !isRun ? "sweep" : "run";
  const tables = new Map<string, Table>();
  const markdown = new Map<string, string>();
  for (const name of names) {
    if (SKIPPED_FILES.has(name)) continue;
    if (name.endsWith(".csv")) tables.set(name, parseCsv(name, await readFile(join(dir, name), "utf8")));
    else if (name.endsWith(".md")) markdown.set(name, await readFile(join(dir, name), "utf8"));
  }
  const metaTable = tables.get(kind === "run" ? "run_metadata.csv" : "sweep_metadata.csv");
  const meta = new Map<string, string>((metaTable?.rows ?? []).map((r) => [r["key"] ?? "", r["value"] ?? ""]));
  return { dir, kind, files: names, tables, markdown, meta, partialReasons: partialReasons(kind, names, meta) };
}

function partialReasons(kind: FolderKind, names: readonly string[], meta: ReadonlyMap<string, string>): string[] {
  const reasons: string[] = [];
  const expected = kind === "run" ? RUN_COMPLETE : SWEEP_FILES;
  const missing = expected.filter((f) => !names.includes(f));
  if (meta.get("partial") === "true") {
    const gaps = meta.get("replications_missing");
    if (kind === "run" && gaps !== undefined) {
      reasons.push(`merged from shards with replications ${gaps} missing: ${meta.get("replications_completed") ?? "?"} of ${meta.get("replications_requested") ?? "?"} replications`);
    } else if (kind === "run") {
      reasons.push(`the run was interrupted: ${meta.get("replications_completed") ?? "?"} of ${meta.get("replications_requested") ?? "?"} replications completed`);
    } else {
      reasons.push(`the sweep was interrupted: ${meta.get("cells_completed") ?? "?"} of ${meta.get("cells") ?? "?"} cells completed`);
    }
  }
  if (missing.length > 0) reasons.push(`missing from the folder: ${missing.join(", ")}`);
  return reasons;
}

/** A decimal number as CSV files write it (no hex, no "Infinity", no blanks). */
const DECIMAL = /^\s*-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/** A cell as a finite number, or null for an empty or non-numeric cell. */
export function num(cell: string | undefined): number | null {
  if (cell === undefined || !DECIMAL.test(cell)) return null;
  const x = Number(cell);
  return Number.isFinite(x) ? x : null;
}

/** The distinct values of a column, in first-seen order. */
export function distinct(rows: readonly Readonly<Record<string, string>>[], column: string): string[] {
  return [...new Set(rows.map((r) => r[column] ?? ""))];
}

/** Whether every non-empty cell of a column is a number (a column of numbers, stored and shown as such). */
export function isNumericColumn(table: Table, column: string): boolean {
  let any = false;
  for (const r of table.rows) {
    const cell = r[column] ?? "";
    if (cell === "") continue;
    if (num(cell) === null) return false;
    any = true;
  }
  return any;
}
