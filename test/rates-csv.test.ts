import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { PathflowInputError, formatIssue, type Issue } from "../src/errors.js";
import { loadModel, validateModelObject } from "../src/model/load.js";
import { readRatesCsv } from "../src/model/rates-csv.js";

/**
 * A segment's `ratesCsv` names a CSV (relative to the model file) with a header
 * `day,hour,rate_per_hour` and one row for each of the 168 hours of the week; it loads into 168
 * rates per hour from Monday 00:00, and every problem names the file and the row (header = row 1).
 */

const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));
const GOOD = readFileSync(`${FIXTURES}rates-week.csv`, "utf8");
const AT = ["segments", "care-home", "arrivals", 0, "ratesCsv"];
const scratch = mkdtempSync(path.join(tmpdir(), "pathflow-rates-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Issues from reading `text` written as `rates.csv` in a scratch directory. */
function read(text: string): { rates?: number[]; issues: Issue[] } {
  writeFileSync(path.join(scratch, "rates.csv"), text);
  return readRatesCsv("rates.csv", scratch, AT);
}

function messages(text: string): string[] {
  const result = read(text);
  expect(result.rates).toBeUndefined();
  for (const issue of result.issues) expect(issue.path).toEqual(AT);
  return result.issues.map((issue) => issue.message);
}

/** The good CSV with line `n` (1-based; 1 is the header) replaced, or removed when `text` is null. */
function editLine(n: number, text: string | null): string {
  const lines = GOOD.split("\n");
  if (text === null) lines.splice(n - 1, 1);
  else lines[n - 1] = text;
  return lines.join("\n");
}

describe("rates CSV", () => {
  it("the fixture loads into 168 rates per hour, Monday 00:00 first", async () => {
    const loaded = await loadModel(`${FIXTURES}system.json`);
    const rates = loaded.tables["rates-week.csv"]!;
    expect(rates).toHaveLength(168);
    expect(rates[0]).toBe(0.3); // Mon 00:00
    expect(rates[7]).toBe(0.9); // Mon 07:00
    expect(rates[24 * 5 + 12]).toBe(1.08); // Sat 12:00
    expect(rates[167]).toBe(0.36); // Sun 23:00
  });

  it("rows may come in any order, with CRLF line ends and a byte-order mark", () => {
    const [header, ...rows] = GOOD.trim().split("\n");
    const result = read(`\ufeff${[header, ...rows.reverse()].join("\r\n")}\r\n`);
    expect(result.issues).toEqual([]);
    expect(result.rates).toEqual(read(GOOD).rates);
  });

  it("a missing row names the file and the hour", () => {
    // Line 29 is Tue hour 3 (header, then 24 Monday rows, then Tue 0..3).
    expect(messages(editLine(29, null))).toEqual([
      "rates.csv has no row for Tue hour 3: every one of the 168 hours of the week needs exactly one row",
    ]);
  });

  it("a bad day names the file and the row", () => {
    expect(messages(editLine(5, "Mox,3,0.3"))).toEqual(['rates.csv row 5: day must be one of Mon, Tue, Wed, Thu, Fri, Sat, Sun, got "Mox"']);
  });

  it("a negative rate names the file and the row", () => {
    expect(messages(editLine(10, "Mon,8,-1"))).toEqual(['rates.csv row 10: rate_per_hour must be a finite number ≥ 0, got "-1"']);
  });

  it("an hour out of range, a rate that is not a number, a short row", () => {
    expect(messages(editLine(3, "Mon,24,0.3").replace("Mon,5,0.3", "Mon,5,lots").replace("Mon,6,0.3", "Mon,6"))).toEqual([
      'rates.csv row 3: hour must be a whole number from 0 to 23, got "24"',
      'rates.csv row 7: rate_per_hour must be a finite number ≥ 0, got "lots"',
      "rates.csv row 8: expected 3 values (day,hour,rate_per_hour), got 2",
    ]);
  });

  it("an hour given twice", () => {
    expect(messages(editLine(3, "Mon,0,0.5"))).toEqual([
      "rates.csv row 3: Mon hour 0 appears twice (first at row 2)",
    ]);
  });

  it("a wrong header: the columns missing, not the line as written", () => {
    expect(messages(editLine(1, "day,hour,rate"))).toEqual(["rates.csv row 1: expected the header day,hour,rate_per_hour; it has no rate_per_hour column"]);
  });

  it("a missing file is named", () => {
    const result = readRatesCsv("nope.csv", scratch, AT);
    expect(result.issues).toEqual([{ code: "file", path: AT, message: "cannot read nope.csv: no such file" }]);
  });

  it("a CSV problem is reported with the model's other problems, at the ratesCsv field", () => {
    const raw = JSON.parse(readFileSync(`${FIXTURES}system.json`, "utf8"));
    raw.segments["care-home"].arrivals[0].ratesCsv = "missing-rates.csv";
    raw.nodes.acute.servers = -5;
    const { model, issues } = validateModelObject(raw, FIXTURES);
    expect(model).toBeUndefined();
    expect(issues.map(formatIssue)).toEqual([
      "nodes.acute.servers: expected a whole number ≥ 0, got -5",
      'segments.care-home.arrivals[0].ratesCsv: cannot read missing-rates.csv: no such file',
    ]);
  });

  it("loadModel throws rather than return a model with a bad table", async () => {
    writeFileSync(path.join(scratch, "rates-week.csv"), editLine(10, "Mon,8,-1"));
    writeFileSync(path.join(scratch, "model.json"), readFileSync(`${FIXTURES}system.json`, "utf8"));
    const error = await loadModel(path.join(scratch, "model.json")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PathflowInputError);
    expect((error as PathflowInputError).issues.map(formatIssue)).toEqual([
      'segments.care-home.arrivals[0].ratesCsv: rates-week.csv row 10: rate_per_hour must be a finite number ≥ 0, got "-1"',
    ]);
  });
});
