/**
 * The estimator's inputs, read and validated at the boundary (docs/estimate-drift.md has the
 * formats):
 *
 * - episodes: one row per ED attendance with a decision — `arrival` (ISO 8601 date-time),
 *   `acuity` (a band number 1..N, or a triage category mapped to a band by `--acuity-map`),
 *   `admitted` (0 or 1) and, unless an occupancy file is given, `pressure_pct` (the pressure at
 *   the decision, in %);
 * - occupancy (optional): one row per hour — `hour` (ISO 8601, at the start of the hour) and
 *   `occupancy_pct`, or `occupied` and `beds`. An attendance takes the pressure of the hour that
 *   contains its decision time, taken to be arrival + `decisionLagMin` (0: the hour of arrival).
 *
 * Every problem is gathered and thrown together as one PathflowInputError naming file, row and
 * column; nothing is returned unless every row is usable.
 */
import { PathflowInputError, type Issue } from "../errors.js";
import { DECIMAL, FileIssues, quote, readTable } from "./csv-table.js";
import { formatInstant, parseDateTime } from "./time.js";

export interface EpisodeData {
  readonly n: number;
  /** Acuity band, 1 = least acute … `bands`. */
  readonly band: Int32Array;
  readonly admitted: Uint8Array;
  readonly pressurePct: Float64Array;
  /** Wall-clock hour of arrival 0..23, weekday 0 = Monday … 6, month 0 = January … 11. */
  readonly hour: Int32Array;
  readonly weekday: Int32Array;
  readonly month: Int32Array;
  readonly bands: number;
}

export interface InputSummary {
  readonly episodes: { file: string; sha256: string; rows: number; ignoredColumns: string[] };
  readonly occupancy: { file: string; sha256: string; rows: number; ignoredColumns: string[] } | null;
  readonly pressureFrom: "pressure_pct column" | "occupancy file";
  /** category → band when a map was given. */
  readonly acuityMap: Record<string, number> | null;
  readonly bands: number;
  readonly decisionLagMin: number;
  readonly timeConvention: "UTC offsets" | "local wall clock (no offsets)";
  /** Only rows matching every condition were read (`--where column=value`); empty: all rows. */
  readonly where: readonly { column: string; value: string }[];
  /** Data rows of the episodes file used (all of them unless `where` selects). */
  readonly selectedRows: number;
}

export interface ReadOptions {
  readonly episodesFile: string;
  readonly occupancyFile?: string | undefined;
  /** `cat=band,cat=band` or a CSV file with columns category,band. */
  readonly acuityMap?: string | undefined;
  /** Number of bands when acuity is given as band numbers (default 5, as the shipped models). */
  readonly bands?: number | undefined;
  readonly decisionLagMin?: number | undefined;
  readonly maxFileBytes: number;
  /** Read only the rows whose `column` holds `value` (each condition; matched exactly after trimming), e.g. one scenario of a pathflow episodes.csv. */
  readonly where?: readonly { column: string; value: string }[] | undefined;
}

const HOUR_MS = 3_600_000;

/** Reads and joins the inputs; throws one PathflowInputError with every problem found. */
export function readEpisodes(options: ReadOptions): { data: EpisodeData; summary: InputSummary } {
  const lag = options.decisionLagMin ?? 0;
  const map = options.acuityMap === undefined ? null : readAcuityMap(options.acuityMap, options.maxFileBytes);
  const bands = map !== null ? Math.max(...map.values()) : (options.bands ?? 5);

  const ep = new FileIssues(options.episodesFile);
  const band: number[] = [];
  const admitted: number[] = [];
  const pressure: number[] = [];
  const instant: number[] = [];
  const hour: number[] = [];
  const weekday: number[] = [];
  const month: number[] = [];
  const rowOf: number[] = [];
  const convention: Convention = { zoned: null };
  const useColumn = options.occupancyFile === undefined;
  let sawPressureColumn = false;

  const where = (options.where ?? []).map((w) => ({ column: w.column.trim().toLowerCase(), value: w.value.trim() }));
  const whereColumns = where.map((w) => w.column).filter((c) => !["arrival", "acuity", "admitted", "pressure_pct"].includes(c));
  let selected = 0;
  const table = readTable(options.episodesFile, options.maxFileBytes, ep, { required: ["arrival", "acuity", "admitted", ...new Set(whereColumns)], optional: ["pressure_pct"] }, (cell, row) => {
    if (!where.every((w) => cell(w.column) === w.value)) return;
    selected++;
    let ok = true;
    const arrivalText = cell("arrival")!;
    const when = parseDateTime(arrivalText);
    if (arrivalText === "") ok = fail(ep, row, "arrival", "is empty");
    else if (!when.ok) ok = fail(ep, row, "arrival", `${quote(arrivalText)}: ${when.reason}`);
    else ok = sameConvention(convention, when.value.offsetMin !== null, row, ep, "arrival");

    const acuityText = cell("acuity")!;
    const b = map !== null ? map.get(acuityText.toLowerCase()) : /^\d+$/.test(acuityText) ? Number(acuityText) : NaN;
    if (b === undefined) ok = fail(ep, row, "acuity", `${quote(acuityText)} is not a category of the acuity map (${[...map!.keys()].join(", ")})`);
    else if (!(b >= 1 && b <= bands)) ok = fail(ep, row, "acuity", `${quote(acuityText)} is not a band number from 1 to ${bands} (give --bands, or --acuity-map for triage categories)`);

    const admittedText = cell("admitted")!;
    if (admittedText !== "0" && admittedText !== "1") ok = fail(ep, row, "admitted", `must be 0 or 1, got ${quote(admittedText)}`);

    const pressureText = cell("pressure_pct");
    let u = NaN;
    if (pressureText !== undefined) sawPressureColumn = true;
    if (pressureText !== undefined && useColumn) {
      u = DECIMAL.test(pressureText) ? Number(pressureText) : NaN;
      if (!(Number.isFinite(u) && u >= 0)) ok = fail(ep, row, "pressure_pct", `must be a finite number ≥ 0 (a percentage), got ${quote(pressureText)}`);
    }
    if (!ok || !when.ok) return;
    band.push(b!);
    admitted.push(admittedText === "1" ? 1 : 0);
    pressure.push(u);
    instant.push(when.value.instantMs + lag * 60_000);
    hour.push(when.value.hour);
    weekday.push(when.value.weekday);
    month.push(when.value.month - 1);
    rowOf.push(row);
  });
  if (table !== null && useColumn && !sawPressureColumn && table.rows > 0) {
    ep.file("has no pressure_pct column: give the pressure at each decision in a pressure_pct column, or an hourly occupancy file with --occupancy", ["--occupancy"]);
  }
  if (table !== null && table.rows === 0) ep.file("has no data rows");
  else if (table !== null && selected === 0) ep.file(`has no row where ${where.map((w) => `${w.column} is ${quote(w.value)}`).join(" and ")}`, ["--where"]);
  const issues: Issue[] = ep.finish();
  let occupancy: InputSummary["occupancy"] = null;
  if (table !== null && !useColumn && issues.length === 0) {
    if (sawPressureColumn) {
      issues.push({ code: "invalid_flag", path: ["--occupancy"], message: `${options.episodesFile} has a pressure_pct column and --occupancy was given: use one source of pressure (drop the column or the flag)` });
    } else {
      const occ = readOccupancy(options.occupancyFile!, options.maxFileBytes);
      issues.push(...occ.issues);
      if (occ.issues.length === 0) {
        occupancy = occ.info;
        const zonedEpisodes = convention.zoned?.value ?? false;
        if (occ.zoned !== zonedEpisodes) {
          issues.push({ code: "invalid_flag", path: ["--occupancy"], message: `${options.occupancyFile} ${occ.zoned ? "gives UTC offsets" : "gives no UTC offsets"} but ${options.episodesFile} ${zonedEpisodes ? "does" : "does not"}: use one convention in both files` });
        } else {
          issues.push(...joinPressure(options.episodesFile, instant, rowOf, pressure, occ, lag, zonedEpisodes));
        }
      }
    }
  }
  if (issues.length > 0) throw new PathflowInputError(issues, "estimate-drift: the input files");
  const n = band.length;
  return {
    data: {
      n,
      band: Int32Array.from(band),
      admitted: Uint8Array.from(admitted),
      pressurePct: Float64Array.from(pressure),
      hour: Int32Array.from(hour),
      weekday: Int32Array.from(weekday),
      month: Int32Array.from(month),
      bands,
    },
    summary: {
      episodes: { file: options.episodesFile, sha256: table!.sha256, rows: table!.rows, ignoredColumns: table!.ignoredColumns },
      occupancy,
      pressureFrom: useColumn ? "pressure_pct column" : "occupancy file",
      acuityMap: map === null ? null : Object.fromEntries(map),
      bands,
      decisionLagMin: lag,
      timeConvention: convention.zoned?.value === true ? "UTC offsets" : "local wall clock (no offsets)",
      where,
      selectedRows: selected,
    },
  };
}

function fail(issues: FileIssues, row: number, column: string, message: string): false {
  issues.row(row, column, message);
  return false;
}

/** Whether a file's date-times carry UTC offsets: set by its first readable row. */
interface Convention {
  zoned: { value: boolean; row: number } | null;
}

/** Records the first row's convention; false (and an issue) when a later row differs. */
function sameConvention(convention: Convention, zoned: boolean, row: number, issues: FileIssues, column: string): boolean {
  const first = convention.zoned;
  if (first === null) convention.zoned = { value: zoned, row };
  else if (first.value !== zoned) {
    return fail(issues, row, column, `${zoned ? "has a UTC offset" : "has no UTC offset"}, but row ${first.row} ${first.value ? "has one" : "has none"}: use one convention throughout`);
  }
  return true;
}

interface Occupancy {
  readonly issues: Issue[];
  readonly info: { file: string; sha256: string; rows: number; ignoredColumns: string[] };
  readonly zoned: boolean;
  /** Hour starts (ms), ascending, and the pressure of each hour. */
  readonly start: Float64Array;
  readonly pct: Float64Array;
}

function readOccupancy(file: string, maxBytes: number): Occupancy {
  const oc = new FileIssues(file);
  const hours: Array<{ start: number; pct: number; row: number }> = [];
  const convention: Convention = { zoned: null };
  const table = readTable(file, maxBytes, oc, { required: ["hour", "occupancy_pct|occupied"], optional: ["beds"] }, (cell, row) => {
    let ok = true;
    const hourText = cell("hour")!;
    const when = parseDateTime(hourText);
    if (!when.ok) ok = fail(oc, row, "hour", `${quote(hourText)}: ${when.reason}`);
    else if (when.value.minute !== 0 || when.value.second !== 0) ok = fail(oc, row, "hour", `${quote(hourText)} is not the start of an hour (minutes and seconds must be 0)`);
    else ok = sameConvention(convention, when.value.offsetMin !== null, row, oc, "hour");
    let pct = NaN;
    const pctText = cell("occupancy_pct");
    if (pctText !== undefined) {
      pct = DECIMAL.test(pctText) ? Number(pctText) : NaN;
      if (!(Number.isFinite(pct) && pct >= 0)) ok = fail(oc, row, "occupancy_pct", `must be a finite number ≥ 0 (a percentage), got ${quote(pctText)}`);
    } else {
      const occupiedText = cell("occupied")!;
      const bedsText = cell("beds");
      const occupied = DECIMAL.test(occupiedText) ? Number(occupiedText) : NaN;
      const beds = bedsText !== undefined && DECIMAL.test(bedsText) ? Number(bedsText) : NaN;
      if (!(Number.isFinite(occupied) && occupied >= 0)) ok = fail(oc, row, "occupied", `must be a finite number ≥ 0, got ${quote(occupiedText)}`);
      if (bedsText === undefined) ok = fail(oc, row, "beds", "is missing: with occupied, the header needs a beds column");
      else if (!(Number.isFinite(beds) && beds > 0)) ok = fail(oc, row, "beds", `must be a finite number > 0, got ${quote(bedsText)}`);
      pct = (100 * occupied) / beds;
    }
    if (ok && when.ok) hours.push({ start: when.value.instantMs, pct, row });
  });
  hours.sort((a, b) => a.start - b.start || a.row - b.row);
  for (let i = 1; i < hours.length; i++) {
    const [a, b] = [hours[i - 1]!, hours[i]!];
    if (a.start === b.start) oc.row(b.row, "hour", `the hour ${formatInstant(b.start, convention.zoned?.value ?? false)} appears twice (first at row ${a.row})`);
  }
  if (table !== null && table.rows === 0) oc.file("has no data rows");
  const info = { file, sha256: table?.sha256 ?? "", rows: table?.rows ?? 0, ignoredColumns: table?.ignoredColumns ?? [] };
  return {
    issues: oc.finish(),
    info,
    zoned: convention.zoned?.value ?? false,
    start: Float64Array.from(hours, (h) => h.start),
    pct: Float64Array.from(hours, (h) => h.pct),
  };
}

/** Fills `pressure` from the hour that contains each decision time; issues name attendances left without one. */
function joinPressure(file: string, decision: number[], rowOf: number[], pressure: number[], occ: Occupancy, lag: number, zoned: boolean): Issue[] {
  const issues = new FileIssues(file);
  const { start, pct } = occ;
  for (let i = 0; i < decision.length; i++) {
    const t = decision[i]!;
    // The last hour starting at or before t.
    let lo = 0;
    let hi = start.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (start[mid]! <= t) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found >= 0 && t < start[found]! + HOUR_MS) pressure[i] = pct[found]!;
    else {
      const when = lag === 0 ? "the hour of arrival" : `the decision time (arrival + ${lag} min)`;
      issues.row(rowOf[i]!, "arrival", `${occ.info.file} has no row for ${when}, ${formatInstant(Math.floor(t / HOUR_MS) * HOUR_MS, zoned)}`);
    }
  }
  return issues.finish();
}

/** The acuity map: `--acuity-map "1=5,2=4"` or a CSV with columns category,band. Keys are lower case. */
function readAcuityMap(spec: string, maxBytes: number): Map<string, number> {
  const map = new Map<string, number>();
  const inline = spec.includes("=");
  const issues = new FileIssues(inline ? "--acuity-map" : spec);
  const add = (category: string, bandText: string, row: number | null): void => {
    const band = /^\d+$/.test(bandText) ? Number(bandText) : NaN;
    const problem = (column: string | null, message: string): void => {
      if (row === null) issues.file(message, ["--acuity-map"]);
      else issues.row(row, column, message);
    };
    if (category === "") problem("category", "a category is empty");
    else if (!(band >= 1 && band <= 9)) problem("band", `the band for ${quote(category)} must be a whole number from 1 (least acute) to 9, got ${quote(bandText)}`);
    else if (map.has(category.toLowerCase())) problem("category", `${quote(category)} is mapped twice`);
    else map.set(category.toLowerCase(), band);
  };
  if (inline) {
    for (const pair of spec.split(",")) {
      const [category, band, ...rest] = pair.split("=");
      if (rest.length > 0 || band === undefined) issues.file(`expected category=band pairs separated by commas, got ${quote(pair)}`, ["--acuity-map"]);
      else add(category!.trim(), band.trim(), null);
    }
  } else {
    readTable(spec, maxBytes, issues, { required: ["category", "band"], optional: [] }, (cell, row) => add(cell("category")!, cell("band")!, row));
  }
  const found = issues.finish();
  if (found.length === 0 && map.size === 0) issues.file("maps no category", ["--acuity-map"]);
  if (issues.issues.length > 0) throw new PathflowInputError(issues.issues, "estimate-drift: the acuity map");
  return map;
}
