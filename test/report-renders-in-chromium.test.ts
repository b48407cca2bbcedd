import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, pathflow } from "./helpers/cli.js";
import { shortRun, withNewerFiles } from "./helpers/report-folders.js";

/**
 * report.html opens in a real browser (Debian's headless Chromium, driven by playwright-core; no
 * browser is downloaded) from a file, as from an email attachment: no console error, no request
 * for anything (no network, no CDN, no script), every chart has marks, every table has rows. A
 * run's report, a sweep's, and one given the files newer pathflow versions add. Screenshots go to
 * test-output/report/ (ignored by git). Where Chromium is not installed the test says so and is
 * skipped — except under CI=true, where it fails: CI installs it (.ci/run).
 */

const CHROMIUM = process.env["PATHFLOW_CHROMIUM"] ?? "/usr/bin/chromium";
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const IN_CI = process.env["CI"] === "true";
const SHOTS = join(ROOT, "test-output", "report");
const TMP = mkdtempSync(join(tmpdir(), "pathflow-report-chromium-"));

if (!HAVE_CHROMIUM && !IN_CI) {
  process.stderr.write(`report-renders-in-chromium: no Chromium at ${CHROMIUM} — skipped (install Debian's chromium package, or set PATHFLOW_CHROMIUM)\n`);
}

let browser: Browser | undefined;
beforeAll(async () => {
  if (!HAVE_CHROMIUM) return;
  // As a headless probe runs it: headless, as root without the sandbox, no background traffic.
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});
afterAll(async () => {
  await browser?.close();
  rmSync(TMP, { recursive: true, force: true });
});

interface Rendered {
  problems: string[];
  charts: { title: string; marks: number; width: number; height: number }[];
  tables: { caption: string; rows: number }[];
  text: string;
  scripts: number;
}

/** Opens `file` in Chromium, gathers what went wrong and what the page holds, saves a screenshot. */
async function render(file: string, shot: string): Promise<Rendered> {
  const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`failed request: ${r.url()}`));
  const url = pathToFileURL(file).href;
  page.on("request", (r) => {
    if (r.url() !== url) problems.push(`request for ${r.url()}`);
  });
  await page.goto(url, { waitUntil: "load" });
  const found = await page.evaluate(() => {
    // Runs in the page. The tests are compiled without the DOM library: the little used is typed here.
    interface Node {
      querySelectorAll(selector: string): Iterable<Node>;
      querySelector(selector: string): Node | null;
      closest(selector: string): Node | null;
      getBoundingClientRect(): { width: number; height: number };
      readonly textContent: string | null;
      readonly caption?: Node | null;
    }
    const doc = (globalThis as unknown as { document: Node & { body: { innerText: string } } }).document;
    return {
      charts: [...doc.querySelectorAll("figure.chart svg")].map((svg) => {
        const box = svg.getBoundingClientRect();
        // Vega puts the items of each data mark (bars, lines, areas, points, rules, labels) in a
        // group of class role-mark; axes, legends and titles are in groups of other roles.
        const marks = [...svg.querySelectorAll("g.role-mark")].reduce((n, g) => n + [...g.querySelectorAll("path, rect, line, circle, text")].length, 0);
        return { title: svg.querySelector("title")?.textContent ?? "", marks, width: box.width, height: box.height };
      }),
      tables: [...doc.querySelectorAll("table")].map((t) => ({ caption: t.caption?.textContent ?? t.closest("details")?.querySelector("summary")?.textContent ?? "", rows: [...t.querySelectorAll("tbody tr")].length })),
      text: doc.body.innerText,
      scripts: [...doc.querySelectorAll("script")].length,
    };
  });
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, shot), fullPage: true });
  await page.close();
  return { problems, ...found };
}

function expectWhole(r: Rendered): void {
  expect(r.problems).toEqual([]);
  expect(r.text).not.toContain("chart warning"); // vega-lite or vega found something to complain about
  expect(r.scripts).toBe(0);
  for (const c of r.charts) {
    expect(c.marks, `chart "${c.title}" has no marks`).toBeGreaterThan(0);
    expect(c.width * c.height, `chart "${c.title}" has no size`).toBeGreaterThan(0);
  }
  for (const t of r.tables) expect(t.rows, `table "${t.caption}" has no rows`).toBeGreaterThan(0);
}

describe.skipIf(!HAVE_CHROMIUM && !IN_CI)("report.html renders in headless Chromium", () => {
  it("Chromium is installed (CI installs Debian's chromium package)", () => {
    expect(HAVE_CHROMIUM, `no Chromium at ${CHROMIUM}`).toBe(true);
  });

  it("a run's report: release waterfalls, forest plot, fan charts, admission decisions, tables — no error, no request", async () => {
    const out = join(TMP, "run");
    await shortRun(out);
    const file = join(out, "report.html");
    expect(statSync(file).size).toBeLessThan(2 * 1024 * 1024);
    const r = await render(file, "run.png");
    expectWhole(r);
    const titles = r.charts.map((c) => c.title);
    // Four compared scenarios, one KPI forest, nine daily metrics, three drift charts, one by patient group.
    expect(titles.filter((t) => t.endsWith("where the expected release went"))).toHaveLength(4);
    expect(titles).toContain("KPI differences from baseline");
    expect(titles.filter((t) => t.endsWith(", daily"))).toHaveLength(9);
    expect(titles).toContain("Admitted share by bed pressure, case mix held equal");
    expect(titles).toContain("Admitted share by pressure band and acuity");
    expect(titles).toContain("Admissions per day by acuity band and route");
    expect(titles).toContain("Change by patient group against the baseline");
    expect(r.text).toContain("What each scenario changes, and why");
    expect(r.text).toContain("pathflow run models/ics-default.json --reps 2 --days 30 --warmup-days 10");
    expect(r.text).not.toContain("Partial results");
  });

  it("a sweep's report: the measures against the swept value", async () => {
    const out = join(TMP, "sweep");
    const run = await pathflow(["sweep", "models/ics-default.json", "--scenario", "frailty-service", "--set-both", "nodes.ed.admission.b2PerOccupancyPoint=0,-0.03", "--reps", "2", "--days", "20", "--warmup-days", "10", "--out", out, "--quiet"]);
    expect(run.code, run.stderr).toBe(0);
    const r = await render(join(out, "report.html"), "sweep.png");
    expectWhole(r);
    expect(r.charts.map((c) => c.title)).toEqual(["Release accounting against the swept value", "Release ratio against the swept value", "Headline KPIs against the swept value"]);
    expect(r.text).toContain("pathflow sweep models/ics-default.json");
  });

  it("a folder with the files newer versions write: drift range, segments, summary, glossary, new release components", async () => {
    const base = join(TMP, "run");
    if (!existsSync(join(base, "release.csv"))) await shortRun(base);
    const out = join(TMP, "newer");
    withNewerFiles(base, out);
    const rebuilt = await pathflow(["report", out]);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    const r = await render(join(out, "report.html"), "newer-files.png");
    expectWhole(r);
    expect(r.charts.map((c) => c.title)).toContain("Release ratio across the drift range");
    expect(r.charts.map((c) => c.title)).toContain("Admitted share by pressure band and acuity");
    expect(r.text).toContain("about 4,900 acute bed-days");
    expect(r.text).toContain("<script>alert('not run')</script>"); // shown as text, not run
    expect(r.text).toContain("Results by patient group");
    expect(r.text).toContain("What absorbed_by_elective_backfill counts");
    expect(readFileSync(join(out, "report.html"), "utf8")).toContain("Absorbed by elective backfill");
  });
});
