import { describe } from "vitest";
import { itReportsEachCase, type CrossCheckCase } from "./helpers/cross-checks.js";

/**
 * Values must make sense together: shares of calls are at most 100%, a home-care package fits in the
 * hours delivered; an unlimited unit needs no waiting room.
 */

const cases: CrossCheckCase[] = [
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
];

describe("values are checked against what they share or fill", () => {
  itReportsEachCase(cases);
});
