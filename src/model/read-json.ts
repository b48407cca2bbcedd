/**
 * Reading a JSON file, as the model file is read: a file that cannot be read, is empty or is not
 * valid JSON becomes one issue, with JSON syntax errors located at a line and column (1-based).
 */
import { readFile } from "node:fs/promises";
import type { Issue } from "../errors.js";

export type JsonResult = { ok: true; value: unknown } | { ok: false; issue: Issue };

/** Reads and parses `file`; never throws. */
export async function readJsonFile(file: string): Promise<JsonResult> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    return { ok: false, issue: { code: "file", path: [], message: `cannot read ${file}: ${describeFsError(error)}` } };
  }
  return parseJson(text, file);
}

/** Why a file could not be read, in words. */
export function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EISDIR":
      return "it is a directory, not a file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** JSON.parse with syntax errors reported at a line and column (1-based). */
function parseJson(text: string, file: string): JsonResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === "") return { ok: false, issue: { code: "file", path: [], message: `${file} is empty: expected a JSON model` } };
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const match = / in JSON at position (\d+)/.exec(message);
    const position = match?.[1] !== undefined ? Number(match[1]) : body.length;
    const { line, column } = lineAndColumn(body, position);
    const reason = message
      .replace(/ in JSON at position \d+.*$/, "")
      .replace(/^Unexpected end of JSON input$/, "unexpected end of file");
    return {
      ok: false,
      issue: { code: "file", path: [], message: `${file} is not valid JSON: ${reason} at line ${line}, column ${column}` },
    };
  }
}

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < position && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: position - lineStart + 1 };
}
