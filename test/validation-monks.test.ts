import { describe, expect, it } from "vitest";
import { monksCase } from "../validation/cases.js";
import { conservationLog, type ValidationRow } from "../validation/harness.js";

// Validation case 5 with the quick settings `npm run validate -- --quick --case 5` uses: the same
// models, seeds and pass rules as the full run, fewer replications (validation/monks.ts).
const show = (r: ValidationRow): string => `${r.id} ${r.checks}: reference ${r.reference}, simulated ${r.simMean} [${r.ciLow}, ${r.ciHigh}]; ${r.criterion}${r.note !== undefined ? ` (${r.note})` : ""}`;

describe("validation case 5: the Monks et al. 2016 stroke model reproduces the published p(delay) and Erlang loss", () => {
  it("every check passes, and every replication conserves patients", { timeout: 240_000 }, async () => {
    const result = await monksCase.run({ reps: monksCase.reps.quick, quick: true });
    expect(result.rows).toHaveLength(37);
    expect(result.rows.filter((r) => r.verdict === "fail").map(show)).toEqual([]);
    expect(conservationLog.list().flatMap((e) => e.problems.map((p) => `${e.label}: ${p}`))).toEqual([]);
  });
});
