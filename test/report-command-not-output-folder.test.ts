import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { pathflow } from "./helpers/cli.js";

/**
 * `pathflow report DIR` where DIR is not a folder a run or sweep wrote — an unrelated folder, a
 * file, a path that does not exist — exits 2 with a message naming the path and what is wrong,
 * no stack trace, nothing on stdout and no report.html. (dist/ is built by test/global-setup.ts.)
 */

const TMP = mkdtempSync(join(tmpdir(), "pathflow-report-bad-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

async function expectRefused(dir: string, message: RegExp): Promise<void> {
  const run = await pathflow(["report", dir]);
  expect(run.code).toBe(2);
  expect(run.stdout).toBe("");
  expect(run.stderr).toContain(`${dir} is not a pathflow output folder`);
  expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toMatch(/^\s+at /m);
}

describe("pathflow report refuses a folder that is not an output folder", () => {
  it("a folder with other files in it", async () => {
    const dir = join(TMP, "notes");
    mkdirSync(dir);
    writeFileSync(join(dir, "data.csv"), "a,b\n1,2\n");
    await expectRefused(dir, /none of run_metadata\.csv, .*sweep\.csv.* is in it/);
    expect(existsSync(join(dir, "report.html"))).toBe(false);
  });

  it("a path that does not exist", async () => {
    await expectRefused(join(TMP, "missing"), /cannot read the folder \(ENOENT\)/);
    expect(existsSync(join(TMP, "missing"))).toBe(false);
  });

  it("a file", async () => {
    const file = join(TMP, "model.json");
    writeFileSync(file, "{}");
    await expectRefused(file, /not a folder/);
  });
});
