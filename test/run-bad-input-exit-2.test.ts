import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathflow as runPathflow, type CliRun } from "./helpers/cli.js";
import { afterAll, describe, expect, it } from "vitest";

/**
 * `pathflow run` with bad input (unknown option, bad flag value, invalid or missing model file,
 * unknown scenario) exits 2 with the problem on stderr and no stack trace, and — because input is
 * checked before anything is written — leaves no output directory. (dist/ is built by
 * test/global-setup.ts.)
 */

const TMP = mkdtempSync(join(tmpdir(), "pathflow-exit-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const pathflow = (...args: string[]): Promise<CliRun> => runPathflow(args);

let fresh = 0;
/** A path inside the temporary directory that does not exist yet. */
function freshOut(): string {
  const dir = join(TMP, `out-${fresh++}`);
  expect(existsSync(dir)).toBe(false);
  return dir;
}

/** Bad input: exit 2, a message on stderr, no stack trace, nothing on stdout, no output directory. */
async function expectBadInput(args: string[], message: string | RegExp): Promise<CliRun> {
  const out = freshOut();
  const run = await pathflow(...args, "--out", out);
  if (typeof message === "string") expect(run.stderr).toContain(message);
  else expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toContain("    at ");
  expect(run.stdout).toBe("");
  expect(run.code, run.stderr).toBe(2);
  expect(existsSync(out), `${args.join(" ")} created ${out}`).toBe(false);
  return run;
}

describe("pathflow run: bad input exits 2 and writes nothing", () => {
  it("an unknown option exits 2", async () => {
    await expectBadInput(["run", "models/mmc.json", "--bogus"], "unknown option '--bogus'");
  });

  it("bad --reps values exit 2 naming the flag", async () => {
    for (const value of ["0", "abc", "-1", "1.5"]) await expectBadInput(["run", "models/mmc.json", "--reps", value], `--reps must be a whole number ≥ 1 or "auto", got "${value}"`);
  });

  it("--workers 0 exits 2 naming the flag", async () => {
    await expectBadInput(["run", "models/mmc.json", "--workers", "0"], '--workers must be a whole number ≥ 1, got "0"');
  });

  it("an invalid model file exits 2 listing every problem, before any file is written", async () => {
    const run = await expectBadInput(["run", "test/fixtures/invalid-model.json", "--reps", "2"], "test/fixtures/invalid-model.json");
    expect(run.stderr).toContain("  - run.replications: expected a whole number ≥ 1, got 0");
    expect(run.stderr).toContain('  - nodes.servers.bedz: unknown key "bedz"');
    expect(run.stderr).toContain('  - segments.customers.arrivals[0].to: no node named "sevrers"');
  });

  it("an unknown --scenario exits 2 naming it, before any file is written", async () => {
    const run = await expectBadInput(["run", "models/mmc.json", "--scenario", "twelve-servers", "--reps", "2", "--days", "1", "--warmup-days", "0"], 'no scenario named "twelve-servers"');
    expect(run.stderr).toContain("eleven-servers"); // the scenarios there are
  });

  it("an unknown --baseline exits 2, before any file is written", async () => {
    await expectBadInput(["run", "models/mmc.json", "--baseline", "nope", "--reps", "2", "--days", "1", "--warmup-days", "0"], 'no scenario named "nope"');
  });

  it("a model file that does not exist exits 2", async () => {
    await expectBadInput(["run", "models/nope.json"], "cannot read models/nope.json: no such file");
  });
});
