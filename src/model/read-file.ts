/**
 * Reading an input file (the model, a rates CSV) safely: only a regular file, at most a given
 * size, never blocking. The file is opened without blocking (a FIFO would otherwise wait for a
 * writer for ever), checked on the open descriptor (no race between the check and the read), and
 * read only up to the limit (a device such as /dev/zero never ends).
 */
import { constants } from "node:fs";
import { closeSync, fstatSync, openSync, readSync } from "node:fs";

export type ReadResult = { ok: true; text: string } | { ok: false; reason: string };

/** Why a file could not be read, in words. */
export function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EISDIR":
      return "it is a directory, not a file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ENOTDIR":
      return "a part of the path is a file, not a folder";
    case "ELOOP":
      return "the path has a loop of symbolic links";
    case "ENAMETOOLONG":
      return "the path is too long";
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

function kindOf(stats: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (stats.isDirectory()) return "a directory";
  if (stats.isFIFO()) return "a pipe (FIFO)";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  if (stats.isSocket()) return "a socket";
  return "not a regular file";
}

/**
 * Reads `path` as UTF-8 text if it is a regular file of at most `maxBytes`; never throws.
 * Synchronous: input files are small, and the rates CSVs are read inside synchronous validation.
 */
export function readInputFile(path: string, maxBytes: number): ReadResult {
  let fd: number;
  try {
    fd = openSync(path, FLAGS);
  } catch (error) {
    return { ok: false, reason: describeFsError(error) };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { ok: false, reason: `it is ${kindOf(stats)}, not a regular file` };
    if (stats.size > maxBytes) return { ok: false, reason: `it is ${megabytes(stats.size)}, more than the ${megabytes(maxBytes)} an input file may be` };
    const buffer = Buffer.alloc(stats.size);
    let read = 0;
    while (read < buffer.length) {
      const bytesRead = readSync(fd, buffer, read, buffer.length - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return { ok: true, text: buffer.subarray(0, read).toString("utf8") };
  } catch (error) {
    return { ok: false, reason: describeFsError(error) };
  } finally {
    closeSync(fd);
  }
}
