import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pathflow } from "./helpers/cli.js";

/**
 * --bom starts every CSV file a run or sweep writes with the UTF-8 byte-order mark, once, right
 * before the header: Excel reads a CSV as UTF-8 only when it starts with these three bytes
 * (otherwise in the Windows code page, garbling "–" or "≥"), and LibreOffice's text import detects
 * the mark and selects UTF-8 (sc/source/ui/dbgui/scuiasciiopt.cxx). Without --bom no file has it.
 *
 * Where LibreOffice is installed (Debian's libreoffice-calc-nogui; too large to install for the
 * tests, so CI skips this part) the files are opened in it as its import dialog opens them — as
 * UTF-8 — and converted to .xlsx: the first header cell is "scenario", not "ï»¿scenario", text
 * beyond ASCII is intact and numbers are numbers. (LibreOffice's headless converter given no
 * character set reads the system code page instead; the mark then shows as "ï»¿" — the symptom
 * reported — and so would "–" in a file without it.) (dist/ is built by test/global-setup.ts.)
 */
const SOFFICE = ["/usr/bin/soffice", "/usr/bin/libreoffice"].find((p) => existsSync(p));
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const TMP = mkdtempSync(join(tmpdir(), "pathflow-bom-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
const RUN = join(TMP, "run");
const COMMON = ["--reps", "2", "--days", "3", "--warmup-days", "1", "--workers", "2", "--quiet"];

beforeAll(async () => {
  const run = await pathflow(["run", "models/ics-default.json", "--scenario", "frailty-service", ...COMMON, "--events", "--bom", "--out", RUN]);
  expect(run.code, run.stderr).toBe(0);
});

function csvFiles(out: string): string[] {
  return readdirSync(out).filter((f) => f.endsWith(".csv")).sort();
}

/** The file starts with one BOM, then the header; the mark appears nowhere else. */
function expectOneBom(path: string): void {
  const bytes = readFileSync(path);
  expect(bytes.subarray(0, 3).equals(BOM), path).toBe(true);
  expect(bytes.indexOf(BOM, 3), path).toBe(-1);
  expect(bytes.subarray(3, 4).toString("utf8"), path).toMatch(/[a-z]/);
}

describe("--bom: CSV files that spreadsheets open as UTF-8", () => {
  it("every file of a run and a sweep starts with one byte-order mark; none without --bom", async () => {
    const run = RUN;
    const plain = join(TMP, "plain");
    const sweep = join(TMP, "sweep");
    expect((await pathflow(["run", "models/mmc.json", ...COMMON, "--events", "--out", plain])).code).toBe(0);
    expect((await pathflow(["sweep", "models/mmc.json", "--set", "nodes.servers.servers=11", ...COMMON, "--bom", "--out", sweep])).code).toBe(0);
    expect(csvFiles(run)).toEqual(["admission_decisions.csv", "decisions_flipped.csv", "drift_range.csv", "events.csv", "flows.csv", "glossary.csv", "kpi_by_class.csv", "kpi_difference.csv", "kpi_replications.csv", "kpi_summary.csv", "release.csv", "run_metadata.csv", "segments.csv", "timeseries_daily.csv", "warnings.csv"]);
    for (const f of csvFiles(run)) expectOneBom(join(run, f));
    for (const f of csvFiles(sweep)) expectOneBom(join(sweep, f));
    for (const f of csvFiles(plain)) expect(readFileSync(join(plain, f)).subarray(0, 3).equals(BOM), f).toBe(false);
    // The report reads a BOM-started folder like any other: its KPIs and glossary are found.
    expect(readFileSync(join(run, "report.html"), "utf8")).toContain("From glossary.csv in this folder.");
  });

  it.skipIf(SOFFICE === undefined)("LibreOffice opens them as UTF-8: header, text and numbers intact", async () => {
    const out = RUN;
    const converted = join(TMP, "xlsx");
    const profile = pathToFileURL(join(TMP, "lo-profile")).href;
    execFileSync(SOFFICE!, [`-env:UserInstallation=${profile}`, "--headless", "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", converted, join(out, "kpi_summary.csv"), join(out, "glossary.csv")], { stdio: "pipe", timeout: 120_000 });

    const summary = new ExcelJS.Workbook();
    await summary.xlsx.readFile(join(converted, "kpi_summary.xlsx"));
    const s = summary.worksheets[0]!;
    expect(s.getCell("A1").value).toBe("scenario");
    expect(s.getRow(1).values).toEqual([undefined, "scenario", "kpi", "unit", "mean", "sd", "ci_low", "ci_high", "p10", "p50", "p90", "n_reps"]);
    expect(typeof s.getCell("D2").value).toBe("number");

    const glossary = new ExcelJS.Workbook();
    await glossary.xlsx.readFile(join(converted, "glossary.xlsx"));
    const g = glossary.worksheets[0]!;
    expect(g.getCell("A1").value).toBe("file");
    const low = g.getSheetValues().find((r) => Array.isArray(r) && r[4] === "admissions_low_acuity_pct") as unknown[] | undefined;
    expect(low?.[6]).toContain("bands 1–2 of 5"); // an en dash, not "1â€“2"
  });
});

if (SOFFICE === undefined) process.stderr.write("bom-csv-opens-in-spreadsheets: LibreOffice is not installed — the LibreOffice check is skipped (the bytes are checked)\n");
