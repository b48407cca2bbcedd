import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CsvWriter, toCsv } from "../src/io/csv.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

/** A CSV file is a header, then rows as wide as the header, each ending "\n"; a byte-order mark only when asked. */

describe("CSV documents: header, line endings, byte-order mark, row width", () => {
  const dir = tempDirEachTest("pathflow-csv-");

  it("toCsv: header, \\n line endings, no BOM unless asked", () => {
    const csv = toCsv(["scenario", "wait_min"], [["=base", -5], ["a,b", Number.NaN]]);
    expect(csv).toBe("scenario,wait_min\n'=base,-5\n\"a,b\",\n");
    expect(toCsv(["x"], [[1]], { bom: true })).toBe("\uFEFFx\n1\n");
    expect(() => toCsv(["x", "y"], [[1]])).toThrow(RangeError);
  });

  it("writes a BOM only when asked", async () => {
    const a = join(dir(), "a.csv");
    const b = join(dir(), "b.csv");
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

  it("rejects a row whose width differs from the header", async () => {
    const writer = await CsvWriter.open(join(dir(), "w.csv"), ["a", "b"]);
    expect(() => writer.writeRow([1])).toThrow(/row 0 has 1 values; the header has 2 columns/);
    await writer.abort();
  });
});
