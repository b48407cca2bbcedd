import { describe, expect, it } from "vitest";
import { formatIssue } from "../src/errors.js";
import { validateScenarios } from "../src/model/scenario.js";
import { validateModelObject } from "../src/model/load.js";
import { FIXTURES, mmc, type Raw } from "./helpers/model-fixtures.js";

/**
 * A scenario changes the model, not the experiment: a change to `scenarios` (its own or another's)
 * or to the run settings that belong to the experiment (days, warm-up, replications, seed) is
 * refused at the change's path. Before, both were accepted and silently did nothing (or, for
 * run.days, went unestimated).
 */
function problems(changes: unknown[]): string[] {
  const raw: Raw = mmc();
  raw.scenarios["eleven-servers"].changes.push(...changes);
  const model = validateModelObject(raw, FIXTURES).model!;
  return validateScenarios({ file: "mmc.json", dir: FIXTURES, raw, model, tables: {} }).map(formatIssue);
}

describe("changes a scenario may not make", () => {
  it("to scenarios", () => {
    expect(problems([{ path: "scenarios.baseline.changes", set: [] }])).toEqual([
      "scenarios.eleven-servers.changes[1].path: a scenario cannot change scenarios (its own or another's): each scenario is applied to the model as written",
    ]);
  });

  it("to the experiment's run settings", () => {
    expect(problems([{ path: "run.days", set: 1e9 }, { path: "run.seed", set: 2 }, { path: "run", set: {} }])).toEqual([
      expect.stringMatching(/^scenarios\.eleven-servers\.changes\[1\]\.path: a scenario cannot change run\.days: days, warm-up, replications, seed and start date are the experiment's/),
      expect.stringMatching(/^scenarios\.eleven-servers\.changes\[2\]\.path: a scenario cannot change run\.seed/),
      expect.stringMatching(/^scenarios\.eleven-servers\.changes\[3\]\.path: a scenario cannot change the run settings/),
    ]);
  });

  it("to the run's start date: a change that starts on a date says so with from", () => {
    expect(problems([{ path: "run.startDate", set: "2027-01-01" }])).toEqual([
      expect.stringMatching(/^scenarios\.eleven-servers\.changes\[1\]\.path: a scenario cannot change run\.startDate: .*--start-date; a change that starts on a date takes from\)$/),
    ]);
  });

  it("the season a scenario starts in is still its to change", () => {
    expect(problems([{ path: "run.startMonth", set: "Dec" }])).toEqual([]);
  });
});
