import { describe, expect, it } from "vitest";
import { driftCase } from "../validation/cases.js";
import { conservationLog, type ValidationRow } from "../validation/harness.js";

// Validation case 8 with the quick settings `npm run validate -- --quick --case 8` uses: the same
// models, seeds and pass rules as the full run, fewer replications (validation/drift.ts).
const show = (r: ValidationRow): string => `${r.id} ${r.checks}: reference ${r.reference}, simulated ${r.simMean} [${r.ciLow}, ${r.ciHigh}]; ${r.criterion}${r.note !== undefined ? ` (${r.note})` : ""}`;

describe("validation case 8: acuity drift lowers the admitted share at high bed pressure as the logistic predicts; none with b2 = 0", () => {
  it("every check passes, and every replication conserves patients", { timeout: 240_000 }, async () => {
    const result = await driftCase.run({ reps: driftCase.reps.quick, quick: true });
    expect(result.rows).toHaveLength(8);
    expect(result.rows.filter((r) => r.verdict === "fail").map(show)).toEqual([]);
    expect(conservationLog.list().flatMap((e) => e.problems.map((p) => `${e.label}: ${p}`))).toEqual([]);
  });
});
