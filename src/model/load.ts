/**
 * Loading a model file, the boundary where input is validated once:
 *
 *   read the file and parse JSON (read-json.ts) → check it against the zod schema (schema.ts, its
 *   issues translated by zod-issues.ts) → cross-check (check.ts) → read the rates CSVs it names
 *   (rates-csv.ts)
 *
 * Every problem found at any stage is gathered as an Issue with a path into the file and a message
 * in plain words ("expected a whole number ≥ 0, got -5"); the caller gets either a validated model
 * or one PathflowInputError carrying all of them, never a partial result.
 */
import path from "node:path";
import { PathflowInputError, type Issue } from "../errors.js";
import { crossCheck, type CrossCheckContext } from "./check.js";
import { readTables } from "./rates-csv.js";
import { readJsonFile } from "./read-json.js";
import { isPlainObject } from "./schema-introspection.js";
import { ID_PATTERN, Model, Node, Segment, type ModelSpec } from "./schema.js";
import { zodIssues } from "./zod-issues.js";
import type { LoadedModel, LoadOptions, ValidationResult } from "../types.js";
export type { LoadedModel, LoadOptions, ValidationResult } from "../types.js";

/**
 * Reads, parses and validates a model file. Throws one PathflowInputError carrying every problem
 * (unreadable file, JSON syntax, schema, cross-checks, rates CSVs).
 */
export async function loadModel(file: string, options: LoadOptions = {}): Promise<LoadedModel> {
  const parsed = readJsonFile(file);
  if (!parsed.ok) throw new PathflowInputError(parsed.issues, file);
  const dir = path.dirname(path.resolve(file));
  const dataDirs = (options.dataDirs ?? []).map((d) => path.resolve(d));
  const result = validateModelObject(parsed.value, dir, {}, dataDirs);
  if (result.model === undefined) throw new PathflowInputError(result.issues, file);
  return { file, dir, dataDirs, raw: parsed.value, model: result.model, tables: result.tables };
}

/**
 * Validates a model already parsed from JSON: schema, cross-checks and the rates CSVs it names,
 * read relative to `dir` unless already in `known` (the tables of the model a scenario changes,
 * read when it was loaded), and only from inside `dir` or one of `dataDirs`. All issues are returned together; `model` only when there are none.
 */
export function validateModelObject(raw: unknown, dir: string, known: Readonly<Record<string, number[]>> = {}, dataDirs: readonly string[] = []): ValidationResult {
  const parsed = Model.safeParse(raw);
  let checked: Pick<ModelSpec, "acuityBands" | "segments" | "nodes" | "scenarios"> | undefined;
  let context: CrossCheckContext = {};
  const issues: Issue[] = [];
  if (parsed.success) {
    checked = parsed.data;
  } else {
    for (const issue of zodIssues(parsed.error.issues, Model, raw)) issues.push(issue);
    // Cross-check the parts that are valid on their own, so that one run reports everything.
    const partial = partialModel(raw);
    if (partial !== undefined) ({ model: checked, context } = partial);
  }
  const tables: Record<string, number[]> = {};
  if (checked !== undefined) {
    for (const issue of crossCheck(checked, context)) issues.push(issue);
    for (const issue of readTables(checked, dir, tables, known, dataDirs)) issues.push(issue);
  }
  const unique = dedupe(issues);
  if (parsed.success && unique.length === 0) return { model: parsed.data, tables, issues: [] };
  return { tables, issues: unique };
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

/** Issues without repeats (the same message at the same path, found by two checks). */
function dedupe(issues: readonly Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${JSON.stringify(issue.path)}\u0000${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
