import { describe, expect, it } from "vitest";
import { conservationCase } from "../validation/cases.js";
import { shippedModelFiles } from "../validation/conservation.js";

// Validation case 9 with quick settings: every shipped model file, every scenario, one shortened
// replication each, checked for conservation (the other validation tests check their own runs).
describe("validation case 9: every shipped model and scenario conserves patients", () => {
  it("no conservation violation in any run, and every shipped model was run", { timeout: 240_000 }, async () => {
    const result = await conservationCase.run({ reps: conservationCase.reps.quick, quick: true });
    expect(result.rows.filter((r) => r.verdict !== "pass").map((r) => `${r.id} ${r.checks}: ${r.note ?? ""}`)).toEqual([]);
    for (const file of shippedModelFiles()) {
      expect(result.rows.some((r) => r.checks.includes(file)), file).toBe(true);
    }
    expect(result.rows.length).toBeGreaterThanOrEqual(shippedModelFiles().length);
  });
});
