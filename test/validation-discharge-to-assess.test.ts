import { describe, expect, it } from "vitest";
import { dischargeToAssessCase } from "../validation/cases.js";
import { conservationLog, type ValidationRow } from "../validation/harness.js";

// Validation case 6 with the quick settings `npm run validate -- --quick --case 6` uses: the same
// models, seeds and pass rules as the full run, fewer replications (validation/discharge-to-assess.ts).
const show = (r: ValidationRow): string => `${r.id} ${r.checks}: reference ${r.reference}, simulated ${r.simMean} [${r.ciLow}, ${r.ciHigh}]; ${r.criterion}${r.note !== undefined ? ` (${r.note})` : ""}`;

describe("validation case 6: patients waiting in acute beds for a community bed match Erlang C", () => {
  it("every check passes, and every replication conserves patients", { timeout: 240_000 }, async () => {
    const result = await dischargeToAssessCase.run({ reps: dischargeToAssessCase.reps.quick, quick: true });
    expect(result.rows).toHaveLength(18);
    expect(result.rows.filter((r) => r.verdict === "fail").map(show)).toEqual([]);
    expect(conservationLog.list().flatMap((e) => e.problems.map((p) => `${e.label}: ${p}`))).toEqual([]);
  });
});
