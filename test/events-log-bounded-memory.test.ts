import { spawn } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/cli.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

/**
 * --events streams the patient-level log to disk as it happens: a run whose event log is far
 * larger than the JavaScript heap allowed (V8's --max-old-space-size, which binds the worker
 * threads too) completes, with the whole log in events.csv. Held in memory, the rows of one
 * replication alone would not fit (each row is a string of ~75 bytes plus its header and slot).
 */
const dir = tempDirEachTest("pathflow-events-memory-");
const HEAP_MB = 64;

describe("the event log under a small heap", () => {
  it(`a replication logging more than ${HEAP_MB} MB of events completes with --max-old-space-size=${HEAP_MB}`, async () => {
    const out = join(dir(), "out");
    const args = [`--max-old-space-size=${HEAP_MB}`, "dist/src/cli/main.js", "run", "models/mmc.json", "--reps", "1", "--days", "900", "--warmup-days", "0", "--workers", "1", "--events", "--quiet", "--out", out];
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, PATHFLOW_DEBUG: "" } });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.stdout.resume();
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code, stderr.slice(0, 2000)).toBe(0);
    const bytes = statSync(join(out, "events.csv")).size;
    expect(bytes).toBeGreaterThan(1.4 * HEAP_MB * 1024 * 1024);
    expect(readdirSync(out).filter((f) => f.endsWith(".part") || f.startsWith("."))).toEqual([]);
  });
});
