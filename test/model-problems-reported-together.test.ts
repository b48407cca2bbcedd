import { describe, expect, it } from "vitest";
import { PathflowInputError, formatIssue } from "../src/errors.js";
import { loadModel } from "../src/model/load.js";
import { FIXTURES, issuesAfter, issuesOf, mmc } from "./helpers/model-fixtures.js";

/**
 * Every problem of a model is reported at once — schema problems and cross-check problems in the
 * same report, cross-checks still run on the parts that passed the schema — and loadModel throws one
 * PathflowInputError carrying them all, never a partial model.
 */

describe("all the problems of a model are reported together", () => {
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
      'nodes.servers.bedz: unknown key "bedz"; allowed keys are type, description, role, servers, waitingRoom, discipline, acceptHeld, patience, durationMin, durationHours, durationDays, losMultiplierByAcuity, losStretch, outcomes, electives',
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

  it("cross-checks still run on the valid parts when another part fails the schema", () => {
    const issues = issuesAfter((m) => {
      m.nodes.community.servers = -1; // schema problem: community cannot be cross-checked
      m.nodes.acute.outcomes["*"][0].pct = 50; // cross-check problem in a valid node
    }).map(formatIssue);
    expect(issues).toEqual([
      "nodes.community.servers: expected a whole number ≥ 0, got -1",
      'nodes.acute.outcomes["*"]: the pct of these outcomes must sum to 100, got 95',
    ]);
    // References to the invalid node are not reported as unknown.
    expect(issues.join("\n")).not.toMatch(/no node named "community"/);
  });

  it("throws one PathflowInputError carrying every issue, never a partial model", async () => {
    const error = await loadModel(`${FIXTURES}invalid-model.json`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PathflowInputError);
    const issues = (error as PathflowInputError).issues.map(formatIssue);
    expect(issues).toEqual([
      "run.replications: expected a whole number ≥ 1, got 0",
      'nodes.servers.bedz: unknown key "bedz"; allowed keys are type, description, role, servers, waitingRoom, discipline, acceptHeld, patience, durationMin, durationHours, durationDays, losMultiplierByAcuity, losStretch, outcomes, electives',
      'segments.customers.arrivals[0].to: no node named "sevrers" (did you mean "servers"?); expected a node id (servers)',
    ]);
    expect((error as Error).message).toMatch(/invalid-model\.json \(3 problems\):/);
  });
});
