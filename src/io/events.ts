/**
 * The patient-level event log (`--events`): its one owner. Each replication's worker writes its
 * rows to `events-<replication>.part` as they happen; the parts are joined into events.csv in
 * replication order (parts.ts has the machinery and why).
 */
import { csvText, PartLog, PartsFile, removeParts } from "./parts.js";

/** Columns of events.csv. */
export const EVENT_COLUMNS = ["scenario", "replication", "time_hours", "patient_id", "event", "node"] as const;

const NAME = "events";

/** One replication's event rows (no header), written as they happen. */
export class EventLog {
  private constructor(
    private readonly part: PartLog,
    private readonly replication: number,
  ) {}

  static open(dir: string, replication: number): EventLog {
    return new EventLog(PartLog.open(dir, NAME, replication), replication);
  }

  /** The callback the simulation calls for each event of `scenario`. */
  sink(scenario: string): (timeHours: number, patientId: number, event: string, node: string) => void {
    const prefix = `${csvText(scenario)},${this.replication},`;
    const part = this.part;
    return (t, id, event, node) => part.write(`${prefix}${t.toFixed(4)},${id},${event},${csvText(node)}\n`);
  }

  close(): void {
    this.part.close();
  }

  discard(): void {
    this.part.discard();
  }
}

/** events.csv, written while the run goes on, a replication's part at a time. */
export const EventsFile = {
  open: (dir: string, options: { bom?: boolean } = {}): Promise<PartsFile> => PartsFile.open(dir, NAME, EVENT_COLUMNS, options),
};

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
  await removeParts(dir, NAME);
}
