/** A stand-in for stderr that records what progress writes, as a terminal or as a pipe. */
import type { ProgressStream } from "../../src/cli/progress.js";

export class RecordingStream implements ProgressStream {
  readonly chunks: string[] = [];
  constructor(
    readonly isTTY: boolean,
    readonly columns = 100,
  ) {}
  write(text: string): boolean {
    this.chunks.push(text);
    return true;
  }
  get text(): string {
    return this.chunks.join("");
  }
}

/** A clock the test moves by hand, in milliseconds. */
export function manualClock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

/** Any ANSI escape sequence (cursor movement, erase, colour). */
export const ANSI = /\u001b\[/;
/** An ANSI colour or style sequence (SGR: ESC [ … m). */
export const SGR = /\u001b\[[0-9;]*m/;
