import { describe, expect, it } from "vitest";
import { pathflow } from "./helpers/cli.js";

/**
 * `pathflow validate` prints one summary line and exits 0 for a valid model; for an invalid one it
 * lists every problem on stderr (no stack trace) and exits 2. (dist/ is built by
 * test/global-setup.ts.)
 */

describe("pathflow validate", () => {
  it("a valid model: exit 0 and one summary line on stdout", async () => {
    const { code, stdout, stderr } = await pathflow(["validate", "models/mmc.json"]);
    expect(stderr).toBe("");
    expect(stdout).toBe("models/mmc.json: valid — 1 segment, 1 node, 2 scenarios; 365 days after 30 days warm-up, 10 replications\n");
    expect(code).toBe(0);
  });

  it("an invalid model: exit 2, every problem listed on stderr, no stack trace", async () => {
    const { code, stdout, stderr } = await pathflow(["validate", "test/fixtures/invalid-model.json"]);
    expect(stdout).toBe("");
    expect(stderr.split("\n")).toEqual([
      "test/fixtures/invalid-model.json: 3 problems",
      "  - run.replications: expected a whole number ≥ 1, got 0",
      '  - nodes.servers.bedz: unknown key "bedz"; allowed keys are type, description, role, servers, waitingRoom, discipline, acceptHeld, patience, durationMin, durationHours, durationDays, losMultiplierByAcuity, losStretch, outcomes, electives',
      '  - segments.customers.arrivals[0].to: no node named "sevrers" (did you mean "servers"?); expected a node id (servers)',
      "",
    ]);
    expect(stderr).not.toContain("    at ");
    expect(code).toBe(2);
  });

  it("a missing file: exit 2 and the file named", async () => {
    const { code, stderr } = await pathflow(["validate", "models/nope.json"]);
    expect(stderr).toBe("models/nope.json: 1 problem\n  - cannot read models/nope.json: no such file\n");
    expect(code).toBe(2);
  });

  it("several files: each reported, exit 2 if any is invalid", async () => {
    const { code, stdout, stderr } = await pathflow(["validate", "models/mmc.json", "test/fixtures/bad-syntax.json"]);
    expect(stdout).toMatch(/^models\/mmc\.json: valid — /);
    expect(stderr).toMatch(/^test\/fixtures\/bad-syntax\.json: 1 problem\n {2}- test\/fixtures\/bad-syntax\.json is not valid JSON: .* at line 4, column 3\n$/);
    expect(code).toBe(2);
  });
});
