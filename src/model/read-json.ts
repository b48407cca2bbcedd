/**
 * Reading a JSON file, as the model file is read. A file that cannot be read, is not a regular
 * file, is too large, is empty or is not valid JSON becomes one issue; JSON syntax errors are
 * located at the line and column (1-based) of the offending token — where the file goes wrong,
 * not where the parser gave up — and an object or array left open names where it was opened.
 * Keys that appear twice in one object (JSON.parse silently keeps the last) are issues at their
 * path, and nesting is limited (a model is a few levels deep; thousands of levels would exhaust
 * the stack of every later stage).
 *
 * The syntax is checked by Microsoft's jsonc-parser (the scanner and visitor behind VS Code's
 * JSON support), in strict JSON mode: no comments, no trailing commas. The value itself comes
 * from JSON.parse, once the text is known to be valid.
 */
import { createScanner, visit, type JSONPath } from "jsonc-parser";
import type { Issue } from "../errors.js";
import { readInputFile } from "./read-file.js";

export type JsonResult = { ok: true; value: unknown } | { ok: false; issues: Issue[] };

/** The largest model file read (a model is kilobytes; thousands of scenarios a few megabytes). */
export const MAX_MODEL_BYTES = 64 * 1024 * 1024;
/** The deepest nesting of objects and arrays accepted (a model file needs about eight). */
export const MAX_DEPTH = 64;

/** Reads and parses `file`; never throws. */
export function readJsonFile(file: string): JsonResult {
  const read = readInputFile(file, MAX_MODEL_BYTES);
  if (!read.ok) return { ok: false, issues: [{ code: "file", path: [], message: `cannot read ${file}: ${read.reason}` }] };
  return parseJson(read.text, file);
}

// jsonc-parser's ParseErrorCode (a const enum in its types), in words.
const REASONS: Readonly<Record<number, string>> = {
  1: "unexpected character",
  2: "invalid number",
  3: "expected a property name in double quotes",
  4: "expected a value",
  5: "expected ':'",
  6: "expected ',' (or a closing bracket)",
  7: "expected '}' (or ',')",
  8: "expected ']' (or ',')",
  9: "expected the end of the file after the value",
  10: "comments are not allowed in JSON",
  11: "unterminated comment",
  12: "unterminated string",
  13: "unterminated number",
  14: "invalid \\u escape",
  15: "invalid escape character",
  16: "invalid character in a string (control characters must be escaped)",
};

/** Parses `text` (the contents of `file`) with the checks above. */
export function parseJson(text: string, file: string): JsonResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const fail = (message: string): JsonResult => ({ ok: false, issues: [{ code: "file", path: [], message: `${file} ${message}` }] });
  if (body.trim() === "") return fail("is empty: expected a JSON model");
  const tooDeep = deepestOpening(body);
  if (tooDeep !== undefined) return fail(`is nested more than ${MAX_DEPTH} levels deep at line ${tooDeep.line}, column ${tooDeep.column}: a model file needs only a few levels`);

  const syntax = checkSyntax(body);
  if (syntax.error !== undefined) return fail(`is not valid JSON: ${syntax.error}`);
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    // The checker and JSON.parse disagree only on fine points (a number like 01): V8 names the position.
    const match = / at position (\d+)/.exec(error instanceof Error ? error.message : "");
    const at = lineAndColumn(body, match?.[1] !== undefined ? Number(match[1]) : body.length);
    return fail(`is not valid JSON: unexpected character at line ${at.line}, column ${at.column}`);
  }
  if (syntax.duplicates.length > 0) return { ok: false, issues: syntax.duplicates };
  return { ok: true, value };
}

/** The first syntax error in words with its place, and every key repeated within one object. */
function checkSyntax(body: string): { error?: string; duplicates: Issue[] } {
  let error: string | undefined;
  const duplicates: Issue[] = [];
  // One entry per open object or array: where it opened, and (objects) the keys seen with their lines.
  const open: { line: number; column: number; kind: "object" | "array"; keys?: Map<string, number> }[] = [];
  visit(
    body,
    {
      onObjectBegin: (_offset, _length, line, character) => void open.push({ line: line + 1, column: character + 1, kind: "object", keys: new Map() }),
      // At the end of the file the parser closes what is still open before it reports the error: keep those open, to name them.
      onObjectEnd: (offset) => void (offset < body.length && open.pop()),
      onArrayBegin: (_offset, _length, line, character) => void open.push({ line: line + 1, column: character + 1, kind: "array" }),
      onArrayEnd: (offset) => void (offset < body.length && open.pop()),
      onObjectProperty: (property: string, _offset, _length, line, _character, pathSupplier: () => JSONPath) => {
        const keys = open[open.length - 1]?.keys;
        if (keys === undefined) return;
        const first = keys.get(property);
        if (first === undefined) {
          keys.set(property, line + 1);
          return;
        }
        duplicates.push({
          code: "invalid_value",
          path: [...pathSupplier(), property],
          message: `key ${JSON.stringify(property)} appears twice in this object (lines ${first} and ${line + 1}); JSON keeps only the last, so remove one`,
        });
      },
      onError: (code, offset, length, line, character) => {
        if (error !== undefined) return;
        const where = `at line ${line + 1}, column ${character + 1}`;
        if (offset >= body.length) {
          const unclosed = open[open.length - 1];
          error = unclosed === undefined ? `unexpected end of file ${where}` : `unexpected end of file: the ${unclosed.kind} opened at line ${unclosed.line}, column ${unclosed.column} is not closed`;
          return;
        }
        const token = body.slice(offset, offset + Math.max(1, Math.min(length, 24)));
        const shown = /^[\x21-\x7e]+$/.test(token) ? ` ${JSON.stringify(token)}${length > 24 ? "…" : ""}` : "";
        error = `${REASONS[code] ?? "unexpected input"}${code === 1 ? shown : ""} ${where}`;
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  return error === undefined ? { duplicates } : { error, duplicates };
}

/** Where the first object or array that opens deeper than MAX_DEPTH levels starts (scanned, not parsed: no recursion). */
function deepestOpening(body: string): { line: number; column: number } | undefined {
  const scanner = createScanner(body, true);
  let depth = 0;
  for (let token = scanner.scan(); token !== 17 /* EOF */; token = scanner.scan()) {
    if (token === 1 /* { */ || token === 3 /* [ */) {
      depth++;
      if (depth > MAX_DEPTH) return { line: scanner.getTokenStartLine() + 1, column: scanner.getTokenStartCharacter() + 1 };
    } else if (token === 2 /* } */ || token === 4 /* ] */) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
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
