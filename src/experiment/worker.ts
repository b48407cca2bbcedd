/**
 * Worker-thread entry for the replication pool (piscina). Each thread keeps its own cache of
 * loaded and compiled models. Errors cross the thread boundary as plain objects (error classes
 * do not survive postMessage).
 */
import { PathflowInputError, type Issue } from "../errors.js";
import { runTask, TaskCache, type ReplicationTask, type ReplicationTaskResult } from "./task.js";

export type TaskOutcome =
  | { readonly state: "done"; readonly result: ReplicationTaskResult }
  | { readonly state: "invalid"; readonly message: string; readonly issues: readonly Issue[] }
  | { readonly state: "failed"; readonly message: string; readonly stack: string };

const cache = new TaskCache();

export async function runInThisThread(task: ReplicationTask): Promise<TaskOutcome> {
  try {
    // Test hook (fault injection): PATHFLOW_FAIL_REPLICATION=r makes replication r fail as a real
    // error would, so tests can check how a failed replication is reported
    // (test/replication-failure-names-seed.test.ts). Unset in normal use.
    if (process.env["PATHFLOW_FAIL_REPLICATION"] !== undefined && process.env["PATHFLOW_FAIL_REPLICATION"] === String(task.replication)) {
      throw new Error("injected failure for tests");
    }
    return { state: "done", result: await runTask(task, cache) };
  } catch (error) {
    if (error instanceof PathflowInputError) return { state: "invalid", message: error.message, issues: error.issues };
    const e = error instanceof Error ? error : new Error(String(error));
    return { state: "failed", message: e.message, stack: e.stack ?? "" };
  }
}

export default runInThisThread;
