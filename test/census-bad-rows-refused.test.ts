import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { pathflow } from "./helpers/cli.js";
import { FIXTURES } from "./helpers/model-fixtures.js";

/**
 * A census file is validated like a model file before anything runs: a bad row is refused with
 * exit 2 and a message naming the file, the row (as a spreadsheet numbers it: the header is row 1)
 * and the column — every problem at once, no stack trace, no output folder left behind. A good
 * census, written by `pathflow census`, runs.
 */

const dir = mkdtempSync(join(tmpdir(), "pathflow-census-bad-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const MODEL = join(FIXTURES, "system.json");
const HEADER = "node,segment,acuity,status,hours_in_status,hours_at_node,next,package_hours_per_week,phase";
const GOOD = ["acute,adults,2,in-service,30,30,,,", "homecare,adults,1,on-package,100,500,,8,long-term", "acute,adults,3,blocked,5,80,homecare,,"];

async function refused(rows: string[], expected: RegExp[], header = HEADER): Promise<void> {
  const file = join(dir, `census-${Math.abs(hash(rows.join("|") + header))}.csv`);
  writeFileSync(file, [header, ...rows].join("\n") + "\n");
  const out = join(dir, `out-${Math.abs(hash(file))}`);
  const r = await pathflow(["run", MODEL, "--census", file, "--reps", "1", "--days", "2", "--warmup-days", "1", "--out", out, "--quiet"]);
  expect(r.code).toBe(2);
  for (const e of expected) expect(r.stderr).toMatch(e);
  expect(r.stderr).toContain(file);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(existsSync(out)).toBe(false);
}

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

describe("a census with a bad row is refused naming the row and column", () => {
  it("an acuity out of range, an unknown node and segment, a bad number: each row and column named", async () => {
    await refused(
      [...GOOD, "acute,adults,7,in-service,3,3,,,", "ward9,adults,1,waiting,1,1,,,", "acute,teens,1,waiting,1,1,,,", "acute,adults,1,in-service,-4,,,,", "acute,adults,1,in-service,abc,,,,"],
      [/row 5, column acuity: must be a whole number from 1 to 3, got "7"/, /row 6, column node: "ward9" is not a node/, /row 7, column segment: "teens" is not a segment/, /row 8, column hours_in_status: must be a number ≥ 0, got "-4"/, /row 9, column hours_in_status/],
    );
  });

  it("an impossible status, a blocked patient without its next place, a place it cannot wait for", async () => {
    await refused(
      ["acute,adults,1,on-package,3,3,,8,reablement", "acute,adults,1,blocked,3,3,,,", "ed,adults,1,blocked,1,1,community,,", "homecare,adults,1,on-package,3,3,,,reablement"],
      [
        /row 2, column status: on-package is impossible at unit node acute/,
        /row 3, column next: is required for a blocked patient/,
        /row 4, column next: "community" is not a place a patient held at ed can wait for \(possible: acute\)/,
        /row 5, column package_hours_per_week: is required/,
      ],
    );
  });

  it("time at the node shorter than time in status, a phase where none applies, an unknown column", async () => {
    await refused(["acute,adults,1,in-service,30,10,,,", "acute,adults,1,waiting,1,1,,,reablement"], [/row 2, column hours_at_node: must be at least hours_in_status/, /row 3, column phase/]);
    await refused(["acute,adults,1,in-service,30,,"], [/unknown column "ward"/], "node,segment,acuity,status,hours_in_status,hours_at_node,ward");
  });

  it("pathflow census writes a file that run --census takes; an existing file is not replaced without --force", async () => {
    const file = join(dir, "written.csv");
    const c = await pathflow(["census", MODEL, "--out", file, "--warmup-days", "60"]);
    expect(c.code).toBe(0);
    expect(c.stdout).toMatch(/patients/);
    const text = readFileSync(file, "utf8");
    expect(text.split("\n")[0]).toBe(`scenario,replication,patient,${HEADER}`);
    const again = await pathflow(["census", MODEL, "--out", file, "--warmup-days", "60"]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/exists/);
    const out = join(dir, "from-census");
    const r = await pathflow(["run", MODEL, "--census", file, "--reps", "2", "--days", "5", "--warmup-days", "2", "--out", out, "--quiet"]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, "run_metadata.csv"), "utf8")).toMatch(/census,.*written\.csv \(\d+ patients; every scenario from one state for every replication\)/);
  });
});
