import { describe, expect, it } from "vitest";
import { erlangCCase } from "../validation/cases.js";
import { conservationLog, type ValidationRow } from "../validation/harness.js";

// Validation case 1 with the quick settings `npm run validate -- --quick --case 1` uses: the same
// models, seeds and pass rules as the full run, fewer replications (validation/erlang-c.ts).
const show = (r: ValidationRow): string => `${r.id} ${r.checks}: reference ${r.reference}, simulated ${r.simMean} [${r.ciLow}, ${r.ciHigh}]; ${r.criterion}${r.note !== undefined ? ` (${r.note})` : ""}`;

describe("validation case 1: Erlang C (M/M/c): mean wait and P(wait) at ρ = 0.5–0.95 with 1, 10 and 50 servers", () => {
  it("every check passes, and every replication conserves patients", { timeout: 240_000 }, async () => {
    const result = await erlangCCase.run({ reps: erlangCCase.reps.quick, quick: true });
    expect(result.rows).toHaveLength(24);
    expect(result.rows.filter((r) => r.verdict === "fail").map(show)).toEqual([]);
    expect(conservationLog.list().flatMap((e) => e.problems.map((p) => `${e.label}: ${p}`))).toEqual([]);
  });
});
