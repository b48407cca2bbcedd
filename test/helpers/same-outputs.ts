/**
 * Two output folders compared as a user would diff them: the same files, each byte-identical,
 * apart from what records the run itself (run_metadata.csv's start and finish times, wall-clock
 * seconds, worker count and command; the same lines in stress.md; report.html, which shows them).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";

/** Rows of run_metadata.csv that describe the run, not the results. */
export const RUN_ROWS = new Set(["started", "finished", "wall_seconds", "workers", "command"]);

function withoutRunRows(dir: string): string {
  return readFileSync(join(dir, "run_metadata.csv"), "utf8")
    .split("\n")
    .filter((line) => !RUN_ROWS.has(line.slice(0, line.indexOf(","))))
    .join("\n");
}

function stressWithoutRunLines(dir: string): string {
  return readFileSync(join(dir, "stress.md"), "utf8")
    .split("\n")
    .filter((line) => !/^\| (Command|Run time)\b/.test(line))
    .join("\n");
}

/** Every file of `reference` is in `other` with the same bytes (run metadata aside), and no other file is. */
export function expectSameOutputs(reference: string, other: string): void {
  const files = readdirSync(reference).filter((f) => !f.startsWith(".")).sort();
  expect(readdirSync(other).filter((f) => !f.startsWith(".")).sort()).toEqual(files);
  for (const file of files) {
    if (file === "run_metadata.csv" || file === "stress.md" || file === "report.html") continue;
    const a = readFileSync(join(reference, file));
    const b = readFileSync(join(other, file));
    expect(a.equals(b), `${file} differs between ${reference} and ${other}`).toBe(true);
  }
  if (files.includes("run_metadata.csv")) expect(withoutRunRows(other)).toBe(withoutRunRows(reference));
  if (files.includes("stress.md")) expect(stressWithoutRunLines(other)).toBe(stressWithoutRunLines(reference));
}
