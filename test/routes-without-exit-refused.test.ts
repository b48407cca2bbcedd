import { describe, expect, it } from "vitest";
import { formatIssue } from "../src/errors.js";
import { issuesAfter, issuesOf, mmc } from "./helpers/model-fixtures.js";

/**
 * Routes that loop with no way out are refused: patients of a segment who can reach a set of nodes
 * from which no route with a chance above zero leads to "exit" (or to home care or a placement,
 * which patients leave from) would stay for ever — before, such a model validated and its patients
 * piled up in silence.
 */
describe("routes that loop with no exit", () => {
  it("two units sending everyone to each other", () => {
    const m = mmc();
    m.nodes.other = structuredClone(m.nodes.servers);
    m.nodes.servers.outcomes["*"][0].to = "other";
    m.nodes.other.outcomes["*"][0].to = "servers";
    expect(issuesOf(m).map(formatIssue)).toEqual([
      'nodes.servers.outcomes: patients of segment "customers" who reach servers, other can never leave: their routes loop with no way out (no route with a pct above 0 leads on to "exit", home care or a placement)',
    ]);
  });

  it("a way out with a chance of 0 is no way out", () => {
    const m = mmc();
    m.nodes.servers.outcomes["*"] = [
      { pct: 100, to: "servers" },
      { pct: 0, to: "exit" },
    ];
    expect(issuesOf(m).map((i) => i.path)).toEqual([["nodes", "servers", "outcomes"]]);
  });

  it("a loop with some way out is accepted", () => {
    const m = mmc();
    m.nodes.servers.outcomes["*"] = [
      { pct: 90, to: "servers" },
      { pct: 10, to: "exit" },
    ];
    expect(issuesOf({ ...m, nodes: { ...m.nodes, servers: { ...m.nodes.servers, servers: -1 } } }).map(formatIssue)).toEqual([
      "nodes.servers.servers: expected a whole number ≥ 0, got -1", // only the planted problem
    ]);
  });

  it("in the whole system: the community ward sending everyone back to acute, acute to community", () => {
    const issues = issuesAfter((m) => {
      m.nodes.acute.outcomes["*"] = [{ pct: 100, to: "community" }];
      m.nodes.acute.outcomes["care-home"] = [{ pct: 100, to: "community" }];
      m.nodes.community.outcomes["*"] = [{ pct: 100, to: "acute" }];
    });
    expect(issues.map(formatIssue)).toEqual([
      'nodes.acute.outcomes: patients of segment "adults" who reach acute, community can never leave: their routes loop with no way out (no route with a pct above 0 leads on to "exit", home care or a placement)',
      'nodes.acute.outcomes: patients of segment "care-home" who reach acute, community can never leave: their routes loop with no way out (no route with a pct above 0 leads on to "exit", home care or a placement)',
    ]);
  });
});
