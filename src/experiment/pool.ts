/**
 * The worker pool of one experiment (or sweep): started once with every variant the experiment
 * needs, used for every batch of `--reps auto` and every sweep cell, closed at the end. Results
 * come back in task order, whichever thread finished first, so every output is the same for any
 * number of workers.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import { PathflowInputError } from "../errors.js";
import type { ReplicationTask, ReplicationTaskResult, WorkerData } from "./task.js";
import type { TaskOutcome } from "./worker.js";
import type { PoolOptions } from "../types.js";
import { workersFor } from "./estimate.js";
export type { PoolOptions } from "../types.js";

/** A replication that did not complete: which one, its seed and scenarios, and why. */
export class ReplicationError extends Error {
  constructor(
    message: string,
    readonly replication: number,
    readonly seed: number,
    readonly scenarios: readonly string[],
    readonly outcome: Exclude<TaskOutcome, { state: "done" }>,
  ) {
    super(message);
    this.name = "ReplicationError";
  }
}

export interface RunTasksOptions {
  readonly signal?: AbortSignal | undefined;
  /** Called with each result, in task order. */
  readonly onResult: (result: ReplicationTaskResult, index: number) => void | Promise<void>;
  /**
   * Called with each result as soon as its task finishes, in whatever order tasks finish (before
   * onResult, which may wait for an earlier task): to put a finished replication on disk at once.
   */
  readonly onFinished?: ((result: ReplicationTaskResult, index: number) => void | Promise<void>) | undefined;
}

/**
 * The compiled worker module. Beside this file in dist/; when this file runs from TypeScript
 * source (vitest), the build's copy (tests build dist/ once before they start).
 */
function defaultWorkerFile(): string {
  const beside = fileURLToPath(new URL("./worker.js", import.meta.url));
  return existsSync(beside) ? beside : fileURLToPath(new URL("../../dist/src/experiment/worker.js", import.meta.url));
}


/**
 * Piscina loads a worker module with require() first and import() only if that fails. On Node
 * 20.19+ require() of an ES module (ours) is allowed, and under load it can abort the whole
 * process with a V8 fatal error ("IsGraphAsync … must be used on an instantiated module") while a
 * worker starts. With require(esm) off in the workers, the require fails at once and piscina
 * imports the module as the ES module it is.
 */
const NO_REQUIRE_ESM = process.allowedNodeEnvironmentFlags.has("--no-experimental-require-module") ? ["--no-experimental-require-module"] : [];

/**
 * V8 and per-process options a worker refuses in an explicit execArgv (they apply to the whole
 * process anyway): Node's documented list of those allowed in NODE_OPTIONS, and --title.
 */
const PROCESS_WIDE = /^--(abort-on-uncaught-exception|disallow-code-generation-from-strings|enable-etw-stack-walking|expose-gc|huge-max-old-generation-size|interpreted-frames-native-stack|jitless|max-old-space-size|max-semi-space-size|perf-basic-prof-only-functions|perf-basic-prof|perf-prof-unwinding-info|perf-prof|stack-trace-limit|stack-size|title)(=|$)/;

const WORKER_EXEC_ARGV = workerExecArgv();

/** The workers' execArgv: the process's own (less what only the process may take), with require(esm) off; undefined (inherit) where Node has no such flag. */
function workerExecArgv(): string[] | undefined {
  if (NO_REQUIRE_ESM.length === 0) return undefined;
  return [...process.execArgv.filter((a) => !PROCESS_WIDE.test(a)), ...NO_REQUIRE_ESM];
}

export class ReplicationPool {
  readonly workers: number;
  private readonly piscina: Piscina;

  /**
   * `maxTasks` caps the threads: never more threads than tasks at once, nor than the machine's
   * cores (a thread per replication asked for with --workers 999 only costs memory). Outputs are
   * the same for any number.
   */
  constructor(
    private readonly data: WorkerData,
    options: PoolOptions = {},
    maxTasks = Infinity,
  ) {
    this.workers = workersFor(options.workers, maxTasks);
    const file = options.workerFile ?? defaultWorkerFile();
    this.piscina = new Piscina({
      filename: typeof file === "string" ? file : fileURLToPath(file),
      minThreads: this.workers,
      maxThreads: this.workers,
      idleTimeout: 1000,
      resourceLimits: { maxYoungGenerationSizeMb: 16 },
      workerData: data,
      ...(WORKER_EXEC_ARGV === undefined ? {} : { execArgv: WORKER_EXEC_ARGV }),
    });
  }

  /**
   * Runs `tasks` (at most `workers` at once) and delivers results in order. Stops early when the
   * signal aborts: in-flight tasks are cancelled, the results already complete that form an
   * unbroken prefix are delivered, and it resolves with how many were delivered. A task that
   * fails rejects with a ReplicationError.
   */
  async run(tasks: readonly ReplicationTask[], options: RunTasksOptions): Promise<number> {
    const internal = new AbortController();
    const onAbort = () => internal.abort();
    if (options.signal?.aborted) return 0;
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
      const outcome = (await this.piscina.run(task, { signal: internal.signal })) as TaskOutcome;
      // Bad input found while running (an event log that cannot be written): the user's to fix, not a replication to reproduce.
      if (outcome.state === "invalid") throw new PathflowInputError(outcome.issues, outcome.message.split("\n")[0]?.replace(/ \(\d+ problems?\):$/, ""));
      if (outcome.state !== "done") {
        const ex = this.data.experiments[task.experiment]!;
        throw new ReplicationError(
          `replication ${task.replication} (seed ${ex.seed}, scenarios ${ex.scenarios.join(", ")}) failed: ${outcome.message}`,
          task.replication,
          ex.seed,
          ex.scenarios,
          outcome,
        );
      }
      if (options.onFinished !== undefined) await options.onFinished(outcome.result, index);
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
          if (internal.signal.aborted && !(error instanceof ReplicationError || error instanceof PathflowInputError)) return;
          failure ??= error;
          internal.abort();
          return;
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(this.workers, tasks.length) }, lane));
      if (failure === null) await deliver();
    } finally {
      options.signal?.removeEventListener("abort", onAbort);
    }
    if (failure !== null) throw failure;
    return delivered;
  }

  /** Stops the threads. */
  close(): Promise<void> {
    return this.piscina.destroy();
  }
}
