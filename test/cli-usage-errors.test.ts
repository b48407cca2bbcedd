import { describe, expect, it } from "vitest";
import { pathflow } from "./helpers/cli.js";

/**
 * Usage errors — an unknown command or option, a missing argument, a bad flag value — exit 2 with
 * a message naming the culprit. (dist/ is built by test/global-setup.ts.)
 */

describe("usage errors exit 2 naming the culprit", () => {
  it("a bad flag value exits 2 naming the flag", async () => {
    for (const value of ["abc", "0", "2.5"]) {
      const { code, stdout, stderr } = await pathflow(["run", "models/mmc.json", "--reps", value]);
      expect(stderr).toContain(`error: option '--reps <n>' argument '${value}' is invalid. --reps must be a whole number ≥ 1 or "auto", got "${value}".`);
      expect(stdout).toBe("");
      expect(code).toBe(2);
    }
    const days = await pathflow(["run", "models/mmc.json", "--warmup-days", "-3"]);
    expect(days.stderr).toContain("--warmup-days must be a number ≥ 0");
    expect(days.code).toBe(2);
  });

  it("an unknown command exits 2", async () => {
    const { code, stderr } = await pathflow(["simulate", "models/mmc.json"]);
    expect(stderr).toContain("error: unknown command 'simulate'");
    expect(code).toBe(2);
  });

  it("an unknown option and a missing argument exit 2", async () => {
    const option = await pathflow(["validate", "models/mmc.json", "--strict"]);
    expect(option.stderr).toContain("error: unknown option '--strict'");
    expect(option.code).toBe(2);
    const missing = await pathflow(["validate"]);
    expect(missing.stderr).toContain("error: missing required argument 'model'");
    expect(missing.code).toBe(2);
  });
});
