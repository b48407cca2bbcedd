/**
 * Per-replication part files, joined in replication order: the machinery behind the files a run
 * streams row by row (events.csv with --events, episodes.csv with --episodes). Each replication's
 * worker writes its rows to `<name>-<replication>.part` in the output folder as they happen,
 * through a buffer flushed synchronously every megabyte, so memory stays bounded whatever the run
 * length (the simulation never yields, so an asynchronous stream would hold every row until the
 * run ended). As replications are delivered in order, `PartsFile` appends each part to
 * `<name>.csv` (under its temporary name until the run ends) and removes it; after a failure,
 * `removeParts` removes them. Rows depend only on the replication, so the joined file is the same
 * bytes for any worker count.
 */
import { closeSync, createReadStream, openSync, unlinkSync, writeSync } from "node:fs";
import { readdir, unlink } from "node:fs/promises";
import { join } from "node:path";
import { CsvWriter } from "./csv.js";
import { isOutputFsError, outputProblem } from "./output-problem.js";

/** `write()`, with a refusal of the file system reported as bad output (naming `file`). */
function writingSync<T>(file: string, write: () => T): T {
  try {
    return write();
  } catch (error) {
    if (isOutputFsError(error)) throw outputProblem(file, error);
    throw error;
  }
}

const FLUSH_BYTES = 1 << 20;

/** The part file of one replication of the streamed file `name` (events, episodes). */
export function partFile(dir: string, name: string, replication: number): string {
  return join(dir, `${name}-${replication}.part`);
}

/** The pattern of `name`'s part files (for clean-up of a killed run's leftovers). */
export function partPattern(name: string): RegExp {
  return new RegExp(`^${name}-\\d+\\.part$`);
}

/** A CSV cell: quoted when it holds a comma, quote or line break. */
export function csvText(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One replication's rows (no header), written as they happen. */
export class PartLog {
  private buffer: string[] = [];
  private bytes = 0;
  private closed = false;

  private constructor(
    private readonly file: string,
    private readonly fd: number,
  ) {}

  static open(dir: string, name: string, replication: number): PartLog {
    const file = partFile(dir, name, replication);
    return new PartLog(file, writingSync(file, () => openSync(file, "w")));
  }

  /** Adds one row (ending in a newline). */
  write(row: string): void {
    this.buffer.push(row);
    this.bytes += row.length;
    if (this.bytes >= FLUSH_BYTES) this.flush();
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    const text = this.buffer.join("");
    writingSync(this.file, () => writeSync(this.fd, text));
    this.buffer = [];
    this.bytes = 0;
  }

  /** Writes what is buffered and closes the part. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
    }
  }

  /** Closes and removes the part (the replication failed). */
  discard(): void {
    if (!this.closed) {
      this.closed = true;
      this.buffer = [];
      closeSync(this.fd);
    }
    try {
      unlinkSync(this.file);
    } catch {
      // already gone
    }
  }
}

/**
 * `<name>.csv`, written while the run goes on: each replication's part is appended (and removed)
 * as soon as the replication is delivered, in replication order, so the disk holds the file about
 * once (plus the parts of replications in flight), and memory holds one read buffer.
 */
export class PartsFile {
  private constructor(
    private readonly dir: string,
    private readonly name: string,
    private readonly writer: CsvWriter,
  ) {}

  static async open(dir: string, name: string, columns: readonly string[], options: { bom?: boolean } = {}): Promise<PartsFile> {
    return new PartsFile(dir, name, await CsvWriter.open(join(dir, `${name}.csv`), columns, { bom: options.bom ?? false }));
  }

  /** Appends replication `replication`'s part, then removes it. */
  async append(replication: number): Promise<void> {
    const part = partFile(this.dir, this.name, replication);
    for await (const chunk of createReadStream(part, { encoding: "utf8" })) await this.writer.writeRaw(chunk as string);
    await unlink(part);
  }

  close(): Promise<void> {
    return this.writer.close();
  }

  abort(): Promise<void> {
    return this.writer.abort();
  }
}

/** Removes `name`'s per-replication parts (after a failure, or once joined). */
export async function removeParts(dir: string, name: string): Promise<void> {
  const pattern = partPattern(name);
  let files: string[];
  try {
    files = await readdir(dir);
  } catch {
    return; // nothing to clean
  }
  for (const f of files) if (pattern.test(f)) await unlink(join(dir, f));
}
