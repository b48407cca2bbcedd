import { describe, expect, it } from "vitest";
import { PathflowInputError, formatIssue } from "../src/errors.js";
import { applyScenario, resolveScenario, validateScenarios } from "../src/model/scenario.js";
import type { Raw } from "./helpers/model-fixtures.js";
import { problems, withScenario } from "./helpers/scenario.js";

/**
 * A change that cannot be applied, or that makes the model invalid, is reported at that change; every
 * problem of a scenario (and of every scenario) together; an unknown scenario name lists the names.
 */

describe("a scenario's problems are reported at its changes", () => {
  it("an unknown parameter is reported at the change's path", () => {
    expect(problems([{ path: "nodes.acute.servers", set: 70 }, { path: "nodes.acute.bedz", set: 70 }])).toEqual([
      'scenarios.s.changes[1].path: no such parameter "nodes.acute.bedz": nodes.acute has no "bedz"; it has type, description, role, servers, waitingRoom, discipline, acceptHeld, patience, durationMin, durationHours, durationDays, losMultiplierByAcuity, losStretch, outcomes, electives',
    ]);
  });

  it("an unknown node in a path suggests the likely one", () => {
    expect(problems([{ path: "nodes.acutee.servers", scale: 1.1 }])).toEqual([
      'scenarios.s.changes[0].path: no such parameter "nodes.acutee.servers": nodes has no "acutee"; did you mean "acute"?',
    ]);
  });

  it("an index past the end of a list", () => {
    expect(problems([{ path: "nodes.acute.outcomes.*.7.pct", set: 1 }])).toEqual([
      'scenarios.s.changes[0].path: no such parameter "nodes.acute.outcomes.*.7.pct": nodes.acute.outcomes["*"] is a list of 4, indices 0 to 3',
    ]);
  });

  it("scaling something that is not set and has no default", () => {
    expect(problems([{ path: "nodes.ed.dischargeTo", scale: 2 }, { path: "nodes.community.losMultiplierByAcuity", scale: 2 }])).toEqual([
      'scenarios.s.changes[0].scale: nothing to scale at "nodes.ed.dischargeTo": it holds "exit", with no numbers in it',
      'scenarios.s.changes[1].path: "nodes.community.losMultiplierByAcuity" is not set in the model, so there is nothing to scale; use set',
    ]);
  });

  it("a value the schema rejects is reported at the change that set it", () => {
    expect(problems([{ path: "nodes.acute.servers", set: -1 }, { path: "nodes.ed.cubicles", set: "many" }])).toEqual([
      "scenarios.s.changes[0].set: nodes.acute.servers: expected a whole number ≥ 0, got -1",
      'scenarios.s.changes[1].set: nodes.ed.cubicles: expected a whole number ≥ 0, an object {calendar, dated} or an object {value, dated}, got "many"',
    ]);
  });

  it("a change that breaks a cross-check elsewhere is reported for the scenario", () => {
    expect(problems([{ path: "nodes.acute.outcomes.*.0.pct", set: 50 }])).toEqual([
      'scenarios.s: with this scenario, nodes.acute.outcomes["*"]: the pct of these outcomes must sum to 100, got 95',
    ]);
  });

  it("every problem of a scenario is reported together", () => {
    expect(problems([{ path: "nodes.acute.bedz", set: 70 }, { path: "nodes.ed.cubicles", set: -1 }, { path: "nodes.acute.outcomes.*.0.pct", set: 50 }])).toEqual([
      expect.stringMatching(/^scenarios\.s\.changes\[0\]\.path: no such parameter "nodes\.acute\.bedz"/),
      "scenarios.s.changes[1].set: nodes.ed.cubicles: expected a whole number ≥ 0, got -1",
      'scenarios.s: with this scenario, nodes.acute.outcomes["*"]: the pct of these outcomes must sum to 100, got 95',
    ]);
  });

  it("an unknown scenario name lists the scenarios", () => {
    const loaded = withScenario([]);
    const error = (() => {
      try {
        applyScenario(loaded.raw, "frailty");
      } catch (e) {
        return e as PathflowInputError;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(PathflowInputError);
    expect(error!.issues.map(formatIssue)).toEqual([
      'scenarios: no scenario named "frailty"; scenarios are baseline, frailty-service, s',
    ]);
    expect(() => resolveScenario(loaded, "frailty_service")).toThrow(/no scenario named "frailty_service" \(did you mean "frailty-service"\?\)/);
  });

  it("validateScenarios gathers the problems of every scenario", () => {
    const loaded = withScenario([{ path: "nodes.acute.bedz", set: 1 }]);
    (loaded.raw as Raw).scenarios.t = { changes: [{ path: "nodes.acute.servers", set: -1 }] };
    expect(validateScenarios({ ...loaded, model: { ...loaded.model, scenarios: { ...loaded.model.scenarios, t: { description: "", changes: [] } } } }).map(formatIssue)).toEqual([
      expect.stringMatching(/^scenarios\.s\.changes\[0\]\.path: no such parameter "nodes\.acute\.bedz"/),
      "scenarios.t.changes[0].set: nodes.acute.servers: expected a whole number ≥ 0, got -1",
    ]);
  });
});
