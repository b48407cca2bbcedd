/**
 * The published JSON Schema of a model file (`pathflow schema`, `models/schema.json`), generated
 * from the zod schema so the two cannot drift apart. Editors use it for completion and checking
 * through a model's `"$schema": "./schema.json"`.
 *
 * The JSON Schema describes shapes, ranges and defaults; the rules zod checks in code (a
 * distribution's parameters, cross-references, sums) are not in it, so `pathflow validate` remains
 * the full check. Shapes used in many places (a distribution, a capacity: fixed, weekly, dated) are
 * written once under `$defs` and referred to.
 */
import { z } from "zod";
import { Capacity, Distribution, Model } from "./schema.js";

/** The `$id` of the model JSON Schema. */
export const MODEL_SCHEMA_ID = "urn:pathflow:model";

const OPTIONS = { io: "input", unrepresentable: "any" } as const;

/** Schemas written once under `$defs`: name → zod schema. */
const SHARED: ReadonlyArray<readonly [string, z.ZodType]> = [
  ["Distribution", Distribution],
  ["Capacity", Capacity],
];

/** Keywords that may differ between uses of a shared shape and stay beside the `$ref`. */
const ANNOTATIONS = ["description", "default", "title"];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The JSON Schema (draft 2020-12) of a model file, as an object. */
export function modelJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(Model, OPTIONS) as { [key: string]: Json };
  const defs: { [key: string]: Json } = {};
  let body: Json = generated;
  for (const [name, schema] of SHARED) {
    const shape = z.toJSONSchema(schema, OPTIONS) as { [key: string]: Json };
    delete shape["$schema"];
    const key = canonical(shape);
    let used = false;
    body = replace(body, (node) => {
      const bare: { [key: string]: Json } = {};
      const kept: { [key: string]: Json } = {};
      for (const [k, v] of Object.entries(node)) (ANNOTATIONS.includes(k) ? kept : bare)[k] = v;
      if (canonical(bare) !== key) return undefined;
      used = true;
      return { $ref: `#/$defs/${name}`, ...kept };
    });
    if (used) defs[name] = { title: name, ...shape };
  }
  const { $schema, ...rest } = body as { [key: string]: Json };
  return {
    $schema: $schema ?? "https://json-schema.org/draft/2020-12/schema",
    $id: MODEL_SCHEMA_ID,
    title: "pathflow model",
    description:
      "A pathflow model file: demand segments, a network of nodes (ambulance, ED, units, home care, placements), run settings and scenarios. Checked fully by `pathflow validate`.",
    ...rest,
    $defs: defs,
  };
}

/** The schema as the text of `models/schema.json`: two-space indentation and a final newline. */
export function modelJsonSchemaText(): string {
  return `${JSON.stringify(modelJsonSchema(), null, 2)}\n`;
}

/** Rebuilds `node`, replacing each object for which `swap` returns a value (outermost first). */
function replace(node: Json, swap: (object: { [key: string]: Json }) => Json | undefined): Json {
  if (Array.isArray(node)) return node.map((item) => replace(item, swap));
  if (node === null || typeof node !== "object") return node;
  const swapped = swap(node);
  if (swapped !== undefined) return swapped;
  const out: { [key: string]: Json } = {};
  for (const [k, v] of Object.entries(node)) out[k] = replace(v, swap);
  return out;
}

/** JSON with object keys sorted, for comparing shapes. */
function canonical(node: Json): string {
  return JSON.stringify(node, (_key, value: Json) => {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}
