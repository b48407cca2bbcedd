/**
 * Worker-thread entry for the replication pool (piscina). A worker receives the experiment's
 * resolved variants once (piscina's workerData), compiles each the first time a task needs it,
 * and never reads the model file. Errors cross the thread boundary as plain objects (error
 * classes do not survive postMessage).
 */
import { workerData } from "piscina";
import { PathflowInputError, type Issue } from "../errors.js";
import { CompiledVariants, runTask, type ReplicationTask, type ReplicationTaskResult, type WorkerData } from "./task.js";

export type TaskOutcome =
  | { readonly state: "done"; readonly result: ReplicationTaskResult }
  | { readonly state: "invalid"; readonly message: string; readonly issues: readonly Issue[] }
  | { readonly state: "failed"; readonly message: string; readonly stack: string };

const data = workerData as WorkerData;
const compiled = new CompiledVariants(data?.variants ?? []);

/** The outcome of running `work`: its result, or what went wrong as plain data. */
export async function outcomeOf(work: () => Promise<ReplicationTaskResult>): Promise<TaskOutcome> {
  try {
    return { state: "done", result: await work() };
  } catch (error) {
    if (error instanceof PathflowInputError) return { state: "invalid", message: error.message, issues: error.issues };
    const e = error instanceof Error ? error : new Error(String(error));
    return { state: "failed", message: e.message, stack: e.stack ?? "" };
  }
}

export default function runInThisThread(task: ReplicationTask): Promise<TaskOutcome> {
  return outcomeOf(() => runTask(task, data, compiled));
}
