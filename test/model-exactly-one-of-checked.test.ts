import { describe } from "vitest";
import { itReportsEachCase, type CrossCheckCase } from "./helpers/cross-checks.js";

/**
 * Where a model offers alternative forms — a duration in minutes, hours or days; an arrival rate per
 * day, a mean interarrival time or a rates CSV — exactly one is given (a duration on the unit or on
 * each outcome), and options that would contradict a rates CSV are refused.
 */

const cases: CrossCheckCase[] = [
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
];

describe("alternative fields: exactly one is given", () => {
  itReportsEachCase(cases);
});
