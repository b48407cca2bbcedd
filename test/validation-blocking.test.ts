import { describe, expect, it } from "vitest";
import { blockingCase } from "../validation/cases.js";
import { conservationLog, type ValidationRow } from "../validation/harness.js";

// Validation case 7 with the quick settings `npm run validate -- --quick --case 7` uses: the same
// models, seeds and pass rules as the full run, fewer replications (validation/blocking.ts).
const show = (r: ValidationRow): string => `${r.id} ${r.checks}: reference ${r.reference}, simulated ${r.simMean} [${r.ciLow}, ${r.ciHigh}]; ${r.criterion}${r.note !== undefined ? ` (${r.note})` : ""}`;

describe("validation case 7: blocking after service: a deterministic tandem worked by hand, conservation and FIFO in a stochastic one", () => {
  it("every check passes, and every replication conserves patients", { timeout: 240_000 }, async () => {
    const result = await blockingCase.run({ reps: blockingCase.reps.quick, quick: true });
    expect(result.rows).toHaveLength(12);
    expect(result.rows.filter((r) => r.verdict === "fail").map(show)).toEqual([]);
    expect(conservationLog.list().flatMap((e) => e.problems.map((p) => `${e.label}: ${p}`))).toEqual([]);
  });
});
