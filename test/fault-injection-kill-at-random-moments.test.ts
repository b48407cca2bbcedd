import { existsSync, readFileSync } from "node:fs";
import Papa from "papaparse";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createStream } from "../src/random/streams.js";
import { pathflow, startPathflow } from "./helpers/cli.js";
import { brokenFiles, leftovers, metadata } from "./helpers/folder-check.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

/**
 * Fault injection: a run is sent SIGKILL, SIGTERM, SIGINT or SIGHUP at a moment drawn from a
 * seeded stream, and what it leaves is checked.
 * - SIGTERM, SIGINT, SIGHUP (after the run has started): exit 143, 130, 129, with whole outputs
 *   for the replications completed (an unbroken prefix), marked partial; no leftovers, no lock.
 * - SIGKILL: nothing can run, so files may be missing, but none at a final name is half written;
 *   the next run into the folder (with --force, as final files may be there) removes every
 *   leftover and the stale lock and completes.
 */
const dir = tempDirEachTest("pathflow-faults-");
const RUN = ["run", "models/mmc.json", "--reps", "40", "--days", "300", "--warmup-days", "0", "--workers", "2"];
const CODES: Record<string, number> = { SIGTERM: 143, SIGINT: 130, SIGHUP: 129 };
const moments = createStream(20261201, 0, "fault-injection");

/** Starts the run, waits for its first line on stderr plus `delayMs`, sends `signal`; resolves with how it ended. */
function killed(out: string, signal: NodeJS.Signals, delayMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = startPathflow([...RUN, "--out", out]);
    let stderr = "";
    let stdout = "";
    let armed = false;
    child.stdout!.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr!.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
      if (!armed) {
        armed = true;
        setTimeout(() => child.kill(signal), delayMs);
      }
    });
    const guard = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`no exit within 45 s after ${signal}; stderr:\n${stderr}`));
    }, 45_000);
    child.on("error", reject);
    child.on("close", (code, by) => {
      clearTimeout(guard);
      resolve({ code, signal: by, stderr, stdout });
    });
  });
}

describe("a run killed at a random moment", () => {
  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) {
    it(`${signal}: exit ${CODES[signal]}, whole outputs for the completed replications, marked partial`, async () => {
      const out = join(dir(), "out");
      const delay = Math.floor(moments.double() * 1500);
      const run = await killed(out, signal, delay);
      expect(run.code, `${signal} after ${delay} ms:\n${run.stderr}`).toBe(CODES[signal]);
      expect(run.stderr).not.toMatch(/^\s+at /m);
      expect(brokenFiles(out)).toEqual([]);
      expect(leftovers(out)).toEqual([]);
      const meta = metadata(out);
      expect(meta.get("partial")).toBe("true");
      const completed = Number(meta.get("replications_completed"));
      expect(completed).toBeLessThan(40);
      // kpi_replications.csv holds replications 0..completed−1 of every scenario, and no other.
      const rows = Papa.parse<string[]>(readFileSync(join(out, "kpi_replications.csv"), "utf8"), { skipEmptyLines: true }).data.slice(1);
      for (const scenario of meta.get("scenarios")!.split(";")) {
        const reps = [...new Set(rows.filter((r) => r[0] === scenario).map((r) => Number(r[1])))].sort((a, b) => a - b);
        expect(reps, scenario).toEqual(Array.from({ length: completed }, (_, i) => i));
      }
    });
  }

  it("SIGKILL: nothing half written; the next run cleans up and completes", async () => {
    const out = join(dir(), "out");
    const delay = Math.floor(moments.double() * 3000);
    const run = await killed(out, "SIGKILL", delay);
    expect(run.signal, `finished before SIGKILL at ${delay} ms`).toBe("SIGKILL");
    expect(brokenFiles(out)).toEqual([]);
    const again = await pathflow(["run", "models/mmc.json", "--reps", "2", "--days", "2", "--warmup-days", "0", "--quiet", "--force", "--out", out]);
    expect(again.code, again.stderr).toBe(0);
    expect(leftovers(out)).toEqual([]);
    expect(existsSync(join(out, ".pathflow.lock"))).toBe(false);
    expect(brokenFiles(out)).toEqual([]);
    expect(metadata(out).get("replications_completed")).toBe("2");
  });
});
