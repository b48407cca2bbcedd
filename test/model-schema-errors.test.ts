import { describe, expect, it } from "vitest";
import { formatIssue } from "../src/errors.js";
import { issuesOf, mmc, only } from "./helpers/model-fixtures.js";

/**
 * A model that breaks the schema is reported as issues whose path points at the offending value and
 * whose message says in plain words what was expected and what was got.
 */

describe("schema problems are reported at the offending value", () => {
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
    expect(issue.message).toBe('expected a whole number ≥ 0, an object {calendar, dated}, an object {value, dated} or "unlimited", got "ten"');
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

  it("a model that is not an object", () => {
    expect(issuesOf([1, 2]).map(formatIssue)).toEqual(["(root): expected an object, got a list of 2 items"]);
  });
});
