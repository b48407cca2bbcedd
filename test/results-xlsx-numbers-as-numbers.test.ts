import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { pathflow } from "./helpers/cli.js";
import { readCsv } from "./helpers/report-folders.js";

/**
 * `--xlsx` writes results.xlsx, which reopens with exceljs: a README sheet (model, scenarios and
 * what they change, seed, replications, version, command), a data dictionary with every column of
 * every sheet, and one sheet per CSV file whose cells equal the CSV's — numbers stored as numbers,
 * text as text — with the header row frozen. For a run and for a sweep. (dist/ is built by
 * test/global-setup.ts.)
 */

const TMP = mkdtempSync(join(tmpdir(), "pathflow-xlsx-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

async function open(dir: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, "results.xlsx"));
  return wb;
}

/** The sheet holds the CSV: same header, same cells; numbers as numbers, text as text. */
function expectSheetIsCsv(wb: ExcelJS.Workbook, dir: string, file: string): number {
  const ws = wb.getWorksheet(file.replace(/\.csv$/, ""));
  expect(ws, `no sheet for ${file}`).toBeDefined();
  expect(ws!.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  const rows = readCsv(join(dir, file));
  const header = readFileSync(join(dir, file), "utf8").split("\n")[0]!.split(","); // a header-only file (warnings.csv) has no rows to take it from
  expect(ws!.getRow(1).values).toEqual([undefined, ...header]);
  expect(ws!.rowCount).toBe(rows.length + 1);
  let numbers = 0;
  rows.forEach((row, i) => {
    header.forEach((column, j) => {
      const csv = row[column]!;
      const cell = ws!.getRow(i + 2).getCell(j + 1).value;
      if (csv === "") expect(cell).toBeNull();
      else if (typeof cell === "number") {
        expect(cell).toBe(Number(csv));
        numbers++;
      } else expect(cell, `${file} row ${i + 2} ${column}`).toBe(csv.replace(/^'(?=[=+\-@])/, ""));
    });
  });
  return numbers;
}

describe("results.xlsx", () => {
  it("from a run: README, data dictionary, one sheet per CSV with numbers as numbers", async () => {
    const out = join(TMP, "run");
    const run = await pathflow(["run", "models/ics-default.json", "--scenario", "frailty-service", "--reps", "2", "--days", "20", "--warmup-days", "10", "--out", out, "--quiet", "--xlsx"]);
    expect(run.code, run.stderr).toBe(0);
    const wb = await open(out);
    const csvs = readdirSync(out).filter((f) => f.endsWith(".csv")).sort();
    expect(wb.worksheets.map((w) => w.name)).toEqual(["README", "Data dictionary", ...csvs.map((f) => f.replace(/\.csv$/, ""))]);

    const summary = readCsv(join(out, "kpi_summary.csv"));
    const numbers = expectSheetIsCsv(wb, out, "kpi_summary.csv");
    expect(numbers).toBe(summary.length * 8 - summary.filter((r) => r["sd"] === "").length * 3); // mean … n_reps: 8 number columns
    expect(wb.getWorksheet("kpi_summary")!.getCell("A2").value).toBe("baseline"); // text stays text
    for (const file of csvs) expectSheetIsCsv(wb, out, file);
    // flows.csv's source column mixes "999" with "walk-in": text throughout, not a number here and there.
    const flows = wb.getWorksheet("flows")!;
    expect(flows.getColumn(2).values.slice(2).every((v) => typeof v === "string")).toBe(true);

    const readme = new Map(wb.getWorksheet("README")!.getSheetValues().slice(2).map((r) => [(r as unknown[])[1], (r as unknown[])[2]]));
    const meta = new Map(readCsv(join(out, "run_metadata.csv")).map((r) => [r["key"], r["value"]]));
    expect(readme.get("Model")).toBe("ics-default");
    expect(readme.get("Seed")).toBe(Number(meta.get("seed")));
    expect(readme.get("Replications completed")).toBe(2);
    expect(readme.get("pathflow version")).toBe(meta.get("pathflow_version"));
    expect(readme.get("Command")).toBe(meta.get("command"));
    expect(String(readme.get("Scenario: frailty-service"))).toContain("segments.care-home.demandMultiplierByAcuity");

    const dictionary = wb.getWorksheet("Data dictionary")!.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1, 6));
    for (const file of csvs) {
      for (const column of Object.keys(readCsv(join(out, file))[0] ?? {})) {
        expect(dictionary.some((d) => d[0] === file.replace(/\.csv$/, "") && d[1] === column), `${file}: ${column}`).toBe(true);
      }
    }
    expect(dictionary.find((d) => d[0] === "kpi_summary" && d[1] === "mean")).toEqual(["kpi_summary", "mean", undefined, "Mean over replications, in the row's unit", "number"]);
  });

  it("from a sweep: sweep.csv with the swept values as numbers", async () => {
    const out = join(TMP, "sweep");
    const run = await pathflow(["sweep", "models/mmc.json", "--set", "nodes.servers.servers=11,12", "--reps", "2", "--days", "10", "--warmup-days", "2", "--out", out, "--quiet", "--xlsx"]);
    expect(run.code, run.stderr).toBe(0);
    const wb = await open(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["README", "Data dictionary", "glossary", "sweep", "sweep_metadata", "warnings"]);
    expectSheetIsCsv(wb, out, "sweep.csv");
    const sweep = wb.getWorksheet("sweep")!;
    expect(sweep.getRow(1).getCell(2).value).toBe("nodes_servers_servers");
    expect(new Set(sweep.getColumn(2).values.slice(2))).toEqual(new Set([11, 12]));
  });
});
