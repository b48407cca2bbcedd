import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pathflow } from "./helpers/cli.js";

/**
 * `pathflow report DIR` on a partial folder — an interrupted run (run_metadata.csv says
 * partial=true) or one with files missing — still writes report.html, draws what the folder has,
 * and says, at the top, that the results are partial and why. (dist/ is built by
 * test/global-setup.ts.)
 */

const TMP = mkdtempSync(join(tmpdir(), "pathflow-report-partial-"));
const WHOLE = join(TMP, "whole");
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

beforeAll(async () => {
  const run = await pathflow(["run", "models/mmc.json", "--reps", "2", "--days", "10", "--warmup-days", "2", "--out", WHOLE, "--quiet"]);
  expect(run.code, run.stderr).toBe(0);
});

function banner(html: string): string {
  return /<div class="banner partial"[^>]*>(.*?)<\/div>/s.exec(html)?.[1] ?? "";
}

describe("pathflow report on a partial folder", () => {
  it("a whole run's report has no partial banner", () => {
    const html = readFileSync(join(WHOLE, "report.html"), "utf8");
    expect(banner(html)).toBe("");
    expect(html).toContain("KPI differences from baseline");
  });

  it("an interrupted run with files missing: rendered, and says it is partial and why", async () => {
    const dir = join(TMP, "interrupted");
    cpSync(WHOLE, dir, { recursive: true });
    rmSync(join(dir, "report.html"));
    rmSync(join(dir, "timeseries_daily.csv"));
    rmSync(join(dir, "stress.md"));
    const meta = readFileSync(join(dir, "run_metadata.csv"), "utf8");
    writeFileSync(join(dir, "run_metadata.csv"), meta.replace("\npartial,false\n", "\npartial,true\n").replace("\nreplications_completed,2\n", "\nreplications_completed,1\n"));

    const run = await pathflow(["report", dir]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/^report written to .*report\.html \(\d+ KB\) \(PARTIAL: the run was interrupted: 1 of 2 replications completed; missing from the folder: timeseries_daily\.csv, stress\.md\)\n$/);
    const html = readFileSync(join(dir, "report.html"), "utf8");
    expect(banner(html)).toContain("Partial results.");
    expect(banner(html)).toContain("the run was interrupted: 1 of 2 replications completed");
    expect(banner(html)).toContain("missing from the folder: timeseries_daily.csv, stress.md");
    // What the folder still has is drawn; what it lacks is not.
    expect(html).toContain("KPI differences from baseline");
    expect(html).not.toContain("Day by day");
  });

  it("a run stopped before any summary: only kpi_replications.csv — rendered, partial, nothing drawn", async () => {
    const dir = join(TMP, "replications-only");
    cpSync(WHOLE, dir, { recursive: true, filter: (src) => src === WHOLE || src.endsWith("kpi_replications.csv") });
    const run = await pathflow(["report", dir]);
    expect(run.code, run.stderr).toBe(0);
    const html = readFileSync(join(dir, "report.html"), "utf8");
    expect(banner(html)).toContain("missing from the folder: run_metadata.csv, kpi_summary.csv, kpi_difference.csv, release.csv, timeseries_daily.csv, stress.md");
    expect(html).not.toContain("<svg");
    expect(html).toContain("kpi_replications.csv");
  });
});
