import { describe } from "vitest";
import { itReportsEachCase, type CrossCheckCase } from "./helpers/cross-checks.js";

/**
 * A model has a baseline scenario, which the others are compared with, and every scenario change
 * says what to do (set or scale).
 */

const cases: CrossCheckCase[] = [
  {
    name: "no baseline scenario",
    change: (m) => delete m.scenarios.baseline,
    expected: [
      {
        path: ["scenarios"],
        code: "missing",
        message: 'no scenario named "baseline": add "baseline": {} (the model as written), which the other scenarios are compared with',
      },
    ],
  },
  {
    name: "a scenario change with neither set nor scale",
    change: (m) => m.scenarios["frailty-service"].changes.push({ path: "nodes.acute.servers" }),
    expected: [
      { path: ["scenarios", "frailty-service", "changes", 2], code: "missing", message: "a change needs set (a new value) or scale (a factor)" },
    ],
  },
];

describe("scenarios have a baseline and well-formed changes", () => {
  itReportsEachCase(cases);
});
