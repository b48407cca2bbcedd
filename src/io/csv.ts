/**
 * Spreadsheet-friendly CSV for planners: UTF-8, one header row of snake_case names carrying units
 * (`wait_min`, `occupancy_pct`), long/tidy layout, "\n" line endings, RFC 4180 quoting.
 *
 * Three rules make the files safe to open in Excel, LibreOffice or Google Sheets:
 * - numbers are plain decimals, never exponent notation, at a fixed precision (`formatNumber`);
 * - NaN and ±Infinity become empty cells, counted so the caller can add a note;
 * - text that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab, CR first) is
 *   prefixed with `'` (OWASP "CSV injection"). Only text is neutralised: the number −5 is `-5`.
 *
 * `CsvWriter` streams rows to a temporary file and renames it into place on `close()` (see
 * `atomic.ts`), so a reader never sees a half-written file at the final path.
 */
import type { FileHandle } from "node:fs/promises";
import { open } from "node:fs/promises";
import { once } from "node:events";
import type { WriteStream } from "node:fs";
import { removeQuietly, renameAtomic, tempPathFor } from "./atomic.js";

/** A value one CSV cell can hold. null and undefined are empty cells. */
export type CsvValue = string | number | boolean | null | undefined;

/** Default number of decimal places kept by `formatNumber` (trailing zeros are trimmed). */
export const DEFAULT_DECIMALS = 6;

/** UTF-8 byte order mark: makes older Excel versions read the file as UTF-8. */
const BOM = "\uFEFF";

/** Text a spreadsheet would evaluate as a formula when it starts with one of these. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** Text that needs RFC 4180 quoting. */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * A number as a plain decimal string for a spreadsheet cell.
 *
 * - Never exponent notation: 1e-7 → "0.0000001" before rounding, 1e21 → "1000000000000000000000".
 * - Rounded half away from zero to at most `decimals` decimal places (default 6), trailing zeros
 *   and a trailing point trimmed: 0.1 + 0.2 → "0.3", 2.5 → "2.5", 1e-7 → "0", 1234.5678912 →
 *   "1234.567891". The integer part is always written in full.
 * - Rounding works on the shortest decimal that round-trips to `x` (what JavaScript prints), so
 *   1.0000005 → "1.000001" and 123456789012345680000 → "123456789012345680000", not the binary
 *   expansion "…683968".
 * - "-0", and negatives that round to zero, are written "0".
 * - NaN, Infinity and -Infinity → "" (an empty cell).
 *
 * @param decimals integer in 0..20; RangeError otherwise.
 */
export function formatNumber(x: number, decimals: number = DEFAULT_DECIMALS): string {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 20) {
    throw new RangeError(`decimals must be an integer in 0..20, got ${decimals}`);
  }
  if (!Number.isFinite(x)) return "";
  if (Number.isInteger(x) && Math.abs(x) < 1e21) return x === 0 ? "0" : String(x); // fast path; "-0" → "0"
  const negative = x < 0;
  let { intDigits, fracDigits } = plainDigits(Math.abs(x));
  if (fracDigits.length > decimals) {
    const roundUp = fracDigits.charCodeAt(decimals) >= 53; // "5"
    fracDigits = fracDigits.slice(0, decimals);
    if (roundUp) {
      const incremented = incrementDigits(intDigits + fracDigits);
      const intLength = incremented.length - fracDigits.length;
      intDigits = incremented.slice(0, intLength);
      fracDigits = incremented.slice(intLength);
    }
  }
  fracDigits = fracDigits.replace(/0+$/, "");
  intDigits = intDigits.replace(/^0+(?=\d)/, "");
  const body = fracDigits === "" ? intDigits : `${intDigits}.${fracDigits}`;
  const isZero = /^[0.]*$/.test(body);
  return negative && !isZero ? `-${body}` : body;
}

/** Integer and fraction digits of a finite non-negative number, from its shortest round-trip form. */
function plainDigits(abs: number): { intDigits: string; fracDigits: string } {
  const text = abs.toString(); // shortest round-trip; exponent form below 1e-6 and from 1e21
  const e = text.indexOf("e");
  if (e < 0) {
    const dot = text.indexOf(".");
    return dot < 0 ? { intDigits: text, fracDigits: "" } : { intDigits: text.slice(0, dot), fracDigits: text.slice(dot + 1) };
  }
  const mantissa = text.slice(0, e);
  const exponent = Number(text.slice(e + 1));
  const dot = mantissa.indexOf(".");
  const digits = mantissa.replace(".", "");
  const point = (dot < 0 ? mantissa.length : dot) + exponent; // position of the decimal point in `digits`
  if (point <= 0) return { intDigits: "0", fracDigits: "0".repeat(-point) + digits };
  if (point >= digits.length) return { intDigits: digits + "0".repeat(point - digits.length), fracDigits: "" };
  return { intDigits: digits.slice(0, point), fracDigits: digits.slice(point) };
}

/** Adds one to a string of decimal digits: "0999" → "1000", "99" → "100". */
function incrementDigits(digits: string): string {
  const chars = digits.split("");
  for (let i = chars.length - 1; i >= 0; i--) {
    if (chars[i] === "9") {
      chars[i] = "0";
    } else {
      chars[i] = String.fromCharCode((chars[i] ?? "0").charCodeAt(0) + 1);
      return chars.join("");
    }
  }
  return `1${chars.join("")}`;
}

/**
 * One CSV cell.
 * - string: prefixed with `'` if it starts with `=`, `+`, `-`, `@`, tab or CR (formula
 *   injection), then quoted with doubled quotes if it contains a comma, quote, CR or LF;
 * - number: `formatNumber(v, decimals)` — never neutralised, so -5 stays "-5"; non-finite → "";
 * - boolean: "true" / "false";
 * - null / undefined: "".
 */
export function formatCell(v: CsvValue, decimals: number = DEFAULT_DECIMALS): string {
  switch (typeof v) {
    case "number":
      return formatNumber(v, decimals);
    case "boolean":
      return v ? "true" : "false";
    case "string":
      return formatText(v);
    default:
      return "";
  }
}

function formatText(text: string): string {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Counts of cells left empty because a number was NaN or ±Infinity. */
interface EmptyCounter {
  emptyCells: number;
}

/** One line including its "\n"; counts non-finite numbers into `counter`. */
function encodeRow(values: readonly CsvValue[], decimals: number, counter: EmptyCounter): string {
  let line = "";
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === "number" && !Number.isFinite(v)) counter.emptyCells++;
    line += i === 0 ? formatCell(v, decimals) : `,${formatCell(v, decimals)}`;
  }
  return `${line}\n`;
}

function checkWidth(header: readonly string[], values: readonly CsvValue[], rowIndex: number): void {
  if (values.length !== header.length) {
    throw new RangeError(`CSV row ${rowIndex} has ${values.length} values; the header has ${header.length} columns`);
  }
}

/** Options for `toCsv` and `CsvWriter.open`. */
export interface CsvOptions {
  /** Start the file with a UTF-8 byte order mark (helps Excel on Windows). Default false. */
  readonly bom?: boolean;
  /** Decimal places for numbers, see `formatNumber`. Default 6. */
  readonly decimals?: number;
}

/**
 * A whole CSV document in memory, for small tables. Same bytes as `CsvWriter` writes for the same
 * header, rows and options. Throws RangeError if a row's length differs from the header's.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[], options: CsvOptions = {}): string {
  const decimals = options.decimals ?? DEFAULT_DECIMALS;
  const counter: EmptyCounter = { emptyCells: 0 };
  const parts: string[] = [options.bom === true ? BOM : "", encodeRow(header, decimals, counter)];
  rows.forEach((row, i) => {
    checkWidth(header, row, i);
    parts.push(encodeRow(row, decimals, counter));
  });
  return parts.join("");
}

/** Characters gathered before a chunk is handed to the file stream (~64 KiB). */
const CHUNK_CHARS = 64 * 1024;

type WriterState = "open" | "closed" | "aborted";

/**
 * Streams CSV rows to `finalPath` without holding the file in memory.
 *
 * Rows go to a hidden temporary file in the same directory; `close()` flushes, fsyncs and renames
 * it onto `finalPath`; `abort()` deletes it. Until `close()` resolves nothing exists at
 * `finalPath` (or the previous file there is untouched).
 *
 * Backpressure: `writeRow` is synchronous and buffers into ~64 KiB chunks. It returns false when
 * the file stream is saturated; the caller should then `await flush()` before writing more:
 *
 * ```ts
 * const csv = await CsvWriter.open("out/waits.csv", ["replication", "wait_min"]);
 * try {
 *   for (const [r, w] of rows) if (!csv.writeRow([r, w])) await csv.flush();
 *   await csv.close();
 * } catch (e) { await csv.abort(); throw e; }
 * ```
 * Ignoring the return value is still correct but lets memory grow with the unwritten data.
 */
export class CsvWriter {
  readonly finalPath: string;
  readonly tempPath: string;
  readonly header: readonly string[];
  /** Rows written so far, not counting the header. */
  rowCount = 0;
  /** Cells left empty because the number was NaN or ±Infinity (null/undefined are not counted). */
  get emptyCells(): number {
    return this.counter.emptyCells;
  }

  private readonly decimals: number;
  private readonly counter: EmptyCounter = { emptyCells: 0 };
  private readonly handle: FileHandle;
  private readonly stream: WriteStream;
  private pending: string[] = [];
  private pendingChars = 0;
  private needsDrain = false;
  private failure: unknown = undefined;
  private state: WriterState = "open";

  private constructor(finalPath: string, tempPath: string, header: readonly string[], handle: FileHandle, decimals: number) {
    this.finalPath = finalPath;
    this.tempPath = tempPath;
    this.header = [...header];
    this.handle = handle;
    this.decimals = decimals;
    // autoClose false: the handle stays open after "finish" so that it can be fsynced.
    this.stream = handle.createWriteStream({ encoding: "utf8", autoClose: false, emitClose: true });
    this.stream.on("error", (error: unknown) => {
      this.failure ??= error;
    });
  }

  /** Creates the temporary file and writes the BOM (if asked) and the header row. */
  static async open(finalPath: string, header: readonly string[], options: CsvOptions = {}): Promise<CsvWriter> {
    const decimals = options.decimals ?? DEFAULT_DECIMALS;
    formatNumber(0, decimals); // validates `decimals` before any file is created
    if (header.length === 0) throw new RangeError("a CSV header needs at least one column");
    const tempPath = tempPathFor(finalPath);
    const handle = await open(tempPath, "wx");
    const writer = new CsvWriter(finalPath, tempPath, header, handle, decimals);
    writer.push((options.bom === true ? BOM : "") + encodeRow(header, decimals, { emptyCells: 0 }));
    return writer;
  }

  /**
   * Buffers one row. Throws RangeError if its length differs from the header's, or the stream's
   * error if writing has failed. Returns false when the caller should `await flush()`.
   */
  writeRow(values: readonly CsvValue[]): boolean {
    this.assertOpen();
    checkWidth(this.header, values, this.rowCount);
    this.push(encodeRow(values, this.decimals, this.counter));
    this.rowCount++;
    return !this.needsDrain;
  }

  /**
   * Appends text that is already CSV — whole lines ending in "\n", formatted by this module (for
   * example per-replication part files being joined). Not checked, not counted in `rowCount` or
   * `emptyCells`. Waits for the stream when it is saturated.
   */
  async writeRaw(text: string): Promise<void> {
    this.assertOpen();
    this.push(text);
    if (this.needsDrain) await this.flush();
  }

  /**
   * Characters accepted but not yet handed to the operating system: this writer's buffer plus the
   * file stream's queue. A caller that ignores `writeRow`'s return value can bound memory by
   * calling `flush()` when this passes a limit.
   */
  get pendingBytes(): number {
    return this.pendingChars + this.stream.writableLength;
  }

  /** Hands buffered rows to the file stream and waits until the stream has room again. */
  async flush(): Promise<void> {
    this.assertOpen();
    this.writeChunk();
    if (this.needsDrain) {
      await once(this.stream, "drain"); // rejects if the stream emits "error" meanwhile
      this.needsDrain = false;
    }
    this.throwIfFailed();
  }

  /** Writes what is left, fsyncs, closes and renames the temporary file onto `finalPath`. */
  async close(): Promise<void> {
    this.assertOpen();
    try {
      this.writeChunk();
      await new Promise<void>((resolve, reject) => {
        this.stream.end((error?: Error | null) => (error ? reject(error) : resolve()));
      });
      this.throwIfFailed();
      await this.handle.sync();
      this.state = "closed";
      await this.releaseStream();
      await this.handle.close();
      await renameAtomic(this.tempPath, this.finalPath);
    } catch (error) {
      this.state = "closed";
      await this.discard();
      throw error;
    }
  }

  /** Stops writing and deletes the temporary file; `finalPath` is left as it was. Idempotent. */
  async abort(): Promise<void> {
    if (this.state !== "open") return;
    this.state = "aborted";
    await this.discard();
  }

  private push(text: string): void {
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= CHUNK_CHARS) this.writeChunk();
  }

  private writeChunk(): void {
    if (this.pendingChars === 0) return;
    const chunk = this.pending.join("");
    this.pending = [];
    this.pendingChars = 0;
    if (!this.stream.write(chunk)) this.needsDrain = true;
  }

  private async discard(): Promise<void> {
    this.pending = [];
    this.pendingChars = 0;
    await this.releaseStream();
    try {
      await this.handle.close();
    } catch {
      // already closed
    }
    await removeQuietly(this.tempPath);
  }

  /**
   * Destroys the stream and waits for its "close": a stream made from a FileHandle holds a
   * reference that makes `handle.close()` wait until the stream has closed.
   */
  private async releaseStream(): Promise<void> {
    if (this.stream.closed) return;
    const closed = new Promise<void>((resolve) => this.stream.once("close", () => resolve()));
    this.stream.destroy();
    await closed;
  }

  private assertOpen(): void {
    if (this.state !== "open") throw new Error(`CsvWriter for ${this.finalPath} is already ${this.state}`);
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}
