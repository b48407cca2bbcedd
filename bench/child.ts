/**
 * Runs a benchmark's helper process (a memory probe, a peer simulator) and returns the JSON line
 * it prints last. Cancelled with the harness's Ctrl-C signal; a failure names the program.
 */
import { spawn } from "node:child_process";

export interface ChildRun<T> {
  readonly report: T;
  readonly wallSeconds: number;
}

export function runJsonChild<T>(command: string, args: readonly string[], name: string, signal: AbortSignal): Promise<ChildRun<T>> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, [...args], { stdio: ["ignore", "pipe", "pipe"], signal });
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (err += chunk));
    child.on("error", reject);
    child.on("close", (code, sigName) => {
      const wallSeconds = (performance.now() - start) / 1000;
      if (code !== 0) {
        reject(new Error(`${name} exited with ${code ?? sigName}: ${err.trim()}`));
        return;
      }
      try {
        resolve({ report: JSON.parse(out.trim().split("\n").pop() ?? "") as T, wallSeconds });
      } catch {
        reject(new Error(`${name} printed no JSON line: ${out.trim()} ${err.trim()}`));
      }
    });
  });
}
