import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildReport } from "../src/report/index.js";
import { pathflow } from "./helpers/cli.js";

/**
 * report.html is a function of the folder's files: rebuilt from the same files — in the same
 * folder or a copy — it is the same bytes (charts rendered in order, no clock, no random ids).
 */

const TMP = mkdtempSync(join(tmpdir(), "pathflow-report-bytes-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

describe("report.html from the same files", () => {
  it("is byte-identical when rebuilt, in place and in a copy of the folder", async () => {
    const out = join(TMP, "run");
    const run = await pathflow(["run", "models/mmc.json", "--reps", "2", "--days", "10", "--warmup-days", "2", "--out", out, "--quiet"]);
    expect(run.code, run.stderr).toBe(0);
    const first = readFileSync(join(out, "report.html"));
    expect(first.length).toBeGreaterThan(10_000);
    const again = await buildReport(out);
    expect(again.bytes).toBe(first.length);
    expect(readFileSync(join(out, "report.html")).equals(first)).toBe(true);
    const copy = join(TMP, "copy");
    cpSync(out, copy, { recursive: true });
    rmSync(join(copy, "report.html"));
    await buildReport(copy);
    expect(readFileSync(join(copy, "report.html")).equals(first)).toBe(true);
  });
});
