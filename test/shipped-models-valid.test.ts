import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { formatIssue } from "../src/errors.js";
import { loadModel } from "../src/model/load.js";
import { validateScenarios } from "../src/model/scenario.js";

/** Every model shipped in models/ points editors at ./schema.json and is valid, scenarios included. */

const MODELS = fileURLToPath(new URL("../models/", import.meta.url));
const modelFiles = readdirSync(MODELS).filter((name) => name.endsWith(".json") && name !== "schema.json");

describe("the models in models/", () => {
  it("include mmc.json", () => {
    expect(modelFiles).toContain("mmc.json");
  });

  for (const name of modelFiles) {
    it(`${name} points at ./schema.json and is valid with all its scenarios`, async () => {
      const raw = JSON.parse(readFileSync(`${MODELS}${name}`, "utf8")) as Record<string, unknown>;
      expect(raw["$schema"]).toBe("./schema.json");
      const loaded = await loadModel(`${MODELS}${name}`);
      expect(validateScenarios(loaded).map(formatIssue)).toEqual([]);
    });
  }
});
