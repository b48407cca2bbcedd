/**
 * Atomic file output: every file is written to a temporary name in the same directory, flushed to
 * disk, then renamed over the final path. A crash, a kill or an error before the rename leaves at
 * most a hidden `.name.<pid>.<random>.tmp` file beside the final path — never a file at the final
 * path that looks whole but is truncated. Same directory matters: rename is atomic only within
 * one file system.
 */
import { randomBytes } from "node:crypto";
import { mkdir, open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * The temporary path used while `finalPath` is being written: same directory, hidden name,
 * e.g. `out/.kpis.csv.4711.9f86d081884c.tmp`. The random part makes concurrent writers (threads,
 * processes) to the same final path use distinct temporary files.
 */
export function tempPathFor(finalPath: string): string {
  const token = randomBytes(6).toString("hex");
  return join(dirname(finalPath), `.${basename(finalPath)}.${process.pid}.${token}.tmp`);
}

/** Creates `dir` and any missing parents; succeeds if it already exists. */
export async function ensureDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
}

/**
 * Writes `data` to `path` atomically: temporary file (created exclusively), fsync, rename. On any
 * failure the temporary file is removed and the error rethrown; an existing file at `path` is
 * left untouched.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = tempPathFor(path);
  try {
    const handle = await open(tmp, "wx");
    try {
      await handle.writeFile(data, typeof data === "string" ? "utf8" : undefined);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameAtomic(tmp, path);
  } catch (error) {
    await removeQuietly(tmp);
    throw error;
  }
}

/**
 * Renames the finished temporary file over `finalPath` (replacing any existing file), then makes
 * the directory entry durable where the platform allows. On Windows a freshly closed file can be
 * briefly locked by a virus scanner or indexer, so EPERM/EACCES/EBUSY are retried a few times.
 */
export async function renameAtomic(tmp: string, finalPath: string): Promise<void> {
  const delaysMs = process.platform === "win32" ? [10, 50, 100, 250, 500] : [];
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(tmp, finalPath);
      break;
    } catch (error) {
      const delay = delaysMs[attempt];
      if (delay === undefined || !isTransientLock(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
  await syncDirQuietly(dirname(finalPath));
}

/** Removes a file, ignoring "not there". Used to clean up temporary files. */
export async function removeQuietly(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if (errorCode(error) !== "ENOENT") throw error;
  }
}

function isTransientLock(error: unknown): boolean {
  const code = errorCode(error);
  return code === "EPERM" || code === "EACCES" || code === "EBUSY";
}

function errorCode(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null && "code" in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === "string" ? code : undefined;
  }
  return undefined;
}

/** fsync of the directory so the rename survives power loss (POSIX); a no-op where unsupported. */
async function syncDirQuietly(dir: string): Promise<void> {
  if (process.platform === "win32") return;
  try {
    const handle = await open(dir, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some file systems refuse fsync on directories (EINVAL, EISDIR); the rename itself is done.
  }
}
