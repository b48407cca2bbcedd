import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { pathflow } from "./helpers/cli.js";
import { WORKERS, completed, expectStopReported, missedAfter, table } from "./helpers/reps-auto.js";

/**
 * `--reps auto` with a precision out of reach stops at `--max-reps` exactly — never beyond it, never
 * short of it — and its outputs say so: that many replications requested and completed, a complete
 * run, every summary over that many, and a warning that the precision asked for was not reached. (dist/ is built by test/global-setup.ts.)
 */

const TMP = mkdtempSync(join(tmpdir(), "pathflow-auto-cap-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

describe("--reps auto stops at the cap when the precision is out of reach", () => {
  it("mmc, precision 0.0001, --max-reps 12: exactly 12 replications, reported as such", async () => {
    const out = join(TMP, "mmc");
    const maxReps = 12;
    const precision = 0.0001;
    const run = await pathflow(["run", "models/mmc.json", "--reps", "auto", "--precision", String(precision), "--max-reps", String(maxReps), "--days", "60", "--warmup-days", "5", ...WORKERS, "--quiet", "--out", out]);
    expect(run.code, run.stderr).toBe(0);
    // Out of reach indeed: intervals still wider than asked after every replication ran.
    expect(missedAfter(out, maxReps, precision)).not.toEqual([]);
    expect(completed(out)).toBe(maxReps);
    expectStopReported(out, maxReps);
    // ... and warns that the answer is less precise than asked: in the summary and warnings.csv.
    const warnings = table(out, "warnings.csv");
    expect(warnings.map((w) => [w["scenario"], w["code"]])).toEqual([["", "precision_not_reached"]]);
    expect(warnings[0]!["message"]).toMatch(/^With --reps auto, the run stopped at its cap of 12 replications \(--max-reps\) before every headline KPI's 95% confidence interval was within 0\.01% of its mean \(--precision 0\.0001\)/);
    expect(run.stdout).toContain(`WARNING: ${warnings[0]!["message"]}`);
    expect(new Set(table(out, "kpi_summary.csv").map((r) => r["n_reps"]))).toEqual(new Set([String(maxReps)]));
    const reps = new Set(table(out, "kpi_replications.csv").map((r) => Number(r["replication"])));
    expect([...reps].sort((a, b) => a - b)).toEqual(Array.from({ length: maxReps }, (_, i) => i));
  });
});
