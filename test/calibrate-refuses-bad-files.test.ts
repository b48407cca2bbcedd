import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { pathflow } from "./helpers/cli.js";
import { MMC } from "./helpers/model-fixtures.js";

/**
 * `pathflow calibrate` checks its targets and parameters files like a model file: a bad row is
 * refused with exit 2 and a message naming the file, the row (the header is row 1, as a
 * spreadsheet numbers it) and the column; problems in both files are reported together; nothing
 * runs, nothing is written and no stack trace is printed.
 */
const dir = mkdtempSync(join(tmpdir(), "pathflow-calibrate-bad-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GOOD_TARGETS = ["target,value,tolerance,source", "servers_occupancy_pct,90,1,a sitrep"];
const GOOD_PARAMETERS = ["parameter,lower,upper,change,why", "segments.customers.arrivals[0].ratePerDay,150,300,set,arrivals"];

function file(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

async function refuse(targets: string, parameters: string, ...expected: string[]): Promise<string> {
  const out = join(dir, `out-${Math.random().toString(36).slice(2)}`);
  const { code, stdout, stderr } = await pathflow(["calibrate", MMC, "--targets", targets, "--parameters", parameters, "--out", out, "--quiet"]);
  for (const text of expected) expect(stderr).toContain(text);
  expect(stderr).not.toContain("    at ");
  expect(stdout).toBe("");
  expect(existsSync(out)).toBe(false);
  expect(code).toBe(2);
  return stderr;
}

describe("calibrate refuses bad targets and parameters files", () => {
  const goodTargets = file("good-targets.csv", GOOD_TARGETS);
  const goodParameters = file("good-parameters.csv", GOOD_PARAMETERS);

  it("a target the model does not report, a value that is not a number, a tolerance of 0", async () => {
    const targets = file("bad-targets.csv", [...GOOD_TARGETS, "servers_ocupancy_pct,90,1,typo", "servers_arrivals_per_day,lots,1,", "servers_wait_mean_hours,0.5,0,"]);
    await refuse(
      targets,
      goodParameters,
      `${targets} row 3, column target: the model reports no KPI named "servers_ocupancy_pct"`,
      `${targets} row 4, column value: expected a number, got "lots"`,
      `${targets} row 5, column tolerance: expected a number above 0`,
    );
  });

  it("a patient-group target naming a segment or measure the model does not have", async () => {
    const targets = file("bad-segments.csv", [...GOOD_TARGETS, "segment.care-home.admissions,13,1,", "segment.customers.beds,1,1,"]);
    await refuse(targets, goodParameters, `${targets} row 3, column target: the model has no segment "care-home" (segments: customers)`, `${targets} row 4, column target: "beds" is not a patient-group measure`);
  });

  it("a missing column, and a file with no targets", async () => {
    const noTolerance = file("no-tolerance.csv", ["target,value", "servers_occupancy_pct,90"]);
    await refuse(noTolerance, goodParameters, `${noTolerance} row 1: missing the column tolerance`);
    const empty = file("empty.csv", ["target,value,tolerance,source"]);
    await refuse(empty, goodParameters, `${empty}: has no targets`);
  });

  it("a parameter path the model does not have, bounds the wrong way round, a bound that makes the model invalid", async () => {
    const parameters = file("bad-parameters.csv", [
      ...GOOD_PARAMETERS,
      "nodes.servers.beds,1,2,set,typo",
      "nodes.servers.servers,12,8,set,reversed",
      "nodes.servers.durationHours,0.5,2,set,a distribution",
      "nodes.servers.durationHours.mean,-1,2,set,negative",
      "nodes.servers.servers,8,12,grow,unknown change",
    ]);
    await refuse(
      goodTargets,
      parameters,
      `${parameters} row 3, column parameter: the model has no value at nodes.servers.beds`,
      `${parameters} row 4, column upper: must be above lower (12)`,
      `${parameters} row 5, column parameter: nodes.servers.durationHours holds an object (a distribution or calendar), not one number: fit it with change scale`,
      `${parameters} row 6, column lower: the model is not valid with nodes.servers.durationHours.mean at -1`,
      `${parameters} row 7, column change: expected set (fit the value) or scale`,
    );
  });

  it("problems in both files at once", async () => {
    const targets = file("both-targets.csv", [...GOOD_TARGETS, "no_such_kpi,1,1,"]);
    const parameters = file("both-parameters.csv", [...GOOD_PARAMETERS, "nodes.servers.servers,x,12,set,"]);
    await refuse(targets, parameters, `${targets} row 3, column target`, `${parameters} row 3, column lower: expected a number, got "x"`);
  });

  it("a budget too small to fit the parameters", async () => {
    const { code, stderr } = await pathflow(["calibrate", MMC, "--targets", goodTargets, "--parameters", goodParameters, "--budget", "2", "--out", join(dir, "budget"), "--quiet"]);
    expect(stderr).toContain("--budget: 2 evaluations cannot fit 1 parameters");
    expect(code).toBe(2);
    expect(existsSync(join(dir, "budget"))).toBe(false);
  });
});
