import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseJson } from "../src/model/read-json.js";

/**
 * A JSON syntax error in a model file is reported at the line and column where the file goes
 * wrong — a bare word on line 889 of the 992-line default model at line 889 — never at the end
 * of the file where JSON.parse gave up; an object left open names the line where it opened; the
 * offending text is shown only when it is a short token.
 */
const TEXT = readFileSync(new URL("../models/ics-default.json", import.meta.url), "utf8");
const LINES = TEXT.split("\n");

/** The model with line `n` (1-based) replaced by what `edit` makes of it. */
function withLine(n: number, edit: (line: string) => string): string {
  return LINES.map((line, i) => (i === n - 1 ? edit(line) : line)).join("\n");
}

function messageFor(text: string): string {
  const result = parseJson(text, "ics.json");
  expect(result.ok).toBe(false);
  return result.ok ? "" : result.issues.map((i) => i.message).join("\n");
}

// Line 889 is `"role": "community",`, line 891 `"servers": 300,`, line 890 a description.
const CASES: [string, string, RegExp][] = [
  ["a bare word after a value", withLine(889, (l) => `${l} community`), /unexpected character "community" at line 889, column/],
  ["a bare word for a value", withLine(891, (l) => l.replace("300", "many")), /unexpected character "many" at line 891, column 18/],
  ["NaN", withLine(891, (l) => l.replace("300", "NaN")), /at line 891, column 18/],
  ["Infinity", withLine(891, (l) => l.replace("300", "Infinity")), /at line 891, column 18/],
  ["undefined", withLine(891, (l) => l.replace("300", "undefined")), /at line 891, column 18/],
  ["True", withLine(891, (l) => l.replace("300", "True")), /at line 891, column 18/],
  ["a hexadecimal number", withLine(891, (l) => l.replace("300", "0x12C")), /at line 891, column/],
  ["a single-quoted string", withLine(889, (l) => l.replace('"community"', "'community'")), /at line 889, column 15/],
  ["an unquoted key", withLine(891, (l) => l.replace('"servers"', "servers")), /unexpected character "servers" at line 891, column 7/],
  ["= for :", withLine(891, (l) => l.replace(":", " =")), /at line 891, column/],
  ["a comment", withLine(891, (l) => `${l} // beds`), /comments are not allowed in JSON at line 891, column/],
  ["a tab inside a string", withLine(890, (l) => l.replace("Community ", "Community\t")), /control characters must be escaped\) at line 890, column/],
  ["an invalid escape", withLine(890, (l) => l.replace("Community ", "Community\\q")), /invalid escape character at line 890, column/],
  ["a string left open", withLine(890, (l) => l.replace(/",$/, ",")), /unterminated string at line 890, column/],
  ["a missing comma", withLine(889, (l) => l.replace(/,$/, "")), /expected ',' \(or a closing bracket\) at line 890, column 7/],
  ["a trailing comma", withLine(884, (l) => `${l},`), /at line 885, column/],
  ["a second value after the model", `${TEXT}\n{}\n`, new RegExp(`expected the end of the file after the value at line ${LINES.length + 1}, column 1`)],
];

describe("JSON syntax errors in a model file", () => {
  for (const [name, text, expected] of CASES) {
    it(`${name}: located where it is`, () => {
      const message = messageFor(text);
      expect(message).toMatch(expected);
      expect(message).toMatch(/^ics\.json is not valid JSON: /);
    });
  }

  it("an object left open: named where it opened", () => {
    const cut = TEXT.slice(0, TEXT.indexOf('"community": {') + '"community": {'.length);
    expect(messageFor(cut)).toBe("ics.json is not valid JSON: unexpected end of file: the object opened at line 887, column 18 is not closed");
  });

  it("20,000 levels of nesting: refused at the level that is too deep, without exhausting the stack", () => {
    const deep = `{"segments": ${"[".repeat(20_000)}${"]".repeat(20_000)}}`;
    expect(messageFor(deep)).toBe("ics.json is nested more than 64 levels deep at line 1, column 77: a model file needs only a few levels");
  });

  it("a long run of text is not echoed", () => {
    const secret = "x".repeat(200);
    expect(messageFor(withLine(891, (l) => l.replace("300", secret)))).not.toContain("xxxxxxxxxxxxxxxxxxxxxxxxx");
  });
});
