// The replication pool's worker, wrapped to fail one replication as a real error would (a
// thrown error becomes a "failed" outcome). Which one: PATHFLOW_TEST_FAIL_REPLICATION. Loaded by
// pathflow-failing.mjs through the pool's workerFile option: the product has no fault hook.
import runInThisThread, { outcomeOf } from "../../dist/src/experiment/worker.js";

const fail = process.env["PATHFLOW_TEST_FAIL_REPLICATION"];

export default function failingWorker(task) {
  if (fail !== undefined && String(task.replication) === fail) {
    return outcomeOf(async () => {
      throw new Error("injected failure for tests");
    });
  }
  return runInThisThread(task);
}
