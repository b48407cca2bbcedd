import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pathflow } from "./helpers/cli.js";
import { readCsv } from "./helpers/report-folders.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

/**
 * A baseline whose beds are pinned at full — mean daily G&A (or community) occupancy at 99% or
 * more on at least a quarter of results days — is flagged: in the printed summary, in
 * warnings.csv, in stress.md and at the top of report.html. The default model's baseline, in the
 * low-to-mid 90s, is not. (dist/ is built by test/global-setup.ts.)
 */
const dir = tempDirEachTest("pathflow-saturated-");

async function run(beds: number | null): Promise<{ stdout: string; out: string }> {
  const model = JSON.parse(readFileSync("models/ics-default.json", "utf8"));
  if (beds !== null) model.nodes.acute.servers = beds;
  const file = join(dir(), "model.json");
  writeFileSync(file, JSON.stringify(model));
  const out = join(dir(), "out");
  const r = await pathflow(["run", file, "--scenario", "frailty-service", "--reps", "2", "--days", "30", "--warmup-days", "30", "--workers", "2", "--quiet", "--no-drift-range", "--out", out]);
  expect(r.code, r.stderr).toBe(0);
  return { stdout: r.stdout, out };
}

describe("a saturated baseline is flagged wherever the results are read", () => {
  it("1,200 G&A beds for the default demand: full every day, flagged in the summary, warnings.csv, stress.md and report.html", async () => {
    const { stdout, out } = await run(1200);
    const days = readCsv(join(out, "timeseries_daily.csv")).filter((r) => r["scenario"] === "baseline" && r["metric"] === "ga_occupancy_pct");
    expect(days.filter((r) => Number(r["mean"]) >= 99).length).toBeGreaterThanOrEqual(days.length / 4);

    const warnings = readCsv(join(out, "warnings.csv"));
    expect(warnings.map((w) => [w["scenario"], w["code"]])).toEqual([["baseline", "saturated_baseline"]]);
    const message = warnings[0]!["message"]!;
    expect(message).toMatch(/^baseline \(frailty-service is compared with it\) is saturated: its mean daily occupancy was 99% or more — G&A bed occupancy on \d+ of 30 results days/);
    expect(stdout).toContain(`WARNING: ${message}`);
    expect(stdout.indexOf("WARNING")).toBeGreaterThan(stdout.indexOf("**frailty-service**")); // after the numbers it qualifies
    expect(readFileSync(join(out, "stress.md"), "utf8")).toContain(`Warning: ${message}`);
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).toMatch(/<div class="banner warn" role="alert"><strong>Read with care\.<\/strong>/);
    expect(html).toContain(`<li>${message.replace(/&/g, "&amp;")}</li>`);
  });

  it("the default model's 1,750 beds: nothing flagged", async () => {
    const { stdout, out } = await run(null);
    expect(readFileSync(join(out, "warnings.csv"), "utf8")).toBe("scenario,code,message\n");
    expect(stdout).not.toContain("WARNING");
    expect(readFileSync(join(out, "report.html"), "utf8")).not.toContain("Read with care");
  });
});
