import { describe, it, expect } from "vitest";
import { checkDistribution } from "../src/model/distribution-check.js";
import { createSampler } from "../src/random/families.js";
import type { DistributionSpec } from "../src/random/distribution-spec.js";
import type { IssueCode } from "../src/errors.js";

/**
 * Every bad parameter is reported as an issue whose path ends at that parameter and whose message
 * names it, says what was expected and what was got; a valid spec has none.
 */

const AT = ["services", "acute", "lengthOfStay"] as const;

interface BadCase {
  spec: unknown;
  /** Path after AT. */
  path: Array<string | number>;
  code: IssueCode;
  /** Fragments the message must contain. */
  message: string[];
}

const bad: BadCase[] = [
  { spec: { type: "lognormal", mean: 7.4, sd: -1 }, path: ["sd"], code: "out_of_range", message: ["lognormal sd must be > 0, got -1"] },
  { spec: { type: "lognormal", mean: 0, sd: 2 }, path: ["mean"], code: "out_of_range", message: ["lognormal mean must be > 0, got 0"] },
  { spec: { type: "exponential", mean: -3 }, path: ["mean"], code: "out_of_range", message: ["exponential mean", "> 0", "got -3"] },
  { spec: { type: "exponential" }, path: ["mean"], code: "missing", message: ["exponential mean is required", "> 0"] },
  { spec: { type: "exponential", mean: "4" }, path: ["mean"], code: "invalid_type", message: ["exponential mean", 'got the string "4"'] },
  { spec: { type: "exponential", mean: NaN }, path: ["mean"], code: "invalid_value", message: ["exponential mean", "finite", "got NaN"] },
  { spec: { type: "exponential", mean: Infinity }, path: ["mean"], code: "invalid_value", message: ["exponential mean", "got Infinity"] },
  { spec: { type: "gamma", mean: 5, sd: 0 }, path: ["sd"], code: "out_of_range", message: ["gamma sd must be > 0, got 0"] },
  { spec: { type: "gamma", shape: -2, scale: 1 }, path: ["shape"], code: "out_of_range", message: ["gamma shape must be > 0, got -2"] },
  { spec: { type: "gamma", shape: 2, scale: 0 }, path: ["scale"], code: "out_of_range", message: ["gamma scale must be > 0, got 0"] },
  { spec: { type: "gamma", shape: 2 }, path: ["scale"], code: "missing", message: ["gamma scale is required"] },
  {
    spec: { type: "gamma", mean: 5, shape: 2 },
    path: [],
    code: "invalid_value",
    message: ["gamma takes either mean and sd or shape and scale", "got mean, shape"],
  },
  { spec: { type: "erlang", k: 2.5, mean: 3 }, path: ["k"], code: "out_of_range", message: ["erlang k must be a whole number ≥ 1, got 2.5"] },
  { spec: { type: "erlang", k: 0, mean: 3 }, path: ["k"], code: "out_of_range", message: ["erlang k", "got 0"] },
  { spec: { type: "erlang", k: 3, mean: -1 }, path: ["mean"], code: "out_of_range", message: ["erlang mean must be > 0, got -1"] },
  { spec: { type: "weibull", shape: 0, scale: 1 }, path: ["shape"], code: "out_of_range", message: ["weibull shape must be > 0, got 0"] },
  { spec: { type: "weibull", shape: 1, scale: -1 }, path: ["scale"], code: "out_of_range", message: ["weibull scale must be > 0, got -1"] },
  {
    spec: { type: "triangular", min: 1, mode: 7, max: 5 },
    path: ["mode"],
    code: "out_of_range",
    message: ["triangular mode must be between min (1) and max (5), got 7"],
  },
  { spec: { type: "triangular", min: 5, mode: 5, max: 5 }, path: ["max"], code: "out_of_range", message: ["triangular max must be > min (5), got 5"] },
  { spec: { type: "triangular", min: -1, mode: 2, max: 5 }, path: ["min"], code: "out_of_range", message: ["triangular min must be ≥ 0, got -1"] },
  { spec: { type: "uniform", min: 3, max: 2 }, path: ["max"], code: "out_of_range", message: ["uniform max must be > min (3), got 2"] },
  { spec: { type: "uniform", min: -2, max: 2 }, path: ["min"], code: "out_of_range", message: ["uniform min must be ≥ 0, got -2"] },
  { spec: { type: "normal", mean: 5, sd: 0 }, path: ["sd"], code: "out_of_range", message: ["normal sd must be > 0, got 0"] },
  { spec: { type: "normal", mean: 5, sd: 1, truncateAtZero: "yes" }, path: ["truncateAtZero"], code: "invalid_type", message: ["normal truncateAtZero must be true or false"] },
  { spec: { type: "normal", mean: -50, sd: 1 }, path: ["mean"], code: "out_of_range", message: ["normal mean must be ≥ -30 × sd", "got -50"] },
  { spec: { type: "deterministic", value: -1 }, path: ["value"], code: "out_of_range", message: ["deterministic value must be ≥ 0, got -1"] },
  { spec: { type: "deterministic", value: Infinity }, path: ["value"], code: "invalid_value", message: ["deterministic value", "got Infinity"] },
  { spec: { type: "bernoulli", p: 1.5 }, path: ["p"], code: "out_of_range", message: ["bernoulli p must be in [0, 1], got 1.5"] },
  {
    spec: { type: "categorical", probabilities: [0.2, 0.3, 0.4] },
    path: ["probabilities"],
    code: "does_not_sum",
    message: ["categorical probabilities must sum to 1", "got a sum of 0.9"],
  },
  {
    spec: { type: "categorical", probabilities: [1.2, -0.2] },
    path: ["probabilities", 1],
    code: "out_of_range",
    message: ["categorical probabilities[1] must be in [0, 1], got -0.2"],
  },
  { spec: { type: "categorical", probabilities: [] }, path: ["probabilities"], code: "invalid_value", message: ["categorical probabilities must be a nonempty array"] },
  { spec: { type: "categorical", probabilities: [0.5, NaN] }, path: ["probabilities", 1], code: "invalid_value", message: ["probabilities[1]", "got NaN"] },
  {
    spec: { type: "empiricalDiscrete", values: [1, 2, 3], probabilities: [0.5, 0.5] },
    path: ["probabilities"],
    code: "invalid_value",
    message: ["empiricalDiscrete probabilities must have one entry per value (3), got 2"],
  },
  {
    spec: { type: "empiricalDiscrete", values: [1, -2], probabilities: [0.5, 0.5] },
    path: ["values", 1],
    code: "out_of_range",
    message: ["empiricalDiscrete values[1] must be ≥ 0, got -2"],
  },
  { spec: { type: "empirical", observations: [] }, path: ["observations"], code: "invalid_value", message: ["empirical observations must be a nonempty array"] },
  { spec: { type: "empirical", observations: [1, Infinity] }, path: ["observations", 1], code: "invalid_value", message: ["observations[1] must be a finite number, got Infinity"] },
  { spec: { type: "empirical", observations: [2, -0.5] }, path: ["observations", 1], code: "out_of_range", message: ["observations[1] must be ≥ 0, got -0.5"] },
  { spec: { type: "empirical", observations: "1,2,3" }, path: ["observations"], code: "invalid_type", message: ["empirical observations must be an array"] },
  { spec: { type: "lognormal", mean: 7.4, sdev: 8.61 }, path: ["sdev"], code: "unknown_key", message: ['lognormal has no parameter "sdev"', "mean, sd"] },
  { spec: { type: "logNormal", mean: 7.4, sd: 8.61 }, path: ["type"], code: "invalid_value", message: ["distribution type must be one of", "lognormal", 'got the string "logNormal"'] },
  { spec: { mean: 3 }, path: ["type"], code: "missing", message: ["distribution type is required"] },
  { spec: 4, path: [], code: "invalid_type", message: ["a distribution must be an object", "got 4"] },
];

describe("each bad parameter is an issue at its path, naming it", () => {
  it.each(bad.map((c) => [JSON.stringify(c.spec, (_k, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v)), c] as const))(
    "%s",
    (_label, { spec, path, code, message }) => {
      const issues = checkDistribution(spec, AT);
      const issue = issues.find((i) => i.path.length === AT.length + path.length && path.every((k, j) => i.path[AT.length + j] === k));
      expect(issue, `issues were ${JSON.stringify(issues)}`).toBeDefined();
      expect(issue!.path).toEqual([...AT, ...path]);
      expect(issue!.code).toBe(code);
      for (const fragment of message) expect(issue!.message).toContain(fragment);
    },
  );
});

describe("valid specs have no issues", () => {
  const good: DistributionSpec[] = [
    { type: "exponential", mean: 4 },
    { type: "lognormal", mean: 7.4, sd: 8.61 },
    { type: "gamma", mean: 5, sd: 2 },
    { type: "gamma", shape: 0.5, scale: 3 },
    { type: "erlang", k: 1, mean: 3 },
    { type: "weibull", shape: 1.5, scale: 2 },
    { type: "triangular", min: 0, mode: 0, max: 5 },
    { type: "triangular", min: 1, mode: 5, max: 5 },
    { type: "uniform", min: 0, max: 1 },
    { type: "normal", mean: -3, sd: 1 },
    { type: "normal", mean: -3, sd: 1, truncateAtZero: false },
    { type: "deterministic", value: 0 },
    { type: "empiricalDiscrete", values: [1, 2], probabilities: [0.3, 0.7] },
    { type: "empirical", observations: [4] },
    { type: "bernoulli", p: 0 },
    { type: "categorical", probabilities: [0.1, 0.2, 0.7 + 5e-10] },
  ];
  it.each(good.map((spec) => [JSON.stringify(spec), spec] as const))("%s", (_label, spec) => {
    expect(checkDistribution(spec, AT)).toEqual([]);
    expect(() => createSampler(spec)).not.toThrow();
  });
});
