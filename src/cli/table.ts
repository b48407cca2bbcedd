/**
 * Plain-text tables and warnings for the summary on stdout: columns aligned (names left, numbers
 * right), a rule under the header; warnings marked, in colour only on a terminal without NO_COLOR.
 */
import { readable } from "../experiment/narrative.js";
import type { TrustWarning } from "../types.js";

/** "12.3 ±0.4": a mean and the half-width of its 95% CI (the mean alone when there is none; empty with no mean). */
export function meanCi(mean: number | null, low: number | null, high: number | null): string {
  if (mean === null) return "";
  return low === null || high === null ? readable(mean) : `${readable(mean)} ±${readable((high - low) / 2)}`;
}

/** The rows as aligned text: the first `left` columns left-aligned, the rest right-aligned. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[], left = 1): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i < left ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** Whether stdout may carry colour: a terminal, not TERM=dumb, NO_COLOR unset or empty. */
function stdoutColour(): boolean {
  return process.stdout.isTTY === true && process.env["TERM"] !== "dumb" && (process.env["NO_COLOR"] ?? "") === "";
}

/** The warnings block of a summary ("" when there is none), each prefixed with where it applies. */
export function warningsText(warnings: readonly { readonly where?: string; readonly warning: TrustWarning }[]): string {
  if (warnings.length === 0) return "";
  const mark = stdoutColour() ? "\u001b[1;33mWARNING\u001b[0m" : "WARNING";
  return `${warnings.map(({ where, warning }) => `${mark}${where === undefined || where === "" ? "" : ` (${where})`}: ${warning.message}`).join("\n\n")}\n\n`;
}
