import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { PathflowInputError, formatIssue, type Issue } from "../src/errors.js";
import { loadModel, validateModelObject } from "../src/model/load.js";

/**
 * A model that breaks the schema is reported, all problems at once, as issues whose path points
 * at the offending value and whose message says in plain words what was expected and what was got.
 */

const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));
const MMC = fileURLToPath(new URL("../models/mmc.json", import.meta.url));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Raw = any;

function mmc(): Raw {
  return JSON.parse(readFileSync(MMC, "utf8"));
}

function issuesOf(raw: unknown): Issue[] {
  const result = validateModelObject(raw, FIXTURES);
  expect(result.model).toBeUndefined();
  return result.issues;
}

function only(raw: unknown): Issue {
  const issues = issuesOf(raw);
  expect(issues.map(formatIssue)).toHaveLength(1);
  return issues[0]!;
}

describe("schema problems", () => {
  it("a negative bed count: path and 'expected a whole number ≥ 0, got -5'", () => {
    const raw = mmc();
    raw.nodes.servers.servers = -5;
    const issue = only(raw);
    expect(issue.path).toEqual(["nodes", "servers", "servers"]);
    expect(issue.code).toBe("out_of_range");
    expect(issue.message).toBe("expected a whole number ≥ 0, got -5");
    expect(formatIssue(issue)).toBe("nodes.servers.servers: expected a whole number ≥ 0, got -5");
  });

  it("a fractional count and a negative seed", () => {
    const raw = mmc();
    raw.nodes.servers.servers = 2.5;
    raw.run.seed = -5;
    const issues = issuesOf(raw);
    expect(issues.map(formatIssue)).toEqual([
      "run.seed: expected a whole number ≥ 0, got -5",
      "nodes.servers.servers: expected a whole number ≥ 0, got 2.5",
    ]);
  });

  it("a word where a number or 'unlimited' was expected lists the forms allowed", () => {
    const raw = mmc();
    raw.nodes.servers.servers = "ten";
    const issue = only(raw);
    expect(issue.path).toEqual(["nodes", "servers", "servers"]);
    expect(issue.code).toBe("invalid_value");
    expect(issue.message).toBe('expected a whole number ≥ 0, an object {calendar} or "unlimited", got "ten"');
  });

  it("an unknown key is named, at its own path, with a likely correction", () => {
    const raw = mmc();
    raw.nodes.servers.bedz = 12;
    raw.nodes.servers.durationHour = raw.nodes.servers.durationHours;
    delete raw.nodes.servers.durationHours;
    const issues = issuesOf(raw).filter((i) => i.code === "unknown_key");
    expect(issues).toHaveLength(2);
    expect(issues[0]!.path).toEqual(["nodes", "servers", "bedz"]);
    expect(issues[0]!.message).toMatch(/^unknown key "bedz"; allowed keys are type, description, role, servers, /);
    expect(issues[1]!.path).toEqual(["nodes", "servers", "durationHour"]);
    expect(issues[1]!.message).toBe('unknown key "durationHour"; did you mean "durationHours"?');
  });

  it("an unknown key at the top level", () => {
    const raw = mmc();
    raw.replications = 5;
    const issue = only(raw);
    expect(issue.path).toEqual(["replications"]);
    expect(issue.message).toMatch(/^unknown key "replications"; allowed keys are \$schema, name, /);
  });

  it("a bad distribution parameter is reported at that parameter", () => {
    const raw = mmc();
    raw.nodes.servers.durationHours = { type: "lognormal", mean: 2, sd: -1 };
    const issue = only(raw);
    expect(issue.path).toEqual(["nodes", "servers", "durationHours", "sd"]);
    expect(issue.code).toBe("out_of_range");
    expect(issue.message).toBe("lognormal sd must be > 0, got -1");
  });

  it("an unknown distribution type lists the types", () => {
    const raw = mmc();
    raw.nodes.servers.durationHours = { type: "poisson", mean: 1 };
    const issue = only(raw);
    expect(issue.path).toEqual(["nodes", "servers", "durationHours", "type"]);
    expect(issue.message).toBe(
      'type must be one of "exponential", "lognormal", "gamma", "erlang", "weibull", "triangular", "uniform", "normal", "deterministic", "empiricalDiscrete", "empirical", got "poisson"',
    );
  });

  it("an unknown node type lists the node types", () => {
    const raw = mmc();
    raw.nodes.servers.type = "ward";
    const issue = only(raw);
    expect(issue.path).toEqual(["nodes", "servers", "type"]);
    expect(issue.code).toBe("invalid_value");
    expect(issue.message).toBe('type must be one of "unit", "ed", "ambulance", "homecare", "placement", got "ward"');
  });

  it("a missing required field says what belongs there", () => {
    const raw = mmc();
    delete raw.run.days;
    const issue = only(raw);
    expect(issue.path).toEqual(["run", "days"]);
    expect(issue.code).toBe("missing");
    expect(issue.message).toBe("missing: expected a number > 0 — Length of the results period, days");
  });

  it("a word outside a list of choices, a list of the wrong length, a bad id", () => {
    const raw = mmc();
    raw.nodes.servers.discipline = "lifo";
    raw.segments.customers.arrivals[0].hourOfDayPct = [50, 50];
    raw.segments["Care.home"] = raw.segments.customers;
    const issues = issuesOf(raw).map(formatIssue);
    expect(issues).toContain('nodes.servers.discipline: expected one of "fifo", "acuity", got "lifo"');
    expect(issues).toContain(
      "segments.customers.arrivals[0].hourOfDayPct: expected a list of exactly 24 items, each a number ≥ 0, got a list of 2 items",
    );
    expect(issues).toContain(
      `segments["Care.home"]: "Care.home" is not a valid id: expected an id of letters, digits, '-' or '_', starting with a letter`,
    );
  });

  it("several problems are reported together", () => {
    const raw = mmc();
    raw.nodes.servers.servers = -5;
    raw.nodes.servers.bedz = 1;
    raw.run.replications = 0;
    raw.nodes.servers.durationHours.mean = 0;
    const issues = issuesOf(raw);
    expect(issues.map(formatIssue)).toEqual([
      "run.replications: expected a whole number ≥ 1, got 0",
      "nodes.servers.servers: expected a whole number ≥ 0, got -5",
      "nodes.servers.durationHours.mean: exponential mean must be > 0, got 0",
      'nodes.servers.bedz: unknown key "bedz"; allowed keys are type, description, role, servers, waitingRoom, discipline, acceptHeld, durationMin, durationHours, durationDays, losMultiplierByAcuity, losStretch, outcomes',
    ]);
  });

  it("schema and cross-check problems in different parts come in the same report", () => {
    const raw = mmc();
    raw.run.replications = 0; // schema
    raw.segments.customers.arrivals[0].to = "sevrers"; // cross-check
    const issues = issuesOf(raw).map(formatIssue);
    expect(issues).toEqual([
      "run.replications: expected a whole number ≥ 1, got 0",
      'segments.customers.arrivals[0].to: no node named "sevrers" (did you mean "servers"?); expected a node id (servers)',
    ]);
  });

  it("a model that is not an object", () => {
    expect(issuesOf([1, 2]).map(formatIssue)).toEqual(["(root): expected an object, got a list of 2 items"]);
  });
});

describe("loadModel", () => {
  it("throws one PathflowInputError carrying every issue, never a partial model", async () => {
    const error = await loadModel(`${FIXTURES}invalid-model.json`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PathflowInputError);
    const issues = (error as PathflowInputError).issues.map(formatIssue);
    expect(issues).toEqual([
      "run.replications: expected a whole number ≥ 1, got 0",
      'nodes.servers.bedz: unknown key "bedz"; allowed keys are type, description, role, servers, waitingRoom, discipline, acceptHeld, durationMin, durationHours, durationDays, losMultiplierByAcuity, losStretch, outcomes',
      'segments.customers.arrivals[0].to: no node named "sevrers" (did you mean "servers"?); expected a node id (servers)',
    ]);
    expect((error as Error).message).toMatch(/invalid-model\.json \(3 problems\):/);
  });

  it("a JSON syntax error is reported with its line and column", async () => {
    const error = (await loadModel(`${FIXTURES}bad-syntax.json`).catch((e: unknown) => e)) as PathflowInputError;
    expect(error).toBeInstanceOf(PathflowInputError);
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]!.code).toBe("file");
    expect(error.issues[0]!.message).toMatch(/bad-syntax\.json is not valid JSON: .* at line 4, column 3$/);
  });

  it("a missing file is reported by name", async () => {
    const error = (await loadModel("no/such/model.json").catch((e: unknown) => e)) as PathflowInputError;
    expect(error).toBeInstanceOf(PathflowInputError);
    expect(error.issues).toEqual([{ code: "file", path: [], message: "cannot read no/such/model.json: no such file" }]);
  });

  it("a valid model loads with defaults applied and the raw JSON kept as written", async () => {
    const loaded = await loadModel(MMC);
    expect(loaded.model.nodes["servers"]).toMatchObject({ type: "unit", waitingRoom: "unlimited", discipline: "fifo" });
    expect(loaded.model.acuityBands).toEqual(["1", "2", "3", "4", "5"]);
    expect((loaded.raw as Raw).nodes.servers.waitingRoom).toBeUndefined();
    expect(loaded.file).toBe(MMC);
  });
});
