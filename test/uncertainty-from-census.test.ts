import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pathflow } from "./helpers/cli.js";
import { FIXTURES } from "./helpers/model-fixtures.js";
import { readCsv } from "./helpers/report-folders.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

/**
 * run --uncertainty --census: every parameter set starts from the census, as the central run does.
 * With an "uncertain" parameter that can take only its own value, every set is the central model
 * run on the same replications from the same census, so the percentiles over sets equal the central
 * mean exactly for every KPI; a set started empty (3 warm-up days) would be far from it.
 */
const dir = tempDirEachTest("pathflow-uncertainty-census-");

describe("run --uncertainty from a census", () => {
  it("starts every parameter set from the census", async () => {
    const model = JSON.parse(readFileSync(join(FIXTURES, "system.json"), "utf8")) as Record<string, unknown>;
    model["$schema"] = undefined;
    model["uncertainty"] = {
      "los-scale": { path: "nodes.acute.losMultiplierByAcuity", distribution: { type: "discrete", values: [1], probabilities: [1] }, apply: "scale", why: "a test: only its own value" },
    };
    const file = join(dir(), "system.json");
    writeFileSync(file, JSON.stringify(model));
    writeFileSync(join(dir(), "rates-week.csv"), readFileSync(join(FIXTURES, "rates-week.csv")));
    const census = join(dir(), "census.csv");
    const c = await pathflow(["census", file, "--out", census, "--warmup-days", "60", "--quiet"]);
    expect(c.code, c.stderr).toBe(0);
    const out = join(dir(), "out");
    const run = await pathflow(["run", file, "--census", census, "--uncertainty", "2", "--reps", "2", "--days", "10", "--warmup-days", "3", "--quiet", "--out", out]);
    expect(run.code, run.stderr).toBe(0);
    const rows = readCsv(join(out, "uncertainty.csv")).filter((r) => r["kind"] === "kpi" && r["central_mean"] !== "");
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) {
      expect(r["p10"], r["name"]).toBe(r["central_mean"]);
      expect(r["p90"], r["name"]).toBe(r["central_mean"]);
    }
  }, 120_000);
});
