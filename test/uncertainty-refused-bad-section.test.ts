import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pathflow } from "./helpers/cli.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

/**
 * A bad uncertainty section is refused (exit 2, no stack trace, no output folder) with the path of
 * the problem: an unknown parameter, a missing source, a distribution that is not one, a drift
 * strength beyond the matched intercepts, a draw the model cannot take; and --uncertainty without
 * a section, or with --reps auto, is refused too. (dist/ is built by test/global-setup.ts.)
 */
const dir = tempDirEachTest("pathflow-uncertainty-bad-");

const mmc = () => JSON.parse(readFileSync("models/mmc.json", "utf8")) as Record<string, unknown>;

async function expectRefused(model: Record<string, unknown>, message: string | RegExp, extra: string[] = []): Promise<void> {
  const file = join(dir(), "model.json");
  writeFileSync(file, JSON.stringify({ ...model, $schema: undefined }));
  const out = join(dir(), "out");
  const run = await pathflow(["run", file, "--uncertainty", "4", "--reps", "1", "--days", "2", "--warmup-days", "1", "--quiet", "--out", out, ...extra]);
  expect(run.code, run.stderr).toBe(2);
  if (typeof message === "string") expect(run.stderr).toContain(message);
  else expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toContain("    at ");
  expect(existsSync(out)).toBe(false);
}

const entry = (over: Record<string, unknown>) => ({ path: "segments.customers.arrivals[0].ratePerDay", distribution: { type: "uniform", min: 200, max: 220 }, why: "test", ...over });

describe("run --uncertainty: bad sections exit 2 naming the path", () => {
  it("an unknown parameter path, by run --uncertainty and by pathflow validate", async () => {
    const model = { ...mmc(), uncertainty: { rate: entry({ path: "segments.customers.arrivals[0].ratePerDya" }) } };
    await expectRefused(model, /uncertainty\.rate\.path: no such parameter .*did you mean "ratePerDay"/);
    const validate = await pathflow(["validate", join(dir(), "model.json")]);
    expect(validate.code).toBe(2);
    expect(validate.stderr).toContain("uncertainty.rate.path: no such parameter");
  });

  it("a range without its source (why)", async () => {
    const { why: _why, ...noWhy } = entry({});
    await expectRefused({ ...mmc(), uncertainty: { rate: noWhy } }, "uncertainty.rate.why");
  });

  it("a triangular whose mode lies outside min and max", async () => {
    await expectRefused({ ...mmc(), uncertainty: { rate: entry({ distribution: { type: "triangular", min: 200, mode: 250, max: 220 } }) } }, "uncertainty.rate.distribution.mode");
  });

  it("a scenario change that does not exist", async () => {
    await expectRefused({ ...mmc(), uncertainty: { extra: entry({ path: "scenarios.eleven-servers.changes[3].set" }) } }, "uncertainty.extra.path");
  });

  it("a draw the model cannot take (servers must be whole)", async () => {
    await expectRefused({ ...mmc(), uncertainty: { beds: entry({ path: "nodes.servers.servers", distribution: { type: "uniform", min: 10, max: 12 } }) } }, /uncertainty\.beds: parameter set \d+ \(beds = [\d.]+\)/);
  });

  it("a drift strength beyond the strengths with matched intercepts", async () => {
    const ics = JSON.parse(readFileSync("models/ics-default.json", "utf8")) as Record<string, unknown>;
    const model = { ...ics, uncertainty: { drift: { path: "nodes.ed.admission.b2PerOccupancyPoint", distribution: { type: "uniform", min: -0.05, max: 0 }, why: "test" } } };
    // The ICS reads its rates CSVs relative to the model file: run it from a copy beside them is not needed (it has none).
    await expectRefused(model, /outside the strengths with a matched intercept \(-0\.03 to 0/, ["--scenario", "frailty-service"]);
  });

  it("--uncertainty on a model without a section, and with --reps auto", async () => {
    await expectRefused(mmc(), "uncertainty: the model has no uncertainty section");
    await expectRefused({ ...mmc(), uncertainty: { rate: entry({}) } }, "--uncertainty: cannot be combined with --reps auto", ["--reps", "auto"]);
  });
});
