/**
 * The model files the model-checking tests start from — test/fixtures/system.json (a small valid
 * whole system) and models/mmc.json — and how they read the issues of a model.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { formatIssue, type Issue } from "../../src/errors.js";
import { validateModelObject } from "../../src/model/load.js";

export const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));
export const MMC = fileURLToPath(new URL("../../models/mmc.json", import.meta.url));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Raw = any;

/** A small valid system (ambulance, ED, acute, community, home care, placement; 3 acuity bands). */
export function system(): Raw {
  return JSON.parse(readFileSync(`${FIXTURES}system.json`, "utf8"));
}

/** models/mmc.json as written. */
export function mmc(): Raw {
  return JSON.parse(readFileSync(MMC, "utf8"));
}

/** The issues of the fixture system after `change`. */
export function issuesAfter(change: (raw: Raw) => void): Issue[] {
  const raw = system();
  change(raw);
  return validateModelObject(raw, FIXTURES).issues;
}

/** The issues of an invalid model (it must not validate). */
export function issuesOf(raw: unknown): Issue[] {
  const result = validateModelObject(raw, FIXTURES);
  expect(result.model).toBeUndefined();
  return result.issues;
}

/** The one issue of an invalid model. */
export function only(raw: unknown): Issue {
  const issues = issuesOf(raw);
  expect(issues.map(formatIssue)).toHaveLength(1);
  return issues[0]!;
}
