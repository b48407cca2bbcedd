import { describe } from "vitest";
import { itReportsEachCase, type CrossCheckCase } from "./helpers/cross-checks.js";

/**
 * Percentages that share out a whole — outcome lists, hour-of-day profiles, acuity mixes — must sum
 * to 100 (within 1e-6); a list that does not is one issue at the list, giving the sum it got.
 */

const cases: CrossCheckCase[] = [
  {
    name: "outcome percentages that do not sum to 100",
    change: (m) => (m.nodes.acute.outcomes["*"][0].pct = 50),
    expected: [{ path: ["nodes", "acute", "outcomes", "*"], code: "does_not_sum", message: "the pct of these outcomes must sum to 100, got 95" }],
  },
  {
    name: "outcome percentages within 1e-6 of 100 are accepted",
    change: (m) => {
      m.nodes.community.outcomes["*"] = [
        { pct: 100 / 3, to: "exit" },
        { pct: 100 / 3, to: "exit" },
        { pct: 100 / 3, to: "homecare" },
      ];
    },
    expected: [],
  },
  {
    name: "an hour-of-day profile that does not sum to 100",
    change: (m) => (m.segments.adults.arrivals[0].hourOfDayPct[23] = 3),
    expected: [{ path: ["segments", "adults", "arrivals", 0, "hourOfDayPct"], code: "does_not_sum", message: "hourOfDayPct must sum to 100, got 102" }],
  },
  {
    name: "an acuity mix that does not sum to 100",
    change: (m) => (m.segments.adults.acuityPct = [30, 50, 30]),
    expected: [{ path: ["segments", "adults", "acuityPct"], code: "does_not_sum", message: "acuityPct must sum to 100, got 110" }],
  },
];

describe("shares must sum to 100", () => {
  itReportsEachCase(cases);
});
