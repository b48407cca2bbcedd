import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pathflow } from "./helpers/cli.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

const dir = tempDirEachTest("pathflow-summary-");

/**
 * summary.md: the planner's summary, in the output folder and on stdout — a paragraph per compared
 * scenario, the drift range first, intervals labelled as 95% CIs, capacity changes told as capacity
 * added and where it went, and a closing line on what to measure locally.
 */
describe("summary.md", () => {
  it("leads each demand scenario with the drift range, says when baselines are not matched, and is what stdout prints", async () => {
    const out = join(dir(), "out");
    const run = await pathflow(["run", "models/ics-default.json", "--reps", "2", "--days", "30", "--warmup-days", "10", "--workers", "2", "--quiet", "--out", out]);
    expect(run.code, run.stderr).toBe(0);
    const md = readFileSync(join(out, "summary.md"), "utf8");
    expect(run.stdout).toContain(md.trimEnd());
    const paragraphs = md.split("\n\n");
    expect(paragraphs[0]).toBe("# ics-default: what each scenario releases");
    const frailty = paragraphs.find((p) => p.startsWith("**frailty-service**"))!;
    expect(frailty).toMatch(/^\*\*frailty-service\*\* \(a demand change, against baseline; 2 replications of 30 days; 95% CIs in brackets\)\. Across the plausible drift range /);
    // The model file's intercepts were matched at the model's own length: a 30-day run is not like for like, and says so.
    expect(frailty).toMatch(/The baselines are NOT matched for this run/);
    expect(frailty).toMatch(/As modelled, it avoids [\d,.]+ acute bed-days \(95% CI /);
    const homecare = paragraphs.find((p) => p.startsWith("**homecare-plus-900h**"))!;
    expect(homecare).toMatch(/\(a capacity change, against baseline;/);
    expect(homecare).toMatch(/It adds [\d,]+ home-care hours of capacity/);
    expect(homecare).not.toMatch(/drift range/);
    expect(paragraphs.at(-1)!.trim()).toMatch(/^Drift strength is the largest uncertainty in these figures\. To narrow it for your system, measure your own admission threshold over time/);
    // Signs and rounding: no "-0", no NaN, zero as 0.
    expect(md).not.toMatch(/NaN|Infinity|-0\b(?!\.)/);
  });
});
