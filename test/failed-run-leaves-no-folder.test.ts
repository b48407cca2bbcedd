import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runInProcess } from "./helpers/in-process.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

/**
 * A run that fails after its output folder was made leaves nothing behind: the folder it created
 * is removed (never an empty or half-filled results folder), and in a folder that existed before
 * only what was there before remains. The failure is injected by the test worker
 * (helpers/failing-worker.mjs): the product has no fault hook.
 */
const dir = tempDirEachTest("pathflow-failed-");
const FAILING = { workerFile: new URL("./helpers/failing-worker.mjs", import.meta.url) };
afterEach(() => {
  delete process.env["PATHFLOW_TEST_FAIL_REPLICATION"];
});

describe("a run that fails", () => {
  it("removes the folder it created, parents included", async () => {
    process.env["PATHFLOW_TEST_FAIL_REPLICATION"] = "1";
    const out = join(dir(), "results", "today");
    const run = await runInProcess(["run", "models/mmc.json", "--reps", "3", "--days", "2", "--warmup-days", "0", "--workers", "1", "--events", "--quiet", "--out", out], FAILING);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain("replication 1");
    expect(existsSync(join(dir(), "results"))).toBe(false);
  });

  it("in a folder that existed, leaves only what was there", async () => {
    process.env["PATHFLOW_TEST_FAIL_REPLICATION"] = "0";
    const run = await runInProcess(["run", "models/mmc.json", "--reps", "2", "--days", "2", "--warmup-days", "0", "--quiet", "--out", dir()], FAILING);
    expect(run.code, run.stderr).toBe(1);
    expect(readdirSync(dir())).toEqual([]);
  });
});
