import { describe, expect, it } from "vitest";
import { formatIssue } from "../src/errors.js";
import { itReportsEachCase, type CrossCheckCase } from "./helpers/cross-checks.js";
import { issuesAfter } from "./helpers/model-fixtures.js";

/**
 * An elective list is checked like every other key: unknown keys and bad values by the schema, and
 * what the schema cannot say alone — its segment and band exist, its outcomes sum to 100 and go
 * somewhere that can take electives, its reserve leaves a bed to book — each as one issue at the
 * offending value.
 */
const list = (extra: Record<string, unknown> = {}) => ({ bookingsPerDay: 10, losDays: { type: "exponential", mean: 3 }, segment: "adults", ...extra });

const cases: CrossCheckCase[] = [
  {
    name: "a segment that does not exist",
    change: (m) => (m.nodes.acute.electives = list({ segment: "adult" })),
    expected: [{ path: ["nodes", "acute", "electives", "segment"], code: "unknown_reference", message: /^no segment named "adult" \(did you mean "adults"\?\)/ }],
  },
  {
    name: "an acuity band that does not exist",
    change: (m) => (m.nodes.acute.electives = list({ acuityBand: "4" })),
    expected: [{ path: ["nodes", "acute", "electives", "acuityBand"], code: "unknown_reference", message: /^no acuity band named "4".*bands: 1, 2, 3$/ }],
  },
  {
    name: "a reserve as large as the unit",
    change: (m) => (m.nodes.acute.electives = list({ reserveBeds: 60 })),
    expected: [{ path: ["nodes", "acute", "electives", "reserveBeds"], code: "out_of_range", message: "a reserve of 60 beds at a unit of 60 leaves no bed an elective could ever take: the reserve must be below the unit's servers" }],
  },
  {
    name: "a weekday profile that books no one",
    change: (m) => (m.nodes.acute.electives = list({ dayOfWeekMultiplier: [0, 0, 0, 0, 0, 0, 0] })),
    expected: [{ path: ["nodes", "acute", "electives", "dayOfWeekMultiplier"], code: "invalid_value", message: /^every day's multiplier is 0/ }],
  },
  {
    name: "outcomes that do not sum to 100, one to a node that does not exist",
    change: (m) =>
      (m.nodes.acute.electives = list({
        outcomes: [
          { pct: 90, to: "exit" },
          { pct: 5, to: "comunity" },
        ],
      })),
    expected: [
      { path: ["nodes", "acute", "electives", "outcomes"], code: "does_not_sum", message: "the pct of these outcomes must sum to 100, got 95" },
      { path: ["nodes", "acute", "electives", "outcomes", 1, "to"], code: "unknown_reference", message: /^no node named "comunity" \(did you mean "community"\?\)/ },
    ],
  },
  {
    name: "electives going on to a unit with no outcomes for their segment",
    change: (m) => {
      m.nodes.community.outcomes = { "care-home": m.nodes.community.outcomes["*"] };
      m.nodes.acute.electives = list({ outcomes: [{ pct: 100, to: "community" }] });
      // (adults reach the community unit by their own routes too: that is reported as well)
    },
    expected: [
      { path: ["nodes", "acute", "electives", "outcomes", 0, "to"], code: "missing", message: 'electives (segment "adults") go on to "community", which has no outcomes for that segment: add "adults" or "*" to its outcomes' },
      { path: ["nodes", "community", "outcomes"], code: "missing", message: /adults/ },
    ],
  },
];

describe("elective lists are checked", () => {
  itReportsEachCase(cases);

  it("unknown keys and out-of-range values are schema errors naming the key", () => {
    const issues = issuesAfter((m) => (m.nodes.acute.electives = list({ bookingsPerDay: -1, admitAtHour: 25, rebook: { afterDays: 0.5, maxTimes: 0 }, cancelAfter: 3 }))).map(formatIssue);
    const text = issues.join("\n");
    expect(text).toMatch(/nodes\.acute\.electives\.bookingsPerDay/);
    expect(text).toMatch(/nodes\.acute\.electives\.admitAtHour/);
    expect(text).toMatch(/nodes\.acute\.electives\.rebook\.afterDays/);
    expect(text).toMatch(/nodes\.acute\.electives\.rebook\.maxTimes/);
    expect(text).toMatch(/cancelAfter/);
  });

  it("a missing length of stay or segment is named", () => {
    const issues = issuesAfter((m) => (m.nodes.acute.electives = { bookingsPerDay: 3 })).map(formatIssue).join("\n");
    expect(issues).toMatch(/nodes\.acute\.electives\.losDays/);
    expect(issues).toMatch(/nodes\.acute\.electives\.segment/);
  });
});
