import { describe, expect, it } from "vitest";
import { runModel } from "./helpers/run-model.js";

/**
 * A dated demand multiplier (a new service from a date) changes a segment's arrivals only from that
 * date, by the same thinning and added process as demandMultiplier: before the date the very same
 * patients arrive at the very same moments; after it, a multiplier below 1 keeps a subset of them,
 * one above 1 keeps all of them and adds others.
 */
const START = "2027-01-01";
const WARMUP = 31; // time 0 is 2026-12-01
const CUT_HOUR = (31 + 14) * 24; // 2027-01-15 00:00

function clinic(dated?: unknown, days = 30) {
  return {
    name: "clinic",
    run: { replications: 1, seed: 9, startDate: START, warmupDays: WARMUP, days },
    segments: { p: { acuityPct: [50, 50], ...(dated === undefined ? {} : { demandMultiplierByDate: dated }), arrivals: [{ route: "walk-in", to: "desk", ratePerDay: 400 }] } },
    acuityBands: ["low", "high"],
    nodes: { desk: { type: "unit", servers: "unlimited", durationHours: { type: "deterministic", value: 0.5 }, outcomes: { "*": [{ pct: 100, to: "exit" }] } } },
  };
}

/** Patient id → arrival time, of the patients who entered the model. */
function arrivals(raw: unknown): Map<number, number> {
  const out = new Map<number, number>();
  runModel(raw, (t, id, event) => {
    if (event === "arrive") out.set(id, t);
  });
  return out;
}

const split = (m: Map<number, number>) => {
  const before = [...m].filter(([, t]) => t < CUT_HOUR);
  const after = [...m].filter(([, t]) => t >= CUT_HOUR);
  return { before, after };
};

describe("a dated demand change acts only from its date", () => {
  const base = arrivals(clinic());

  it("a cut to 60% from 15 January: the same patients before, 60% of them after", () => {
    const cut = arrivals(clinic([{ from: "2027-01-15", multiplier: 0.6 }]));
    const b = split(base);
    const c = split(cut);
    expect(c.before).toEqual(b.before); // same ids, same times
    for (const [id, t] of c.after) expect(base.get(id)).toBe(t); // a subset of the baseline's patients
    expect(b.after.length).toBeGreaterThan(6000); // 16.5 days at 400 a day
    const share = c.after.length / b.after.length;
    const sd = Math.sqrt((0.6 * 0.4) / b.after.length);
    expect(Math.abs(share - 0.6)).toBeLessThan(5 * sd);
  });

  it("a rise to 150% for one week: every baseline patient still arrives, with about half as many again that week only", () => {
    const rise = arrivals(clinic([{ from: "2027-01-15", to: "2027-01-21", multiplier: 1.5 }]));
    for (const [id, t] of base) expect(rise.get(id), `patient ${id}`).toBe(t);
    const added = [...rise].filter(([id]) => id < 0).map(([, t]) => t);
    expect(Math.min(...added)).toBeGreaterThanOrEqual(CUT_HOUR);
    expect(Math.max(...added)).toBeLessThan(CUT_HOUR + 7 * 24);
    // 7 days × 400 × 0.5 = 1,400 expected.
    expect(Math.abs(added.length - 1400)).toBeLessThan(5 * Math.sqrt(1400));
  });

  it("a yearly period (every January) acts in January only: not in the warm-up's December, nor in February", () => {
    const yearly = arrivals(clinic([{ from: "01-01", to: "01-31", multiplier: 0 }], 45));
    const times = [...yearly.values()];
    expect(times.length).toBeGreaterThan(0);
    // Arrivals only in December 2026 (hours 0 to 744) and in February 2027 (after 2027-01-31).
    const janStart = 31 * 24;
    const febStart = (31 + 31) * 24;
    expect(times.every((t) => t < janStart || t >= febStart)).toBe(true);
    expect(times.some((t) => t < janStart)).toBe(true);
    expect(times.some((t) => t >= febStart)).toBe(true);
  });
});
