/**
 * The patient-level event log (`--events`): its one owner. Each replication's worker writes its
 * rows to `events-<replication>.part` in the output folder as they happen, through a buffer
 * flushed synchronously every megabyte, so memory stays bounded whatever the run length (the
 * simulation never yields, so an asynchronous stream would hold every row until the run ended).
 * As replications are delivered in order, `EventsFile` appends each part to events.csv (under its
 * temporary name until the run ends) and removes it (`joinEvents` does the same at the end, for a
 * caller that did not); after a failure, `removeEventParts` removes them.
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

/** Columns of events.csv. */
export const EVENT_COLUMNS = ["scenario", "replication", "time_hours", "patient_id", "event", "node"] as const;

const PART = /^events-\d+\.part$/;
const FLUSH_BYTES = 1 << 20;

/** The part file of one replication. */
export function eventPartFile(dir: string, replication: number): string {
  return join(dir, `events-${replication}.part`);
}

function csvText(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One replication's event rows (no header), written as they happen. */
export class EventLog {
  private buffer: string[] = [];
  private bytes = 0;
  private closed = false;

  private constructor(
    private readonly file: string,
    private readonly fd: number,
    private readonly replication: number,
  ) {}

  static open(dir: string, replication: number): EventLog {
    const file = eventPartFile(dir, replication);
    return new EventLog(file, writingSync(file, () => openSync(file, "w")), replication);
  }

  /** The callback the simulation calls for each event of `scenario`. */
  sink(scenario: string): (timeHours: number, patientId: number, event: string, node: string) => void {
    const prefix = `${csvText(scenario)},${this.replication},`;
    return (t, id, event, node) => {
      const row = `${prefix}${t.toFixed(4)},${id},${event},${csvText(node)}\n`;
      this.buffer.push(row);
      this.bytes += row.length;
      if (this.bytes >= FLUSH_BYTES) this.flush();
    };
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
 * events.csv, written while the run goes on: each replication's part is appended (and removed) as
 * soon as the replication is delivered, in replication order, so the disk holds the log about
 * once (plus the parts of replications in flight), and memory holds one read buffer.
 */
export class EventsFile {
  private constructor(
    private readonly dir: string,
    private readonly writer: CsvWriter,
  ) {}

  static async open(dir: string, options: { bom?: boolean } = {}): Promise<EventsFile> {
    return new EventsFile(dir, await CsvWriter.open(join(dir, "events.csv"), EVENT_COLUMNS, { bom: options.bom ?? false }));
  }

  /** Appends replication `replication`'s part, then removes it. */
  async append(replication: number): Promise<void> {
    const part = eventPartFile(this.dir, replication);
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

/** Joins the per-replication parts into events.csv in replication order, then removes them. */
export async function joinEvents(dir: string, replications: number, options: { bom?: boolean } = {}): Promise<void> {
  const file = await EventsFile.open(dir, options);
  try {
    for (let r = 0; r < replications; r++) await file.append(r);
    await file.close();
  } catch (error) {
    await file.abort();
    throw error;
  }
  await removeEventParts(dir);
}

/** Removes per-replication event parts (after a failure, or once joined). */
export async function removeEventParts(dir: string): Promise<void> {
  let files: string[];
  try {
    files = await readdir(dir);
  } catch {
    return; // nothing to clean
  }
  for (const f of files) if (PART.test(f)) await unlink(join(dir, f));
}
