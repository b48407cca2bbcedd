import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * `pathflow validate` prints one summary line and exits 0 for a valid model; for an invalid one it
 * lists every problem on stderr (no stack trace) and exits 2. Usage errors — an unknown command or
 * option, a bad flag value — also exit 2 with a message naming the culprit. (dist/ is built by
 * test/global-setup.ts.)
 */

const ROOT = fileURLToPath(new URL("..", import.meta.url));

function pathflow(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ["dist/src/cli/main.js", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, PATHFLOW_DEBUG: "" },
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("pathflow validate", () => {
  it("a valid model: exit 0 and one summary line on stdout", () => {
    const { status, stdout, stderr } = pathflow("validate", "models/mmc.json");
    expect(stderr).toBe("");
    expect(stdout).toBe("models/mmc.json: valid — 1 segment, 1 node, 2 scenarios; 365 days after 30 days warm-up, 10 replications\n");
    expect(status).toBe(0);
  });

  it("an invalid model: exit 2, every problem listed on stderr, no stack trace", () => {
    const { status, stdout, stderr } = pathflow("validate", "test/fixtures/invalid-model.json");
    expect(stdout).toBe("");
    expect(stderr.split("\n")).toEqual([
      "test/fixtures/invalid-model.json: 3 problems",
      "  - run.replications: expected a whole number ≥ 1, got 0",
      '  - nodes.servers.bedz: unknown key "bedz"; allowed keys are type, description, role, servers, waitingRoom, discipline, acceptHeld, durationMin, durationHours, durationDays, losMultiplierByAcuity, losStretch, outcomes',
      '  - segments.customers.arrivals[0].to: no node named "sevrers" (did you mean "servers"?); expected a node id (servers)',
      "",
    ]);
    expect(stderr).not.toContain("    at ");
    expect(status).toBe(2);
  });

  it("a missing file: exit 2 and the file named", () => {
    const { status, stderr } = pathflow("validate", "models/nope.json");
    expect(stderr).toBe("models/nope.json: 1 problem\n  - cannot read models/nope.json: no such file\n");
    expect(status).toBe(2);
  });

  it("several files: each reported, exit 2 if any is invalid", () => {
    const { status, stdout, stderr } = pathflow("validate", "models/mmc.json", "test/fixtures/bad-syntax.json");
    expect(stdout).toMatch(/^models\/mmc\.json: valid — /);
    expect(stderr).toMatch(/^test\/fixtures\/bad-syntax\.json: 1 problem\n {2}- test\/fixtures\/bad-syntax\.json is not valid JSON: .* at line 4, column 3\n$/);
    expect(status).toBe(2);
  });
});

describe("usage errors and help", () => {
  it("a bad flag value exits 2 naming the flag", () => {
    for (const value of ["abc", "0", "2.5"]) {
      const { status, stdout, stderr } = pathflow("run", "models/mmc.json", "--reps", value);
      expect(stderr).toContain(`error: option '--reps <n>' argument '${value}' is invalid. --reps must be a whole number ≥ 1 or "auto", got "${value}".`);
      expect(stdout).toBe("");
      expect(status).toBe(2);
    }
    const days = pathflow("run", "models/mmc.json", "--warmup-days", "-3");
    expect(days.stderr).toContain("--warmup-days must be a number ≥ 0");
    expect(days.status).toBe(2);
  });

  it("an unknown command exits 2", () => {
    const { status, stderr } = pathflow("simulate", "models/mmc.json");
    expect(stderr).toContain("error: unknown command 'simulate'");
    expect(status).toBe(2);
  });

  it("an unknown option and a missing argument exit 2", () => {
    const option = pathflow("validate", "models/mmc.json", "--strict");
    expect(option.stderr).toContain("error: unknown option '--strict'");
    expect(option.status).toBe(2);
    const missing = pathflow("validate");
    expect(missing.stderr).toContain("error: missing required argument 'model'");
    expect(missing.status).toBe(2);
  });

  it("--help exits 0 and --version prints the package version", () => {
    const help = pathflow("--help");
    expect(help.stdout).toContain("Usage: pathflow");
    expect(help.stdout).toContain("validate");
    expect(help.status).toBe(0);
    const version = pathflow("--version");
    const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, "utf8")) as { version: string };
    expect(version.stdout).toBe(`${pkg.version}\n`);
    expect(version.status).toBe(0);
  });

  it("pathflow schema prints models/schema.json", () => {
    const { status, stdout } = pathflow("schema");
    expect(stdout).toBe(readFileSync(`${ROOT}models/schema.json`, "utf8"));
    expect(status).toBe(0);
  });
});
