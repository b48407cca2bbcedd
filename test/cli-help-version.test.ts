import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ROOT, pathflow } from "./helpers/cli.js";

/**
 * `--help` exits 0 and lists the commands, and each command's options; `--version` prints the
 * package version. (dist/ is built by test/global-setup.ts.)
 */

describe("help and version", () => {
  it("--help exits 0 and --version prints the package version", async () => {
    const help = await pathflow(["--help"]);
    expect(help.stdout).toContain("Usage: pathflow");
    expect(help.stdout).toContain("validate");
    expect(help.code).toBe(0);
    const version = await pathflow(["--version"]);
    const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, "utf8")) as { version: string };
    expect(version.stdout).toBe(`${pkg.version}\n`);
    expect(version.code).toBe(0);
  });

  it("--help exits 0 and lists the run options", async () => {
    const top = await pathflow(["--help"]);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain("run");
    const run = await pathflow(["run", "--help"]);
    expect(run.code).toBe(0);
    for (const flag of ["--reps", "--workers", "--out", "--events", "--seed"]) expect(run.stdout).toContain(flag);
  });
});
