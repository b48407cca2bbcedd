/**
 * The ED attendances of a run (`--episodes`): episodes.csv, one row per ED admission decision in
 * the results period, per scenario and replication, in the format `pathflow estimate-drift` reads
 * (docs/estimate-drift.md) — `arrival` (ISO 8601 date-time of arrival at the ED, in the model's
 * calendar), `acuity` (band 1 = least acute … N), `admitted` (0/1) and `pressure_pct` (the pressure
 * the decision responded to) — after `scenario` and `replication`, which tell the runs apart (give
 * estimate-drift one of them with `--where scenario=NAME`). Streamed like the event log (parts.ts).
 */
import { csvText, PartLog, PartsFile, removeParts } from "./parts.js";
import type { DecisionSink } from "../types.js";

/** Columns of episodes.csv. */
export const EPISODE_COLUMNS = ["scenario", "replication", "arrival", "acuity", "admitted", "pressure_pct"] as const;

export const EPISODES = "episodes";

/** One replication's episodes (no header), written as decisions are made. */
export class EpisodeLog {
  private constructor(
    private readonly part: PartLog,
    private readonly replication: number,
    private readonly timeZeroMs: number,
  ) {}

  /** `timeZeroMs`: the date-time of model time 0 (calendar.ts modelTimeZeroMs). */
  static open(dir: string, replication: number, timeZeroMs: number): EpisodeLog {
    return new EpisodeLog(PartLog.open(dir, EPISODES, replication), replication, timeZeroMs);
  }

  /** The callback the simulation calls for each ED decision of `scenario`. */
  sink(scenario: string): DecisionSink {
    const prefix = `${csvText(scenario)},${this.replication},`;
    const { part, timeZeroMs } = this;
    return (arrivalHours, band, admitted, pressurePct) => {
      // Whole seconds: the arrival as an ED system records it.
      const arrival = new Date(timeZeroMs + Math.round(arrivalHours * 3600) * 1000).toISOString().slice(0, 19);
      part.write(`${prefix}${arrival},${band},${admitted ? 1 : 0},${pressureText(pressurePct)}\n`);
    };
  }

  close(): void {
    this.part.close();
  }

  discard(): void {
    this.part.discard();
  }
}

/** A pressure in %, to 4 decimals, trailing zeros dropped (never exponent notation, never -0). */
function pressureText(pct: number): string {
  const text = pct.toFixed(4).replace(/\.?0+$/, "");
  return text === "-0" ? "0" : text;
}

/** episodes.csv, written while the run goes on, a replication's part at a time. */
export function openEpisodesFile(dir: string, options: { bom?: boolean } = {}): Promise<PartsFile> {
  return PartsFile.open(dir, EPISODES, EPISODE_COLUMNS, options);
}

/** Removes leftover episode parts (after a failure). */
export function removeEpisodeParts(dir: string): Promise<void> {
  return removeParts(dir, EPISODES);
}
