import { describe, expect, it } from "vitest";
import { formatIssue } from "../src/errors.js";
import { runInProcess } from "./helpers/in-process.js";
import { issuesOf, mmc, type Raw } from "./helpers/model-fixtures.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { validateModelObject } from "../src/model/load.js";
import { FIXTURES } from "./helpers/model-fixtures.js";

/**
 * Ids are the user's: a segment or node may be called `constructor`, `toString`, `valueOf` or
 * `hasOwnProperty` — names every JavaScript object inherits — and the model validates and runs like
 * any other ("list is not iterable" before); a reference to such a name that no node has is
 * reported, never taken for the inherited function. A scenario may not be so called (its name is
 * a value in the report's charts, and the chart library takes it for its own): refused by name.
 */
const dir = tempDirEachTest("pathflow-inherited-names-");
const NAMES = ["constructor", "toString", "valueOf", "hasOwnProperty"];

/** mmc with its segment, node and compared scenario renamed. */
function renamed(segment: string, node: string, scenario = "more"): Raw {
  const m = mmc();
  m.segments = { [segment]: m.segments.customers };
  m.nodes = { [node]: m.nodes.servers };
  m.segments[segment].arrivals[0].to = node;
  m.scenarios = { baseline: m.scenarios.baseline, [scenario]: m.scenarios["eleven-servers"] };
  m.scenarios[scenario].changes[0].path = `nodes.${node}.servers`;
  return m;
}

describe("ids that are names every object inherits", () => {
  for (const name of NAMES) {
    it(`a segment and a node called ${name} validate; a scenario so called is refused by name`, () => {
      expect(validateModelObject(renamed(name, name), FIXTURES).issues.map(formatIssue)).toEqual([]);
      expect(issuesOf(renamed("people", "beds", name)).map(formatIssue)).toEqual([
        `scenarios.${name}: "${name}" cannot name a scenario: every JavaScript object has a "${name}", and the chart library that draws the report takes one for the other; rename the scenario`,
      ]);
    });
  }

  it("such a model runs, with finite results for every scenario", async () => {
    const file = join(dir(), "inherited.json");
    writeFileSync(file, JSON.stringify(renamed("toString", "constructor")));
    const run = await runInProcess(["run", file, "--reps", "2", "--days", "2", "--warmup-days", "0", "--quiet", "--out", join(dir(), "out")]);
    expect(run.code, run.stderr).toBe(0);
  });

  it("outcomes keyed by a segment called constructor are found; for one that is missing, reported", () => {
    const m = renamed("constructor", "servers");
    expect(validateModelObject(m, FIXTURES).issues).toEqual([]);
    m.nodes.servers.outcomes = { hasOwnProperty: m.nodes.servers.outcomes["*"] };
    expect(issuesOf(m).map(formatIssue)).toEqual([
      expect.stringMatching(/^nodes\.servers\.outcomes\.hasOwnProperty: no segment named "hasOwnProperty"/),
      expect.stringMatching(/^nodes\.servers\.outcomes: segment "constructor" reaches this unit .* but has no outcomes here/),
    ]);
  });
});
