import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readable } from "../src/experiment/narrative.js";
import { pathflow } from "./helpers/cli.js";
import { readCsv } from "./helpers/report-folders.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

/**
 * `pathflow sweep` prints a table of the swept values against the headline measures — each "mean
 * ±half-width of its 95% CI", the same numbers as sweep.csv: the compared scenario's release
 * accounting for acute bed-days and the baseline's G&A occupancy where the model accounts release,
 * else the compared scenario's first KPIs. (dist/ is built by test/global-setup.ts.)
 */
const dir = tempDirEachTest("pathflow-sweep-table-");

/** The table's header and rows, cells split where two or more spaces separate them. */
function parseTable(stdout: string): { header: string[]; rows: string[][] } {
  const [header, rule, ...rest] = stdout.split("\n\n")[0]!.split("\n");
  expect(rule).toMatch(/^[- ]+$/);
  const split = (line: string): string[] => line.trim().split(/ {2,}/);
  return { header: split(header!), rows: rest.map(split) };
}

function cellText(row: Record<string, string> | undefined): string {
  expect(row).toBeDefined();
  const mean = Number(row!["mean"]);
  return row!["ci_low"] === "" ? readable(mean) : `${readable(mean)} ±${readable((Number(row!["ci_high"]) - Number(row!["ci_low"])) / 2)}`;
}

describe("sweep prints the swept values against the headline measures", () => {
  it("a model without release accounting: the scenario's KPIs by number of servers", async () => {
    const run = await pathflow(["sweep", "models/mmc.json", "--set", "nodes.servers.servers=11,12", "--reps", "3", "--days", "10", "--warmup-days", "2", "--workers", "2", "--out", dir(), "--quiet"]);
    expect(run.code, run.stderr).toBe(0);
    const { header, rows } = parseTable(run.stdout);
    expect(header).toEqual(["servers", "scenario", "servers_occupancy_pct", "servers_busy_mean", "servers_queue_mean", "servers_wait_mean_hours"]);
    const csv = readCsv(join(dir(), "sweep.csv"));
    expect(rows.map((r) => r.slice(0, 2))).toEqual([
      ["11", "sweep"],
      ["12", "sweep"],
    ]);
    rows.forEach((row, i) => {
      header.slice(2).forEach((kpi, j) => {
        expect(row[j + 2], `${kpi} in cell ${i + 1}`).toBe(cellText(csv.find((r) => r["cell"] === String(i + 1) && r["kind"] === "kpi" && r["scenario"] === "sweep" && r["name"] === kpi)));
      });
    });
  });

  it("the default model: release accounting of acute bed-days and the baseline's occupancy, by drift strength", async () => {
    const run = await pathflow(["sweep", "models/ics-default.json", "--scenario", "frailty-service", "--set-both", "nodes.ed.admission.b2PerOccupancyPoint=0,-0.03", "--reps", "2", "--days", "20", "--warmup-days", "10", "--workers", "2", "--out", dir(), "--quiet"]);
    expect(run.code, run.stderr).toBe(0);
    const { header, rows } = parseTable(run.stdout);
    expect(header).toEqual(["b2PerOccupancyPoint", "scenario", "acute_bed_days expected", "acute_bed_days spare", "acute_bed_days drift", "acute_bed_days ratio", "baseline ga_occupancy_pct"]);
    expect(rows.map((r) => r.slice(0, 2))).toEqual([
      ["0", "frailty-service"],
      ["-0.03", "frailty-service"],
    ]);
    const csv = readCsv(join(dir(), "sweep.csv"));
    const measures = ["expected_release", "realised_as_spare_capacity", "absorbed_by_drift", "release_ratio"];
    rows.forEach((row, i) => {
      const cell = String(i + 1);
      measures.forEach((measure, j) => {
        const found = csv.find((r) => r["cell"] === cell && r["kind"] === "release" && r["name"] === "acute_bed_days" && r["measure"] === measure);
        // A ratio whose interval is too wide to inform is left out of sweep.csv: a dash here.
        if (measure === "release_ratio" && found === undefined) expect(row[j + 2], `${measure} in cell ${cell}`).toBe("—");
        else expect(row[j + 2], `${measure} in cell ${cell}`).toBe(cellText(found));
      });
      expect(row[6]).toBe(cellText(csv.find((r) => r["cell"] === cell && r["kind"] === "kpi" && r["scenario"] === "baseline" && r["name"] === "ga_occupancy_pct")));
    });
    // Drift switched off in cell 1: nothing absorbed by it.
    expect(rows[0]![4]).toBe("0 ±0");
  });
});
