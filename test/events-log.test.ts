import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathflow as runPathflow, type CliRun } from "./helpers/cli.js";
import { afterAll, describe, expect, it } from "vitest";

/**
 * `pathflow run --events` writes the patient-level event log, events.csv: one header, then each
 * replication's events as one block, in replication order (whichever worker finished first), in
 * time order within each scenario and replication; the per-replication part files are joined and
 * removed. Without --events there is no event log. (dist/ is built by test/global-setup.ts.)
 */

const TMP = mkdtempSync(join(tmpdir(), "pathflow-events-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const pathflow = (...args: string[]): Promise<CliRun> => runPathflow(args);

const RUN = ["run", "models/mmc.json", "--reps", "2", "--days", "2", "--warmup-days", "0", "--workers", "2", "--quiet"];

describe("the event log", () => {
  it("--events writes events.csv: replication blocks in order, times non-decreasing, no part files left", async () => {
    const out = join(TMP, "with");
    const run = await pathflow(...RUN, "--events", "--out", out);
    expect(run.code, run.stderr).toBe(0);
    const files = readdirSync(out);
    expect(files).toContain("events.csv");
    expect(files.filter((f) => f.endsWith(".part") || f.endsWith(".tmp") || f.startsWith("."))).toEqual([]);

    const text = readFileSync(join(out, "events.csv"), "utf8");
    expect(text.endsWith("\n")).toBe(true);
    const lines = text.slice(0, -1).split("\n");
    expect(lines[0]).toBe("scenario,replication,time_hours,patient_id,event,node");
    const rows = lines.slice(1).map((line) => line.split(","));
    expect(rows.every((r) => r.length === 6)).toBe(true);

    // Blocks: (scenario, replication) in the order they appear; each appears once (contiguous).
    const blocks: string[] = [];
    for (const r of rows) {
      const key = `${r[0]}|${r[1]}`;
      if (blocks.at(-1) !== key) {
        expect(blocks, `block ${key} appears twice`).not.toContain(key);
        blocks.push(key);
      }
    }
    // Every replication 0 row before every replication 1 row; each replication has both scenarios.
    expect(blocks.map((b) => b.split("|")[1])).toEqual(["0", "0", "1", "1"]);
    expect(new Set(blocks.map((b) => b.split("|")[0]))).toEqual(new Set(["baseline", "eleven-servers"]));

    // Within a block, time never goes backwards; events are the patients' own, and the run is 2 days.
    for (const block of blocks) {
      const times = rows.filter((r) => `${r[0]}|${r[1]}` === block).map((r) => Number(r[2]));
      expect(times, `${block}: time went backwards`).toEqual([...times].sort((a, b) => a - b));
    }
    for (const r of rows) {
      const time = Number(r[2]);
      expect(Number.isFinite(time)).toBe(true);
      expect(time).toBeGreaterThanOrEqual(0);
      expect(time).toBeLessThanOrEqual(48);
      expect(Number.isInteger(Number(r[3]))).toBe(true);
    }
    const events = new Set(rows.map((r) => r[4]));
    for (const e of ["arrive", "start", "exit"]) expect(events).toContain(e);

    // Common random numbers: both scenarios see the same arrivals in a replication.
    for (const rep of ["0", "1"]) {
      const arrivals = (scenario: string) => rows.filter((r) => r[0] === scenario && r[1] === rep && r[4] === "arrive").map((r) => `${r[2]}/${r[3]}`);
      expect(arrivals("eleven-servers")).toEqual(arrivals("baseline"));
      expect(arrivals("baseline").length).toBeGreaterThan(300); // 216 a day for 2 days
    }
  });

  it("without --events there is no event log", async () => {
    const out = join(TMP, "without");
    const run = await pathflow(...RUN, "--out", out);
    expect(run.code, run.stderr).toBe(0);
    const files = readdirSync(out);
    expect(files).toContain("kpi_summary.csv");
    expect(existsSync(join(out, "events.csv"))).toBe(false);
    expect(files.filter((f) => f.endsWith(".part"))).toEqual([]);
  });
});
