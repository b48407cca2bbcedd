/**
 * Checking a distribution in a model file against the families table (random/families.ts): the
 * type, unknown parameters, each parameter's kind and the rules between parameters. The schema
 * (schema.ts) runs it on every distribution field, so the samplers built later trust their specs.
 *
 * Every problem is an issue whose path ends at the offending parameter and whose message names
 * the family and the parameter, says what was expected and what was got.
 */
import type { Issue, IssuePath } from "../errors.js";
import type { DistributionSpec, DistributionType } from "../random/distribution-spec.js";
import { DISTRIBUTION_TYPES, FAMILIES, PROBABILITY_SUM_TOLERANCE, createSampler, describeDistribution, familyOf, parametersOf, type Parameter } from "../random/families.js";

export interface CheckDistributionOptions {
  /**
   * Whether the quantity may never be negative, as for durations. Default true. When true, the
   * lower ends of triangular and uniform, empirical observations, empiricalDiscrete values and a
   * deterministic value must be ≥ 0. (Normal is governed by its own `truncateAtZero`.)
   */
  readonly nonNegative?: boolean;
}

/**
 * Every problem with a distribution spec, as issues whose path ends at the offending parameter.
 * Accepts anything (it is the boundary check); returns `[]` exactly when the spec is one that
 * `createSampler` may be given.
 */
export function checkDistribution(spec: unknown, path: IssuePath = [], options: CheckDistributionOptions = {}): Issue[] {
  const issues: Issue[] = [];
  if (typeof spec !== "object" || spec === null || Array.isArray(spec)) {
    issues.push({ code: "invalid_type", path, message: `a distribution must be an object with a type, got ${describeValue(spec)}` });
    return issues;
  }
  const record = spec as Record<string, unknown>;
  const type = record["type"];
  if (type === undefined) {
    issues.push({ code: "missing", path: [...path, "type"], message: `distribution type is required: one of ${DISTRIBUTION_TYPES.join(", ")}` });
    return issues;
  }
  if (typeof type !== "string" || !Object.hasOwn(FAMILIES, type)) {
    issues.push({
      code: "invalid_value",
      path: [...path, "type"],
      message: `distribution type must be one of ${DISTRIBUTION_TYPES.join(", ")}, got ${describeValue(type)}`,
    });
    return issues;
  }
  const name = type as DistributionType;
  const family = familyOf(name);
  const allowed = parametersOf(family).map((parameter) => parameter.name);
  for (const key of Object.keys(record)) {
    if (key === "type" || allowed.includes(key)) continue;
    issues.push({ code: "unknown_key", path: [...path, key], message: `${name} has no parameter "${key}"; its parameters are ${allowed.join(", ")}` });
  }

  // The form in use: the one whose parameters are given (gamma's mean, sd or shape, scale).
  const given = family.forms.map((form) => form.filter((parameter) => record[parameter.name] !== undefined).map((parameter) => parameter.name));
  const used = given.filter((names) => names.length > 0);
  if (used.length > 1) {
    const forms = family.forms.map((form) => form.map((parameter) => parameter.name).join(" and ")).join(" or ");
    issues.push({ code: "invalid_value", path, message: `${name} takes either ${forms}, not both; got ${used.flat().join(", ")}` });
    return issues;
  }
  const form = family.forms[Math.max(0, given.findIndex((names) => names.length > 0))] ?? [];

  const c = new Checker(name, record, path, issues, options.nonNegative ?? true);
  const readable = new Set<string>();
  for (const parameter of form) if (c.parameter(parameter)) readable.add(parameter.name);
  for (const rule of family.rules) {
    if (!rule.uses.every((key) => readable.has(key))) continue;
    const breach = rule.broken(record);
    if (breach !== undefined) {
      issues.push({ code: breach.code, path: [...path, breach.key], message: `${name} ${breach.key} must ${breach.must}, got ${breach.got}` });
    }
  }
  if (issues.length === 0) {
    const draws = drawRange(record as unknown as DistributionSpec);
    if (!(Number.isFinite(draws.min) && Number.isFinite(draws.max)) || Math.max(Math.abs(draws.min), Math.abs(draws.max)) > MAX_DRAW) {
      const got = Number.isNaN(draws.min) || Number.isNaN(draws.max) ? "draws that are not numbers (NaN)" : `draws as large as ${draws.max}`;
      issues.push({
        code: "out_of_range",
        path,
        message: `${describeDistribution(record as unknown as DistributionSpec)} gives ${got} in its tails (1 draw in 2^53): every draw must be a finite number of at most ${MAX_DRAW}; use parameters on a sensible scale`,
      });
    }
  }
  return issues;
}

/** The largest draw a distribution may give, in its own unit: larger would be no duration or count a model means. */
export const MAX_DRAW = 1e12;

/** The uniforms the tails are probed at: 0, 2⁻⁵³, the middle, and 1 − 2⁻⁵³ (the largest a stream gives). */
const PROBES = [0, 1.1102230246251565e-16, 0.5, 1 - 1.1102230246251565e-16];

/**
 * The smallest and largest draws of a valid spec, probed at the extreme uniforms a stream can give
 * (NaN if a draw is not a number). A probe gives its uniform first and 0.5 after, so a sampler
 * that draws several uniforms (a rejection loop) ends.
 */
export function drawRange(spec: DistributionSpec): { min: number; max: number } {
  const sampler = createSampler(spec);
  let min = Infinity;
  let max = -Infinity;
  for (const first of PROBES) {
    let calls = 0;
    const x = sampler.sample({ double: () => (calls++ === 0 ? first : 0.5) });
    if (Number.isNaN(x)) return { min: NaN, max: NaN };
    min = Math.min(min, x);
    max = Math.max(max, x);
  }
  return { min, max };
}

/** Gathers issues for one spec's parameters. */
class Checker {
  constructor(
    private readonly family: DistributionType,
    private readonly record: Record<string, unknown>,
    private readonly path: IssuePath,
    private readonly issues: Issue[],
    private readonly nonNegative: boolean,
  ) {}

  /** Checks one parameter; true when the rules may read it (see `Rule` in families.ts). */
  parameter({ name, kind, expected }: Parameter): boolean {
    switch (kind) {
      case "positive":
        return this.ranged(name, expected ?? "a number > 0", (x) => x > 0, "> 0", true);
      case "real":
        return this.finite(name, expected ?? "a number") !== undefined;
      case "quantity":
        return this.nonNegative ? this.ranged(name, expected ?? "a number ≥ 0", (x) => x >= 0, "≥ 0", false) : this.finite(name, expected ?? "a number") !== undefined;
      case "count":
        return this.ranged(name, expected ?? "a whole number ≥ 1", (x) => Number.isInteger(x) && x >= 1, "a whole number ≥ 1", false);
      case "probability":
        return this.ranged(name, expected ?? "a probability in [0, 1]", (x) => x >= 0 && x <= 1, "in [0, 1]", false);
      case "flag": {
        const value = this.record[name];
        if (value === undefined || typeof value === "boolean") return true;
        this.issues.push({
          code: "invalid_type",
          path: [...this.path, name],
          message: `${this.family} ${name} must be true or false, got ${describeValue(value)}`,
        });
        return false;
      }
      case "quantities":
        return this.numbers(name, this.nonNegative) !== undefined;
      case "probabilities":
        return this.probabilities(name) !== undefined;
    }
  }

  /**
   * A finite number for which `ok` holds, else "<family> <key> must be <rule>, got <value>".
   * Readable when finite, or only when also `ok` if `strict`.
   */
  private ranged(key: string, expected: string, ok: (x: number) => boolean, rule: string, strict: boolean): boolean {
    const value = this.finite(key, expected);
    if (value === undefined) return false;
    if (ok(value)) return true;
    this.issues.push({ code: "out_of_range", path: [...this.path, key], message: `${this.family} ${key} must be ${rule}, got ${value}` });
    return !strict;
  }

  /** A finite number; `expected` says what was wanted, for the message. */
  private finite(key: string, expected: string): number | undefined {
    const value = this.record[key];
    const at = [...this.path, key];
    if (value === undefined) {
      this.issues.push({ code: "missing", path: at, message: `${this.family} ${key} is required: ${expected}` });
      return undefined;
    }
    if (typeof value !== "number") {
      this.issues.push({ code: "invalid_type", path: at, message: `${this.family} ${key} must be ${expected}, got ${describeValue(value)}` });
      return undefined;
    }
    if (!Number.isFinite(value)) {
      this.issues.push({ code: "invalid_value", path: at, message: `${this.family} ${key} must be a finite number (${expected}), got ${value}` });
      return undefined;
    }
    return value;
  }

  /** A nonempty array of finite numbers (≥ 0 if asked); undefined if the array itself is unusable. */
  private numbers(key: string, nonNegative: boolean): unknown[] | undefined {
    const list = this.list(key, nonNegative ? "numbers ≥ 0" : "numbers");
    if (list === undefined) return undefined;
    list.forEach((value, i) => {
      const at = [...this.path, key, i];
      if (typeof value !== "number" || !Number.isFinite(value)) {
        this.issues.push({
          code: typeof value === "number" ? "invalid_value" : "invalid_type",
          path: at,
          message: `${this.family} ${key}[${i}] must be a finite number, got ${describeValue(value)}`,
        });
      } else if (nonNegative && value < 0) {
        this.issues.push({ code: "out_of_range", path: at, message: `${this.family} ${key}[${i}] must be ≥ 0, got ${value}` });
      }
    });
    return list;
  }

  /** A nonempty array of probabilities in [0, 1] summing to 1. Returns the array if it was an array. */
  private probabilities(key: string): unknown[] | undefined {
    const list = this.list(key, "probabilities");
    if (list === undefined) return undefined;
    let allFinite = true;
    let sum = 0;
    list.forEach((value, i) => {
      const at = [...this.path, key, i];
      if (typeof value !== "number" || !Number.isFinite(value)) {
        allFinite = false;
        this.issues.push({
          code: typeof value === "number" ? "invalid_value" : "invalid_type",
          path: at,
          message: `${this.family} ${key}[${i}] must be a finite number in [0, 1], got ${describeValue(value)}`,
        });
        return;
      }
      sum += value;
      if (!(value >= 0 && value <= 1)) {
        this.issues.push({ code: "out_of_range", path: at, message: `${this.family} ${key}[${i}] must be in [0, 1], got ${value}` });
      }
    });
    if (allFinite && !(Math.abs(sum - 1) <= PROBABILITY_SUM_TOLERANCE)) {
      this.issues.push({
        code: "does_not_sum",
        path: [...this.path, key],
        message: `${this.family} ${key} must sum to 1 (within ${PROBABILITY_SUM_TOLERANCE}), got a sum of ${sum}`,
      });
    }
    return list;
  }

  private list(key: string, what: string): unknown[] | undefined {
    const value = this.record[key];
    const at = [...this.path, key];
    if (value === undefined) {
      this.issues.push({ code: "missing", path: at, message: `${this.family} ${key} is required: a nonempty array of ${what}` });
      return undefined;
    }
    if (!Array.isArray(value)) {
      this.issues.push({ code: "invalid_type", path: at, message: `${this.family} ${key} must be an array of ${what}, got ${describeValue(value)}` });
      return undefined;
    }
    if (value.length === 0) {
      this.issues.push({ code: "invalid_value", path: at, message: `${this.family} ${key} must be a nonempty array of ${what}, got []` });
      return undefined;
    }
    return value as unknown[];
  }
}

/** A value as the distribution messages show it: 4, null, the string "4", an array, a object. */
function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return `a ${typeof value}`;
}
