/**
 * A worker thread for `npm run validate`: runs one case and posts back its result and the
 * conservation checks of every replication it ran (plain objects, so they survive postMessage).
 */
import { parentPort, workerData } from "node:worker_threads";
import { caseById } from "./cases.js";
import { conservationLog, type CaseResult, type ConservationEntry } from "./harness.js";

export interface WorkerRequest {
  readonly caseId: number;
  readonly quick: boolean;
}

export type WorkerReply =
  | { readonly ok: true; readonly result: CaseResult; readonly conservation: ConservationEntry[] }
  | { readonly ok: false; readonly message: string; readonly stack?: string };

const request = workerData as WorkerRequest;
const target = caseById(request.caseId);
try {
  if (target === undefined) throw new Error(`no case ${request.caseId}`);
  const reps = request.quick ? target.reps.quick : target.reps.full;
  const result = await target.run({ reps, quick: request.quick });
  parentPort!.postMessage({ ok: true, result, conservation: conservationLog.list() } satisfies WorkerReply);
} catch (error) {
  const e = error instanceof Error ? error : new Error(String(error));
  parentPort!.postMessage({ ok: false, message: e.message, ...(e.stack !== undefined ? { stack: e.stack } : {}) } satisfies WorkerReply);
}
