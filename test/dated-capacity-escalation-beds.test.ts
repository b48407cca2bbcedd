import { describe, expect, it } from "vitest";
import { compileModel } from "../src/model/compile.js";
import type { CompiledCapacity } from "../src/model/compiled.js";
import { validateModelObject } from "../src/model/load.js";
import { planExperiment } from "../src/experiment/plan.js";
import { runExperiment } from "../src/experiment/experiment.js";
import { timeseries } from "../src/experiment/summaries.js";
import type { LoadedModel } from "../src/model/load.js";

/**
 * Dated capacity: winter escalation beds (every year 1 December to 31 March, or once between two
 * dates) exist exactly on those days — in the warm-up, in every year of a multi-year run, with 29
 * February in a leap year — layered over the fixed value or the weekly calendar.
 */
const MS_PER_DAY = 86_400_000;
const det = (value: number) => ({ type: "deterministic", value });

function ward(servers: unknown, run: Record<string, unknown>) {
  return {
    name: "ward",
    run: { replications: 1, seed: 1, ...run },
    segments: { p: { arrivals: [{ route: "other", to: "beds", ratePerDay: 5 }] } },
    nodes: { beds: { type: "unit", role: "acute", servers, durationDays: det(1), outcomes: { "*": [{ pct: 100, to: "exit" }] } } },
  };
}

function compiled(raw: unknown): { capacity: CompiledCapacity; startHour: number; day0: number } {
  const v = validateModelObject(raw, ".");
  expect(v.issues).toEqual([]);
  const model = compileModel(v.model!, v.tables);
  const node = model.nodes[0]!;
  if (node.kind !== "unit") throw new Error("not a unit");
  return { capacity: node.servers, startHour: model.startHour, day0: model.epochDay0! };
}

/** The capacity a compiled calendar gives at model time t (hours). */
function at(c: CompiledCapacity, t: number): number {
  if (c.kind === "fixed") return c.value;
  const { period, times, capacities } = c.calendar;
  const offset = t % period;
  let i = 0;
  while (i + 1 < times.length && times[i + 1]! <= offset) i++;
  return capacities[i]!;
}

/** The calendar date (UTC) of model time t in a run whose time 0 is 00:00 + startHour on epoch day day0. */
const dateAt = (day0: number, startHour: number, t: number) => new Date((day0 * 24 + startHour + t) * 3_600_000);

describe("dated capacity periods", () => {
  it("every winter from 1 December to 31 March, over four years of warm-up and results, leap year included", () => {
    const servers = { value: 300, dated: [{ from: "12-01", to: "03-31", add: 30 }] };
    const { capacity, startHour, day0 } = compiled(ward(servers, { startDate: "2026-10-01", warmupDays: 400, days: 1000, startHour: 7 }));
    expect(new Date(day0 * MS_PER_DAY).toISOString().slice(0, 10)).toBe("2025-08-27"); // 400 days before the start date
    let winterDays = 0;
    let leapDay = false;
    // Every hour of the run: 330 beds exactly when the calendar date is in December to March.
    for (let t = 0.5; t < (400 + 1000) * 24; t += 1) {
      const d = dateAt(day0, startHour, t);
      const month = d.getUTCMonth() + 1;
      const winter = month === 12 || month <= 3;
      if (at(capacity, t) !== (winter ? 330 : 300)) throw new Error(`${d.toISOString()}: ${at(capacity, t)} beds`);
      if (winter && d.getUTCHours() === 0) winterDays++;
      if (month === 2 && d.getUTCDate() === 29 && at(capacity, t) === 330) leapDay = true;
    }
    expect(leapDay).toBe(true);
    // Winters reached: 2025/26 (Dec–Mar, 121 days), 2026/27 (121), 2027/28 (122), 2028/29 (121), and
    // the run ends on 2029-06-26, before the next one.
    expect(winterDays).toBe(121 + 121 + 122 + 121);
    // Changes fall at 00:00 on the calendar day: model time of 2026-12-01 00:00 is a change point.
    const dec1 = (Date.UTC(2026, 11, 1) / MS_PER_DAY - day0) * 24 - startHour;
    expect(at(capacity, dec1 - 1e-6)).toBe(300);
    expect(at(capacity, dec1)).toBe(330);
  });

  it("layered over a weekly calendar: a set period replaces it, adds sum on top, never below 0", () => {
    // Weekdays 20 beds, weekends 10; set to 5 from 2027-01-04 to 2027-01-10; add 3 from 2027-01-08 for ever; remove 50 on 2027-02-01.
    const servers = {
      calendar: [{ days: ["Mon", "Tue", "Wed", "Thu", "Fri"], fromHour: 0, value: 20 }, { days: ["Sat", "Sun"], fromHour: 0, value: 10 }],
      dated: [
        { from: "2027-01-04", to: "2027-01-10", set: 5 },
        { from: "2027-01-08", add: 3 },
        { from: "2027-02-01", to: "2027-02-01", add: -50 },
      ],
    };
    const { capacity, startHour, day0 } = compiled(ward(servers, { startDate: "2027-01-01", warmupDays: 0, days: 60 }));
    const noon = (iso: string) => (Date.parse(`${iso}T12:00:00Z`) / MS_PER_DAY - day0) * 24 - startHour;
    expect(at(capacity, noon("2027-01-01"))).toBe(20); // a Friday
    expect(at(capacity, noon("2027-01-02"))).toBe(10); // Saturday: the weekly calendar follows the real weekday
    expect(at(capacity, noon("2027-01-04"))).toBe(5);
    expect(at(capacity, noon("2027-01-08"))).toBe(8); // set 5, plus 3
    expect(at(capacity, noon("2027-01-09"))).toBe(8); // a Saturday inside the set period: still set
    expect(at(capacity, noon("2027-01-11"))).toBe(23); // Monday after: calendar 20 + 3
    expect(at(capacity, noon("2027-01-16"))).toBe(13); // Saturday: 10 + 3
    expect(at(capacity, noon("2027-02-01"))).toBe(0); // 23 − 50, held at 0
    expect(at(capacity, noon("2027-02-02"))).toBe(23);
  });

  it("the daily series shows the escalation beds on exactly the dated days, with the date beside the day", async () => {
    const raw = ward({ value: 40, dated: [{ from: "2026-12-01", to: "2027-03-31", add: 10 }] }, { startDate: "2026-11-25", warmupDays: 3, days: 130 });
    const v = validateModelObject(raw, ".");
    const loaded: LoadedModel = { file: "ward.json", dir: ".", raw, model: v.model!, tables: v.tables, dataDirs: [] };
    const result = await runExperiment(planExperiment(loaded, { replications: 2 }), { workers: 1 });
    const rows = timeseries(result).filter((r) => r.metric === "beds_capacity");
    expect(rows).toHaveLength(130);
    expect(rows[0]).toMatchObject({ day: 1, date: "2026-11-25", unit: "servers" });
    for (const row of rows) {
      const inPeriod = row.date >= "2026-12-01" && row.date <= "2027-03-31";
      expect(row.mean, row.date).toBe(inPeriod ? 50 : 40);
    }
    expect(rows.find((r) => r.date === "2027-04-01")!.day).toBe(128);
  });
});
