import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runInProcess } from "./helpers/in-process.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

/**
 * What a killed run leaves in its folder — hidden temporary files and event-log parts — is not
 * "a folder that holds files": the next run into that folder removes it and runs.
 */
const dir = tempDirEachTest("pathflow-leftovers-");

describe("leftovers of a killed run", () => {
  it("are removed by the next run into the folder", async () => {
    const out = dir();
    const leftovers = [".kpi_replications.csv.4242.0123456789ab.tmp", ".stress.md.17.abcdefabcdef.tmp", "events-0.part", "events-13.part"];
    for (const name of leftovers) writeFileSync(join(out, name), "half a file");
    const run = await runInProcess(["run", "models/mmc.json", "--reps", "2", "--days", "1", "--warmup-days", "0", "--quiet", "--out", out]);
    expect(run.code, run.stderr).toBe(0);
    const files = readdirSync(out);
    for (const name of leftovers) expect(files).not.toContain(name);
    expect(files.filter((f) => f.startsWith(".") || f.endsWith(".part") || f.endsWith(".tmp"))).toEqual([]);
    expect(files).toContain("kpi_summary.csv");
  });
});
