import { describe, expect, it } from "vitest";
import { compileCapacity } from "../src/model/compile.js";
import { validateModelObject } from "../src/model/load.js";
import { byClass, runModel } from "./helpers/run-model.js";

/**
 * `run.startHour` starts the run (its warm-up) at an hour of the day: hourly profiles and capacity
 * calendars are read from that hour. Arrivals with opening hours are diverted outside them —
 * out of the model (counted in diverted_per_day) or to another node — as data, not code.
 */
const det = (value: number) => ({ type: "deterministic", value });
const onlyHour = (h: number) => Array.from({ length: 24 }, (_, i) => (i === h ? 100 : 0));

function clinic(run: Record<string, unknown>, arrivals: Record<string, unknown>) {
  return {
    name: "clinic",
    run: { replications: 1, seed: 3, ...run },
    segments: { p: { arrivals: [{ route: "walk-in", to: "desk", ratePerDay: 100, ...arrivals }] } },
    nodes: {
      desk: { type: "unit", servers: "unlimited", durationHours: det(0.1), outcomes: { "*": [{ pct: 100, to: "exit" }] } },
      overflow: { type: "unit", servers: "unlimited", durationHours: det(0.1), outcomes: { "*": [{ pct: 100, to: "exit" }] } },
    },
  };
}

describe("start hour and opening hours", () => {
  it("a run starting at 06:00 sees the 06:00 arrivals in its first hour", () => {
    const times: number[] = [];
    runModel(clinic({ days: 1, warmupDays: 0, startHour: 6 }, { hourOfDayPct: onlyHour(6) }), (t, _id, event) => {
      if (event === "arrive") times.push(t);
    });
    expect(times.length).toBeGreaterThan(60);
    expect(Math.max(...times)).toBeLessThan(1); // all within the first hour of the run
  });

  it("arrivals outside the opening hours go out of the model, counted per day and left out of time in system", () => {
    const r = runModel(clinic({ days: 200, warmupDays: 0, startHour: 6 }, { opensAtHour: 8, closesAtHour: 20 }));
    expect(r.kpis.diverted_per_day!).toBeGreaterThan(45);
    expect(r.kpis.diverted_per_day!).toBeLessThan(55); // half of 100 a day
    expect(r.kpis.desk_arrivals_per_day! + r.kpis.diverted_per_day!).toBeCloseTo(r.conservation.generated / 200, 9);
    expect(byClass(r, "time_in_system_mean_hours")).toBeCloseTo(0.1, 9);
    expect(byClass(r, "exits_per_day")!).toBeCloseTo(r.kpis.desk_departures_per_day!, 1);
  });

  it("opening hours over midnight, diverted to another node", () => {
    const events: [number, string, string][] = [];
    runModel(clinic({ days: 20, warmupDays: 0, startHour: 6 }, { opensAtHour: 22, closesAtHour: 2, divertTo: "overflow" }), (t, _id, event, node) => events.push([t, event, node]));
    const clock = (t: number) => (t + 6) % 24;
    const atDesk = events.filter((e) => e[1] === "enter" && e[2] === "desk");
    const elsewhere = events.filter((e) => e[1] === "enter" && e[2] === "overflow");
    expect(atDesk.length).toBeGreaterThan(100);
    expect(atDesk.every((e) => clock(e[0]) >= 22 || clock(e[0]) < 2)).toBe(true);
    expect(elsewhere.every((e) => clock(e[0]) < 22 && clock(e[0]) >= 2)).toBe(true);
  });

  it("a capacity calendar follows the model's day and hour: a run from Wednesday 06:00 starts with Wednesday's 06:00 value", () => {
    const calendar = { calendar: [{ fromHour: 0, value: 1 }, { days: ["Wed" as const], fromHour: 6, value: 9 }, { days: ["Wed" as const], fromHour: 12, value: 1 }] };
    const c = compileCapacity(calendar, 2 * 24 + 6);
    expect(c.kind).toBe("calendar");
    if (c.kind !== "calendar") return;
    expect(c.calendar.times[0]).toBe(0);
    expect(c.calendar.capacities[0]).toBe(9);
    expect(c.calendar.times[1]).toBe(6); // back to 1 at noon
    expect(c.calendar.capacities[1]).toBe(1);
    expect(c.mean).toBeCloseTo((9 * 6 + 1 * 162) / 168, 12);
  });

  it("bad opening hours and start hours are refused with their paths", () => {
    const issues = (run: Record<string, unknown>, arrivals: Record<string, unknown>) => validateModelObject(clinic({ days: 1, warmupDays: 0, ...run }, arrivals), ".").issues.map((i) => i.path.join("."));
    expect(issues({ startHour: 24 }, {})).toEqual(["run.startHour"]);
    expect(issues({}, { opensAtHour: 8, closesAtHour: 8 })).toEqual(["segments.p.arrivals.0.closesAtHour"]);
    expect(issues({}, { divertTo: "overflow" })).toEqual(["segments.p.arrivals.0.divertTo"]);
    expect(issues({}, { closesAtHour: 20, divertTo: "nowhere" })).toEqual(["segments.p.arrivals.0.divertTo"]);
  });
});
