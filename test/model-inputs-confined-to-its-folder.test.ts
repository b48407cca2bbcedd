import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runInProcess } from "./helpers/in-process.js";
import { FIXTURES, system } from "./helpers/model-fixtures.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

/**
 * A model cannot make pathflow open a file outside its folder: a `ratesCsv` that is absolute,
 * climbs out with `..`, or is a symbolic link leading out is refused before anything is read —
 * unless the folder is named with --data-dir — and no message quotes a line of such a file. Only
 * regular files of bounded size are read: a pipe never hangs validation, a device is never read.
 */
const dir = tempDirEachTest("pathflow-confined-");
const SECRET = "s3cret-line-that-must-never-be-printed,1,2\n";

/** A copy of the fixture system in `folder/model/` whose care-home rates are read from `ratesCsv`. */
function modelWith(ratesCsv: string): string {
  const folder = join(dir(), "model");
  mkdirSync(folder, { recursive: true });
  const raw = system();
  raw.segments["care-home"].arrivals[0].ratesCsv = ratesCsv;
  writeFileSync(join(folder, "model.json"), JSON.stringify(raw));
  return join(folder, "model.json");
}

async function validate(model: string, ...flags: string[]): Promise<{ code: number | null; stderr: string }> {
  const run = await runInProcess(["validate", model, ...flags]);
  expect(run.stderr).not.toContain("s3cret");
  return run;
}

describe("files named by a model", () => {
  it("a path climbing out with .. is refused, unread", async () => {
    writeFileSync(join(dir(), "outside.csv"), SECRET);
    const run = await validate(modelWith("../outside.csv"));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("segments.care-home.arrivals[0].ratesCsv: ../outside.csv is outside the model's folder");
  });

  it("an absolute path is refused", async () => {
    writeFileSync(join(dir(), "outside.csv"), SECRET);
    const run = await validate(modelWith(join(dir(), "outside.csv")));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("is outside the model's folder");
    const system = await validate(modelWith("/etc/passwd"));
    expect(system.code).toBe(2);
    expect(system.stderr).toContain("/etc/passwd is outside the model's folder");
    expect(system.stderr).not.toContain("root:");
  });

  it("a symbolic link leading out of the folder is refused; one within it is followed", async () => {
    writeFileSync(join(dir(), "outside.csv"), SECRET);
    const model = modelWith("rates.csv");
    symlinkSync(join(dir(), "outside.csv"), join(dir(), "model", "rates.csv"));
    const run = await validate(model);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("rates.csv is outside the model's folder");

    copyFileSync(join(FIXTURES, "rates-week.csv"), join(dir(), "model", "week.csv"));
    symlinkSync("week.csv", join(dir(), "model", "linked.csv"));
    expect((await validate(modelWith("linked.csv"))).code).toBe(0);
  });

  it("--data-dir names a folder the model may read from", async () => {
    mkdirSync(join(dir(), "data"));
    copyFileSync(join(FIXTURES, "rates-week.csv"), join(dir(), "data", "week.csv"));
    const model = modelWith("../data/week.csv");
    expect((await validate(model)).code).toBe(2);
    const run = await validate(model, "--data-dir", join(dir(), "data"));
    expect(run.code, run.stderr).toBe(0);
  });

  it("a pipe is refused without waiting for a writer", async () => {
    const model = modelWith("rates.csv");
    execFileSync("mkfifo", [join(dir(), "model", "rates.csv")]);
    const run = await validate(model);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("cannot read rates.csv: it is a pipe (FIFO), not a regular file");
  });

  it("a file far larger than a rates table is refused unread", async () => {
    const model = modelWith("rates.csv");
    writeFileSync(join(dir(), "model", "rates.csv"), SECRET);
    truncateSync(join(dir(), "model", "rates.csv"), 50 * 1024 * 1024); // sparse: no disk used
    const run = await validate(model);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("cannot read rates.csv: it is 50 MB, more than the 1 MB an input file may be");
  });

  it("a file that is not a rates table: the header is not quoted back", async () => {
    const model = modelWith("rates.csv");
    writeFileSync(join(dir(), "model", "rates.csv"), SECRET + SECRET);
    const run = await validate(model);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("rates.csv row 1: expected the header day,hour,rate_per_hour; it has no day, hour, rate_per_hour column");
  });

  it("the model file itself: a device or a pipe is refused, not read", async () => {
    const zero = await validate("/dev/zero");
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain("cannot read /dev/zero: it is a device, not a regular file");
    const fifo = join(dir(), "model.json");
    execFileSync("mkfifo", [fifo]);
    const pipe = await validate(fifo);
    expect(pipe.code).toBe(2);
    expect(pipe.stderr).toContain("it is a pipe (FIFO), not a regular file");
  });
});
