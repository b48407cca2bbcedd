/**
 * Runs the compiled `pathflow` command (dist/ is built by test/global-setup.ts) as a user would,
 * capturing its exit code and output. The test hooks' environment variables are cleared unless
 * the caller sets them.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts `pathflow ...args`; `env` adds to a clean copy of the environment. */
export function startPathflow(args: readonly string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  const base: NodeJS.ProcessEnv = { ...process.env, PATHFLOW_DEBUG: "" };
  delete base["PATHFLOW_FAIL_REPLICATION"];
  return spawn(process.execPath, ["dist/src/cli/main.js", ...args], { cwd: ROOT, env: { ...base, ...env }, stdio: ["ignore", "pipe", "pipe"] });
}

/** Runs `pathflow ...args` to the end. */
export function pathflow(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = startPathflow(args, env);
    let stdout = "";
    let stderr = "";
    child.stdout!.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
