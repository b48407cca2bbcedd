import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CsvWriter, formatCell, formatNumber, toCsv, type CsvValue } from "../src/io/csv.js";

describe("numbers are plain decimals at a fixed precision", () => {
  it("never uses exponent notation", () => {
    expect(formatNumber(1e-7)).toBe("0"); // 0.0000001 rounded to 6 places
    expect(formatNumber(1e-7, 7)).toBe("0.0000001");
    expect(formatNumber(1.5e-7, 8)).toBe("0.00000015");
    expect(formatNumber(123456789012345680000)).toBe("123456789012345680000");
    expect(formatNumber(1e21)).toBe("1000000000000000000000");
    expect(formatNumber(-2.5e22)).toBe("-25000000000000000000000");
    expect(formatNumber(Number.MAX_SAFE_INTEGER)).toBe("9007199254740991");
  });

  it("rounds half away from zero to 6 decimals and trims trailing zeros", () => {
    expect(formatNumber(0.1 + 0.2)).toBe("0.3");
    expect(formatNumber(1 / 3)).toBe("0.333333");
    expect(formatNumber(2 / 3)).toBe("0.666667");
    expect(formatNumber(-2 / 3)).toBe("-0.666667");
    expect(formatNumber(1.0000005)).toBe("1.000001");
    expect(formatNumber(9.9999996)).toBe("10");
    expect(formatNumber(-9.9999996)).toBe("-10");
    expect(formatNumber(1234.56789123)).toBe("1234.567891");
    expect(formatNumber(2.5)).toBe("2.5");
    expect(formatNumber(42)).toBe("42");
    expect(formatNumber(0.000123456789)).toBe("0.000123");
    expect(formatNumber(3.14159, 2)).toBe("3.14");
    expect(formatNumber(2.5, 0)).toBe("3");
  });

  it("writes -0 and negatives that round to zero as 0", () => {
    expect(formatNumber(-0)).toBe("0");
    expect(formatNumber(-1e-9)).toBe("0");
    expect(formatNumber(-0.0000004)).toBe("0");
    expect(formatNumber(0)).toBe("0");
  });

  it("writes NaN and ±Infinity as empty cells", () => {
    expect(formatNumber(Number.NaN)).toBe("");
    expect(formatNumber(Infinity)).toBe("");
    expect(formatNumber(-Infinity)).toBe("");
    expect(() => formatNumber(1, 21)).toThrow(RangeError);
    expect(() => formatNumber(1, 1.5)).toThrow(RangeError);
  });
});

describe("text cells are quoted and neutralised against formula injection", () => {
  it("prefixes formula-like text with a single quote", () => {
    expect(formatCell("=1+1")).toBe("'=1+1");
    expect(formatCell("+44 20")).toBe("'+44 20");
    expect(formatCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(formatCell("\tx")).toBe("'\tx");
    expect(formatCell("-5")).toBe("'-5");
    expect(formatCell("=HYPERLINK(\"http://x\",\"y\")")).toBe("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    expect(formatCell("=A1,B1")).toBe("\"'=A1,B1\"");
    expect(formatCell("\r=1")).toBe("\"'\r=1\"");
  });

  it("leaves real numbers alone", () => {
    expect(formatCell(-5)).toBe("-5");
    expect(formatCell(-0.25)).toBe("-0.25");
    expect(formatCell(Number.NaN)).toBe("");
  });

  it("quotes commas, quotes and line breaks with doubled quotes (RFC 4180)", () => {
    expect(formatCell("a,b")).toBe('"a,b"');
    expect(formatCell('say "hi"')).toBe('"say ""hi"""');
    expect(formatCell("line1\nline2")).toBe('"line1\nline2"');
    expect(formatCell("cr\rhere")).toBe('"cr\rhere"');
    expect(formatCell("plain text")).toBe("plain text");
    expect(formatCell("")).toBe("");
  });

  it("writes booleans and empties", () => {
    expect(formatCell(true)).toBe("true");
    expect(formatCell(false)).toBe("false");
    expect(formatCell(null)).toBe("");
    expect(formatCell(undefined)).toBe("");
  });

  it("toCsv: header, \\n line endings, no BOM unless asked", () => {
    const csv = toCsv(["scenario", "wait_min"], [["=base", -5], ["a,b", Number.NaN]]);
    expect(csv).toBe("scenario,wait_min\n'=base,-5\n\"a,b\",\n");
    expect(toCsv(["x"], [[1]], { bom: true })).toBe("\uFEFFx\n1\n");
    expect(() => toCsv(["x", "y"], [[1]])).toThrow(RangeError);
  });
});

describe("CsvWriter streams to a temporary file and renames it into place", () => {
  let dir = "";
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "pathflow-csv-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("200 000 rows: file equals toCsv of the same rows; non-finite numbers counted", async () => {
    const header = ["replication", "patient_id", "event", "wait_min", "admitted"];
    const events = ["arrive", "=handover", "leave, home", 'say "x"', "-discharge"];
    const rows: CsvValue[][] = [];
    for (let i = 0; i < 200_000; i++) {
      const wait = i % 997 === 0 ? Number.NaN : i % 1009 === 0 ? -Infinity : (i * 7.123456789) / 13 - 1000;
      rows.push([i % 30, `p${i}`, events[i % events.length], wait, i % 3 === 0 ? null : i % 2 === 0]);
    }
    const expectedEmpty = rows.filter((r) => typeof r[3] === "number" && !Number.isFinite(r[3])).length;
    expect(expectedEmpty).toBe(201 + 199 - 1); // multiples of 997 and of 1009 below 200 000; i = 0 is both

    const path = join(dir, "events.csv");
    const writer = await CsvWriter.open(path, header);
    let flushes = 0;
    for (const row of rows) {
      if (!writer.writeRow(row)) {
        flushes++;
        await writer.flush();
      }
    }
    await expect(readdir(dir)).resolves.not.toContain("events.csv");
    await writer.close();

    const text = await readFile(path, "utf8");
    expect(text).toBe(toCsv(header, rows));
    expect(text.startsWith("replication,patient_id,event,wait_min,admitted\n0,p0,arrive,,\n")).toBe(true);
    expect(writer.emptyCells).toBe(expectedEmpty);
    expect(writer.rowCount).toBe(200_000);
    expect(flushes).toBeGreaterThan(0); // backpressure was signalled
    expect(await readdir(dir)).toEqual(["events.csv"]); // temporary file gone
  });

  it("writes a BOM only when asked", async () => {
    const a = join(dir, "a.csv");
    const b = join(dir, "b.csv");
    const wa = await CsvWriter.open(a, ["x"]);
    wa.writeRow([1]);
    await wa.close();
    const wb = await CsvWriter.open(b, ["x"], { bom: true });
    wb.writeRow([1]);
    await wb.close();
    const bytesA = await readFile(a);
    const bytesB = await readFile(b);
    expect([...bytesA]).toEqual([0x78, 0x0a, 0x31, 0x0a]);
    expect([...bytesB]).toEqual([0xef, 0xbb, 0xbf, 0x78, 0x0a, 0x31, 0x0a]);
  });

  it("before close nothing is at the final path; abort leaves nothing at all", async () => {
    const path = join(dir, "kpi.csv");
    const writer = await CsvWriter.open(path, ["kpi", "value"]);
    for (let i = 0; i < 50_000; i++) if (!writer.writeRow([`k${i}`, i])) await writer.flush();
    const during = await readdir(dir);
    expect(during).not.toContain("kpi.csv");
    expect(during).toHaveLength(1);
    expect(during[0]).toMatch(/^\.kpi\.csv\.\d+\.[0-9a-f]+\.tmp$/);
    await writer.abort();
    expect(await readdir(dir)).toEqual([]);
    expect(() => writer.writeRow(["x", 1])).toThrow(/aborted/);
  });

  it("abort keeps an existing file at the final path untouched", async () => {
    const path = join(dir, "kpi.csv");
    const first = await CsvWriter.open(path, ["v"]);
    first.writeRow([1]);
    await first.close();
    const second = await CsvWriter.open(path, ["v"]);
    second.writeRow([2]);
    await second.abort();
    expect(await readFile(path, "utf8")).toBe("v\n1\n");
    expect(await readdir(dir)).toEqual(["kpi.csv"]);
  });

  it("rejects a row whose width differs from the header", async () => {
    const writer = await CsvWriter.open(join(dir, "w.csv"), ["a", "b"]);
    expect(() => writer.writeRow([1])).toThrow(/row 0 has 1 values; the header has 2 columns/);
    await writer.abort();
  });
});
