import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ROOT, pathflow } from "./helpers/cli.js";

/** `pathflow schema` prints the published JSON Schema, models/schema.json. (dist/ is built by test/global-setup.ts.) */

describe("pathflow schema", () => {
  it("pathflow schema prints models/schema.json", async () => {
    const { code, stdout } = await pathflow(["schema"]);
    expect(stdout).toBe(readFileSync(`${ROOT}models/schema.json`, "utf8"));
    expect(code).toBe(0);
  });
});
