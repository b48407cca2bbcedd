/**
 * The rates CSV a segment's arrivals may name (`ratesCsv`): hourly arrival rates for one week,
 * read relative to the model file. Every problem is an issue at the model's `ratesCsv` field that
 * names the file and the spreadsheet row.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import Papa from "papaparse";
import type { Issue, IssuePath } from "../errors.js";
import { HOURS_PER_DAY, HOURS_PER_WEEK } from "../time.js";
import { describeFsError } from "./read-json.js";
import { DAYS, type ModelSpec } from "./schema.js";

const CSV_COLUMNS = ["day", "hour", "rate_per_hour"] as const;
/** Row problems reported per file before the rest are summarised. */
const CSV_MAX_ROW_ISSUES = 20;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Reads every rates CSV the segments name (each file once) into `tables`, keyed by the path as written. */
export function readTables(model: Pick<ModelSpec, "segments">, dir: string, tables: Record<string, number[]>, known: Readonly<Record<string, number[]>> = {}): Issue[] {
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
      const result = readRatesCsv(file, dir, ["segments", segmentId, "arrivals", i, "ratesCsv"]);
      if (result.rates !== undefined) tables[file] = result.rates;
      issues.push(...result.issues);
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
export function readRatesCsv(file: string, dir: string, at: IssuePath): { rates?: number[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const problem = (message: string): void => {
    issues.push({ code: "file", path: at, message: `${file} ${message}` });
  };
  let text: string;
  try {
    text = readFileSync(path.resolve(dir, file), "utf8");
  } catch (error) {
    return { issues: [{ code: "file", path: at, message: `cannot read ${file}: ${describeFsError(error)}` }] };
  }
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
    problem(`row ${headerIndex + 1}: expected the header ${CSV_COLUMNS.join(",")}, got ${headerIndex >= 0 ? header.join(",") : "an empty file"}`);
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
      rowProblem(rowNumber, `day must be one of ${DAYS.join(", ")}, got ${JSON.stringify(dayText)}`);
      ok = false;
    }
    const hour = /^\d+$/.test(hourText) ? Number(hourText) : NaN;
    if (!(hour >= 0 && hour <= 23)) {
      rowProblem(rowNumber, `hour must be a whole number from 0 to 23, got ${JSON.stringify(hourText)}`);
      ok = false;
    }
    const rate = DECIMAL.test(rateText) ? Number(rateText) : NaN;
    if (!(Number.isFinite(rate) && rate >= 0)) {
      rowProblem(rowNumber, `rate_per_hour must be a finite number ≥ 0, got ${JSON.stringify(rateText)}`);
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
