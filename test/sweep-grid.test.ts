import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { pathflow as runPathflow, type CliRun } from "./helpers/cli.js";
import { afterAll, describe, expect, it } from "vitest";

/**
 * `pathflow sweep` runs every cell of the grid of --set (compared scenario only) and --set-both
 * (baseline and scenario) values and writes sweep.csv: one column per axis, rows of kind kpi,
 * kpi_difference and release. The values must reach the model: an 11th server shortens the wait,
 * a --set value leaves the baseline alone, a --set-both value changes it.
 * (dist/ is built by test/global-setup.ts.)
 */

const TMP = mkdtempSync(join(tmpdir(), "pathflow-sweep-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const pathflow = (...args: string[]): Promise<CliRun> => runPathflow(args);

type Row = Record<string, string>;

function readSweep(dir: string): { fields: string[]; rows: Row[] } {
  const text = readFileSync(join(dir, "sweep.csv"), "utf8");
  expect(text.endsWith("\n")).toBe(true);
  const parsed = Papa.parse<Row>(text, { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return { fields: parsed.meta.fields ?? [], rows: parsed.data };
}

describe("pathflow sweep", () => {
  it("mmc: a 2 × 2 grid of --set servers and --set-both arrival rate", async () => {
    const out = join(TMP, "mmc");
    const run = await pathflow(
      "sweep",
      "models/mmc.json",
      "--set",
      "nodes.servers.servers=10,11",
      "--set-both",
      "segments.customers.arrivals.0.ratePerDay=192,216",
      "--reps",
      "2",
      "--days",
      "20",
      "--warmup-days",
      "5",
      "--quiet",
      "--out",
      out,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("4 of 4 cells");

    const { fields, rows } = readSweep(out);
    expect(fields).toEqual([
      "cell",
      "nodes_servers_servers",
      "segments_customers_arrivals_0_rate_per_day",
      "scenario",
      "kind",
      "name",
      "measure",
      "unit",
      "mean",
      "ci_low",
      "ci_high",
      "n_reps",
    ]);
    // Four cells, first axis slowest.
    const cells = [...new Map(rows.map((r) => [r["cell"], `${r["nodes_servers_servers"]}/${r["segments_customers_arrivals_0_rate_per_day"]}`])).entries()];
    expect(cells).toEqual([
      ["1", "10/192"],
      ["2", "10/216"],
      ["3", "11/192"],
      ["4", "11/216"],
    ]);
    // mmc has no release resources (no ambulance, ED, beds or home care): kpi and kpi_difference rows only.
    expect(new Set(rows.map((r) => r["kind"]))).toEqual(new Set(["kpi", "kpi_difference"]));
    expect(new Set(rows.map((r) => r["scenario"]))).toEqual(new Set(["baseline", "sweep"]));
    expect(new Set(rows.map((r) => r["n_reps"]))).toEqual(new Set(["2"]));

    const value = (servers: number, rate: number, scenario: string, kind: string, name: string): number => {
      const found = rows.filter(
        (r) =>
          r["nodes_servers_servers"] === String(servers) &&
          r["segments_customers_arrivals_0_rate_per_day"] === String(rate) &&
          r["scenario"] === scenario &&
          r["kind"] === kind &&
          r["name"] === name,
      );
      expect(found, `${servers}/${rate} ${scenario} ${kind} ${name}`).toHaveLength(1);
      return Number(found[0]!["mean"]);
    };

    for (const rate of [192, 216]) {
      // --set reaches the compared scenario: one more server, shorter waits (same patients, CRN).
      expect(value(11, rate, "sweep", "kpi", "servers_wait_mean_hours")).toBeLessThan(value(10, rate, "sweep", "kpi", "servers_wait_mean_hours"));
      expect(value(11, rate, "sweep", "kpi_difference", "servers_wait_mean_hours")).toBeLessThan(0);
      // ...and only the compared scenario: the baseline is the same in both cells, and with 10
      // servers (the model's own value) the scenario is the baseline exactly.
      expect(value(11, rate, "baseline", "kpi", "servers_wait_mean_hours")).toBe(value(10, rate, "baseline", "kpi", "servers_wait_mean_hours"));
      expect(value(10, rate, "sweep", "kpi_difference", "servers_wait_mean_hours")).toBe(0);
    }
    // --set-both reaches the baseline: fewer arrivals per day at 192 than at 216.
    const arrivals192 = value(10, 192, "baseline", "kpi", "servers_arrivals_per_day");
    const arrivals216 = value(10, 216, "baseline", "kpi", "servers_arrivals_per_day");
    expect(arrivals192).toBeLessThan(arrivals216);
    expect(Math.abs(arrivals192 - 192) / 192).toBeLessThan(0.05);

    const meta = Papa.parse<string[]>(readFileSync(join(out, "sweep_metadata.csv"), "utf8"), { skipEmptyLines: true }).data;
    const get = (key: string) => meta.find((r) => r[0] === key)?.[1];
    expect(get("cells")).toBe("4");
    expect(get("cells_completed")).toBe("4");
    expect(get("partial")).toBe("false");
  });

  it("ics-default: release rows for the compared scenario", async () => {
    const out = join(TMP, "ics");
    const run = await pathflow("sweep", "models/ics-default.json", "--set", "segments.care-home.demandMultiplier=0.5", "--reps", "2", "--days", "10", "--warmup-days", "5", "--quiet", "--out", out);
    expect(run.code, run.stderr).toBe(0);
    const { fields, rows } = readSweep(out);
    expect(fields).toContain("segments_care_home_demand_multiplier");
    expect(new Set(rows.map((r) => r["kind"]))).toEqual(new Set(["kpi", "kpi_difference", "release"]));
    const release = rows.filter((r) => r["kind"] === "release");
    expect(release.every((r) => r["scenario"] === "sweep")).toBe(true);
    // Halving care-home demand avoids patients, so some acute bed-days are expected to be released.
    const expected = release.find((r) => r["name"] === "acute_bed_days" && r["measure"] === "expected_release");
    expect(expected).toBeDefined();
    expect(Number(expected!["mean"])).toBeGreaterThan(0);
  });
});
