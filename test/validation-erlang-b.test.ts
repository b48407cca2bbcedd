import { describe, expect, it } from "vitest";
import { erlangBCase } from "../validation/cases.js";
import { conservationLog, type ValidationRow } from "../validation/harness.js";

// Validation case 2 with the quick settings `npm run validate -- --quick --case 2` uses: the same
// models, seeds and pass rules as the full run, fewer replications (validation/erlang-b.ts).
const show = (r: ValidationRow): string => `${r.id} ${r.checks}: reference ${r.reference}, simulated ${r.simMean} [${r.ciLow}, ${r.ciHigh}]; ${r.criterion}${r.note !== undefined ? ` (${r.note})` : ""}`;

describe("validation case 2: Erlang B (M/G/c/c): P(no bed) for 25, 100 and 200 beds at 85–95% occupancy, exponential and lognormal stays", () => {
  it("every check passes, and every replication conserves patients", { timeout: 240_000 }, async () => {
    const result = await erlangBCase.run({ reps: erlangBCase.reps.quick, quick: true });
    expect(result.rows).toHaveLength(24);
    expect(result.rows.filter((r) => r.verdict === "fail").map(show)).toEqual([]);
    expect(conservationLog.list().flatMap((e) => e.problems.map((p) => `${e.label}: ${p}`))).toEqual([]);
  });
});
