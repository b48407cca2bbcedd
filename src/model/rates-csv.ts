/**
 * The rates CSV a segment's arrivals may name (`ratesCsv`): hourly arrival rates for one week,
 * read relative to the model file. Every problem is an issue at the model's `ratesCsv` field that
 * names the file and the spreadsheet row.
 */
import { realpathSync } from "node:fs";
import path from "node:path";
import Papa from "papaparse";
import type { Issue, IssuePath } from "../errors.js";
import { HOURS_PER_DAY, HOURS_PER_WEEK } from "../time.js";
import { describeFsError, readInputFile } from "./read-file.js";
import { DAYS, type ModelSpec } from "./schema.js";

const CSV_COLUMNS = ["day", "hour", "rate_per_hour"] as const;
/** Row problems reported per file before the rest are summarised. */
const CSV_MAX_ROW_ISSUES = 20;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The largest rates CSV read (168 rows take a few kilobytes). */
export const MAX_CSV_BYTES = 1024 * 1024;
/** The longest cell text quoted back in a message: enough to see a typo, never a line of a file. */
const MAX_ECHO = 16;

/**
 * Reads every rates CSV the segments name (each file once) into `tables`, keyed by the path as
 * written. Files are read only from inside `dir` (the model's folder) or one of `dataDirs`.
 */
export function readTables(model: Pick<ModelSpec, "segments">, dir: string, tables: Record<string, number[]>, known: Readonly<Record<string, number[]>> = {}, dataDirs: readonly string[] = []): Issue[] {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  for (const [segmentId, segment] of Object.entries(model.segments)) {
    segment.arrivals.forEach((arrivals, i) => {
      const file = arrivals.ratesCsv;
      if (file === undefined || seen.has(file)) return;
      seen.add(file);
      const loaded = Object.hasOwn(known, file) ? known[file] : undefined;
      if (loaded !== undefined) {
        tables[file] = loaded; // read once, when the model was loaded
        return;
      }
      const result = readRatesCsv(file, dir, ["segments", segmentId, "arrivals", i, "ratesCsv"], dataDirs);
      if (result.rates !== undefined) tables[file] = result.rates;
      for (const issue of result.issues) issues.push(issue);
    });
  }
  return issues;
}

/**
 * Reads a CSV of hourly arrival rates for one week: a header row `day,hour,rate_per_hour`, then one
 * row for each of the 168 hours (day Mon … Sun, hour 0 … 23, rate finite ≥ 0), in any order. Rows
 * are numbered as in a spreadsheet: the header is row 1. Issues are reported at `at` (the model's
 * `ratesCsv` field) and name the file and row.
 */
export function readRatesCsv(file: string, dir: string, at: IssuePath, dataDirs: readonly string[] = []): { rates?: number[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const problem = (message: string): void => {
    issues.push({ code: "file", path: at, message: `${file} ${message}` });
  };
  const place = insideInputFolders(file, dir, dataDirs);
  if ("refused" in place) return { issues: [{ code: "file", path: at, message: place.refused }] };
  const read = readInputFile(place.path, MAX_CSV_BYTES);
  if (!read.ok) return { issues: [{ code: "file", path: at, message: `cannot read ${file}: ${read.reason}` }] };
  let text = read.text;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false });
  for (const error of parsed.errors) {
    problem(`row ${(error.row ?? 0) + 1}: ${error.message}`);
  }
  const rows = parsed.data;
  const isBlank = (row: string[]): boolean => row.every((cell) => cell.trim() === "");
  const headerIndex = rows.findIndex((row) => !isBlank(row));
  const header = headerIndex >= 0 ? rows[headerIndex]!.map((cell) => cell.trim()) : [];
  if (header.length !== CSV_COLUMNS.length || !CSV_COLUMNS.every((name) => header.includes(name))) {
    // The header the file has is not quoted back: the file may not be a rates CSV at all.
    const lacking = CSV_COLUMNS.filter((name) => !header.includes(name));
    const got = headerIndex < 0 ? "the file is empty" : lacking.length > 0 ? `it has no ${lacking.join(", ")} column` : `it has ${header.length} columns`;
    problem(`row ${headerIndex + 1}: expected the header ${CSV_COLUMNS.join(",")}; ${got}`);
    return { issues };
  }
  const column = (name: (typeof CSV_COLUMNS)[number]): number => header.indexOf(name);
  const dayAt = column("day");
  const hourAt = column("hour");
  const rateAt = column("rate_per_hour");

  const rates = new Array<number>(HOURS_PER_WEEK).fill(NaN);
  const rowOf = new Array<number>(HOURS_PER_WEEK).fill(0);
  let rowIssues = 0;
  const rowProblem = (rowNumber: number, message: string): void => {
    rowIssues++;
    if (rowIssues <= CSV_MAX_ROW_ISSUES) problem(`row ${rowNumber}: ${message}`);
  };
  for (let i = headerIndex + 1; i < rows.length; i++) {
    const row = rows[i]!;
    const rowNumber = i + 1;
    if (isBlank(row)) continue;
    if (row.length !== CSV_COLUMNS.length) {
      rowProblem(rowNumber, `expected ${CSV_COLUMNS.length} values (${header.join(",")}), got ${row.length}`);
      continue;
    }
    const dayText = row[dayAt]!.trim();
    const hourText = row[hourAt]!.trim();
    const rateText = row[rateAt]!.trim();
    const day = (DAYS as readonly string[]).indexOf(dayText);
    let ok = true;
    if (day < 0) {
      rowProblem(rowNumber, `day must be one of ${DAYS.join(", ")}, got ${quoted(dayText)}`);
      ok = false;
    }
    const hour = /^\d+$/.test(hourText) ? Number(hourText) : NaN;
    if (!(hour >= 0 && hour <= 23)) {
      rowProblem(rowNumber, `hour must be a whole number from 0 to 23, got ${quoted(hourText)}`);
      ok = false;
    }
    const rate = DECIMAL.test(rateText) ? Number(rateText) : NaN;
    if (!(Number.isFinite(rate) && rate >= 0)) {
      rowProblem(rowNumber, `rate_per_hour must be a finite number ≥ 0, got ${quoted(rateText)}`);
      ok = false;
    }
    if (!ok) continue;
    const index = day * HOURS_PER_DAY + hour;
    if (rowOf[index]! > 0) {
      rowProblem(rowNumber, `${dayText} hour ${hour} appears twice (first at row ${rowOf[index]})`);
      continue;
    }
    rates[index] = rate;
    rowOf[index] = rowNumber;
  }
  if (rowIssues > CSV_MAX_ROW_ISSUES) problem(`: ${rowIssues - CSV_MAX_ROW_ISSUES} more row problems not listed`);

  const missing: string[] = [];
  rowOf.forEach((rowNumber, index) => {
    if (rowNumber === 0) missing.push(`${DAYS[Math.floor(index / HOURS_PER_DAY)]} hour ${index % HOURS_PER_DAY}`);
  });
  // Missing hours are only worth listing when the rows that are there were readable.
  if (missing.length > 0 && rowIssues === 0) {
    const listed = missing.slice(0, 5).join(", ");
    const more = missing.length > 5 ? ` and ${missing.length - 5} more` : "";
    problem(`has no row for ${listed}${more}: every one of the ${HOURS_PER_WEEK} hours of the week needs exactly one row`);
  }
  if (issues.length > 0) return { issues };
  return { rates, issues };
}

/** A cell quoted back in a message: short text as written, anything longer only by its length. */
function quoted(text: string): string {
  return text.length <= MAX_ECHO && /^[\x20-\x7e]*$/.test(text) ? JSON.stringify(text) : `a value of ${text.length} characters`;
}

/**
 * Where `file` (as written in the model) is, if it is inside the model's folder `dir` or one of
 * `dataDirs` — checked on the path as written (so nothing outside is even looked at) and again
 * with symbolic links resolved (so a link cannot lead outside).
 */
export function insideInputFolders(file: string, dir: string, dataDirs: readonly string[]): { path: string } | { refused: string } {
  const folders = [dir, ...dataDirs].map((d) => path.resolve(d));
  const outside = {
    refused:
      `${file} is outside the model's folder${dataDirs.length > 0 ? " and the --data-dir folders" : ""}: ` +
      `files a model names must be in its folder (${dir}) or below it${dataDirs.length > 0 ? ", or in a --data-dir folder" : " (or in a folder given with --data-dir)"}`,
  };
  const resolved = path.resolve(dir, file);
  if (!folders.some((folder) => within(resolved, folder))) return outside;
  let real: string;
  try {
    real = realpathSync(resolved);
  } catch (error) {
    return { refused: `cannot read ${file}: ${describeFsError(error)}` };
  }
  const realFolders = folders.map((folder) => {
    try {
      return realpathSync(folder);
    } catch {
      return folder;
    }
  });
  return realFolders.some((folder) => within(real, folder)) ? { path: real } : outside;
}

function within(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}
