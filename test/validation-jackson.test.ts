import { describe, expect, it } from "vitest";
import { jacksonCase } from "../validation/cases.js";
import { conservationLog, type ValidationRow } from "../validation/harness.js";

// Validation case 3 with the quick settings `npm run validate -- --quick --case 3` uses: the same
// models, seeds and pass rules as the full run, fewer replications (validation/jackson.ts).
const show = (r: ValidationRow): string => `${r.id} ${r.checks}: reference ${r.reference}, simulated ${r.simMean} [${r.ciLow}, ${r.ciHigh}]; ${r.criterion}${r.note !== undefined ? ` (${r.note})` : ""}`;

describe("validation case 3: an open Jackson network with return loops matches the product form", () => {
  it("every check passes, and every replication conserves patients", { timeout: 240_000 }, async () => {
    const result = await jacksonCase.run({ reps: jacksonCase.reps.quick, quick: true });
    expect(result.rows).toHaveLength(6);
    expect(result.rows.filter((r) => r.verdict === "fail").map(show)).toEqual([]);
    expect(conservationLog.list().flatMap((e) => e.problems.map((p) => `${e.label}: ${p}`))).toEqual([]);
  });
});
