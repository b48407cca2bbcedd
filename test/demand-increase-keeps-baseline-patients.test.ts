import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileModel } from "../src/model/compile.js";
import { validateModelObject } from "../src/model/load.js";
import { runReplication } from "../src/pathway/run.js";
import type { PatientLedger } from "../src/pathway/ledger.js";

// Common random numbers in both directions: a demand multiplier above 1 adds patients from a
// process of their own, so every baseline patient is the same person (id, arrival time, acuity) in
// the scenario, and only the thinned bands lose anyone.

const CARE_HOME = 3; // segment index of care-home in models/ics-default.json

interface Arrival {
  time: number;
  node: string;
  event: string;
}

function run(change: (careHome: Record<string, unknown>) => void): { arrivals: Map<number, Arrival>; ledger: PatientLedger } {
  const raw = JSON.parse(readFileSync("models/ics-default.json", "utf8")) as { segments: Record<string, Record<string, unknown>> };
  change(raw.segments["care-home"]!);
  const v = validateModelObject(raw, "models");
  expect(v.issues).toEqual([]);
  const arrivals = new Map<number, Arrival>();
  const result = runReplication(compileModel(v.model!, v.tables), {
    replication: 0,
    seed: 11,
    days: 45,
    warmupDays: 15,
    ledger: true,
    onEvent: (time, id, event, node) => {
      if (event === "arrive" || event === "avoided") {
        if (event === "avoided") arrivals.delete(id); // an avoided patient traces only "avoided"
        if (!arrivals.has(id)) arrivals.set(id, { time, node, event });
      }
    },
  });
  return { arrivals, ledger: result.ledger! };
}

/** Band of each patient in a ledger, by id. */
function bands(ledger: PatientLedger): Map<number, number> {
  const out = new Map<number, number>();
  for (let i = 0; i < ledger.length; i++) out.set(ledger.id[i]!, ledger.band[i]!);
  return out;
}

function expectBaselineUnchanged(base: Map<number, Arrival>, scen: Map<number, Arrival>): void {
  let same = 0;
  for (const [id, a] of base) {
    const s = scen.get(id);
    expect(s, `baseline patient ${id} missing from the scenario`).toBeDefined();
    expect(s!.time).toBe(a.time);
    expect(s!.node).toBe(a.node);
    same++;
  }
  expect(same).toBeGreaterThan(10_000);
}

describe("a demand increase adds patients of its own and leaves every baseline patient the same person", () => {
  const baseline = run(() => {});

  it("care-home bands 1–2 ×0.5 with band 5 ×1.05: only bands 1–2 lose anyone; baseline patients keep id, arrival time and band", () => {
    const scenario = run((s) => (s["demandMultiplierByAcuity"] = [0.5, 0.5, 1, 1, 1.05]));
    expectBaselineUnchanged(baseline.arrivals, scenario.arrivals);

    // Nobody outside care-home bands 1–2 is avoided (in the ledger and in the event log).
    const l = scenario.ledger;
    let avoided = 0;
    for (let i = 0; i < l.length; i++) {
      if (l.avoided[i] !== 1) continue;
      avoided++;
      expect(l.segment[i], `avoided patient ${l.id[i]}`).toBe(CARE_HOME);
      expect(l.band[i], `avoided patient ${l.id[i]}`).toBeLessThanOrEqual(1);
    }
    const avoidedEvents = [...scenario.arrivals.values()].filter((a) => a.event === "avoided");
    expect(avoidedEvents.length).toBe(avoided);
    expect(avoidedEvents.every((a) => a.node.startsWith("care-home/"))).toBe(true);
    // Care-home bands 1–2 are 23% of ~27 arrivals a day; half avoided over 60 days ≈ 186.
    expect(avoided).toBeGreaterThan(120);
    expect(avoided).toBeLessThan(260);

    // Patients in both ledgers have the same band (the same keys, so the same draws).
    const bandB = bands(baseline.ledger);
    let common = 0;
    for (let i = 0; i < l.length; i++) {
      const b = bandB.get(l.id[i]!);
      if (b === undefined) continue;
      expect(l.band[i]).toBe(b);
      common++;
    }
    expect(common).toBeGreaterThan(10_000);

    // The added patients (ids not in the baseline) are all negative ids, care-home, band 5.
    const added = [...scenario.arrivals.entries()].filter(([id]) => !baseline.arrivals.has(id));
    expect(added.length).toBeGreaterThan(0);
    for (const [id, a] of added) {
      expect(id).toBeLessThan(0);
      expect(a.node.startsWith("care-home/")).toBe(true);
    }
    for (let i = 0; i < l.length; i++) if (l.id[i]! < 0) expect(l.band[i]).toBe(4);
  });

  it("a pure increase (care-home ×1.2) keeps every baseline patient; the added ones have ids outside the baseline's", () => {
    const scenario = run((s) => (s["demandMultiplier"] = 1.2));
    expectBaselineUnchanged(baseline.arrivals, scenario.arrivals);
    const added = [...scenario.arrivals.entries()].filter(([id]) => !baseline.arrivals.has(id));
    const baseIds = [...baseline.arrivals.keys()];
    expect(Math.min(...baseIds)).toBeGreaterThanOrEqual(0);
    for (const [id, a] of added) {
      expect(id).toBeLessThan(0);
      expect(a.event).toBe("arrive");
      expect(a.node.startsWith("care-home/")).toBe(true);
    }
    // 20% of the care-home arrivals a day (about 36, every route) over 60 days: Poisson mean ≈ 432, sd ≈ 21.
    const model = JSON.parse(readFileSync("models/ics-default.json", "utf8")) as { segments: Record<string, { arrivals: { ratePerDay: number }[] }> };
    const careHomePerDay = model.segments["care-home"]!.arrivals.reduce((a, x) => a + x.ratePerDay, 0);
    const mean = 0.2 * careHomePerDay * 60;
    expect(Math.abs(added.length - mean)).toBeLessThan(5 * Math.sqrt(mean));
    // Nobody is avoided by an increase.
    expect(scenario.ledger.avoided.every((a) => a === 0)).toBe(true);
  });
});
