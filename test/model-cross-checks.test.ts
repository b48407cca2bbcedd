import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { formatIssue, type Issue, type IssueCode } from "../src/errors.js";
import { validateModelObject } from "../src/model/load.js";

/**
 * Rules the schema cannot express alone — references, sums, one entry per acuity band, calendars
 * covering the week, a baseline — are checked across the model; each broken rule is one issue at
 * the offending value, saying what is wrong and what was expected.
 */

const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Raw = any;

/** A small valid system (ambulance, ED, acute, community, home care, placement; 3 acuity bands). */
function system(): Raw {
  return JSON.parse(readFileSync(`${FIXTURES}system.json`, "utf8"));
}

function issuesAfter(change: (raw: Raw) => void): Issue[] {
  const raw = system();
  change(raw);
  return validateModelObject(raw, FIXTURES).issues;
}

interface Case {
  name: string;
  change: (raw: Raw) => void;
  /** The issues expected, in order, as "path: message" (a RegExp matches the message). */
  expected: Array<{ path: Array<string | number>; code: IssueCode; message: string | RegExp }>;
}

const cases: Case[] = [
  {
    name: "arrivals to a node that does not exist",
    change: (m) => (m.segments.adults.arrivals[0].to = "ee"),
    expected: [
      {
        path: ["segments", "adults", "arrivals", 0, "to"],
        code: "unknown_reference",
        message: 'no node named "ee" (did you mean "ed"?); expected a node id (ambulance, ed, acute, community, homecare, care-home-place)',
      },
    ],
  },
  {
    name: "arrivals straight to exit",
    change: (m) => (m.segments.adults.arrivals[0].to = "exit"),
    expected: [{ path: ["segments", "adults", "arrivals", 0, "to"], code: "invalid_value", message: 'arrivals must go to a node, not "exit"' }],
  },
  {
    name: "an outcome to a node that does not exist",
    change: (m) => (m.nodes.acute.outcomes["*"][2].to = "comunity"),
    expected: [
      {
        path: ["nodes", "acute", "outcomes", "*", 2, "to"],
        code: "unknown_reference",
        message: /^no node named "comunity" \(did you mean "community"\?\); expected "exit" or a node id \(/,
      },
    ],
  },
  {
    name: "ED admission to a node that is not a unit",
    change: (m) => (m.nodes.ed.admission.to = "homecare"),
    expected: [
      {
        path: ["nodes", "ed", "admission", "to"],
        code: "invalid_value",
        message: 'admitted patients must go to a node of type "unit", but "homecare" is of type "homecare"',
      },
    ],
  },
  {
    name: "ED discharge to a node that does not exist",
    change: (m) => (m.nodes.ed.dischargeTo = "home"),
    expected: [{ path: ["nodes", "ed", "dischargeTo"], code: "unknown_reference", message: /^no node named "home"; expected "exit" or a node id/ }],
  },
  {
    name: "ambulance conveying to a node that is not an ED",
    change: (m) => (m.nodes.ambulance.to = "acute"),
    expected: [
      {
        path: ["nodes", "ambulance", "to"],
        code: "invalid_value",
        message: 'conveyed patients must go to a node of type "ed", but "acute" is of type "unit"',
      },
    ],
  },
  {
    name: "a node called exit",
    change: (m) => {
      m.nodes.exit = m.nodes["care-home-place"];
    },
    expected: [{ path: ["nodes", "exit"], code: "invalid_value", message: /^"exit" is reserved for leaving the system/ }],
  },
  {
    name: "outcomes keyed by a segment that does not exist",
    change: (m) => {
      m.nodes.acute.outcomes.carehome = m.nodes.acute.outcomes["care-home"];
      delete m.nodes.acute.outcomes["care-home"];
    },
    expected: [
      {
        path: ["nodes", "acute", "outcomes", "carehome"],
        code: "unknown_reference",
        message: 'no segment named "carehome" (did you mean "care-home"?): outcome lists are keyed by "*" (every segment) or a segment id (adults, care-home)',
      },
    ],
  },
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
    name: "an outcome with no duration of its own on a unit without one",
    change: (m) => {
      delete m.nodes.community.durationDays;
      m.nodes.community.outcomes["*"][0].durationDays = { type: "exponential", mean: 20 };
    },
    expected: [
      {
        path: ["nodes", "community", "outcomes", "*", 1],
        code: "missing",
        message: "this outcome has no duration: give durationMin, durationHours or durationDays on it or on the unit",
      },
    ],
  },
  {
    name: "two durations on a unit",
    change: (m) => (m.nodes.acute.durationHours = { type: "exponential", mean: 100 }),
    expected: [{ path: ["nodes", "acute"], code: "invalid_value", message: "give at most one of durationMin, durationHours, durationDays; got durationHours and durationDays" }],
  },
  {
    name: "two durations on an outcome",
    change: (m) => {
      m.nodes.acute.outcomes["*"][1].durationMin = { type: "exponential", mean: 30 };
      m.nodes.acute.outcomes["*"][1].durationDays = { type: "exponential", mean: 3 };
    },
    expected: [
      {
        path: ["nodes", "acute", "outcomes", "*", 1],
        code: "invalid_value",
        message: "give at most one of durationMin, durationHours, durationDays; got durationMin and durationDays",
      },
    ],
  },
  {
    name: "arrivals with no rate",
    change: (m) => delete m.segments.adults.arrivals[1].ratePerDay,
    expected: [
      { path: ["segments", "adults", "arrivals", 1], code: "invalid_value", message: "give exactly one of ratePerDay, meanInterarrivalDays, ratesCsv; got none" },
    ],
  },
  {
    name: "arrivals with two rates",
    change: (m) => (m.segments.adults.arrivals[1].meanInterarrivalDays = 0.05),
    expected: [
      {
        path: ["segments", "adults", "arrivals", 1],
        code: "invalid_value",
        message: "give exactly one of ratePerDay, meanInterarrivalDays, ratesCsv; got ratePerDay and meanInterarrivalDays",
      },
    ],
  },
  {
    name: "an hour-of-day profile with a rates CSV",
    change: (m) => (m.segments["care-home"].arrivals[0].dayOfWeekMultiplier = [1, 1, 1, 1, 1, 1, 1]),
    expected: [
      {
        path: ["segments", "care-home", "arrivals", 0, "dayOfWeekMultiplier"],
        code: "invalid_value",
        message: "dayOfWeekMultiplier cannot be combined with ratesCsv, which already gives the rate for every hour of the week",
      },
    ],
  },
  {
    name: "an hour-of-day profile that does not sum to 100",
    change: (m) => (m.segments.adults.arrivals[0].hourOfDayPct[23] = 3),
    expected: [{ path: ["segments", "adults", "arrivals", 0, "hourOfDayPct"], code: "does_not_sum", message: "hourOfDayPct must sum to 100, got 102" }],
  },
  {
    name: "an acuity mix with too few bands",
    change: (m) => (m.segments.adults.acuityPct = [50, 50]),
    expected: [{ path: ["segments", "adults", "acuityPct"], code: "invalid_value", message: "acuityPct needs one entry per acuity band (3: 1, 2, 3), got 2" }],
  },
  {
    name: "an acuity mix that does not sum to 100",
    change: (m) => (m.segments.adults.acuityPct = [30, 50, 30]),
    expected: [{ path: ["segments", "adults", "acuityPct"], code: "does_not_sum", message: "acuityPct must sum to 100, got 110" }],
  },
  {
    name: "per-band lists of the wrong length",
    change: (m) => {
      m.nodes.ambulance.categoryByAcuity = ["C4", "C3", "C2", "C1"];
      m.nodes.acute.losMultiplierByAcuity = [1, 1];
      m.nodes.ed.assessmentMultiplierByAcuity = [1];
      m.segments["care-home"].demandMultiplierByAcuity = [1, 1, 1, 1, 1];
    },
    expected: [
      { path: ["segments", "care-home", "demandMultiplierByAcuity"], code: "invalid_value", message: "demandMultiplierByAcuity needs one entry per acuity band (3: 1, 2, 3), got 5" },
      { path: ["nodes", "ambulance", "categoryByAcuity"], code: "invalid_value", message: "categoryByAcuity needs one entry per acuity band (3: 1, 2, 3), got 4" },
      { path: ["nodes", "ed", "assessmentMultiplierByAcuity"], code: "invalid_value", message: "assessmentMultiplierByAcuity needs one entry per acuity band (3: 1, 2, 3), got 1" },
      { path: ["nodes", "acute", "losMultiplierByAcuity"], code: "invalid_value", message: "losMultiplierByAcuity needs one entry per acuity band (3: 1, 2, 3), got 2" },
    ],
  },
  {
    name: "two acuity bands with the same name",
    change: (m) => (m.acuityBands = ["low", "mid", "low"]),
    expected: [{ path: ["acuityBands", 2], code: "invalid_value", message: 'acuity band "low" is listed twice (also acuityBands[0]); band names must differ' }],
  },
  {
    name: "a capacity calendar with days not covered from hour 0 (a gap)",
    change: (m) => (m.nodes.ambulance.vehicles.calendar[0].days = ["Mon", "Tue", "Wed", "Thu", "Fri"]),
    expected: [
      {
        path: ["nodes", "ambulance", "vehicles", "calendar"],
        code: "invalid_value",
        message: "gap: Sat, Sun have no entry from hour 0; every day needs an entry with fromHour 0",
      },
    ],
  },
  {
    name: "a capacity calendar setting the same day and hour twice",
    change: (m) => m.nodes.ambulance.vehicles.calendar.push({ days: ["Mon"], fromHour: 8, value: 3 }),
    expected: [
      {
        path: ["nodes", "ambulance", "vehicles", "calendar", 3],
        code: "invalid_value",
        message: "Mon from hour 8 is already set by calendar[1]; each day and hour may appear once",
      },
    ],
  },
  {
    name: "a gap in an ED cubicle calendar",
    change: (m) => (m.nodes.ed.cubicles = { calendar: [{ days: ["Sun"], fromHour: 8, value: 10 }] }),
    expected: [
      {
        path: ["nodes", "ed", "cubicles", "calendar"],
        code: "invalid_value",
        message: "gap: Mon, Tue, Wed, Thu, Fri, Sat, Sun have no entry from hour 0; every day needs an entry with fromHour 0",
      },
    ],
  },
  {
    name: "a segment that reaches a unit with no outcomes for it",
    change: (m) => {
      m.nodes.acute.outcomes.adults = m.nodes.acute.outcomes["*"];
      delete m.nodes.acute.outcomes["*"];
      m.segments.children = { arrivals: [{ route: "walk-in", to: "ed", ratePerDay: 5 }] };
    },
    expected: [
      {
        path: ["nodes", "acute", "outcomes"],
        code: "missing",
        message: 'segment "children" reaches this unit (arrivals → ed → acute) but has no outcomes here: add a list under "*" or "children"',
      },
    ],
  },
  {
    name: "a unit with unlimited servers and no waiting room is fine",
    change: (m) => {
      m.nodes.community.servers = "unlimited";
      m.nodes.community.waitingRoom = 0;
    },
    expected: [],
  },
  {
    name: "a home-care package larger on average than all the hours delivered",
    change: (m) => {
      m.nodes.homecare.paidHoursPerWeek = 10;
      m.nodes.homecare.deliveredPerPaidHour = 0.8;
    },
    expected: [
      {
        path: ["nodes", "homecare", "packageHoursPerWeek"],
        code: "out_of_range",
        message:
          "a package needs 10 hours per week on average, more than the 8 care hours delivered per week (paidHoursPerWeek 10 × deliveredPerPaidHour 0.8): most packages could never start",
      },
    ],
  },
  {
    name: "hear-and-treat and see-and-treat shares above 100%",
    change: (m) => {
      m.nodes.ambulance.hearAndTreatPct.C4 = 120;
      m.nodes.ambulance.seeAndTreatPct.C1 = 100.5;
    },
    expected: [
      { path: ["nodes", "ambulance", "hearAndTreatPct", "C4"], code: "out_of_range", message: "expected a number from 0 to 100, got 120" },
      { path: ["nodes", "ambulance", "seeAndTreatPct", "C1"], code: "out_of_range", message: "expected a number from 0 to 100, got 100.5" },
    ],
  },
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

describe("cross-checks", () => {
  it("the fixture itself is valid", () => {
    expect(issuesAfter(() => {}).map(formatIssue)).toEqual([]);
  });

  for (const c of cases) {
    it(c.name, () => {
      const issues = issuesAfter(c.change);
      expect(issues.map(formatIssue), "number of issues").toHaveLength(c.expected.length);
      c.expected.forEach((expected, i) => {
        const issue = issues[i]!;
        expect(issue.path).toEqual(expected.path);
        expect(issue.code).toBe(expected.code);
        if (typeof expected.message === "string") expect(issue.message).toBe(expected.message);
        else expect(issue.message).toMatch(expected.message);
      });
    });
  }

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
});
