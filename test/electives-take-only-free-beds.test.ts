import { describe, expect, it } from "vitest";
import { runModel } from "./helpers/run-model.js";
import { plannedWard as ward } from "../validation/electives.js";

/**
 * An elective booked list takes only beds that are free at its admission hour, beyond the reserve,
 * and cancels the rest — checked on a small deterministic ward where the answer is known by hand.
 *
 * Three beds, no emergencies, two bookings a day at 08:00, every elective staying exactly 2.5 days
 * (leaving at 20:00 two days later). By hand, with no reserve, the days repeat every three:
 *   day 0: 3 free → both admitted;  day 1: 1 free → 1 admitted, 1 cancelled;
 *   day 2: the day-0 pair leaves only at 20:00, 0 free → both cancelled;  day 3 is day 0 again.
 * So per day 1 admitted, 1 cancelled (50%), and 3 stays × 2.5 days per 3 days = 2.5 beds in use.
 */
describe("elective bookings take only free beds and are cancelled otherwise", () => {
  it("no reserve: 1 admitted and 1 cancelled a day, 2.5 beds in use, exactly as by hand", () => {
    const r = runModel(ward({}));
    expect(r.kpis["ward_electives_admitted_per_day"]).toBe(1);
    expect(r.kpis["ward_electives_cancelled_per_day"]).toBe(1);
    expect(r.kpis["ward_electives_cancelled_pct"]).toBe(50);
    expect(r.kpis["ward_electives_lost_per_day"]).toBe(1);
    expect(r.kpis["ward_elective_bed_days"]).toBeCloseTo(750, 9);
    expect(r.kpis["ga_occupancy_pct"]).toBeCloseTo((100 * 2.5) / 3, 9);
    // Electives are planned: not emergency admissions.
    expect(r.kpis["admissions_per_day"]).toBe(0);
    // Every booking is a patient generated; those cancelled for good have left.
    const c = r.conservation;
    expect(c.generated).toBe(c.avoided + c.exited + c.inSystem);
    expect(c.generated).toBe(2 * 303);
  });

  it("a reserve of 1 bed: a booking takes a bed only if 2 or more are free (2 admitted, 4 cancelled every 3 days)", () => {
    // day 0: 3 free → A (2 left, > 1) → B; day 1: 1 free → both cancelled; day 2: 1 free (the pair leaves at 20:00) → both cancelled.
    const r = runModel(ward({ reserveBeds: 1 }));
    expect(r.kpis["ward_electives_admitted_per_day"]).toBeCloseTo(2 / 3, 12);
    expect(r.kpis["ward_electives_cancelled_per_day"]).toBeCloseTo(4 / 3, 12);
    expect(r.kpis["ward_electives_cancelled_pct"]).toBeCloseTo((100 * 4) / 6, 9);
    expect(r.kpis["ward_elective_bed_days"]).toBeCloseTo(500, 9);
  });

  it("rebooked once after a day, before that day's new bookings: 1 admitted, 3 cancellations and 1 lost a day", () => {
    // From day 3 the days repeat every three (rebooked ones first, each booking at most twice):
    //   day 3: 2 free → the 2 rebooked admitted; the 2 new cancelled (rebooked);
    //   day 4: 1 free → 1 rebooked admitted, the other lost; the 2 new cancelled (rebooked);
    //   day 5: 0 free → the 2 rebooked lost; the 2 new cancelled (rebooked).
    const r = runModel(ward({ rebook: { afterDays: 1, maxTimes: 1 } }));
    expect(r.kpis["ward_electives_admitted_per_day"]).toBe(1);
    expect(r.kpis["ward_electives_cancelled_per_day"]).toBe(3);
    expect(r.kpis["ward_electives_cancelled_pct"]).toBe(75);
    expect(r.kpis["ward_electives_lost_per_day"]).toBe(1);
    expect(r.kpis["ward_elective_bed_days"]).toBeCloseTo(750, 9);
    const c = r.conservation;
    expect(c.generated).toBe(c.avoided + c.exited + c.inSystem);
  });

  it("a fractional rate books whole patients, the total within one of rate × days; a weekday profile books no one at weekends", () => {
    const unlimited = (electives: Record<string, unknown>) => {
      const m = ward(electives, 7 * 40);
      m.nodes.ward.servers = "unlimited";
      m.run.warmupDays = 0;
      return m;
    };
    const r = runModel(unlimited({ bookingsPerDay: 2.5 }));
    expect(r.kpis["ward_electives_admitted_per_day"]).toBe(2.5);
    expect(r.kpis["ward_electives_cancelled_per_day"]).toBe(0);
    // Mon–Fri 1.4 each, none at weekends: 7 a week, all on weekdays (the run starts on a Monday).
    const events: [number, string][] = [];
    runModel(unlimited({ bookingsPerDay: 1, dayOfWeekMultiplier: [1.4, 1.4, 1.4, 1.4, 1.4, 0, 0] }), (t, _id, event) => {
      if (event === "elective") events.push([t, event]);
    });
    expect(events.length).toBe(7 * 40);
    expect(events.every(([t]) => Math.floor(t / 24) % 7 < 5)).toBe(true);
    expect(events.every(([t]) => t % 24 === 8)).toBe(true);
  });
});
