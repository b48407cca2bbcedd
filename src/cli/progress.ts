/**
 * Progress on stderr, from second 0: a start line at once, then
 * - on a terminal: a bar that redraws itself (elapsed time ticking from the start of the run, and
 *   an ETA once a replication has finished);
 * - otherwise (a pipe, a log file, CI, or TERM=dumb, which cannot move the cursor): a plain line at
 *   each tenth of the way, and a line at least every 30 seconds while nothing else is said.
 * Colour only on a terminal, never with NO_COLOR set (https://no-color.org). `--quiet` turns all of
 * it off. stdout is never touched: it carries the summary and data only.
 */
import { SingleBar } from "cli-progress";

/** Where progress is written: stderr, or a stand-in in tests. */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface ProgressOptions {
  /** Names the run in every line, e.g. the model's name. */
  readonly label: string;
  /** No output at all (`--quiet`). */
  readonly quiet: boolean;
  /** Default process.stderr. */
  readonly stream?: ProgressStream;
  /** Default process.env (TERM, NO_COLOR). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Milliseconds clock, default Date.now (tests pass their own). */
  readonly now?: () => number;
  /** Plain mode: a line at least this often while the run goes on, ms. Default 30 s. */
  readonly heartbeatMs?: number;
}

export interface Progress {
  /** Replications done so far out of the current target (which `--reps auto` may raise). */
  update(done: number, total: number): void;
  /** A line of its own (e.g. "writing results…"), after the bar if one is showing. */
  note(text: string): void;
  /** Stops the bar and the timers; idempotent. */
  stop(): void;
}

/** How a progress line reads: "3/10 replications · 1:05 elapsed · about 2:31 left". */
export function progressText(done: number, total: number, elapsedMs: number): string {
  const parts = [`${done}/${total} replications`, `${clock(elapsedMs)} elapsed`];
  if (done > 0 && done < total) parts.push(`about ${clock((elapsedMs * (total - done)) / done)} left`);
  return parts.join(" · ");
}

/** m:ss, or h:mm:ss from an hour. */
export function clock(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

/** Whether the terminal can take a redrawn bar: a TTY that is not TERM=dumb. */
export function canRedraw(stream: ProgressStream, env: Readonly<Record<string, string | undefined>>): boolean {
  return stream.isTTY === true && env["TERM"] !== "dumb";
}

/** Whether colour is allowed: a terminal that can redraw, and NO_COLOR unset or empty. */
export function colourAllowed(stream: ProgressStream, env: Readonly<Record<string, string | undefined>>): boolean {
  return canRedraw(stream, env) && (env["NO_COLOR"] ?? "") === "";
}

/**
 * Starts reporting progress: writes `startLine` at once and starts the clock. `total` is the first
 * target (the replications asked for; with --reps auto, the first batch).
 */
export function startProgress(options: ProgressOptions, startLine: string, total: number, details: readonly string[] = []): Progress {
  if (options.quiet) return { update() {}, note() {}, stop() {} };
  const stream = options.stream ?? process.stderr;
  const env = options.env ?? process.env;
  const now = options.now ?? Date.now;
  const started = now();
  // The start line first, then what it is estimated to take, before any bar or progress line.
  for (const line of [startLine, ...details]) stream.write(`${options.label}: ${line}\n`);
  return canRedraw(stream, env) ? barProgress(options.label, stream, colourAllowed(stream, env), now, started, total) : plainProgress(options, stream, now, started, total);
}

const GREEN = "\u001b[32m";
const RESET = "\u001b[39m";

function barProgress(label: string, stream: ProgressStream, colour: boolean, now: () => number, started: number, total: number): Progress {
  let done = 0;
  let target = total;
  const bar = new SingleBar({
    stream: stream as NodeJS.WritableStream,
    // Drawn here, so that the clock is the run's (from startProgress), not the bar's; the bar
    // shrinks (or goes) to keep the line within the terminal's width.
    format: () => {
      const text = progressText(done, target, now() - started);
      // The bar's library cuts the line at the terminal's width counting escape codes too.
      const columns = (stream.columns ?? 80) - 1 - (colour ? GREEN.length + RESET.length : 0);
      const width = Math.min(30, columns - label.length - text.length - 2);
      if (width < 5) return `${label} ${text}`.slice(0, Math.max(0, columns));
      const filled = Math.round((width * Math.min(done, target)) / Math.max(1, target));
      const full = "█".repeat(filled);
      return `${label} ${colour && filled > 0 ? `${GREEN}${full}${RESET}` : full}${"░".repeat(width - filled)} ${text}`;
    },
    fps: 2,
    hideCursor: false, // a second Ctrl-C exits at once: a hidden cursor would stay hidden
    gracefulExit: false, // the command owns SIGINT
    linewrap: true,
  });
  bar.start(total, 0);
  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    bar.stop();
  };
  return {
    update(d, t) {
      done = d;
      target = t;
      if (!stopped) {
        bar.setTotal(t);
        bar.update(d);
        bar.render(); // at once: a replication finishing is news (the timer redraws the clock)
      }
    },
    note(text) {
      stop();
      stream.write(`${label}: ${text}\n`);
    },
    stop,
  };
}

function plainProgress(options: ProgressOptions, stream: ProgressStream, now: () => number, started: number, total: number): Progress {
  let done = 0;
  let target = total;
  let lastTenth = 0;
  let lastLine = started;
  const line = (): void => {
    lastLine = now();
    stream.write(`${options.label}: ${progressText(done, target, lastLine - started)}\n`);
  };
  const heartbeatMs = options.heartbeatMs ?? 30_000;
  const timer = setInterval(() => {
    if (now() - lastLine >= heartbeatMs) line();
  }, Math.min(heartbeatMs, 5_000));
  timer.unref();
  return {
    update(d, t) {
      done = d;
      target = t;
      const tenth = Math.floor((10 * d) / Math.max(1, t));
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        line();
      }
    },
    note(text) {
      stream.write(`${options.label}: ${text}\n`);
      lastLine = now();
    },
    stop() {
      clearInterval(timer);
    },
  };
}
