/**
 * zod issues → pathflow issues: each says, at its path into the model, what was expected (read from
 * the schema, schema-introspection.ts) and what was got, in plain words.
 */
import { z } from "zod";
import type { Issue, IssueCode, IssuePath } from "../errors.js";
import { nearest } from "./check.js";
import { accepts, defOf, describeSchema, keysOf, schemaAt, splitUnion, unwrap, valueAt, type AnySchema } from "./schema-introspection.js";

interface ZodIssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  [key: string]: unknown;
}

/** A value as it appears in a message: -5, "ward", a list of 3 items, an object. */
function describeValue(value: unknown): string {
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
    for (const converted of convertIssue(issue, schema, input, prefix)) out.push(converted);
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
function unknownKeyMessage(key: string, allowed: readonly string[]): string {
  const close = nearest(key, allowed);
  if (close !== undefined) return `unknown key ${JSON.stringify(key)}; did you mean ${JSON.stringify(close)}?`;
  if (allowed.length === 0) return `unknown key ${JSON.stringify(key)}`;
  return `unknown key ${JSON.stringify(key)}; allowed keys are ${allowed.join(", ")}`;
}
