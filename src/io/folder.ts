/**
 * The output folder of a run or sweep (--out), claimed before anything is written to it:
 *
 * - one run at a time: a lock file (`.pathflow.lock`, holding the pid, host and start time) is
 *   created atomically in the folder; a second run into the same folder is refused while the first
 *   is alive. A lock left by a run that was killed (its pid no longer runs on this host) is stale
 *   and taken over;
 * - no mixing: a folder that already holds files is refused, unless `force` (which first removes
 *   pathflow's own files — the names in OUTPUT_FILES — and leaves every other file alone) or
 *   `resume` (an explicit reuse of a folder a pathflow run wrote: its files are kept);
 * - no leftovers: temporary files (`.name.<pid>.<token>.tmp`) and the parts of streamed files
 *   (`events-<r>.part`, `episodes-<r>.part`) left by a run that was killed are removed whenever a run claims the folder;
 * - nothing empty or half left after a failure: `abandon` removes what the run wrote and the
 *   folders it created, if they are empty.
 */
import { randomBytes } from "node:crypto";
import { rmdirSync, unlinkSync } from "node:fs";
import { link, mkdir, readdir, readFile, rm, rmdir, stat, unlink, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { partPattern } from "./parts.js";
import { PathflowInputError } from "../errors.js";
import { describeWriteError, fsErrorCode } from "./output-problem.js";

/** The lock file's name: hidden, owned by pathflow. */
export const LOCK_FILE = ".pathflow.lock";

/**
 * Every file pathflow writes at the top of an output folder (run, sweep, report, workbook). These
 * are the files `force` removes; a command that writes a new kind of file adds its name here.
 */
export const OUTPUT_FILES: ReadonlySet<string> = new Set([
  "run_metadata.csv",
  "kpi_replications.csv",
  "kpi_summary.csv",
  "kpi_difference.csv",
  "kpi_by_class.csv",
  "release.csv",
  "timeseries_daily.csv",
  "flows.csv",
  "admission_decisions.csv",
  "segments.csv",
  "events.csv",
  "episodes.csv",
  "stress.md",
  "report.html",
  "results.xlsx",
  "sweep.csv",
  "sweep_metadata.csv",
  "warnings.csv",
  "glossary.csv",
  "drift_range.csv",
  "decisions_flipped.csv",
  "summary.md",
  // pathflow calibrate
  "fit_report.csv",
  "fit_report.md",
  "calibration_trace.csv",
  "calibrated_model.json",
  // a shard's files (io/shard-format.ts)
  "shard.json",
  "replications.jsonl",
]);

/** The journal an ordinary run keeps in its folder while it runs (io/shard-format.ts RUN_JOURNAL_DIR): removed with pathflow's own files. */
const JOURNAL_DIR = ".pathflow-shard";

/** What a killed run leaves: temporary files (atomic.ts) and the parts of events.csv and episodes.csv (parts.ts). */
const LEFTOVERS = [/^\..+\.\d+\.[0-9a-f]{12}\.tmp$/, partPattern("events"), partPattern("episodes")];

/**
 * How a run may use a folder that already exists:
 * - `new`: only if it is empty (leftovers of a killed run aside);
 * - `force`: pathflow's own files in it are removed first, other files are left alone;
 * - `resume`: it is reused as it is (a run continuing what an earlier run into it wrote).
 */
export type FolderUse = "new" | "force" | "resume";

interface LockContent {
  readonly pid: number;
  readonly host: string;
  readonly started: string;
}

export function isLeftover(name: string): boolean {
  return LEFTOVERS.some((pattern) => pattern.test(name));
}

export class OutputFolder {
  /** Whether this claim holds the lock (and so may remove it). */
  private held = false;
  private readonly onExit = (): void => this.releaseSync();

  private constructor(
    /** The folder, as given. */
    readonly dir: string,
    private readonly use: FolderUse,
    /** The outermost folder this claim created (removed on failure if empty), if any. */
    private readonly created: string | undefined,
  ) {
    // A second Ctrl-C or an uncaught error ends the process at once: the lock goes with it.
    process.on("exit", this.onExit);
  }

  /**
   * Creates (or checks) `dir`, locks it and makes it ready for a run's files. Throws a
   * PathflowInputError at `flag` when the folder cannot be used: it is a file, it cannot be created
   * or written, another run is writing there, or (with `new`) it already holds files.
   */
  static async claim(dir: string, use: FolderUse = "new", flag = "--out"): Promise<OutputFolder> {
    const problem = (message: string): PathflowInputError => new PathflowInputError([{ code: "file", path: [flag], message }], `cannot use the output folder ${dir}`);
    let created: string | undefined;
    try {
      const info = await stat(dir);
      if (!info.isDirectory()) throw problem(`${dir} is a file, not a folder: give a folder for the results`);
    } catch (error) {
      if (error instanceof PathflowInputError) throw error;
      if (fsErrorCode(error) !== "ENOENT") throw problem(`cannot use ${dir}: ${describeWriteError(error)}`);
      try {
        created = await makeFolders(dir);
      } catch (mkdirError) {
        throw problem(`cannot create the folder ${dir}: ${describeWriteError(mkdirError)}`);
      }
    }
    const folder = new OutputFolder(dir, use, created);
    try {
      await folder.lock(problem);
      await folder.prepare(problem);
    } catch (error) {
      // Refused: nothing in the folder is touched; only the lock and a folder created here go.
      await folder.release();
      if (created !== undefined) await removeEmptyUpTo(dir, created);
      throw error;
    }
    return folder;
  }

  /**
   * The run is over (complete or partial): what is left of its temporary files (the event-log
   * parts of replications cut short by an interruption) is removed and the folder unlocked.
   */
  async release(): Promise<void> {
    process.off("exit", this.onExit);
    if (!this.held) return;
    for (const name of await entries(this.dir)) if (isLeftover(name)) await unlinkQuietly(join(this.dir, name));
    this.held = false;
    await unlinkQuietly(join(this.dir, LOCK_FILE));
  }

  /**
   * The run failed: the files it wrote (unless resuming) and any leftovers are removed, the
   * folder is unlocked, and the folders this claim created are removed if empty.
   */
  async abandon(): Promise<void> {
    if (!this.held) return void process.off("exit", this.onExit);
    if (this.use !== "resume") {
      for (const name of await entries(this.dir)) if (OUTPUT_FILES.has(name)) await unlinkQuietly(join(this.dir, name));
      await rm(join(this.dir, JOURNAL_DIR), { recursive: true, force: true });
    }
    await this.release();
    if (this.created !== undefined) await removeEmptyUpTo(this.dir, this.created);
  }

  // -------------------------------------------------------------------------------------------

  /** Creates the lock atomically: written whole under a temporary name, then hard-linked into place. */
  private async lock(problem: (message: string) => PathflowInputError): Promise<void> {
    const lockPath = join(this.dir, LOCK_FILE);
    const content: LockContent = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
    const tmp = join(this.dir, `${LOCK_FILE}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
    try {
      await writeFile(tmp, `${JSON.stringify(content)}\n`, { flag: "wx" });
    } catch (error) {
      throw problem(`cannot write in the folder ${this.dir}: ${describeWriteError(error)}`);
    }
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          await link(tmp, lockPath);
          this.held = true;
          return;
        } catch (error) {
          if (fsErrorCode(error) !== "EEXIST" || attempt > 0) {
            throw problem(`cannot lock the folder ${this.dir}: ${describeWriteError(error)}`);
          }
        }
        const holder = await readLock(lockPath);
        if (holder !== undefined && !isStale(holder)) {
          throw problem(
            `another pathflow run (pid ${holder.pid} on ${holder.host}, started ${holder.started}) is writing to ${this.dir}; ` +
              `wait for it to finish or choose another folder (if no such run is going on, delete ${lockPath})`,
          );
        }
        if (holder === undefined) {
          throw problem(`${lockPath} exists but is not a pathflow lock that can be read; if no pathflow run is writing to ${this.dir}, delete it`);
        }
        await unlinkQuietly(lockPath); // stale: its run was killed
      }
    } finally {
      await unlinkQuietly(tmp);
    }
  }

  /** Removes leftovers, then applies the folder rule of `use`. */
  private async prepare(problem: (message: string) => PathflowInputError): Promise<void> {
    const own: string[] = [];
    const others: string[] = [];
    for (const name of await entries(this.dir)) {
      if (name === LOCK_FILE) continue;
      if (isLeftover(name)) await unlinkQuietly(join(this.dir, name));
      else (OUTPUT_FILES.has(name) ? own : others).push(name);
    }
    if (this.use === "resume") return;
    if (this.use === "force") {
      for (const name of own) await unlinkQuietly(join(this.dir, name));
      if (others.includes(JOURNAL_DIR)) await rm(join(this.dir, JOURNAL_DIR), { recursive: true, force: true });
      return;
    }
    if (others.includes(JOURNAL_DIR)) {
      throw problem(`${this.dir} holds a run that did not finish: continue it with pathflow run --resume ${this.dir}, or add --force to start again there`);
    }
    if (own.includes("shard.json")) {
      throw problem(`${this.dir} holds a shard: merge it with pathflow merge, continue it with pathflow run --resume ${this.dir}, or add --force to replace it`);
    }
    if (own.length + others.length > 0) {
      const names = [...own, ...others].sort();
      const shown = names.slice(0, 5).join(", ") + (names.length > 5 ? `, … (${names.length} entries)` : "");
      throw problem(
        `${this.dir} is not empty (${shown}): choose a new folder, or add --force to replace pathflow's own files in it (other files are left alone)`,
      );
    }
  }

  /** At process exit (a second Ctrl-C, a crash): the lock and an empty folder this claim created go. */
  private releaseSync(): void {
    if (!this.held) return;
    this.held = false;
    try {
      unlinkSync(join(this.dir, LOCK_FILE));
    } catch {
      // already gone
    }
    if (this.created === undefined) return;
    for (let d = resolve(this.dir); ; d = dirname(d)) {
      try {
        rmdirSync(d);
      } catch {
        return; // not empty, or gone
      }
      if (d === resolve(this.created)) return;
    }
  }
}

/**
 * Creates `dir` and its missing parents, one level at a time; returns the outermost folder
 * created. (Node's recursive mkdir loops for ever where a parent cannot hold folders, e.g. /proc.)
 */
async function makeFolders(dir: string): Promise<string | undefined> {
  const missing: string[] = [];
  for (let d = resolve(dir); ; d = dirname(d)) {
    try {
      await stat(d);
      break;
    } catch (error) {
      if (fsErrorCode(error) !== "ENOENT" || dirname(d) === d) throw error;
      missing.unshift(d);
    }
  }
  let created: string | undefined;
  for (const d of missing) {
    try {
      await mkdir(d);
      created ??= d;
    } catch (error) {
      // Another run made it a moment ago: a folder is what is wanted (the lock decides who writes).
      if (fsErrorCode(error) !== "EEXIST" || !(await stat(d)).isDirectory()) throw error;
    }
  }
  return created;
}

/** The names in `dir`, or none if it cannot be read. */
async function entries(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

async function readLock(path: string): Promise<LockContent | undefined> {
  try {
    const value = JSON.parse(await readFile(path, "utf8")) as Partial<LockContent>;
    if (typeof value.pid === "number" && typeof value.host === "string" && typeof value.started === "string") {
      return { pid: value.pid, host: value.host, started: value.started };
    }
  } catch {
    // unreadable: not a lock this version wrote
  }
  return undefined;
}

/** A lock whose process is known to be gone: same host, and no process has its pid. */
function isStale(lock: LockContent): boolean {
  if (lock.host !== hostname() || lock.pid === process.pid) return false;
  try {
    process.kill(lock.pid, 0);
    return false;
  } catch (error) {
    return fsErrorCode(error) === "ESRCH";
  }
}

async function unlinkQuietly(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch {
    // already gone
  }
}

/** Removes `dir` and its parents up to and including `top`, each only if empty. */
async function removeEmptyUpTo(dir: string, top: string): Promise<void> {
  const topAbs = resolve(top);
  if (relative(topAbs, resolve(dir)).startsWith("..")) return;
  for (let d = resolve(dir); ; d = dirname(d)) {
    try {
      await rmdir(d);
    } catch {
      return;
    }
    if (d === topAbs) return;
  }
}

/**
 * `base`, or `base-2`, `base-3`, … — the first that does not exist yet: a default output folder
 * (named by the clock) never collides with an earlier run's.
 */
export async function freshFolderName(base: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    try {
      await stat(candidate);
    } catch {
      return candidate; // not there (or not inspectable: claiming it will say why)
    }
  }
}
