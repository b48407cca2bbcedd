/**
 * Runs the compiled `pathflow` command (dist/ is built by test/global-setup.ts) as a user would,
 * capturing its exit code and output.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The built command, or (for fault injection) the same CLI with a worker that fails on purpose. */
export type Entry = "pathflow" | "failing-worker";
const ENTRIES: Record<Entry, string> = { pathflow: "dist/src/cli/main.js", "failing-worker": "test/helpers/pathflow-failing.mjs" };

/** Starts `pathflow ...args`; `env` adds to a copy of the environment. */
export function startPathflow(args: readonly string[], env: NodeJS.ProcessEnv = {}, entry: Entry = "pathflow"): ChildProcess {
  const base: NodeJS.ProcessEnv = { ...process.env, PATHFLOW_DEBUG: "" };
  return spawn(process.execPath, [ENTRIES[entry], ...args], { cwd: ROOT, env: { ...base, ...env }, stdio: ["ignore", "pipe", "pipe"] });
}

/** Runs `pathflow ...args` to the end. */
export function pathflow(args: readonly string[], env: NodeJS.ProcessEnv = {}, entry: Entry = "pathflow"): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = startPathflow(args, env, entry);
    let stdout = "";
    let stderr = "";
    child.stdout!.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
