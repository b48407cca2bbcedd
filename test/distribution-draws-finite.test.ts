import { describe, expect, it } from "vitest";
import { formatIssue } from "../src/errors.js";
import { validateModelObject } from "../src/model/load.js";
import { FIXTURES, issuesAfter, issuesOf, mmc } from "./helpers/model-fixtures.js";

/**
 * Every draw a duration can give is a finite number, checked when the model is validated: a
 * distribution whose extreme tails give NaN or Infinity (or absurdly large times) is refused at its
 * path, never found at run time as "cannot schedule at NaN" (exit 1) or a patient held for ever;
 * and a duration multiplier cannot push a finite stay to infinity.
 */
describe("durations whose draws are not finite", () => {
  it("a lognormal so large that its draws are NaN", () => {
    const m = mmc();
    m.nodes.servers.durationHours = { type: "lognormal", mean: 1e300, sd: 1e300 };
    expect(issuesOf(m).map(formatIssue)).toEqual([
      "nodes.servers.durationHours: lognormal(mean 1e+300, sd 1e+300) gives draws that are not numbers (NaN) in its tails (1 draw in 2^53): every draw must be a finite number of at most 1000000000000; use parameters on a sensible scale",
    ]);
  });

  it("a weibull whose upper tail is infinite", () => {
    const m = mmc();
    m.nodes.servers.durationHours = { type: "weibull", shape: 0.001, scale: 1 };
    expect(issuesOf(m).map(formatIssue)).toEqual([expect.stringMatching(/^nodes\.servers\.durationHours: weibull\(shape 0\.001, scale 1\) gives draws as large as Infinity in its tails/)]);
  });

  it("a normal near the largest number", () => {
    const m = mmc();
    m.nodes.servers.durationHours = { type: "normal", mean: 1e308, sd: 1e308 };
    expect(issuesOf(m).map(formatIssue)).toEqual([expect.stringMatching(/^nodes\.servers\.durationHours: normal\(.*\) gives draws as large as Infinity/)]);
  });

  it("an ambulance time in a model with many durations is named at its own path", () => {
    const issues = issuesAfter((m) => (m.nodes.ambulance.onSceneMin = { type: "gamma", mean: 1e200, sd: 1e300 }));
    expect(issues.map((i) => i.path)).toEqual([["nodes", "ambulance", "onSceneMin"]]);
  });

  it("a length-of-stay multiplier above 1000 is refused", () => {
    expect(issuesAfter((m) => (m.nodes.acute.losMultiplierByAcuity = [0.7, 1, 1e300])).map(formatIssue)).toEqual([
      "nodes.acute.losMultiplierByAcuity[2]: a duration multiplier must be at most 1000, got 1e+300",
    ]);
  });

  it("wide but finite distributions are accepted", () => {
    for (const spec of [
      { type: "lognormal", mean: 5, sd: 50 },
      { type: "weibull", shape: 0.3, scale: 2 },
      { type: "gamma", mean: 2, sd: 20 },
    ]) {
      const m = mmc();
      m.nodes.servers.durationHours = spec;
      expect(validateModelObject(m, FIXTURES).issues, JSON.stringify(spec)).toEqual([]);
    }
  });
});
