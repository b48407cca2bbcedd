import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runExperiment } from "../src/experiment/experiment.js";
import { planExperiment } from "../src/experiment/plan.js";
import { loadModel } from "../src/model/load.js";

/**
 * Workers run the specs validated when the run started: editing (or breaking) the model file
 * while a run goes on changes nothing in its results.
 */
const TMP = mkdtempSync(join(tmpdir(), "pathflow-edit-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

describe("editing the model file during a run", () => {
  it("changes nothing: results equal those of an untouched run", async () => {
    const file = join(TMP, "mmc.json");
    copyFileSync("models/mmc.json", file);
    const settings = { replications: 6, days: 20, warmupDays: 2 };
    const untouched = await runExperiment(planExperiment(await loadModel(file), settings), { workers: 2 });

    const plan = planExperiment(await loadModel(file), settings);
    let edited = false;
    const r = await runExperiment(plan, {
      workers: 1,
      onProgress: (done) => {
        if (done === 1 && !edited) {
          edited = true;
          writeFileSync(file, "{ this is no longer a model");
        }
      },
    });
    expect(edited).toBe(true);
    expect(r.state).toBe("complete");
    expect(r.kpis).toEqual(untouched.kpis);
    expect(r.replications.completed).toBe(6);
  });
});
