import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runInProcess } from "./helpers/in-process.js";
import { expectSameOutputs } from "./helpers/same-outputs.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

/**
 * A dated run (models/next-winter.json: escalation beds every winter, a frailty service from a
 * date) gives byte-identical outputs with one worker or two, and --start-date moves the whole run
 * onto other dates: the results period starts on the flag's date and its files say so.
 */
const dir = tempDirEachTest("pathflow-dated-workers-");
const ARGS = ["models/next-winter.json", "--reps", "3", "--days", "40", "--warmup-days", "20", "--no-drift-range", "--quiet"];

describe("dated runs", () => {
  it("are byte-identical for any worker count", async () => {
    const one = join(dir(), "one");
    const two = join(dir(), "two");
    expect((await runInProcess(["run", ...ARGS, "--workers", "1", "--out", one])).code).toBe(0);
    expect((await runInProcess(["run", ...ARGS, "--workers", "2", "--out", two])).code).toBe(0);
    expectSameOutputs(one, two);
  });

  it("--start-date overrides run.startDate: dates, escalation beds and the run's record follow it", async () => {
    const out = join(dir(), "moved");
    const r = await runInProcess(["run", ...ARGS, "--start-date", "2027-11-20", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    const rows = readFileSync(join(out, "timeseries_daily.csv"), "utf8").trim().split("\n").slice(1).map((l) => l.split(","));
    const beds = rows.filter((c) => c[0] === "baseline" && c[3] === "acute_capacity");
    expect(beds[0]!.slice(1, 3)).toEqual(["1", "2027-11-20"]);
    // 124 beds to 30 November, 134 from 1 December (escalation, every year).
    for (const c of beds) expect(Number(c[5]), c[2]).toBe(c[2]! < "2027-12-01" ? 124 : 134);
    expect(readFileSync(join(out, "run_metadata.csv"), "utf8")).toMatch(/^start_date,2027-11-20$/m);
    expect(readFileSync(join(out, "stress.md"), "utf8")).toContain("| Start date (first results day; calendar dates follow it) | 2027-11-20 |");
    expect(readFileSync(join(out, "glossary.csv"), "utf8")).toContain(`timeseries_daily.csv,date,column,date,,"Calendar date of the day (YYYY-MM-DD): a dated run`);
  });
});
