/**
 * Runs replication tasks on a pool of worker threads and hands the results back in replication
 * order, whichever thread finished first, so every output is the same for any number of workers.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import type { ReplicationTask, ReplicationTaskResult } from "./task.js";
import type { TaskOutcome } from "./worker.js";

/** A task that did not complete: which scenario set, replication and seed, and why. */
export class ReplicationError extends Error {
  constructor(
    message: string,
    readonly task: ReplicationTask,
    readonly outcome: Exclude<TaskOutcome, { state: "done" }>,
  ) {
    super(message);
    this.name = "ReplicationError";
  }
}

export interface PoolOptions {
  /** Worker threads; default the machine's available parallelism. */
  workers?: number | undefined;
  signal?: AbortSignal | undefined;
  /** Called with each result, in task order. */
  onResult: (result: ReplicationTaskResult, index: number) => void | Promise<void>;
}

/**
 * The compiled worker module. Beside this file in dist/; when this file runs from TypeScript
 * source (vitest), the build's copy (tests build dist/ once before they start).
 */
function workerFile(): string {
  const beside = fileURLToPath(new URL("./worker.js", import.meta.url));
  return existsSync(beside) ? beside : fileURLToPath(new URL("../../dist/src/experiment/worker.js", import.meta.url));
}

export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/**
 * Runs `tasks` (at most `workers` at once) and delivers results in order. Stops early when the
 * signal aborts: in-flight tasks are cancelled, the results already complete that form an unbroken
 * prefix are delivered, and the function resolves with how many were delivered. A task that fails rejects with a ReplicationError.
 */
export async function runPool(tasks: readonly ReplicationTask[], options: PoolOptions): Promise<number> {
  const workers = Math.max(1, Math.min(options.workers ?? defaultWorkers(), tasks.length || 1));
  const filename = workerFile();
  const pool = new Piscina({ filename, minThreads: workers, maxThreads: workers, idleTimeout: 1000, resourceLimits: { maxYoungGenerationSizeMb: 16 } });
  const internal = new AbortController();
  const onAbort = () => internal.abort();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  const pending = new Map<number, ReplicationTaskResult>();
  let delivered = 0;
  let next = 0;
  let failure: unknown = null;

  const deliver = async () => {
    while (pending.has(delivered)) {
      const result = pending.get(delivered)!;
      pending.delete(delivered);
      await options.onResult(result, delivered);
      delivered++;
    }
  };

  const runOne = async (index: number): Promise<void> => {
    const task = tasks[index]!;
    const outcome = (await pool.run(task, { signal: internal.signal })) as TaskOutcome;
    if (outcome.state !== "done") {
      throw new ReplicationError(`replication ${task.replication} (seed ${task.seed}, scenarios ${task.scenarios.join(", ")}) failed: ${outcome.message}`, task, outcome);
    }
    pending.set(index, outcome.result);
  };

  // Keep `workers` tasks in flight; deliver in order as results come back.
  const lane = async (): Promise<void> => {
    while (!internal.signal.aborted && failure === null) {
      const index = next++;
      if (index >= tasks.length) return;
      try {
        await runOne(index);
        await deliver();
      } catch (error) {
        if (internal.signal.aborted && !(error instanceof ReplicationError)) return;
        failure ??= error;
        internal.abort();
        return;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: workers }, lane));
    if (failure === null) await deliver();
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
    await pool.destroy();
  }
  if (failure !== null) throw failure;
  return delivered;
}
