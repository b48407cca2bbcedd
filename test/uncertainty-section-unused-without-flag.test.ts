import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pathflow } from "./helpers/cli.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

/**
 * Without --uncertainty a model's uncertainty section changes nothing: the model's own values run,
 * and every result file is the same bytes as for the model without the section (run facts —
 * run_metadata.csv, stress.md, report.html, which name the model file — aside).
 * (dist/ is built by test/global-setup.ts.)
 */
const dir = tempDirEachTest("pathflow-uncertainty-unused-");

describe("an uncertainty section is unused by a plain run", () => {
  it("mmc with and without the section: the same result files", async () => {
    const mmc = JSON.parse(readFileSync("models/mmc.json", "utf8")) as Record<string, unknown>;
    const plain = join(dir(), "plain.json");
    const withSection = join(dir(), "with.json");
    writeFileSync(plain, JSON.stringify({ ...mmc, $schema: undefined }));
    const uncertainty = {
      rate: { path: "segments.customers.arrivals[0].ratePerDay", distribution: { type: "triangular", min: 150, mode: 216, max: 230 }, apply: "set", why: "test" },
      servers: { path: "scenarios.eleven-servers.changes[0].set", distribution: { type: "discrete", values: [12], probabilities: [1] }, why: "test" },
    };
    writeFileSync(withSection, JSON.stringify({ ...mmc, $schema: undefined, uncertainty }));
    const outs = [join(dir(), "a"), join(dir(), "b")];
    for (const [i, model] of [plain, withSection].entries()) {
      const run = await pathflow(["run", model, "--reps", "2", "--days", "20", "--warmup-days", "2", "--quiet", "--out", outs[i]!]);
      expect(run.code, run.stderr).toBe(0);
    }
    const files = readdirSync(outs[0]!).sort();
    expect(readdirSync(outs[1]!).sort()).toEqual(files);
    expect(files.some((f) => f.startsWith("uncertainty"))).toBe(false);
    const compared = files.filter((f) => !["run_metadata.csv", "stress.md", "report.html"].includes(f));
    expect(compared).toContain("kpi_replications.csv");
    for (const f of compared) expect(readFileSync(join(outs[1]!, f)).equals(readFileSync(join(outs[0]!, f))), f).toBe(true);
  });
});
