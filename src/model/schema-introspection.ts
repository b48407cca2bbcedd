/**
 * Reading the model's zod schema as data: the schema at a path of the model (choosing union
 * options by the value there), the keys an object allows, a field's default, whether it takes
 * whole numbers, and what it accepts in words ("a whole number ≥ 0"). Used to translate zod's
 * issues (zod-issues.ts) and to apply scenario changes (scenario.ts). Internal to the model layer.
 */
import type { z } from "zod";
import type { IssuePath } from "../errors.js";
import { ID_PATTERN } from "./schema.js";

/** A zod schema of any kind (zod's internals are read through `defOf`). */
export type AnySchema = z.core.$ZodType;

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


export function defOf(schema: AnySchema): LooseDef {
  return schema._zod.def as unknown as LooseDef;
}

const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "readonly", "catch", "nonoptional"]);

/** The schema inside optional/default/nullable/pipe wrappers. */
export function unwrap(schema: AnySchema): AnySchema {
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

export function accepts(schema: AnySchema, value: unknown): boolean {
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
  // A union within a union (beds: a whole number or a calendar, or "unlimited"): choose at each level.
  while (defOf(inner).type === "union") {
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

export function splitUnion(schema: AnySchema): AnySchema[] {
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

/** The value at `path` inside `input`, and whether there is one. */
export function valueAt(input: unknown, path: readonly PropertyKey[]): { found: boolean; value: unknown } {
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

/** A JSON object (not null, not an array). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
