import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Papa from "papaparse";
import { afterAll, describe, expect, it } from "vitest";

/**
 * Ctrl-C during a run (SIGINT) stops it cleanly: exit code 130, and every output file is written
 * for the replications completed so far — an unbroken prefix 0..k−1 — marked partial in
 * run_metadata.csv. Every file is whole (parses, same column count on every row, ends with a
 * newline) and no temporary file is left behind. (dist/ is built by test/global-setup.ts.)
 */

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const TMP = mkdtempSync(join(tmpdir(), "pathflow-sigint-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const REPS = 40;

describe("SIGINT during a run", () => {
  it("exits 130 and writes whole, partial outputs for the completed replications", async () => {
    const out = join(TMP, "out");
    const env: NodeJS.ProcessEnv = { ...process.env, PATHFLOW_DEBUG: "" };
    const child = spawn(
      process.execPath,
      ["dist/src/cli/main.js", "run", "models/ics-default.json", "--reps", String(REPS), "--days", "60", "--warmup-days", "20", "--workers", "2", "--out", out],
      { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    let interrupted = false;
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
      // Progress lines (stderr is not a terminal): "ics-default: N/40 replications · …".
      const done = Math.max(0, ...[...stderr.matchAll(/^ics-default: (\d+)\/\d+ replications\b/gm)].map((m) => Number(m[1])));
      if (!interrupted && done >= 2) {
        interrupted = true;
        child.kill("SIGINT");
      }
    });
    const code = await new Promise<number | null>((resolve, reject) => {
      const guard = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error(`no exit after SIGINT within 45 s; stderr:\n${stderr}`));
      }, 45_000);
      child.on("error", reject);
      child.on("close", (c) => {
        clearTimeout(guard);
        resolve(c);
      });
    });
    expect(interrupted, `the run ended before 2 replications were reported:\n${stderr}`).toBe(true);
    expect(code, stderr).toBe(130);
    expect(stderr).toContain("interrupting");
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stdout).toContain("PARTIAL");

    // No temporary or part files left behind; the journal of finished replications is kept, for run --resume.
    const files = readdirSync(out);
    expect(files.filter((f) => f !== ".pathflow-shard" && (f.startsWith(".") || f.endsWith(".tmp") || f.endsWith(".part")))).toEqual([]);
    expect(files).toContain(".pathflow-shard");
    expect(stderr).toContain(`pathflow run --resume ${out}`);
    for (const f of ["run_metadata.csv", "kpi_replications.csv", "kpi_summary.csv", "kpi_difference.csv", "release.csv", "timeseries_daily.csv", "stress.md"]) {
      expect(files).toContain(f);
    }

    // Every CSV is whole: parses without errors, one column count throughout, ends with "\n".
    const tables = new Map<string, string[][]>();
    for (const f of files.filter((name) => name.endsWith(".csv"))) {
      const text = readFileSync(join(out, f), "utf8");
      expect(text.endsWith("\n"), `${f} does not end with a newline`).toBe(true);
      const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
      expect(parsed.errors, f).toEqual([]);
      const width = parsed.data[0]!.length;
      expect(parsed.data.every((row) => row.length === width), `${f} has rows of different widths`).toBe(true);
      tables.set(f, parsed.data);
    }

    const meta = new Map(tables.get("run_metadata.csv")!.slice(1).map(([k, v]) => [k!, v!] as const));
    expect(meta.get("partial")).toBe("true");
    expect(meta.get("replications_requested")).toBe(String(REPS));
    const k = Number(meta.get("replications_completed"));
    expect(k).toBeGreaterThanOrEqual(2);
    expect(k).toBeLessThan(REPS);

    // kpi_replications.csv: replications 0..k−1 of every scenario, nothing else.
    const [header, ...rows] = tables.get("kpi_replications.csv")!;
    expect(header).toEqual(["scenario", "replication", "kpi", "value"]);
    const scenarios = meta.get("scenarios")!.split(";");
    expect(scenarios.length).toBeGreaterThan(1);
    for (const scenario of scenarios) {
      const reps = new Set(rows.filter((r) => r[0] === scenario).map((r) => Number(r[1])));
      expect([...reps].sort((a, b) => a - b), scenario).toEqual(Array.from({ length: k }, (_, i) => i));
    }
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(scenarios));

    // The summaries say how many replications they cover.
    const [summaryHeader, ...summary] = tables.get("kpi_summary.csv")!;
    const nReps = summaryHeader!.indexOf("n_reps");
    expect(summary.length).toBeGreaterThan(0);
    expect(new Set(summary.map((r) => r[nReps]))).toEqual(new Set([String(k)]));
  });
});
