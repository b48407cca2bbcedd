import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readDriftEstimate } from "../src/experiment/drift-from.js";
import { PathflowInputError } from "../src/errors.js";
import { pathflow } from "./helpers/cli.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

/**
 * A --drift-from file that is missing, not JSON, not an estimate of estimate-drift, or whose
 * numbers do not make a range is refused with exit 2 naming what is wrong — no stack trace, no
 * output folder; so is a model whose pressure signal is not the one the estimate was measured
 * against, and --drift-from beside --drift-range.
 */
const dir = tempDirEachTest("pathflow-drift-from-bad-");

const GOOD = {
  method: { model: "logit P(admit) = b0 + b1·band + b2·(pressure − reference) + calendar factors" },
  n: { attendances: 1000 },
  coefficients: { b2PerPressurePoint: { estimate: -0.01, low: -0.02, high: 0, ciMethod: "Wald" } },
  driftRange: { b2PerOccupancyPoint: { low: -0.02, estimate: -0.01, high: 0 }, pressureSignal: "ward" },
};

function problem(content: string | null): string {
  const file = join(dir(), "estimate.json");
  if (content !== null) writeFileSync(file, content);
  try {
    readDriftEstimate(file);
  } catch (error) {
    expect(error).toBeInstanceOf(PathflowInputError);
    return (error as Error).message;
  }
  throw new Error("accepted");
}

const withRange = (range: Record<string, unknown>, signal: unknown = "ward"): string => JSON.stringify({ ...GOOD, driftRange: { b2PerOccupancyPoint: range, pressureSignal: signal } });

describe("--drift-from refuses what is not a usable estimate", () => {
  it("names the problem in the file", () => {
    expect(problem(null)).toMatch(/cannot read .*estimate\.json/);
    expect(problem("{ not json")).toMatch(/estimate\.json/);
    expect(problem(JSON.stringify({ name: "a model", nodes: {} }))).toContain("is not an estimate written by pathflow estimate-drift");
    expect(problem(withRange({ low: -0.01, estimate: -0.02, high: 0 }))).toContain("must have low ≤ estimate ≤ high");
    expect(problem(withRange({ low: "x", estimate: -0.02, high: 0 }))).toContain("driftRange.b2PerOccupancyPoint.low: must be a finite number");
    expect(problem(withRange({ low: -5, estimate: -0.02, high: 0 }))).toContain("outside −1 to 1 per point");
    expect(problem(withRange({ low: -0.02, estimate: -0.01, high: 0 }, "beds"))).toContain("driftRange.pressureSignal: must be ward, ed or mix");
  });

  it("exits 2 from the command line, leaving no output folder", async () => {
    const file = join(dir(), "estimate.json");
    writeFileSync(file, JSON.stringify({ ...GOOD, driftRange: { ...GOOD.driftRange, pressureSignal: "ed" } }));
    const out = join(dir(), "out");
    const wrongSignal = await pathflow(["run", "models/ics-default.json", "--drift-from", file, "--out", out]);
    expect(wrongSignal.code).toBe(2);
    expect(wrongSignal.stderr).toContain('measured against pressure signal "ed", but the model\'s ed decides on "ward"');
    expect(wrongSignal.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);

    writeFileSync(file, JSON.stringify({ hello: 1 }));
    const foreign = await pathflow(["run", "models/ics-default.json", "--drift-from", file, "--out", out]);
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toContain("is not an estimate written by pathflow estimate-drift");
    expect(existsSync(out)).toBe(false);

    const both = await pathflow(["run", "models/ics-default.json", "--drift-from", file, "--drift-range", "0,-0.01", "--out", out]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("--drift-range: cannot be combined with --drift-from");
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});
