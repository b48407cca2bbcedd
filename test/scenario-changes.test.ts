import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { PathflowInputError, formatIssue } from "../src/errors.js";
import { validateModelObject, type LoadedModel } from "../src/model/load.js";
import { applyScenario, describeScenario, resolveScenario, validateScenarios } from "../src/model/scenario.js";

/**
 * A scenario's changes are applied to the model as written — `set` replaces or adds a value,
 * `scale` multiplies the numbers at a path — and the result is validated again; a change that
 * cannot be applied or makes the model invalid is reported at that change.
 */

const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Raw = any;

interface Change {
  path: string;
  set?: unknown;
  scale?: number;
  why?: string;
}

/** The fixture system with an extra scenario "s" holding `changes`. */
function withScenario(changes: Change[]): LoadedModel {
  const raw: Raw = JSON.parse(readFileSync(`${FIXTURES}system.json`, "utf8"));
  raw.scenarios.s = { description: "test", changes };
  const result = validateModelObject(raw, FIXTURES);
  expect(result.issues.map(formatIssue)).toEqual([]);
  return { file: "system.json", dir: FIXTURES, raw, model: result.model!, tables: result.tables };
}

function resolved(changes: Change[]): Raw {
  return resolveScenario(withScenario(changes), "s").model;
}

function problems(changes: Change[]): string[] {
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

describe("set", () => {
  it("replaces a number", () => {
    expect(resolved([{ path: "nodes.acute.servers", set: 75 }]).nodes.acute.servers).toBe(75);
  });

  it("reaches into arrays with .0. or [0], and keys like * with [\"*\"]", () => {
    const model = resolved([
      { path: "nodes.acute.outcomes.*.0.pct", set: 50 },
      { path: 'nodes.acute.outcomes["*"][1].pct', set: 45 },
      { path: "nodes.acute.outcomes[*][3].to", set: "exit" },
    ]);
    expect(model.nodes.acute.outcomes["*"].map((o: Raw) => o.pct)).toEqual([50, 45, 4, 1]);
    expect(model.nodes.acute.outcomes["*"][3].to).toBe("exit");
  });

  it("adds a key the schema allows where the parent exists", () => {
    const model = resolved([{ path: "nodes.acute.losStretch", set: { perPointBelowReferencePct: 0.5, referenceOccupancyPct: 92 } }]);
    expect(model.nodes.acute.losStretch).toEqual({ perPointBelowReferencePct: 0.5, referenceOccupancyPct: 92 });
  });

  it("replaces a whole object, e.g. a fixed capacity by a calendar", () => {
    const calendar = { calendar: [{ fromHour: 0, value: 15 }, { fromHour: 8, value: 25 }] };
    expect(resolved([{ path: "nodes.ed.cubicles", set: calendar }]).nodes.ed.cubicles).toEqual(calendar);
  });

  it("sets null where null is allowed (no handover cap)", () => {
    expect(resolved([{ path: "nodes.ambulance.handoverCapMin", set: null }]).nodes.ambulance.handoverCapMin).toBeNull();
  });
});

describe("scale", () => {
  it("multiplies a number nested in a distribution", () => {
    const model = resolved([{ path: "nodes.acute.durationDays.mean", scale: 0.5 }]);
    expect(model.nodes.acute.durationDays).toEqual({ type: "lognormal", mean: 3.7, sd: 8.6 });
  });

  it("scales a distribution as a variable: location and scale parameters, not shape or k", () => {
    const model = resolved([
      { path: "nodes.acute.durationDays", scale: 0.5 },
      { path: "nodes.care-home-place.delayDays", scale: 2 },
      { path: "nodes.community.durationDays", scale: 2 },
    ]);
    expect(model.nodes.acute.durationDays).toEqual({ type: "lognormal", mean: 3.7, sd: 4.3 });
    expect(model.nodes["care-home-place"].delayDays).toEqual({ type: "erlang", k: 2, mean: 28 });
    expect(model.nodes.community.durationDays).toEqual({ type: "gamma", shape: 2, scale: 20 });
  });

  it("rounds whole-number parameters: 60 beds × 1.1 = 66, not 66.00000000000001", () => {
    expect(resolved([{ path: "nodes.acute.servers", scale: 1.1 }]).nodes.acute.servers).toBe(66);
  });

  it("scales a capacity calendar's values, never its hours", () => {
    const model = resolved([{ path: "nodes.ambulance.vehicles", scale: 1.5 }]);
    expect(model.nodes.ambulance.vehicles.calendar.map((e: Raw) => [e.fromHour, e.value])).toEqual([
      [0, 6],
      [8, 9],
      [20, 6],
    ]);
  });

  it("scales every number in an array", () => {
    const model = resolved([{ path: "nodes.ed.assessmentMultiplierByAcuity", scale: 2 }]);
    expect(model.nodes.ed.assessmentMultiplierByAcuity).toEqual([1.6, 2, 2.6]);
  });

  it("scales a value the model leaves at its default", () => {
    expect(resolved([{ path: "segments.care-home.demandMultiplier", scale: 0.77 }]).segments["care-home"].demandMultiplier).toBe(0.77);
  });

  it("applies changes in order", () => {
    const model = resolved([
      { path: "nodes.acute.servers", set: 100 },
      { path: "nodes.acute.servers", scale: 0.5 },
    ]);
    expect(model.nodes.acute.servers).toBe(50);
  });
});

describe("problems", () => {
  it("an unknown parameter is reported at the change's path", () => {
    expect(problems([{ path: "nodes.acute.servers", set: 70 }, { path: "nodes.acute.bedz", set: 70 }])).toEqual([
      'scenarios.s.changes[1].path: no such parameter "nodes.acute.bedz": nodes.acute has no "bedz"; it has type, description, role, servers, waitingRoom, discipline, acceptHeld, durationMin, durationHours, durationDays, losMultiplierByAcuity, losStretch, outcomes',
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
      'scenarios.s.changes[1].set: nodes.ed.cubicles: expected a whole number ≥ 0 or an object {calendar}, got "many"',
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
    (loaded.raw as Raw).scenarios.t = { changes: [{ path: "run.days", set: 0 }] };
    expect(validateScenarios({ ...loaded, model: { ...loaded.model, scenarios: { ...loaded.model.scenarios, t: { description: "", changes: [] } } } }).map(formatIssue)).toEqual([
      expect.stringMatching(/^scenarios\.s\.changes\[0\]\.path: no such parameter "nodes\.acute\.bedz"/),
      "scenarios.t.changes[0].set: run.days: expected a number > 0, got 0",
    ]);
  });
});

describe("applyScenario and describeScenario", () => {
  it("returns a deep copy and leaves the model as written untouched", () => {
    const loaded = withScenario([{ path: "nodes.acute.durationDays", scale: 0.5 }]);
    const before = JSON.stringify(loaded.raw);
    const changed = applyScenario(loaded.raw, "s") as Raw;
    expect(changed.nodes.acute.durationDays.mean).toBe(3.7);
    expect(JSON.stringify(loaded.raw)).toBe(before);
    expect(applyScenario(loaded.raw, "baseline")).toEqual(loaded.raw);
    expect(applyScenario(loaded.raw, "baseline")).not.toBe(loaded.raw);
  });

  it("describes each change as 'path: before → after (why)'", () => {
    const loaded = withScenario([
      { path: "nodes.acute.servers", set: 70, why: "ten more beds" },
      { path: "segments.care-home.demandMultiplier", scale: 0.77, why: "23% fewer admissions" },
      { path: "nodes.acute.durationDays", scale: 0.9 },
    ]);
    expect(describeScenario(loaded.model, "s")).toEqual([
      "nodes.acute.servers: 60 → 70 (ten more beds)",
      "segments.care-home.demandMultiplier: 1 → 0.77 (×0.77; 23% fewer admissions)",
      "nodes.acute.durationDays: lognormal(mean 7.4, sd 8.6) → lognormal(mean 6.66, sd 7.74) (×0.9)",
    ]);
    expect(describeScenario(loaded.model, "baseline")).toEqual([]);
  });
});
