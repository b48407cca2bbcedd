import { existsSync, mkdirSync, chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runInProcess } from "./helpers/in-process.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

/**
 * An --out that cannot take the results — a file, a path through a file, a folder that cannot be
 * written — is bad input: exit 2, naming --out and the path, saying why in words (never a raw
 * EEXIST, never "no such file" for a read-only folder), no stack trace, nothing created.
 */
const dir = tempDirEachTest("pathflow-bad-out-");
const RUN = ["run", "models/mmc.json", "--reps", "1", "--days", "1", "--warmup-days", "0", "--quiet"];

async function expectRefused(out: string, message: string): Promise<void> {
  const run = await runInProcess([...RUN, "--out", out]);
  expect(run.code, run.stderr).toBe(2);
  expect(run.stderr).toContain(`--out: ${message}`);
  expect(run.stderr).not.toMatch(/EEXIST|ENOTDIR|EACCES|EROFS|    at /);
  expect(run.stdout).toBe("");
}

describe("an --out that cannot be used", () => {
  it("a file", async () => {
    const file = join(dir(), "results");
    writeFileSync(file, "not a folder\n");
    await expectRefused(file, `${file} is a file, not a folder`);
  });

  it("a path through a file", async () => {
    const file = join(dir(), "results");
    writeFileSync(file, "not a folder\n");
    await expectRefused(join(file, "today"), `cannot use ${join(file, "today")}: a part of the path is a file, not a folder`);
  });

  it("a folder that cannot be written", async () => {
    // Permissions do not bind root, for whom /sys is a folder that cannot be written.
    const root = process.getuid?.() === 0;
    const parent = root ? "/sys" : join(dir(), "read-only");
    if (!root) {
      mkdirSync(parent);
      chmodSync(parent, 0o555);
    }
    const out = join(parent, "pathflow-results");
    await expectRefused(out, `cannot create the folder ${out}: permission denied`);
    expect(existsSync(out)).toBe(false);
  });

  it("a folder where no folder can be made", async () => {
    await expectRefused("/proc/pathflow-results/today", "cannot create the folder /proc/pathflow-results/today: no such folder");
  });
});
