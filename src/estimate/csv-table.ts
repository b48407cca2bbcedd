/**
 * Reading the estimator's input CSVs: one file, named by the user, no larger than a limit; comma
 * separated, UTF-8 (a byte-order mark is skipped), a header row, column names matched without
 * regard to case or surrounding spaces; extra columns ignored (and named in a note).
 *
 * Problems are gathered as issues that name the file, the row as a spreadsheet numbers it (the
 * header is row 1) and the column. A message quotes at most the one offending cell, and only
 * when it is short: never a whole row, so an extract's other fields are not echoed to a terminal
 * or a log.
 */
import { readFileSync, statSync } from "node:fs";
import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import Papa from "papaparse";
import type { Issue } from "../errors.js";

/** Row problems listed per file before the rest are counted. */
const MAX_ROW_ISSUES = 20;
/** Longest cell a message quotes. */
const MAX_QUOTED = 24;

export const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A cell for a message: quoted when short, otherwise only its length. */
export function quote(cell: string): string {
  return cell.length <= MAX_QUOTED ? JSON.stringify(cell) : `a value of ${cell.length} characters`;
}

/** Issues for one input file, row problems capped at MAX_ROW_ISSUES. */
export class FileIssues {
  readonly issues: Issue[] = [];
  private rowProblems = 0;
  constructor(readonly label: string) {}

  /** A problem with the file as a whole (or a flag), not a row. */
  file(message: string, path: Array<string | number> = []): void {
    this.issues.push({ code: "file", path, message: `${this.label}: ${message}` });
  }

  row(row: number, column: string | null, message: string): void {
    this.rowProblems++;
    if (this.rowProblems > MAX_ROW_ISSUES) return;
    const where = column === null ? `row ${row}` : `row ${row}, column ${column}`;
    this.issues.push({ code: "invalid_value", path: [], message: `${this.label} ${where}: ${message}` });
  }

  /** Adds the count of row problems not listed; call once, after the last row. */
  finish(): Issue[] {
    if (this.rowProblems > MAX_ROW_ISSUES) {
      this.issues.push({ code: "invalid_value", path: [], message: `${this.label}: ${this.rowProblems - MAX_ROW_ISSUES} more row problems not listed` });
    }
    return this.issues;
  }
}

export interface TableInfo {
  /** Data rows read (blank lines not counted). */
  readonly rows: number;
  readonly sha256: string;
  /** Header names not used by the reader. */
  readonly ignoredColumns: string[];
}

/**
 * Reads `file` and calls `onRow(cell, rowNumber)` for each non-blank data row, `cell(name)` giving
 * the trimmed text of a column the caller listed in `required` or `optional` (undefined for an
 * optional column the header lacks). Returns null, with issues recorded, when the file cannot be
 * read or its header lacks a required column; `required` entries may be alternatives (`a|b`: one
 * of them is needed).
 */
export function readTable(
  file: string,
  maxBytes: number,
  issues: FileIssues,
  columns: { required: readonly string[]; optional: readonly string[] },
  onRow: (cell: (name: string) => string | undefined, row: number) => void,
): TableInfo | null {
  let text: string;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) {
      issues.file("not a regular file");
      return null;
    }
    if (stat.size > maxBytes) {
      issues.file(`${(stat.size / 2 ** 20).toFixed(1)} MiB is over the limit of ${(maxBytes / 2 ** 20).toFixed(0)} MiB (raise it with --max-file-mb)`);
      return null;
    }
    const bytes = readFileSync(file);
    // A name ending in .gz is gzip-compressed CSV (a census of many states is large).
    if (file.toLowerCase().endsWith(".gz")) {
      let plain: Buffer;
      try {
        plain = gunzipSync(bytes, { maxOutputLength: maxBytes + 1 });
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        issues.file(code === "ERR_BUFFER_TOO_LARGE" ? `over the limit of ${(maxBytes / 2 ** 20).toFixed(0)} MiB once decompressed` : "its name ends in .gz but it is not a whole gzip file");
        return null;
      }
      if (plain.length > maxBytes) {
        issues.file(`over the limit of ${(maxBytes / 2 ** 20).toFixed(0)} MiB once decompressed`);
        return null;
      }
      text = plain.toString("utf8");
    } else text = bytes.toString("utf8");
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    issues.file(code === "ENOENT" ? "no such file" : code === "EACCES" || code === "EPERM" ? "permission denied" : "cannot be read");
    return null;
  }
  const sha256 = createHash("sha256").update(text).digest("hex");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  let row = 0;
  let header: string[] | null = null;
  let at = new Map<string, number>();
  let rows = 0;
  let failed = false;
  const ignoredColumns: string[] = [];
  Papa.parse<string[]>(text, {
    delimiter: ",",
    skipEmptyLines: false,
    step: (result, parser) => {
      row++;
      const cells = result.data;
      for (const error of result.errors) issues.row(row, null, `cannot read the row as CSV (${error.message})`);
      if (result.errors.length > 0) return;
      if (cells.every((c) => c.trim() === "")) return;
      if (header === null) {
        header = cells.map((c) => c.trim().toLowerCase());
        at = new Map(header.map((name, i) => [name, i]));
        const duplicated = header.filter((name, i) => header!.indexOf(name) !== i);
        if (duplicated.length > 0) issues.row(row, null, `the header names ${[...new Set(duplicated)].join(", ")} more than once`);
        for (const need of columns.required) {
          const options = need.split("|");
          if (!options.some((name) => at.has(name))) {
            const what = options.length === 1 ? `the column ${need}` : `one of the columns ${options.join(", ")}`;
            issues.row(row, null, `missing ${what} (the header has ${header.join(", ")})`);
          }
        }
        const known = new Set([...columns.required.flatMap((c) => c.split("|")), ...columns.optional]);
        ignoredColumns.push(...header.filter((name) => !known.has(name)));
        if (issues.issues.length > 0) {
          failed = true;
          parser.abort();
        }
        return;
      }
      if (cells.length !== header.length) {
        issues.row(row, null, `expected ${header.length} values, as in the header, got ${cells.length}`);
        return;
      }
      rows++;
      onRow((name) => {
        const i = at.get(name);
        return i === undefined ? undefined : cells[i]!.trim();
      }, row);
    },
  });
  if (failed) return null;
  if (header === null) {
    issues.file("is empty (expected a header row and data rows)");
    return null;
  }
  return { rows, sha256, ignoredColumns };
}
