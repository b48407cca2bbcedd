import { describe, expect, it } from "vitest";
import { releaseAccounting } from "../src/experiment/release.js";
import { RESOURCES, type PatientLedger } from "../src/pathway/ledger.js";

/** A ledger from rows: [id, avoided, decided, admitted, acute bed-days]. Other resources 0. */
function ledger(rows: [number, 0 | 1, 0 | 1, 0 | 1, number][]): PatientLedger {
  const n = rows.length;
  const usage = RESOURCES.map(() => new Float64Array(n));
  rows.forEach((r, i) => (usage[2]![i] = r[4]));
  return {
    id: Float64Array.from(rows, (r) => r[0]),
    segment: new Uint16Array(n),
    band: new Uint8Array(n),
    avoided: Uint8Array.from(rows, (r) => r[1]),
    decided: Uint8Array.from(rows, (r) => r[2]),
    admitted: Uint8Array.from(rows, (r) => r[3]),
    usage,
    length: n,
  };
}

describe("release accounting matches patients by id and splits the release", () => {
  it("computes expected, spare, drift and otherwise by hand", () => {
    // Baseline: 1 admitted 5 days; 2 admitted 4 days (avoided in scenario); 3 not admitted;
    // 4 admitted 3 days; 5 admitted 2 days (not admitted in scenario: the reverse of drift);
    // 7 not decided (direct admission) 6 days.
    const b = ledger([
      [1, 0, 1, 1, 5],
      [2, 0, 1, 1, 4],
      [3, 0, 1, 0, 0],
      [4, 0, 1, 1, 3],
      [5, 0, 1, 1, 2],
      [7, 0, 0, 0, 6],
    ]);
    // Scenario (ids out of order on purpose): 2 avoided; 3 now admitted for 2.5 days (drift);
    // 1 stays 6 days (longer stay); 4 the same; 5 sent home; 7 the same.
    const s = ledger([
      [3, 0, 1, 1, 2.5],
      [2, 1, 0, 0, 0],
      [1, 0, 1, 1, 6],
      [7, 0, 0, 0, 6],
      [5, 0, 1, 0, 0],
      [4, 0, 1, 1, 3],
    ]);
    const acute = releaseAccounting(b, s).find((m) => m.resource === "acute_bed_days")!;
    expect(acute.expected).toBe(4); // what patient 2 used in the baseline
    expect(acute.spare).toBe(20 - 17.5); // 20 in the baseline, 17.5 in the scenario
    expect(acute.drift).toBe(2.5 - 2); // 3 admitted only in the scenario, net of 5 admitted only in the baseline
    expect(acute.otherwise).toBe(4 - 2.5 - 0.5); // patient 1's extra day
    const ed = releaseAccounting(b, s).find((m) => m.resource === "ed_cubicle_hours")!;
    expect(ed).toEqual({ resource: "ed_cubicle_hours", expected: 0, spare: 0, drift: 0, otherwise: 0 });
  });

  it("counts no drift for patients who reached the decision in only one run", () => {
    const b = ledger([[1, 0, 0, 0, 0]]);
    const s = ledger([[1, 0, 1, 1, 3]]);
    const acute = releaseAccounting(b, s).find((m) => m.resource === "acute_bed_days")!;
    expect(acute.drift).toBe(0);
    expect(acute.otherwise).toBe(3); // -spare: the route changed before the decision
  });
});
