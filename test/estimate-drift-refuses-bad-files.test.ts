import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { pathflow } from "./helpers/cli.js";

/**
 * `pathflow estimate-drift` refuses a bad episodes or occupancy file with exit 2 and a message
 * naming the file, the row (spreadsheet numbering: the header is row 1) and the column; it writes
 * nothing, prints no stack, and never echoes another cell of the offending row (each file below
 * carries a SECRET cell in an extra column to check that).
 */

const dir = mkdtempSync(join(tmpdir(), "pathflow-estimate-bad-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GOOD = ["2023-03-01T08:15,2,0,SECRET", "2023-03-01T09:40,4,1,SECRET", "2023-03-01T10:05,3,1,SECRET"];

function file(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

async function refuse(args: string[], ...expected: string[]): Promise<string> {
  const out = join(dir, `out-${Math.random().toString(36).slice(2)}`);
  const { code, stdout, stderr } = await pathflow(["estimate-drift", ...args, "--out", out]);
  for (const text of expected) expect(stderr).toContain(text);
  expect(stderr).not.toContain("SECRET");
  expect(stderr).not.toContain("    at ");
  expect(stdout).toBe("");
  expect(existsSync(out)).toBe(false);
  expect(code).toBe(2);
  return stderr;
}

describe("estimate-drift refuses bad input files", () => {
  it("a missing column", async () => {
    const episodes = file("no-admitted.csv", ["arrival,acuity,pressure_pct,note", "2023-03-01T08:15,2,93,SECRET"]);
    await refuse([episodes], `${episodes} row 1: missing the column admitted (the header has arrival, acuity, pressure_pct, note)`);
  });

  it("an impossible date, naming row and column", async () => {
    const episodes = file("bad-date.csv", ["arrival,acuity,admitted,pressure_pct,note", "2023-03-01T08:15,2,0,93,SECRET", "2023-02-30T10:00,3,1,95,SECRET"]);
    await refuse([episodes], `${episodes} row 3, column arrival: "2023-02-30T10:00": there is no day 30 in 2023-02 (it has 28 days)`);
  });

  it("an acuity outside the bands or the acuity map", async () => {
    const bands = file("band-7.csv", ["arrival,acuity,admitted,pressure_pct,note", "2023-03-01T08:15,7,0,93,SECRET"]);
    await refuse([bands], `${bands} row 2, column acuity: "7" is not a band number from 1 to 5`);
    const triage = file("triage.csv", ["arrival,acuity,admitted,pressure_pct,note", "2023-03-01T08:15,Red,1,93,SECRET", "2023-03-01T08:20,Purple,0,93,SECRET"]);
    await refuse([triage, "--acuity-map", "red=5,orange=4,yellow=3,green=2,blue=1"], `${triage} row 3, column acuity: "Purple" is not a category of the acuity map (red, orange, yellow, green, blue)`);
  });

  it("admitted other than 0 or 1", async () => {
    const episodes = file("admitted-2.csv", ["arrival,acuity,admitted,pressure_pct,note", ...GOOD.map((l) => l.replace(",SECRET", ",93,SECRET")), "2023-03-01T11:00,3,yes,93,SECRET"]);
    await refuse([episodes], `${episodes} row 5, column admitted: must be 0 or 1, got "yes"`);
  });

  it("a pressure that is not a finite number", async () => {
    const episodes = file("pressure-nan.csv", ["arrival,acuity,admitted,pressure_pct,note", "2023-03-01T08:15,2,0,NaN,SECRET"]);
    await refuse([episodes], `${episodes} row 2, column pressure_pct: must be a finite number ≥ 0 (a percentage), got "NaN"`);
  });

  it("a duplicate occupancy hour, and an attendance no occupancy hour covers", async () => {
    const episodes = file("episodes.csv", ["arrival,acuity,admitted,note", ...GOOD]);
    const duplicate = file("occ-duplicate.csv", ["hour,occupancy_pct", "2023-03-01T08:00,91", "2023-03-01T09:00,92", "2023-03-01T10:00,93", "2023-03-01 09:00,94"]);
    await refuse([episodes, "--occupancy", duplicate], `${duplicate} row 5, column hour: the hour 2023-03-01T09:00 appears twice (first at row 3)`);
    const gap = file("occ-gap.csv", ["hour,occupancy_pct", "2023-03-01T08:00,91", "2023-03-01T10:00,93"]);
    await refuse([episodes, "--occupancy", gap], `${episodes} row 3, column arrival: ${gap} has no row for the hour of arrival, 2023-03-01T09:00`);
  });

  it("a file over the size limit, and a file that does not exist", async () => {
    const episodes = file("episodes-2.csv", ["arrival,acuity,admitted,pressure_pct,note", ...GOOD.map((l) => l.replace(",SECRET", ",93,SECRET"))]);
    await refuse([episodes, "--max-file-mb", "0.0001"], `${episodes}: 0.0 MiB is over the limit`);
    await refuse([join(dir, "nope.csv")], `${join(dir, "nope.csv")}: no such file`);
  });
});
