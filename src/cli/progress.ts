/**
 * Progress on stderr: a bar on a terminal, plain lines every ~10% otherwise, nothing when quiet.
 * stdout is never touched.
 */
import { SingleBar } from "cli-progress";

/** A progress reporter on stderr: a bar on a terminal, plain lines every ~10% otherwise. */
export function progressReporter(quiet: boolean, label: string): { update(done: number, total: number): void; stop(): void } {
  if (quiet) return { update() {}, stop() {} };
  if (process.stderr.isTTY) {
    const bar = new SingleBar({
      stream: process.stderr,
      format: `${label} [{bar}] {value}/{total} replications | {duration_formatted}`,
      barCompleteChar: "#",
      barIncompleteChar: "-",
      hideCursor: process.env.NO_COLOR === undefined,
      clearOnComplete: false,
    });
    let started = false;
    return {
      update(done, total) {
        if (!started) {
          bar.start(total, done);
          started = true;
        } else {
          bar.setTotal(total);
          bar.update(done);
        }
      },
      stop() {
        if (started) bar.stop();
      },
    };
  }
  let lastTenth = -1;
  return {
    update(done, total) {
      const tenth = Math.floor((10 * done) / Math.max(1, total));
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        process.stderr.write(`${label}: ${done}/${total} replications\n`);
      }
    },
    stop() {},
  };
}
