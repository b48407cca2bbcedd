import { describe, expect, it } from "vitest";
import { validateModelObject } from "../src/model/load.js";
import { planExperiment } from "../src/experiment/plan.js";
import { resolveScenario, validateScenarios } from "../src/model/scenario.js";
import type { LoadedModel } from "../src/types.js";
import { FIXTURES, mmc } from "./helpers/model-fixtures.js";

/**
 * Resolving a scenario copies and validates the model without its scenarios, so the work for each
 * scenario does not grow with their number: validating a model of N scenarios is linear in N
 * (4,000 scenarios took 96 s, quadratic; now well under a second). A resolved variant — what the
 * workers receive — carries none of the other scenarios, so it is the same whatever their number.
 */
function withScenarios(n: number): LoadedModel {
  const raw = mmc();
  for (let i = 0; i < n; i++) raw.scenarios[`s${i}`] = { description: `scenario ${i}`, changes: [{ path: "nodes.servers.servers", set: 10 + (i % 5) }] };
  const model = validateModelObject(raw, FIXTURES).model!;
  return { file: "many.json", dir: FIXTURES, raw, model, tables: {} };
}

describe("a model with many scenarios", () => {
  it("a resolved scenario carries none of the others", () => {
    const resolved = resolveScenario(withScenarios(500), "s3");
    expect(Object.keys(resolved.model.scenarios)).toEqual(["baseline"]);
    expect(resolved.model.nodes["servers"]).toMatchObject({ servers: 13 });
  });

  it("a variant is the same size with 10 scenarios or 1,000", () => {
    const size = (n: number): number => JSON.stringify(planExperiment(withScenarios(n), { scenarios: ["s1"] }).variants.map((v) => v.spec)).length;
    expect(size(1000)).toBe(size(10));
  });

  it("every scenario is still validated, and a bad one among 1,000 is found", () => {
    const loaded = withScenarios(1000);
    (loaded.raw as { scenarios: Record<string, { changes: unknown[] }> }).scenarios["s777"]!.changes.push({ path: "nodes.servers.servers", set: -1 });
    expect(validateScenarios(loaded).map((i) => i.path)).toEqual([["scenarios", "s777", "changes", 1, "set"]]);
  });
});
