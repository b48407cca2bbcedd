import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CsvWriter, toCsv, type CsvValue } from "../src/io/csv.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

describe("CsvWriter streams to a temporary file and renames it into place", () => {
  const dir = tempDirEachTest("pathflow-csv-");

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

    const path = join(dir(), "events.csv");
    const writer = await CsvWriter.open(path, header);
    let flushes = 0;
    for (const row of rows) {
      if (!writer.writeRow(row)) {
        flushes++;
        await writer.flush();
      }
    }
    await expect(readdir(dir())).resolves.not.toContain("events.csv");
    await writer.close();

    const text = await readFile(path, "utf8");
    expect(text).toBe(toCsv(header, rows));
    expect(text.startsWith("replication,patient_id,event,wait_min,admitted\n0,p0,arrive,,\n")).toBe(true);
    expect(writer.emptyCells).toBe(expectedEmpty);
    expect(writer.rowCount).toBe(200_000);
    expect(flushes).toBeGreaterThan(0); // backpressure was signalled
    expect(await readdir(dir())).toEqual(["events.csv"]); // temporary file gone
  });

  it("before close nothing is at the final path; abort leaves nothing at all", async () => {
    const path = join(dir(), "kpi.csv");
    const writer = await CsvWriter.open(path, ["kpi", "value"]);
    for (let i = 0; i < 50_000; i++) if (!writer.writeRow([`k${i}`, i])) await writer.flush();
    const during = await readdir(dir());
    expect(during).not.toContain("kpi.csv");
    expect(during).toHaveLength(1);
    expect(during[0]).toMatch(/^\.kpi\.csv\.\d+\.[0-9a-f]+\.tmp$/);
    await writer.abort();
    expect(await readdir(dir())).toEqual([]);
    expect(() => writer.writeRow(["x", 1])).toThrow(/aborted/);
  });

  it("abort keeps an existing file at the final path untouched", async () => {
    const path = join(dir(), "kpi.csv");
    const first = await CsvWriter.open(path, ["v"]);
    first.writeRow([1]);
    await first.close();
    const second = await CsvWriter.open(path, ["v"]);
    second.writeRow([2]);
    await second.abort();
    expect(await readFile(path, "utf8")).toBe("v\n1\n");
    expect(await readdir(dir())).toEqual(["kpi.csv"]);
  });
});
