import { describe } from "vitest";
import { itReportsEachCase, type CrossCheckCase } from "./helpers/cross-checks.js";

/**
 * A capacity calendar covers every day of the week from hour 0 and sets each day and hour once; a gap
 * or a repeat is one issue at the calendar.
 */

const cases: CrossCheckCase[] = [
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
];

describe("capacity calendars cover the week once", () => {
  itReportsEachCase(cases);
});
