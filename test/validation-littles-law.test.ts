import { describe, expect, it } from "vitest";
import { littlesLawCase } from "../validation/cases.js";
import { conservationLog, type ValidationRow } from "../validation/harness.js";

// Validation case 4 with the quick settings `npm run validate -- --quick --case 4` uses: the same
// models, seeds and pass rules as the full run, fewer replications (validation/littles-law.ts).
const show = (r: ValidationRow): string => `${r.id} ${r.checks}: reference ${r.reference}, simulated ${r.simMean} [${r.ciLow}, ${r.ciHigh}]; ${r.criterion}${r.note !== undefined ? ` (${r.note})` : ""}`;

describe("validation case 4: Little's law holds for every unit of the default ICS model after warm-up", () => {
  it("every check passes, and every replication conserves patients", { timeout: 240_000 }, async () => {
    const result = await littlesLawCase.run({ reps: littlesLawCase.reps.quick, quick: true });
    expect(result.rows).toHaveLength(10);
    expect(result.rows.filter((r) => r.verdict === "fail").map(show)).toEqual([]);
    expect(conservationLog.list().flatMap((e) => e.problems.map((p) => `${e.label}: ${p}`))).toEqual([]);
  });
});
