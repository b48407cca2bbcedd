/**
 * Loading a model file, the boundary where input is validated once (STYLE habit 2):
 *
 *   read the file → parse JSON → check it against the zod schema → cross-check (check.ts)
 *   → read the rates CSVs it names
 *
 * Every problem found at any stage is gathered as an Issue with a path into the file and a message
 * in plain words ("expected a whole number ≥ 0, got -5"); the caller gets either a validated model
 * or one PathflowInputError carrying all of them, never a partial result.
 */
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import Papa from "papaparse";
import { z } from "zod";
import { PathflowInputError, type Issue, type IssueCode, type IssuePath } from "../errors.js";
import { crossCheck, nearest, type CrossCheckContext } from "./check.js";
import { DAYS, ID_PATTERN, Model, Node, Segment, type ModelSpec } from "./schema.js";

/** A model read from a file and validated, with the tables it refers to. */
export interface LoadedModel {
  /** The file as given by the caller (used in messages). */
  file: string;
  /** Absolute directory of the file: relative paths inside the model (ratesCsv) resolve from here. */
  dir: string;
  /** The parsed JSON as written, before defaults (what scenarios change). */
  raw: unknown;
  /** The validated model with zod defaults applied. */
  model: ModelSpec;
  /**
   * Each `ratesCsv` path, as written in the model, → its 168 arrival rates per hour, index 0 =
   * Monday 00:00–01:00 … 167 = Sunday 23:00–24:00.
   */
  tables: Record<string, number[]>;
}

/** The result of validating a model held in memory: `model` is present exactly when `issues` is empty. */
export interface ValidationResult {
  model?: ModelSpec;
  tables: Record<string, number[]>;
  issues: Issue[];
}

/**
 * Reads, parses and validates a model file. Throws one PathflowInputError carrying every problem
 * (unreadable file, JSON syntax, schema, cross-checks, rates CSVs).
 */
export async function loadModel(file: string): Promise<LoadedModel> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new PathflowInputError([{ code: "file", path: [], message: `cannot read ${file}: ${describeFsError(error)}` }], file);
  }
  const parsed = parseJson(text, file);
  if (!parsed.ok) throw new PathflowInputError([parsed.issue], file);
  const dir = path.dirname(path.resolve(file));
  const result = validateModelObject(parsed.value, dir);
  if (result.model === undefined) throw new PathflowInputError(result.issues, file);
  return { file, dir, raw: parsed.value, model: result.model, tables: result.tables };
}

/**
 * Validates a model already parsed from JSON: schema, cross-checks and the rates CSVs it names,
 * read relative to `dir`. All issues are returned together; `model` only when there are none.
 */
export function validateModelObject(raw: unknown, dir: string): ValidationResult {
  const parsed = Model.safeParse(raw);
  let checked: Pick<ModelSpec, "acuityBands" | "segments" | "nodes" | "scenarios"> | undefined;
  let context: CrossCheckContext = {};
  const issues: Issue[] = [];
  if (parsed.success) {
    checked = parsed.data;
  } else {
    issues.push(...zodIssues(parsed.error.issues, Model, raw));
    // Cross-check the parts that are valid on their own, so that one run reports everything.
    const partial = partialModel(raw);
    if (partial !== undefined) ({ model: checked, context } = partial);
  }
  const tables: Record<string, number[]> = {};
  if (checked !== undefined) {
    issues.push(...crossCheck(checked, context));
    issues.push(...readTables(checked, dir, tables));
  }
  const unique = dedupe(issues);
  if (parsed.success && unique.length === 0) return { model: parsed.data, tables, issues: [] };
  return { tables, issues: unique };
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EISDIR":
      return "it is a directory, not a file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

type JsonResult = { ok: true; value: unknown } | { ok: false; issue: Issue };

/** JSON.parse with syntax errors reported at a line and column (1-based). */
function parseJson(text: string, file: string): JsonResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === "") return { ok: false, issue: { code: "file", path: [], message: `${file} is empty: expected a JSON model` } };
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const match = / in JSON at position (\d+)/.exec(message);
    const position = match?.[1] !== undefined ? Number(match[1]) : body.length;
    const { line, column } = lineAndColumn(body, position);
    const reason = message
      .replace(/ in JSON at position \d+.*$/, "")
      .replace(/^Unexpected end of JSON input$/, "unexpected end of file");
    return {
      ok: false,
      issue: { code: "file", path: [], message: `${file} is not valid JSON: ${reason} at line ${line}, column ${column}` },
    };
  }
}

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < position && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: position - lineStart + 1 };
}

// ---------------------------------------------------------------------------------------------
// Partial model for cross-checks when the schema check failed
// ---------------------------------------------------------------------------------------------

/** The segments, nodes and scenarios that are valid on their own, with the ids of those that are not. */
function partialModel(
  raw: unknown,
): { model: Pick<ModelSpec, "acuityBands" | "segments" | "nodes" | "scenarios">; context: CrossCheckContext } | undefined {
  if (!isPlainObject(raw)) return undefined;
  const bands = Model.shape.acuityBands.safeParse(raw["acuityBands"]);
  const scenarios = Model.shape.scenarios.safeParse(raw["scenarios"]);
  const invalidSegments = new Set<string>();
  const invalidNodes = new Set<string>();
  const segments: ModelSpec["segments"] = {};
  const nodes: ModelSpec["nodes"] = {};
  if (isPlainObject(raw["segments"])) {
    for (const [key, value] of Object.entries(raw["segments"])) {
      const one = Segment.safeParse(value);
      if (one.success && ID_PATTERN.test(key)) segments[key] = one.data;
      else invalidSegments.add(key);
    }
  }
  if (isPlainObject(raw["nodes"])) {
    for (const [key, value] of Object.entries(raw["nodes"])) {
      const one = Node.safeParse(value);
      if (one.success && ID_PATTERN.test(key)) nodes[key] = one.data;
      else invalidNodes.add(key);
    }
  }
  return {
    model: {
      acuityBands: bands.success ? bands.data : [],
      segments,
      nodes,
      scenarios: scenarios.success ? scenarios.data : {},
    },
    context: {
      invalidSegments,
      invalidNodes,
      checkBands: bands.success,
      checkScenarios: scenarios.success,
      checkSegmentRefs: isPlainObject(raw["segments"]),
      checkNodeRefs: isPlainObject(raw["nodes"]),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Rates CSV
// ---------------------------------------------------------------------------------------------

const HOURS_PER_WEEK = 168;
const CSV_COLUMNS = ["day", "hour", "rate_per_hour"] as const;
/** Row problems reported per file before the rest are summarised. */
const CSV_MAX_ROW_ISSUES = 20;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function readTables(model: Pick<ModelSpec, "segments">, dir: string, tables: Record<string, number[]>): Issue[] {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  for (const [segmentId, segment] of Object.entries(model.segments)) {
    segment.arrivals.forEach((arrivals, i) => {
      const file = arrivals.ratesCsv;
      if (file === undefined || seen.has(file)) return;
      seen.add(file);
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
    const index = day * 24 + hour;
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
    if (rowNumber === 0) missing.push(`${DAYS[Math.floor(index / 24)]} hour ${index % 24}`);
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

// ---------------------------------------------------------------------------------------------
// zod issues → pathflow issues. The schema-reading helpers below (schemaAt, describeSchema, …)
// are shared with scenario.ts; they are internal to the model layer, not re-exported by index.ts.
// ---------------------------------------------------------------------------------------------

/** A zod schema of any kind (zod's internals are read through `defOf`). */
type AnySchema = z.core.$ZodType;

/** The parts of zod 4's schema definitions this module reads. */
interface LooseDef {
  type: string;
  innerType?: AnySchema;
  in?: AnySchema;
  element?: AnySchema;
  shape?: Record<string, AnySchema>;
  keyType?: AnySchema;
  valueType?: AnySchema;
  options?: AnySchema[];
  discriminator?: string;
  values?: unknown[];
  entries?: Record<string, string | number>;
  defaultValue?: unknown;
  checks?: Array<{ _zod: { def: LooseCheck } }>;
}

interface LooseCheck {
  check: string;
  format?: string;
  value?: number;
  inclusive?: boolean;
  minimum?: number;
  maximum?: number;
  length?: number;
  pattern?: RegExp | string;
}

interface ZodIssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  [key: string]: unknown;
}

function defOf(schema: AnySchema): LooseDef {
  return schema._zod.def as unknown as LooseDef;
}

const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "readonly", "catch", "nonoptional"]);

/** The schema inside optional/default/nullable/pipe wrappers. */
function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  for (;;) {
    const def = defOf(s);
    if (WRAPPERS.has(def.type) && def.innerType !== undefined) s = def.innerType;
    else if (def.type === "pipe" && def.in !== undefined) s = def.in;
    else return s;
  }
}

/** The default value a schema supplies when its key is absent, if any. */
export function defaultOf(schema: AnySchema): { found: boolean; value?: unknown } {
  let s = schema;
  for (;;) {
    const def = defOf(s);
    if (def.type === "default" || def.type === "prefault") return { found: true, value: structuredClone(def.defaultValue) };
    if (WRAPPERS.has(def.type) && def.innerType !== undefined) s = def.innerType;
    else return { found: false };
  }
}

type Kind = "number" | "string" | "boolean" | "object" | "array" | "null" | "undefined" | "any";

function kindOf(value: unknown): Kind {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  const t = typeof value;
  if (t === "number" || t === "string" || t === "boolean" || t === "object" || t === "undefined") return t;
  return "any";
}

/** The kinds of JSON value a schema can accept. */
function kindsOf(schema: AnySchema): Set<Kind> {
  const def = defOf(schema);
  switch (def.type) {
    case "optional":
      return new Set<Kind>([...kindsOf(def.innerType!), "undefined"]);
    case "nullable":
      return new Set<Kind>([...kindsOf(def.innerType!), "null"]);
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
    case "nonoptional":
      return kindsOf(def.innerType!);
    case "pipe":
      return kindsOf(def.in!);
    case "number":
    case "string":
    case "boolean":
    case "object":
    case "array":
      return new Set<Kind>([def.type]);
    case "record":
      return new Set<Kind>(["object"]);
    case "literal":
      return new Set<Kind>((def.values ?? []).map(kindOf));
    case "enum":
      return new Set<Kind>(Object.values(def.entries ?? {}).map(kindOf));
    case "union":
      return new Set<Kind>((def.options ?? []).flatMap((option) => [...kindsOf(option)]));
    default:
      return new Set<Kind>(["any"]);
  }
}

function accepts(schema: AnySchema, value: unknown): boolean {
  const kinds = kindsOf(schema);
  return kinds.has("any") || kinds.has(kindOf(value));
}

/** For a union, the option a value is meant for: by discriminator, else by kind of value. */
function chooseOption(union: AnySchema, value: unknown, preferContainer: boolean): AnySchema | undefined {
  const def = defOf(union);
  const options = def.options ?? [];
  if (def.discriminator !== undefined && isPlainObject(value)) {
    const tag = value[def.discriminator];
    const chosen = options.find((option) => {
      const values = (option._zod as { propValues?: Record<string, Set<unknown>> }).propValues?.[def.discriminator!];
      return values?.has(tag) ?? false;
    });
    if (chosen !== undefined) return chosen;
  }
  const fitting = options.filter((option) => accepts(option, value));
  if (fitting.length > 0) return fitting[0];
  if (preferContainer) {
    return options.find((option) => {
      const kinds = kindsOf(option);
      return kinds.has("object") || kinds.has("array");
    });
  }
  return undefined;
}

/**
 * The schema for the value at `path` inside `schema`, using `value` (the input) to choose among
 * union options; undefined if the schema has no such place (an unknown key).
 */
export function schemaAt(schema: AnySchema, path: IssuePath, value: unknown): AnySchema | undefined {
  let s: AnySchema = schema;
  let v: unknown = value;
  for (const key of path) {
    let inner = unwrap(s);
    let def = defOf(inner);
    if (def.type === "union") {
      const option = chooseOption(inner, v, true);
      if (option === undefined) return undefined;
      inner = unwrap(option);
      def = defOf(inner);
    }
    let child: AnySchema | undefined;
    switch (def.type) {
      case "object":
        child = typeof key === "string" && def.shape !== undefined && Object.hasOwn(def.shape, key) ? def.shape[key] : undefined;
        break;
      case "array":
        child = typeof key === "number" || /^\d+$/.test(String(key)) ? def.element : undefined;
        break;
      case "record":
        child = typeof key === "string" ? def.valueType : undefined;
        break;
      case "unknown":
      case "any":
        return inner;
      default:
        child = undefined;
    }
    if (child === undefined) return undefined;
    s = child;
    v = isPlainObject(v) || Array.isArray(v) ? (v as Record<string | number, unknown>)[key as string | number] : undefined;
  }
  return s;
}

/** Whether the schema at `path` (choosing union options by the value there) takes whole numbers only. */
export function isWholeNumberAt(schema: AnySchema, path: IssuePath, root: unknown): boolean {
  const at = schemaAt(schema, path, root);
  if (at === undefined) return false;
  let inner = unwrap(at);
  if (defOf(inner).type === "union") {
    const option = chooseOption(inner, valueAt(root, path).value, false);
    if (option === undefined) return false;
    inner = unwrap(option);
  }
  const def = defOf(inner);
  return def.type === "number" && checksOf(def).some((c) => c.check === "number_format" && (c.format === "safeint" || c.format?.startsWith("int") === true));
}

/** The keys an object schema allows (after unwrapping, and choosing a union option by `value`). */
export function keysOf(schema: AnySchema, value: unknown): string[] | undefined {
  let inner = unwrap(schema);
  if (defOf(inner).type === "union") {
    const option = chooseOption(inner, value, true);
    if (option === undefined) return undefined;
    inner = unwrap(option);
  }
  const def = defOf(inner);
  return def.type === "object" && def.shape !== undefined ? Object.keys(def.shape) : undefined;
}

/** What a schema accepts, in words with an article: "a whole number ≥ 0", "one of "fifo", "acuity"". */
export function describeSchema(schema: AnySchema): string {
  const def = defOf(schema);
  switch (def.type) {
    case "optional":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
    case "nonoptional":
      return describeSchema(def.innerType!);
    case "nullable":
      return `${describeSchema(def.innerType!)} or null`;
    case "pipe":
      return describeSchema(def.in!);
    case "number":
      return describeNumber(def);
    case "string":
      return describeString(def);
    case "boolean":
      return "true or false";
    case "literal":
      return (def.values ?? []).map((v) => JSON.stringify(v)).join(" or ");
    case "enum":
      return `one of ${Object.values(def.entries ?? {}).map((v) => JSON.stringify(v)).join(", ")}`;
    case "array":
      return describeArray(def);
    case "object": {
      const keys = Object.keys(def.shape ?? {});
      return keys.length <= 4 ? `an object {${keys.join(", ")}}` : "an object";
    }
    case "record":
      return def.keyType !== undefined && describeSchema(def.keyType).startsWith("an id")
        ? "an object keyed by id"
        : "an object";
    case "union": {
      if (def.discriminator !== undefined) {
        const tags = (def.options ?? []).flatMap((option) => [
          ...((option._zod as { propValues?: Record<string, Set<unknown>> }).propValues?.[def.discriminator!] ?? []),
        ]);
        return `an object with ${def.discriminator} one of ${tags.map((t) => JSON.stringify(t)).join(", ")}`;
      }
      const parts = (def.options ?? []).flatMap((option) => splitUnion(option)).map(describeSchema);
      return parts.length <= 1 ? (parts[0] ?? "nothing") : `${parts.slice(0, -1).join(", ")} or ${parts[parts.length - 1]}`;
    }
    case "unknown":
    case "any":
      return "any value";
    default:
      return `a ${def.type}`;
  }
}

function splitUnion(schema: AnySchema): AnySchema[] {
  const def = defOf(schema);
  return def.type === "union" && def.discriminator === undefined ? (def.options ?? []).flatMap(splitUnion) : [schema];
}

function checksOf(def: LooseDef): LooseCheck[] {
  return (def.checks ?? []).map((check) => check._zod.def);
}

function describeNumber(def: LooseDef): string {
  let whole = false;
  let min: { value: number; inclusive: boolean } | undefined;
  let max: { value: number; inclusive: boolean } | undefined;
  for (const check of checksOf(def)) {
    if (check.check === "number_format" && (check.format === "safeint" || check.format?.startsWith("int") === true)) whole = true;
    else if (check.check === "greater_than" && check.value !== undefined) min = { value: check.value, inclusive: check.inclusive ?? false };
    else if (check.check === "less_than" && check.value !== undefined) max = { value: check.value, inclusive: check.inclusive ?? false };
  }
  const base = whole ? "a whole number" : "a number";
  if (min?.inclusive === true && max?.inclusive === true) return `${base} from ${min.value} to ${max.value}`;
  const bounds: string[] = [];
  if (min !== undefined) bounds.push(`${min.inclusive ? "≥" : ">"} ${min.value}`);
  if (max !== undefined) bounds.push(`${max.inclusive ? "≤" : "<"} ${max.value}`);
  return bounds.length === 0 ? base : `${base} ${bounds.join(" and ")}`;
}

function describeString(def: LooseDef): string {
  let nonEmpty = false;
  let pattern: string | undefined;
  for (const check of checksOf(def)) {
    if (check.check === "min_length" && (check.minimum ?? 0) >= 1) nonEmpty = true;
    if (check.check === "string_format" && check.format === "regex" && check.pattern !== undefined) {
      pattern = check.pattern instanceof RegExp ? check.pattern.source : check.pattern;
    }
  }
  if (pattern === ID_PATTERN.source) return "an id (letters, digits, '-' or '_', starting with a letter)";
  if (pattern !== undefined) return `text matching /${pattern}/`;
  return nonEmpty ? "non-empty text" : "text";
}

function describeArray(def: LooseDef): string {
  let exact: number | undefined;
  let min: number | undefined;
  let max: number | undefined;
  for (const check of checksOf(def)) {
    if (check.check === "length_equals") exact = check.length;
    else if (check.check === "min_length") min = check.minimum;
    else if (check.check === "max_length") max = check.maximum;
  }
  const items = (n: number): string => `${n} ${n === 1 ? "item" : "items"}`;
  let size = "a list";
  if (exact !== undefined) size = `a list of exactly ${items(exact)}`;
  else if (min !== undefined && max !== undefined) size = `a list of ${min} to ${max} items`;
  else if (min !== undefined) size = `a list of at least ${items(min)}`;
  else if (max !== undefined) size = `a list of at most ${items(max)}`;
  return def.element === undefined ? size : `${size}, each ${describeSchema(def.element)}`;
}

/** A value as it appears in a message: -5, "ward", a list of 3 items, an object. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) {
    if (value.length === 0) return "an empty list";
    return `a list of ${value.length} ${value.length === 1 ? "item" : "items"}`;
  }
  if (typeof value === "object") return "an object";
  return String(value);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): { found: boolean; value: unknown } {
  let v: unknown = input;
  for (const key of path) {
    if ((isPlainObject(v) || Array.isArray(v)) && Object.hasOwn(v, key)) {
      v = (v as Record<PropertyKey, unknown>)[key];
    } else {
      return { found: false, value: undefined };
    }
  }
  return { found: true, value: v };
}

function toPath(path: readonly PropertyKey[]): Array<string | number> {
  return path.map((key) => (typeof key === "symbol" ? String(key) : key));
}

/**
 * Converts zod issues (from parsing `input` with `schema`) into pathflow issues whose messages say
 * what was expected and what was got. `prefix` is prepended to every path.
 */
export function zodIssues(issues: readonly z.core.$ZodIssue[], schema: AnySchema, input: unknown, prefix: IssuePath = []): Issue[] {
  const list = issues as unknown as readonly ZodIssueLike[];
  // zod sometimes adds size issues for a value of the wrong type (e.g. a string where a list of
  // 24 was wanted); the type mismatch says it all.
  const typeMismatch = new Set(list.filter((i) => i.code === "invalid_type").map((i) => JSON.stringify(toPath(i.path))));
  const out: Issue[] = [];
  for (const issue of list) {
    if (issue.code !== "invalid_type" && typeMismatch.has(JSON.stringify(toPath(issue.path)))) continue;
    out.push(...convertIssue(issue, schema, input, prefix));
  }
  return out;
}

function convertIssue(issue: ZodIssueLike, schema: AnySchema, input: unknown, prefix: IssuePath): Issue[] {
  const at = toPath(issue.path);
  const path = [...prefix, ...at];
  const { found, value } = valueAt(input, at);
  const sub = schemaAt(schema, at, input);
  const expected = sub !== undefined ? describeSchema(narrow(sub, value)) : undefined;
  const make = (code: IssueCode, message: string, where: IssuePath = path): Issue => ({ code, path: where, message });
  const plain = (): Issue => {
    if (!found || value === undefined) {
      return make("missing", `missing: expected ${expected ?? "a value"}${describedAs(sub)}`);
    }
    const code: IssueCode = sub !== undefined && !accepts(sub, value) ? "invalid_type" : typeof value === "number" ? "out_of_range" : "invalid_value";
    return make(code, `expected ${expected ?? issue.message}, got ${describeValue(value)}`);
  };

  switch (issue.code) {
    case "unrecognized_keys": {
      const keys = (issue["keys"] as string[] | undefined) ?? [];
      const allowed = sub !== undefined ? (keysOf(sub, value) ?? []) : [];
      return keys.map((key) => make("unknown_key", unknownKeyMessage(key, allowed), [...path, key]));
    }
    case "invalid_union": {
      if (issue["discriminator"] !== undefined || issue["note"] === "No matching discriminator") {
        const options = (issue["options"] as unknown[] | undefined) ?? [];
        const allowed = options.map((o) => JSON.stringify(o)).join(", ");
        const name = at[at.length - 1];
        if (!found || value === undefined) return [make("missing", `missing: ${String(name)} must be one of ${allowed}`)];
        return [make("invalid_value", `${String(name)} must be one of ${allowed}, got ${describeValue(value)}`)];
      }
      // A plain union: if the value is clearly meant for one option (the only one accepting its
      // kind of value, and not a fixed word), report that option's problems at their own paths.
      const errors = (issue["errors"] as z.core.$ZodIssue[][] | undefined) ?? [];
      const options = sub !== undefined ? defOf(unwrap(sub)).options ?? [] : [];
      if (found && options.length === errors.length) {
        const fitting = options.map((option, i) => ({ option, i })).filter(({ option }) => accepts(option, value));
        if (fitting.length === 1) {
          const { option, i } = fitting[0]!;
          const kind = defOf(unwrap(option)).type;
          if (kind !== "literal" && kind !== "enum") {
            const nested = zodIssues(errors[i] ?? [], option, value, path);
            if (nested.length > 0) return nested;
          }
        }
      }
      return [plain()];
    }
    case "invalid_key": {
      const inner = ((issue["issues"] as ZodIssueLike[] | undefined) ?? [])[0];
      const key = at[at.length - 1];
      const reason = inner?.message ?? issue.message;
      return [make("invalid_value", `${JSON.stringify(String(key))} is not a valid id: ${reason}`)];
    }
    case "custom": {
      const params = issue["params"] as { pathflowCode?: IssueCode } | undefined;
      return [make(params?.pathflowCode ?? "invalid_value", issue.message)];
    }
    case "invalid_type":
    case "too_small":
    case "too_big":
    case "invalid_format":
    case "invalid_value":
    case "not_multiple_of":
      return [plain()];
    default:
      return [make("invalid_value", issue.message)];
  }
}

/**
 * Within a plain union, the one option a value is clearly meant for (the only option accepting its
 * kind of value, and not a fixed word), so that `servers: -5` reads "expected a whole number ≥ 0"
 * rather than listing every form servers can take.
 */
function narrow(schema: AnySchema, value: unknown): AnySchema {
  const def = defOf(unwrap(schema));
  if (def.type !== "union" || def.discriminator !== undefined || value === undefined) return schema;
  const fitting = splitUnion(unwrap(schema)).filter((option) => accepts(option, value));
  if (fitting.length !== 1) return schema;
  const kind = defOf(unwrap(fitting[0]!)).type;
  return kind === "literal" || kind === "enum" ? schema : fitting[0]!;
}

/** " — <description>" for a missing field whose schema has one. */
function describedAs(schema: AnySchema | undefined): string {
  if (schema === undefined) return "";
  const description = z.globalRegistry.get(schema)?.description;
  return description === undefined ? "" : ` — ${description.replace(/\.$/, "")}`;
}

/** `unknown key "bedz"; did you mean "beds"?` or with the allowed keys listed. */
export function unknownKeyMessage(key: string, allowed: readonly string[]): string {
  const close = nearest(key, allowed);
  if (close !== undefined) return `unknown key ${JSON.stringify(key)}; did you mean ${JSON.stringify(close)}?`;
  if (allowed.length === 0) return `unknown key ${JSON.stringify(key)}`;
  return `unknown key ${JSON.stringify(key)}; allowed keys are ${allowed.join(", ")}`;
}

function dedupe(issues: readonly Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${JSON.stringify(issue.path)}\u0000${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
