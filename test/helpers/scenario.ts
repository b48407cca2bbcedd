/**
 * The fixture system (test/fixtures/system.json) with an extra scenario "s" holding the changes a
 * test gives, resolved or with its problems — for the test/scenario-*.test.ts files.
 */
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { PathflowInputError, formatIssue } from "../../src/errors.js";
import { validateModelObject, type LoadedModel } from "../../src/model/load.js";
import { resolveScenario } from "../../src/model/scenario.js";
import { FIXTURES, type Raw } from "./model-fixtures.js";

export interface Change {
  path: string;
  set?: unknown;
  scale?: number;
  why?: string;
}

/** The fixture system with an extra scenario "s" holding `changes`. */
export function withScenario(changes: Change[]): LoadedModel {
  const raw: Raw = JSON.parse(readFileSync(`${FIXTURES}system.json`, "utf8"));
  raw.scenarios.s = { description: "test", changes };
  const result = validateModelObject(raw, FIXTURES);
  expect(result.issues.map(formatIssue)).toEqual([]);
  return { file: "system.json", dir: FIXTURES, raw, model: result.model!, tables: result.tables };
}

/** The model of scenario "s" with `changes` applied. */
export function resolved(changes: Change[]): Raw {
  return resolveScenario(withScenario(changes), "s").model;
}

/** The problems of scenario "s" with `changes` (it must fail to resolve). */
export function problems(changes: Change[]): string[] {
  const loaded = withScenario(changes);
  const error = (() => {
    try {
      resolveScenario(loaded, "s");
    } catch (e) {
      return e;
    }
    return undefined;
  })();
  expect(error).toBeInstanceOf(PathflowInputError);
  return (error as PathflowInputError).issues.map(formatIssue);
}
