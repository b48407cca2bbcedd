import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadModel } from "../src/model/load.js";
import { weeklyRates } from "../src/model/compile.js";
import { modelJsonSchemaText } from "../src/model/json-schema.js";
import { kpiUnit } from "../src/pathway/kpis.js";
import { pathflow } from "./helpers/cli.js";
import { readCsv } from "./helpers/report-folders.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

/**
 * `pathflow init DIR` starts a model of one's own: a copy of a shipped model whose `$schema` link
 * still finds its schema (copied beside it), a targets.csv of the KPIs to calibrate against, a
 * rates-week.csv in the format `ratesCsv` reads holding the model's own rates, and a README. It
 * never overwrites: with any of those files already there it writes nothing and exits 2.
 * (dist/ is built by test/global-setup.ts.)
 */
const dir = tempDirEachTest("pathflow-init-");
const FILES = ["README.md", "ics-default.json", "rates-week.csv", "schema.json", "targets.csv"];

describe("pathflow init", () => {
  it("copies the default model, its schema, the templates and a README; the copy validates", async () => {
    const target = join(dir(), "my-ics");
    const run = await pathflow(["init", target]);
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(target).sort()).toEqual(FILES);
    expect(run.stdout).toContain(`Next: pathflow validate ${join(target, "ics-default.json")}`);
    const text = readFileSync(join(target, "ics-default.json"), "utf8");
    expect(text).toBe(readFileSync("models/ics-default.json", "utf8"));

    // The $schema link resolves, from the copy, to the schema of this version.
    const link = (JSON.parse(text) as { $schema: string }).$schema;
    expect(readFileSync(resolve(target, link), "utf8")).toBe(modelJsonSchemaText());

    const validate = await pathflow(["validate", join(target, "ics-default.json")]);
    expect(validate.code, validate.stderr).toBe(0);

    const targets = readCsv(join(target, "targets.csv"));
    expect(Object.keys(targets[0]!)).toEqual(["kpi", "unit", "description", "your_value", "source", "period"]);
    expect(targets.find((r) => r["kpi"] === "ga_occupancy_pct")).toMatchObject({ unit: "%", your_value: "" });
    for (const r of targets) expect(r["unit"], r["kpi"]).toBe(kpiUnit(r["kpi"]!));
    expect(readFileSync(join(target, "README.md"), "utf8")).toMatch(/^# ics-default: a model to make your own\n/);
  });

  it("rates-week.csv holds the model's own rates: pointing the stream at it changes nothing", async () => {
    const target = join(dir(), "rates");
    expect((await pathflow(["init", target])).code).toBe(0);
    const readme = readFileSync(join(target, "README.md"), "utf8");
    const [, segment, index] = /model's own rates for segments\.([\w-]+)\.arrivals\[(\d+)\] \(route walk-in/.exec(readme) ?? [];
    expect(segment).toBeDefined();
    const file = join(target, "ics-default.json");
    const model = JSON.parse(readFileSync(file, "utf8"));
    const stream = model.segments[segment!].arrivals[Number(index)];
    const before = weeklyRates(stream, {});
    for (const key of ["ratePerDay", "hourOfDayPct", "dayOfWeekMultiplier"]) delete stream[key];
    stream.ratesCsv = "rates-week.csv";
    writeFileSync(file, JSON.stringify(model));
    const loaded = await loadModel(file);
    const after = weeklyRates(loaded.model.segments[segment!]!.arrivals[Number(index)]!, loaded.tables);
    expect(after).toHaveLength(168);
    after.forEach((rate, h) => expect(rate).toBeCloseTo(before[h]!, 6));
    expect(readCsv(join(target, "rates-week.csv")).slice(0, 2).map((r) => [r["day"], r["hour"]])).toEqual([
      ["Mon", "0"],
      ["Mon", "1"],
    ]);
  });

  it("--model mmc: the M/M/c model and its unit's KPIs", async () => {
    const target = join(dir(), "mmc");
    const run = await pathflow(["init", target, "--model", "mmc"]);
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(target).sort()).toEqual(["README.md", "mmc.json", "rates-week.csv", "schema.json", "targets.csv"]);
    expect(readCsv(join(target, "targets.csv")).map((r) => r["kpi"])).toContain("servers_wait_mean_hours");
  });

  it("never overwrites: a file already there means exit 2 and nothing written", async () => {
    const target = join(dir(), "taken");
    expect((await pathflow(["init", target])).code).toBe(0);
    writeFileSync(join(target, "targets.csv"), "mine\n");
    const again = await pathflow(["init", target]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`${target} already has ics-default.json, schema.json, targets.csv, rates-week.csv, README.md: pathflow init never overwrites a file`);
    expect(readFileSync(join(target, "targets.csv"), "utf8")).toBe("mine\n");

    const partly = join(dir(), "partly");
    expect((await pathflow(["init", partly, "--model", "mmc"])).code).toBe(0);
    const other = await pathflow(["init", partly]); // shares schema.json, targets.csv … with the mmc start
    expect(other.code).toBe(2);
    expect(existsSync(join(partly, "ics-default.json"))).toBe(false);
  });

  it("an unknown --model is bad input", async () => {
    const target = join(dir(), "bogus");
    const run = await pathflow(["init", target, "--model", "bogus"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Allowed choices are ics, stroke, mmc");
    expect(existsSync(dirname(target)) && existsSync(target)).toBe(false);
  });
});
