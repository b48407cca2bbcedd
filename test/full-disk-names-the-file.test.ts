import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runInProcess } from "./helpers/in-process.js";

/**
 * A disk that fills up during a run is an --out problem: exit 2 naming the file that could not be
 * written and saying the disk is full — with --events too, where the event log is written by a
 * worker (never "replication 0 failed" with a --seed to reproduce it, as if the model were at
 * fault) — and the run's folder is removed, so no half set of files is left.
 *
 * The full disk is a small tmpfs mounted for the test (as root, as developers and CI run); where
 * none can be mounted the test is skipped — except under CI=true, where it fails.
 */
const IN_CI = process.env["CI"] === "true";
const MOUNT = mkdtempSync(join(tmpdir(), "pathflow-full-disk-"));
let mounted = false;
beforeAll(() => {
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", MOUNT], { stdio: "pipe" });
    mounted = true;
  } catch (error) {
    if (IN_CI) throw error;
    process.stderr.write(`full-disk-names-the-file: cannot mount a tmpfs (${String(error).split("\n")[0]}) — skipped\n`);
  }
});
afterAll(() => {
  if (mounted) execFileSync("umount", [MOUNT]);
  rmSync(MOUNT, { recursive: true, force: true });
});

const RUN = ["run", "models/mmc.json", "--reps", "2", "--warmup-days", "0", "--quiet", "--workers", "1"];

describe.skipIf(!IN_CI && process.getuid?.() !== 0)("a disk that fills up", () => {
  it("while a worker writes the event log: exit 2 naming the part file, no seed to reproduce", async (context) => {
    if (!mounted) return context.skip();
    const out = join(MOUNT, "with-events");
    const run = await runInProcess([...RUN, "--days", "30", "--events", "--out", out]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`--out: cannot write ${out}/events-\\d+\\.part: no space left on the disk`));
    expect(run.stderr).not.toMatch(/replication \d+ .*failed|--seed|    at /);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(MOUNT)).toEqual([]);
  });

  it("while the main thread writes the results: exit 2 naming the file", async (context) => {
    if (!mounted) return context.skip();
    const out = join(MOUNT, "no-events");
    const run = await runInProcess([...RUN, "--days", "2", "--out", out]);
    expect(run.code, run.stderr).toBe(2);
    // report.html (about 120 KB for this model) is what does not fit in 64 KB.
    expect(run.stderr).toMatch(new RegExp(`--out: cannot write ${out}/[a-z_]+\\.(csv|md|html): no space left on the disk`));
    expect(run.stderr).not.toMatch(/    at /);
    expect(existsSync(out)).toBe(false);
  });
});
