import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { pathflow } from "./helpers/cli.js";
import { readCsv } from "./helpers/report-folders.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

/**
 * A replication that observed nothing a KPI is a mean, share or centile of (here: a unit nobody
 * visited) reports an empty cell, not 0; the summaries use only the replications that observed it
 * and say how many (n_reps); the report and the workbook are written; nothing is NaN.
 * (dist/ is built by test/global-setup.ts.)
 */

const REPS = 8;

// A busy ward, and a rare unit reached about once in 20 days: in an 11-day run most replications
// see nobody there. Stays are deterministic, so the mean over the replications that saw a stay is
// exactly 2 hours — averaging in the unobserved replications as zeros would pull it down.
const MODEL = {
  name: "rare-unit",
  segments: {
    everyone: { arrivals: [{ route: "other", to: "ward", ratePerDay: 48 }] },
    rare: { arrivals: [{ route: "other", to: "rare", meanInterarrivalDays: 20 }] },
  },
  nodes: {
    ward: { type: "unit", servers: 5, durationHours: { type: "deterministic", value: 1 }, outcomes: { "*": [{ pct: 100, to: "exit" }] } },
    rare: { type: "unit", servers: 1, durationHours: { type: "deterministic", value: 2 }, outcomes: { "*": [{ pct: 100, to: "exit" }] } },
  },
  run: { days: 10, warmupDays: 1, replications: REPS, seed: 5 },
  scenarios: {
    baseline: { description: "As modelled.", changes: [] },
    "two-rare-servers": { description: "A second server at the rare unit.", changes: [{ path: "nodes.rare.servers", set: 2 }] },
  },
};

const temp = tempDirEachTest("pathflow-unobserved-");

describe("a KPI a replication did not observe is an empty cell, and summaries leave it out", () => {
  it("kpi_replications.csv, kpi_summary.csv, kpi_difference.csv, report.html and results.xlsx", async () => {
    const dir = temp();
    const model = join(dir, "rare.json");
    writeFileSync(model, JSON.stringify(MODEL));
    const out = join(dir, "out");
    const run = await pathflow(["run", model, "--out", out, "--quiet", "--xlsx"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);

    const reps = readCsv(join(out, "kpi_replications.csv"));
    const cell = (scenario: string, kpi: string): string[] => reps.filter((r) => r["scenario"] === scenario && r["kpi"] === kpi).map((r) => r["value"]!);
    const stays = cell("baseline", "rare_stay_mean_hours");
    expect(stays).toHaveLength(REPS);
    const observed = stays.filter((v) => v !== "");
    // The seed gives both kinds of replication (otherwise the test would prove nothing).
    expect(observed.length).toBeGreaterThan(0);
    expect(observed.length).toBeLessThan(REPS);
    expect(new Set(observed)).toEqual(new Set(["2"]));
    // The other shares and means of the rare unit are empty in exactly the same replications …
    for (const kpi of ["rare_wait_mean_hours", "rare_wait_pct", "rare_refused_pct"]) {
      expect(cell("baseline", kpi).map((v) => v === ""), kpi).toEqual(stays.map((v) => v === ""));
    }
    // … while counts and time-weighted measures are 0, not empty: nobody came, nothing was occupied.
    const arrivals = cell("baseline", "rare_arrivals_per_day");
    stays.forEach((v, i) => {
      if (v === "") expect(cell("baseline", "rare_occupancy_pct")[i]).toBe("0");
      expect(arrivals[i]).not.toBe("");
    });
    // The busy ward observed everything in every replication.
    expect(cell("baseline", "ward_stay_mean_hours").every((v) => v === "1")).toBe(true);

    const summary = readCsv(join(out, "kpi_summary.csv"));
    const row = summary.find((r) => r["scenario"] === "baseline" && r["kpi"] === "rare_stay_mean_hours")!;
    expect(Number(row["mean"])).toBe(2);
    expect(Number(row["n_reps"])).toBe(observed.length);
    expect(Number(row["p10"])).toBe(2);
    const ward = summary.find((r) => r["scenario"] === "baseline" && r["kpi"] === "ward_stay_mean_hours")!;
    expect(Number(ward["n_reps"])).toBe(REPS);

    // Differences pair only the replications that observed the KPI in both runs (the same people
    // under common random numbers, so the same replications here) — and the same 2-hour stays.
    const diff = readCsv(join(out, "kpi_difference.csv")).find((r) => r["kpi"] === "rare_stay_mean_hours")!;
    expect(Number(diff["n_reps"])).toBe(observed.length);
    expect(Number(diff["mean_diff"])).toBe(0);

    // Nothing anywhere is NaN or Infinity; the report and the workbook were written.
    for (const file of readdirSync(out).filter((f) => f.endsWith(".csv") || f.endsWith(".md") || f.endsWith(".html"))) {
      const text = readFileSync(join(out, file), "utf8");
      expect(/\bNaN\b|Infinity/.test(text), file).toBe(false);
    }
    expect(readFileSync(join(out, "report.html"), "utf8")).toContain("rare_stay_mean_hours");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, "results.xlsx"));
    const sheet = wb.getWorksheet("kpi_replications")!;
    const empties: number[] = [];
    sheet.eachRow((r, i) => {
      if (i > 1 && r.getCell(3).value === "rare_stay_mean_hours" && r.getCell(1).value === "baseline") empties.push(r.getCell(4).value === null ? 1 : 0);
    });
    expect(empties).toEqual(stays.map((v) => (v === "" ? 1 : 0)));
  });
});
