/**
 * results.xlsx: the output folder's CSV files as one Excel workbook, written with exceljs — a
 * README sheet (model, scenarios and what they change, seed, replications, version, command), a
 * data dictionary (every column of every sheet: meaning and unit), then one sheet per CSV with
 * its header row frozen and numbers stored as numbers (a column is numeric when every non-empty
 * cell is a number; key/value sheets are typed cell by cell).
 */
import { join } from "node:path";
import ExcelJS from "exceljs";
import { writeFileAtomic } from "../io/atomic.js";
import { markdownPart } from "./facts.js";
import { SKIPPED_FILES, WORKBOOK_FILE, isNumericColumn, num, readOutputFolder, type OutputFolder, type Table } from "./folder.js";
import { Glossary, label } from "./glossary.js";

export interface WorkbookResult {
  readonly path: string;
  readonly sheets: readonly string[];
}

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDCE6F2" } };

/** Reads the output folder `dir` and writes `dir/results.xlsx` (atomically). */
export async function writeWorkbook(dir: string): Promise<WorkbookResult> {
  const folder = await readOutputFolder(dir);
  const glossary = Glossary.of(folder);
  const wb = new ExcelJS.Workbook();
  wb.creator = "pathflow";
  const finished = Date.parse(folder.meta.get("finished") ?? "");
  if (Number.isFinite(finished)) wb.created = wb.modified = new Date(finished);

  const sheetNames = new Map<string, string>();
  const used = new Set(["README", "Data dictionary"]);
  for (const file of folder.tables.keys()) sheetNames.set(file, uniqueSheetName(file.replace(/\.csv$/, ""), used));

  addRows(wb, "README", ["Item", "Value"], readmeRows(folder, sheetNames), [28, 110]);
  const dictionary: (string | null)[][] = [];
  for (const [file, t] of folder.tables) {
    for (const column of t.columns) {
      const e = glossary.column(file, column);
      dictionary.push([sheetNames.get(file)!, column, e?.unit || null, e?.description || null, isNumericColumn(t, column) ? "number" : "text"]);
    }
  }
  for (const e of glossary.entries.filter((x) => x.kind !== "column")) dictionary.push([`(${e.kind})`, e.name, e.unit || null, e.description || label(e.name), null]);
  addRows(wb, "Data dictionary", ["Sheet", "Column or name", "Unit", "Meaning", "Stored as"], dictionary, [24, 34, 14, 90, 10]);

  for (const [file, t] of folder.tables) addTable(wb, sheetNames.get(file)!, t);
  const path = join(dir, WORKBOOK_FILE);
  const buffer = await wb.xlsx.writeBuffer();
  await writeFileAtomic(path, new Uint8Array(buffer as ArrayBuffer));
  return { path, sheets: wb.worksheets.map((w) => w.name) };
}

/** Excel's rules: at most 31 characters, none of : \ / ? * [ ], unique ignoring case. */
function uniqueSheetName(base: string, used: Set<string>): string {
  const clean = base.replace(/[:\\/?*[\]]/g, "_").slice(0, 31) || "sheet";
  let name = clean;
  for (let i = 2; [...used].some((u) => u.toLowerCase() === name.toLowerCase()); i++) name = `${clean.slice(0, 28)}_${i}`;
  used.add(name);
  return name;
}

function readmeRows(folder: OutputFolder, sheets: ReadonlyMap<string, string>): (string | number | null)[][] {
  const m = folder.meta;
  const value = (key: string): string | number | null => {
    const v = m.get(key);
    return v === undefined || v === "" ? null : (num(v) ?? v);
  };
  const rows: (string | number | null)[][] = [
    ["Model", value("model") ?? value("model_file")],
    ["Model file", value("model_file")],
    ["Kind of output", folder.kind],
    ["Baseline", value("baseline")],
    ["Scenarios", (m.get("scenarios") ?? "").split(";").join(", ") || null],
  ];
  for (const [name, change] of scenarioChanges(folder.markdown.get("stress.md") ?? "")) rows.push([`Scenario: ${name}`, change]);
  const facts: [string, string][] = [
    ["Seed", "seed"],
    ["Random number generator", "generator"],
    ["Stream allocation", "stream_allocation"],
    ["Replications requested", "replications_requested"],
    ["Replications completed", "replications_completed"],
    ["Results period (days)", "days"],
    ["Warm-up (days)", "warmup_days"],
    ["Started from the census", "census"],
    ["pathflow version", "pathflow_version"],
    ["Node.js version", "node_version"],
    ["Started", "started"],
    ["Finished", "finished"],
    ["Sweep cells", "cells"],
    ["Sweep cells completed", "cells_completed"],
    ["Command", "command"],
  ];
  for (const [text, key] of facts) if (m.has(key)) rows.push([text, value(key)]);
  rows.push(["Complete", folder.partialReasons.length === 0 ? "yes" : `no — ${folder.partialReasons.join("; ")}`]);
  rows.push(["Sheets", "Data dictionary: every column of every sheet, with its meaning and unit. Then one sheet per CSV file of the output folder:"]);
  for (const [file, sheet] of sheets) rows.push([sheet, file]);
  if (folder.files.some((f) => SKIPPED_FILES.has(f))) rows.push(["Not included", `${folder.files.filter((f) => SKIPPED_FILES.has(f)).join(", ")} (the patient-level log: open the CSV file itself)`]);
  return rows;
}

/** Scenario name → its description and changes, from the Scenarios part of stress.md. */
export function scenarioChanges(stress: string): [string, string][] {
  const part = markdownPart(stress, /^scenarios$/i);
  return part
    .split(/^#+\s+/m)
    .filter((block) => block.trim() !== "")
    .map((block) => {
      const [name = "", ...rest] = block.split("\n");
      const text = rest
        .map((l) => l.trim())
        .filter((l) => l !== "")
        .join("\n");
      return [name.trim(), text] as [string, string];
    });
}

function addRows(wb: ExcelJS.Workbook, name: string, header: readonly string[], rows: readonly (readonly (string | number | null)[])[], widths: readonly number[]): void {
  const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = header.map((h, i) => ({ header: h, width: widths[i] ?? 16 }));
  for (const r of rows) ws.addRow([...r]);
  styleHeader(ws);
  ws.getColumn(2).alignment = { wrapText: true, vertical: "top" };
}

function addTable(wb: ExcelJS.Workbook, name: string, t: Table): void {
  const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  const keyValue = t.columns.length === 2 && t.columns[0] === "key" && t.columns[1] === "value";
  const numeric = t.columns.map((c) => isNumericColumn(t, c));
  ws.columns = t.columns.map((c) => ({ header: c, width: Math.min(50, Math.max(10, c.length + 2, ...t.rows.slice(0, 200).map((r) => (r[c] ?? "").length + 2))) }));
  for (const r of t.rows) {
    ws.addRow(
      t.columns.map((c, i) => {
        const cell = r[c] ?? "";
        if (cell === "") return null;
        if (numeric[i] || (keyValue && i === 1)) return num(cell) ?? cell;
        return cell;
      }),
    );
  }
  styleHeader(ws);
  if (t.columns.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: t.columns.length } };
}

function styleHeader(ws: ExcelJS.Worksheet): void {
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.fill = HEADER_FILL;
}
