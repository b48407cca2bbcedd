/**
 * What the pathflow command's exit status means: scripts and CI can tell a bad
 * model or flag (2) from a failure while running (1) and from an interruption (130, as a shell
 * reports for Ctrl-C).
 */

/** Success. */
export const OK = 0;
/** Something went wrong while running: a bug, a full disk, a worker that died. */
export const FAILURE = 1;
/** The input was wrong: an invalid model file, an unknown option, a bad flag value, an --out that cannot take the files (a file, read-only, full). */
export const BAD_INPUT = 2;
/** pathflow calibrate: the targets cannot be met together (the fit report says which conflict; its files are written). */
export const NOT_MET = 3;
/** Stopped by the user (SIGINT, Ctrl-C): 128 + 2. The completed replications are written, marked partial. */
export const INTERRUPTED = 130;
/** Stopped by SIGTERM (a batch scheduler's time-out, `kill`): 128 + 15. Partial outputs, as for SIGINT. */
export const TERMINATED = 143;
/** Stopped by SIGHUP (the terminal closed): 128 + 1. Partial outputs, as for SIGINT. */
export const HANGUP = 129;

/** The exit codes together, e.g. `ExitCode.BAD_INPUT`. */
export const ExitCode = { OK, FAILURE, BAD_INPUT, NOT_MET, INTERRUPTED, TERMINATED, HANGUP } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
