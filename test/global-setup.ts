/**
 * Builds dist/ once before the tests that spawn the compiled CLI, and only when a source file is
 * newer than the build (a fresh checkout, or after an edit). Type errors do not stop the build
 * (tsc still emits); the tests that need dist/ then report what is wrong.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const built = path.join(root, "dist", "src", "cli", "main.js");

function newestSource(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

export default function setup(): void {
  const sources = Math.max(...["src", "validation", "bench"].map((dir) => newestSource(path.join(root, dir))), statSync(path.join(root, "tsconfig.json")).mtimeMs);
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
  try {
    execFileSync(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: root, stdio: "pipe", timeout: 120_000 });
  } catch (error) {
    const output = (error as { stdout?: Buffer }).stdout?.toString() ?? String(error);
    process.stderr.write(`global-setup: tsc reported errors (dist/ was still written):\n${output}\n`);
  }
}
