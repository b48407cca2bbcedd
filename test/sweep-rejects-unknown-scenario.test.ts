import { describe, expect, it } from "vitest";
import { pathflow } from "./helpers/cli.js";

/**
 * A misspelt --scenario in a sweep is refused like in `run` (exit 2, naming the scenario and the
 * nearest one), never run as the baseline plus the --set values under the misspelt name.
 */
describe("sweep with an unknown --scenario", () => {
  it("exits 2 and suggests the scenario meant", async () => {
    const run = await pathflow(["sweep", "models/mmc.json", "--scenario", "eleven-server", "--set", "nodes.servers.servers=11,12", "--reps", "1", "--days", "1", "--warmup-days", "0", "--quiet", "--out", "/nonexistent-should-not-be-created"]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('no scenario named "eleven-server" (did you mean "eleven-servers"?)');
    expect(run.stdout).toBe("");
  });
});
