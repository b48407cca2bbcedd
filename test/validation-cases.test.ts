/**
 * Every validation case (validation/cases.ts) at the quick settings `npm run validate -- --quick`
 * uses: the same models, seeds and pass rules as the full run, fewer replications.
 *
 * Each case runs in a worker thread of the compiled harness (dist/validation/worker.js, built by
 * test/global-setup.ts), as many at a time as there are cores, so the cases share the machine as
 * they do in `npm run validate` instead of queueing one after another in this file's process. A
 * worker checks conservation on every replication it runs and sends back that log: it holds the
 * case's own runs only.
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { CASES } from "../validation/cases.js";
import { shippedModelFiles } from "../validation/conservation.js";
import type { CaseResult, ConservationEntry, ValidationRow } from "../validation/harness.js";
import type { WorkerReply, WorkerRequest } from "../validation/worker.js";

const CONSERVATION_CASE = 9;

/** Rows each case reports at quick settings. Case 9 reports one row per group of runs: see below. */
const EXPECTED_ROWS: Readonly<Record<number, number>> = { 1: 24, 2: 24, 3: 6, 4: 10, 5: 37, 6: 18, 7: 12, 8: 8, 10: 17, 11: 9, 12: 3, 13: 9, 14: 7, 15: 11, 16: 52, 17: 19 };

/** Case 9 runs every scenario of every shipped model file, and reports each as one row. */
function conservationRunLabels(): string[] {
  return shippedModelFiles().flatMap((file) => {
    const scenarios = (JSON.parse(readFileSync(file, "utf8")) as { scenarios?: Record<string, unknown> }).scenarios ?? { baseline: {} };
    return Object.keys(scenarios).map((scenario) => `case 9: ${file} — ${scenario}`);
  });
}

interface CaseRun {
  result: CaseResult;
  conservation: ConservationEntry[];
}

function runInWorker(caseId: number): Promise<CaseRun> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("../dist/validation/worker.js", import.meta.url), { workerData: { caseId, quick: true } satisfies WorkerRequest });
    let settled = false;
    worker.once("message", (reply: WorkerReply) => {
      settled = true;
      if (reply.ok) resolve({ result: reply.result, conservation: reply.conservation });
      else reject(Object.assign(new Error(`case ${caseId}: ${reply.message}`), reply.stack !== undefined ? { stack: reply.stack } : {}));
      void worker.terminate();
    });
    worker.once("error", (error) => {
      if (!settled) reject(error);
    });
    worker.once("exit", (code) => {
      if (!settled) reject(new Error(`case ${caseId}: worker stopped with exit code ${code}`));
    });
  });
}

// At most one worker per core; a case waiting for a slot is handed the slot of the one that ends.
let free = Math.max(1, os.availableParallelism());
const waiting: (() => void)[] = [];
async function inSlot<T>(task: () => Promise<T>): Promise<T> {
  if (free > 0) free--;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await task();
  } finally {
    const next = waiting.shift();
    if (next !== undefined) next();
    else free++;
  }
}

const show = (r: ValidationRow): string => `${r.id} ${r.checks}: reference ${r.reference}, simulated ${r.simMean} [${r.ciLow}, ${r.ciHigh}]; ${r.criterion}${r.note !== undefined ? ` (${r.note})` : ""}`;

describe.concurrent("validation cases at quick settings", () => {
  for (const c of CASES) {
    // The timeout includes the wait for a free slot.
    it(`case ${c.id}: ${c.title} — every check passes, and every replication conserves patients`, { timeout: 600_000 }, async () => {
      const { result, conservation } = await inSlot(() => runInWorker(c.id));
      expect(result.case).toBe(c.id);
      expect(result.rows.filter((r) => r.verdict === "fail").map(show)).toEqual([]);
      expect(conservation.flatMap((e) => e.problems.map((p) => `${e.label}: ${p}`))).toEqual([]);
      if (c.id === CONSERVATION_CASE) {
        // Its rows are exact checks: not even a row for information.
        expect(result.rows.filter((r) => r.verdict !== "pass").map(show)).toEqual([]);
        // One row per group of runs, and the groups are exactly every scenario of every shipped model.
        const labels = conservationRunLabels();
        expect(conservation.map((e) => e.label).sort()).toEqual([...labels].sort());
        expect(result.rows).toHaveLength(labels.length);
        for (const label of labels) expect(result.rows.some((r) => r.checks.startsWith(`${label} (`)), label).toBe(true);
      } else {
        const expected = EXPECTED_ROWS[c.id];
        expect(expected, `EXPECTED_ROWS has no entry for case ${c.id}`).toBeTypeOf("number");
        expect(result.rows).toHaveLength(expected!);
      }
    });
  }
});
