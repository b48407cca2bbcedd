import { describe, expect, it } from "vitest";
import { releaseAccounting, shapley, totalUse } from "../src/experiment/release.js";
import { RESOURCES, type PatientLedger } from "../src/pathway/ledger.js";

/** A ledger from rows: [id, avoided, decided, admitted, acute bed-days, unmet, blocked acute bed-days, band]. Other resources 0. */
type Row = [number, 0 | 1, 0 | 1, 0 | 1, number, (0 | 1)?, number?, number?];
function ledger(rows: Row[]): PatientLedger {
  const n = rows.length;
  const usage = RESOURCES.map(() => new Float64Array(n));
  const blocked = RESOURCES.map(() => new Float64Array(n));
  rows.forEach((r, i) => {
    usage[2]![i] = r[4];
    blocked[2]![i] = r[6] ?? 0;
  });
  return {
    id: Float64Array.from(rows, (r) => r[0]),
    segment: new Uint16Array(n),
    band: Uint8Array.from(rows, (r) => r[7] ?? 0),
    avoided: Uint8Array.from(rows, (r) => r[1]),
    decided: Uint8Array.from(rows, (r) => r[2]),
    admitted: Uint8Array.from(rows, (r) => r[3]),
    unmet: Uint8Array.from(rows, (r) => r[5] ?? 0),
    waitedForCare: new Uint8Array(n),
    usage,
    blocked,
    length: n,
  };
}

/** A patient a demand increase added (ids below 0). */
const ADDED = -1;

describe("release accounting: counterfactual components, then patient by patient", () => {
  // Baseline: 1 admitted 5 days (1 blocked); 2 admitted 4 days (avoided in the scenario); 3 not
  // admitted; 4 admitted 3 days; 5 gave up (abandoned) before using anything.
  const b = ledger([
    [1, 0, 1, 1, 5, 0, 1],
    [2, 0, 1, 1, 4],
    [3, 0, 1, 0, 0],
    [4, 0, 1, 1, 3],
    [5, 0, 0, 0, 0, 1],
  ]);
  // The scenario as run (ids out of order on purpose): 2 avoided; 3 now admitted for 2.5 days
  // (drift); 1 stays 6 days (2 blocked); 4 the same; 5 served for 1.5 days.
  const s = ledger([
    [3, 0, 1, 1, 2.5],
    [2, 1, 0, 0, 0],
    [1, 0, 1, 1, 6, 0, 2],
    [4, 0, 1, 1, 3],
    [5, 0, 1, 1, 1.5],
  ]);
  // With drift held: 3 takes its baseline decision; 1 stays 5.5 days (1.5 blocked); 4 stays 3.25
  // (a change nothing explains); 5 served as before; an added patient uses 2 days.
  const a = ledger([
    [2, 1, 0, 0, 0],
    [3, 0, 1, 0, 0],
    [1, 0, 1, 1, 5.5, 0, 1.5],
    [4, 0, 1, 1, 3.25],
    [5, 0, 1, 1, 1.5],
    [ADDED, 0, 1, 1, 2],
  ]);

  it("splits expected − spare into drift, unmet, added, blocking and unexplained, by hand", () => {
    const { measures } = releaseAccounting(b, s, ["drift"], [totalUse(s), totalUse(a)], a, 5);
    const acute = measures.find((m) => m.resource === "acute_bed_days")!;
    expect(acute.expected).toBe(4); // what patient 2 used in the baseline
    expect(acute.spare).toBe(12 - 13); // 12 in the baseline, 13 in the scenario: use rose
    expect(acute.drift).toBe(13 - 12.25); // the scenario against the drift-held run
    expect(acute.unmet).toBe(1.5); // patient 5, who gave up in the baseline
    expect(acute.added).toBe(2);
    expect(acute.blocking).toBe(0.5); // patient 1: 1.5 blocked days against 1
    expect(acute.unexplained).toBeCloseTo(0.25, 12); // patient 4's quarter day
    expect(acute.longerStays).toBe(0);
    // Every unit lands in exactly one component.
    expect(acute.drift + acute.unmet + acute.added + acute.blocking + acute.unexplained).toBeCloseTo(acute.expected - acute.spare, 12);
    const ed = measures.find((m) => m.resource === "ed_cubicle_hours")!;
    expect(ed).toEqual({ resource: "ed_cubicle_hours", expected: 0, spare: 0, drift: 0, longerStays: 0, electives: 0, unmet: 0, added: 0, blocking: 0, unexplained: 0 });
  });

  it("with no mechanism switched on, the scenario's own run is split and drift is exactly zero", () => {
    const { measures } = releaseAccounting(b, a, [], [totalUse(a)], a, 5);
    const acute = measures.find((m) => m.resource === "acute_bed_days")!;
    expect(acute.drift).toBe(0);
    expect(acute.expected - acute.spare).toBeCloseTo(acute.unmet + acute.added + acute.blocking + acute.unexplained, 12);
  });

  it("counts decisions the scenario flipped, by acuity band, among patients who decided in both runs", () => {
    const banded = (l: PatientLedger, bands: number[]): PatientLedger => ({ ...l, band: Uint8Array.from(bands) });
    const { flipped } = releaseAccounting(banded(b, [0, 1, 2, 3, 4]), banded(s, [2, 1, 0, 3, 4]), ["drift"], [totalUse(s), totalUse(a)], a, 5);
    // Patient 3 (band 2) admitted instead; patient 5 decided only in the scenario: not a flip.
    expect(Array.from(flipped.admittedInstead)).toEqual([0, 0, 1, 0, 0]);
    expect(Array.from(flipped.notAdmittedInstead)).toEqual([0, 0, 0, 0, 0]);
  });
});

describe("Shapley values over held mechanisms", () => {
  const use = (values: number[]): Float64Array[] => values.map((v) => Float64Array.from(RESOURCES, () => v));

  it("two mechanisms: each gets its effect averaged over both orders, and they sum to the total exactly", () => {
    // use[mask], bit 0 = drift held, bit 1 = longer stays held: both act 10; drift held 7; stays held 8; both held 4.
    const [drift, stays] = shapley(use([10, 7, 8, 4]), 2);
    expect(drift![0]).toBe(((8 - 4) + (10 - 7)) / 2);
    expect(stays![0]).toBe(((7 - 4) + (10 - 8)) / 2);
    expect(drift![0]! + stays![0]!).toBe(10 - 4);
  });

  it("does not depend on the order the mechanisms are listed in", () => {
    const [a1, b1] = shapley(use([10, 7, 8, 4]), 2);
    // The same runs with the mechanisms' bits swapped: masks 1 and 2 trade places.
    const [b2, a2] = shapley(use([10, 8, 7, 4]), 2);
    expect([a2![0], b2![0]]).toEqual([a1![0], b1![0]]);
  });

  it("three mechanisms sum to use with all acting minus use with all held", () => {
    const values = [20, 15, 17, 11, 18, 12, 14, 9];
    const phi = shapley(use(values), 3);
    expect(phi.reduce((sum, p) => sum + p[0]!, 0)).toBeCloseTo(20 - 9, 12);
  });
});
