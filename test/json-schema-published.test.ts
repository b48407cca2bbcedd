import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { MODEL_SCHEMA_ID, modelJsonSchema, modelJsonSchemaText } from "../src/model/json-schema.js";

/** models/schema.json is exactly what the zod schema generates, so it cannot go stale. */

const MODELS = fileURLToPath(new URL("../models/", import.meta.url));

describe("the published JSON Schema", () => {
  it("models/schema.json equals modelJsonSchema() (regenerate with: node dist/src/cli/main.js schema > models/schema.json)", () => {
    const published = readFileSync(`${MODELS}schema.json`, "utf8");
    expect(published).toBe(modelJsonSchemaText());
    expect(JSON.parse(published)).toEqual(modelJsonSchema());
  });

  it("is a 2020-12 schema with an id, a title and the shared shapes under $defs", () => {
    const schema = modelJsonSchema() as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(schema["$schema"]).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema["$id"]).toBe(MODEL_SCHEMA_ID);
    expect(schema["title"]).toBe("pathflow model");
    expect(Object.keys(schema["$defs"])).toEqual(["Distribution", "Capacity"]);
    expect(schema["required"]).toEqual(["name", "run", "segments", "nodes"]);
    expect(schema["additionalProperties"]).toBe(false);
    const nodeTypes = schema["properties"].nodes.additionalProperties.oneOf.map((n: any) => n.properties.type.const); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(nodeTypes).toEqual(["unit", "ed", "ambulance", "homecare", "placement"]);
    const unit = schema["properties"].nodes.additionalProperties.oneOf[0].properties;
    expect(unit.durationDays).toEqual({ $ref: "#/$defs/Distribution", description: "Time at this node (length of stay), days." });
    // Every $ref points at a definition that exists.
    const refs = [...JSON.stringify(schema).matchAll(/"\$ref":"#\/\$defs\/([A-Za-z]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) expect(schema["$defs"]).toHaveProperty(ref!);
  });
});
