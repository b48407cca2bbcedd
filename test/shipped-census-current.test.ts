import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { censusCsv, readCensusPlan } from "../src/io/census-csv.js";
import { compileModel } from "../src/model/compile.js";
import { loadModel } from "../src/model/load.js";
import { planExperiment } from "../src/experiment/plan.js";
import { takeCensus } from "../src/pathway/run.js";
import { ICS_DEFAULT, ICS_DEFAULT_CENSUS, NPM_START_WARMUP_DAYS } from "../validation/littles-law.js";

/**
 * `npm start` starts the default ICS from its shipped census (models/ics-default.census.csv.gz):
 * six states of the baseline, one per replication, at the end of their 730-day warm-ups. The file
 * must be the current model's — a change to the default's parameters without `npm run
 * census:default` would start npm start from another system's state. State 0 is taken afresh and
 * compared, row for row; and the start script runs what validation (cases 10 and 16) assumes.
 */

const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
const CENSUS_SEED = Number(/--seed (\d+)/.exec(pkg.scripts["census:default"]!)?.[1]);

describe("the shipped census is the current default's", () => {
  it("npm start runs from it with the warm-up validation assumes; census:default writes it", () => {
    expect(pkg.scripts["start"]).toContain(`--census ${ICS_DEFAULT_CENSUS.replaceAll("\\", "/")}`);
    expect(pkg.scripts["start"]).toContain(`--warmup-days ${NPM_START_WARMUP_DAYS}`);
    expect(pkg.scripts["census:default"]).toContain(`--out ${ICS_DEFAULT_CENSUS.replaceAll("\\", "/")}`);
    expect(pkg.scripts["census:default"]).toContain("--reps 6");
    expect(Number.isInteger(CENSUS_SEED)).toBe(true);
  });

  it("its state of replication 0 is the baseline's at the end of a fresh 730-day warm-up, row for row", async () => {
    const loaded = await loadModel(ICS_DEFAULT);
    const plan = planExperiment(loaded, { scenarios: ["baseline"], driftRange: false });
    const model = compileModel(plan.variants[0]!.spec, plan.variants[0]!.tables);
    const census = readCensusPlan(ICS_DEFAULT_CENSUS, { names: ["baseline"], models: [model], all: Object.keys(loaded.model.scenarios), baseline: "baseline" });
    const states = census.states["baseline"]!;
    expect(states.length).toBe(6);
    const fresh = takeCensus(model, { seed: CENSUS_SEED, replication: 0, days: 0, warmupDays: plan.settings.warmupDays }).rows.map((r) => ({ ...r, scenario: "baseline", replication: 0 }));
    const shipped = gunzipSync(readFileSync(ICS_DEFAULT_CENSUS)).toString("utf8").split("\n");
    const expected = censusCsv(fresh).split("\n");
    expect(shipped.slice(0, expected.length - 1)).toEqual(expected.slice(0, -1));
  });
});
