/**
 * What a run left in its output folder, checked as a user would find it: every file at a final
 * name whole (CSV: parses, one width throughout, ends with a newline, no NaN or Infinity), and the
 * names of leftovers (temporary files, event-log parts, the lock).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";

/**
 * Leftovers of a run that did not finish: hidden temporary files, event-log parts, the lock. The
 * journal of a run that did not finish (`.pathflow-shard/`, what `run --resume` continues from) is
 * kept on purpose, and is no leftover.
 */
export function leftovers(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f !== ".pathflow-shard" && (f.startsWith(".") || f.endsWith(".tmp") || f.endsWith(".part"))) : [];
}

/** Problems with the files at final names in `dir` (empty when every one is whole). */
export function brokenFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const problems: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name.startsWith(".") || name.endsWith(".part")) continue;
    const text = readFileSync(join(dir, name), "utf8");
    if (name.endsWith(".csv")) {
      if (!text.endsWith("\n")) problems.push(`${name}: does not end with a newline`);
      const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
      if (parsed.errors.length > 0) problems.push(`${name}: ${parsed.errors[0]!.message}`);
      const width = parsed.data[0]?.length ?? 0;
      if (width === 0 || parsed.data.some((row) => row.length !== width)) problems.push(`${name}: rows of different widths`);
      if (parsed.data.some((row) => row.some((cell) => /^-?(NaN|Infinity)$/.test(cell)))) problems.push(`${name}: NaN or Infinity in a cell`);
    } else if (name.endsWith(".html")) {
      if (!text.trimEnd().endsWith("</html>")) problems.push(`${name}: does not end with </html>`);
    } else if (name.endsWith(".md")) {
      if (!text.endsWith("\n")) problems.push(`${name}: does not end with a newline`);
    }
  }
  return problems;
}

/** run_metadata.csv as key → value. */
export function metadata(dir: string): Map<string, string> {
  const rows = Papa.parse<string[]>(readFileSync(join(dir, "run_metadata.csv"), "utf8"), { skipEmptyLines: true }).data;
  return new Map(rows.slice(1).map((r) => [r[0]!, r[1]!] as const));
}
