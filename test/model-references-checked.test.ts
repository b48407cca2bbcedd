import { describe } from "vitest";
import { itReportsEachCase, type CrossCheckCase } from "./helpers/cross-checks.js";

/**
 * Every reference in a model names something that exists and can take it: arrivals and outcomes go to
 * nodes (or exit, where allowed), the ED admits to a unit, the ambulance conveys to an ED, outcome
 * lists are keyed by segments, and every segment reaching a unit finds outcomes there. A broken
 * reference is one issue at the reference, suggesting the likely name.
 */

const cases: CrossCheckCase[] = [
  {
    name: "home care deterioration to a node that does not exist",
    change: (m) => (m.nodes.homecare.deterioration = { afterWeeks: { type: "exponential", mean: 4 }, to: "ambulanse" }),
    expected: [
      {
        path: ["nodes", "homecare", "deterioration", "to"],
        code: "unknown_reference",
        message: 'no node named "ambulanse" (did you mean "ambulance"?); expected a node id (ambulance, ed, acute, community, homecare, care-home-place)',
      },
    ],
  },
  ...["constructor", "toString", "hasOwnProperty", "valueOf"].map(
    (name): CrossCheckCase => ({
      name: `an outcome to "${name}", a name every object inherits`,
      change: (m) => (m.nodes.acute.outcomes["*"][0].to = name),
      expected: [{ path: ["nodes", "acute", "outcomes", "*", 0, "to"], code: "unknown_reference", message: new RegExp(`^no node named "${name}"`) }],
    }),
  ),
  {
    name: 'arrivals to "toString"',
    change: (m) => (m.segments.adults.arrivals[0].to = "toString"),
    expected: [{ path: ["segments", "adults", "arrivals", 0, "to"], code: "unknown_reference", message: /^no node named "toString"/ }],
  },
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
];

describe("references to nodes and segments are checked", () => {
  itReportsEachCase(cases);
});
