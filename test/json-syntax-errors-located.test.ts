import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseJson } from "../src/model/read-json.js";

/**
 * A JSON syntax error in a model file is reported at the line and column where the file goes
 * wrong — a bare word on line 1,051 of the 1,154-line default model at line 1,051 — never at the end
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

// Found by content, so the cases follow the model as it changes: `"role": "community",`, then a
// description, then `"servers": N,`; the community node opens two lines above its role.
const ROLE = LINES.findIndex((l) => l.includes('"role": "community"')) + 1;
const DESC = ROLE + 1;
const SERVERS = ROLE + 2;
const BEDS = /"servers": (\d+)/.exec(LINES[SERVERS - 1]!)![1]!;
const CASES: [string, string, RegExp][] = [
  ["a bare word after a value", withLine(ROLE, (l) => `${l} community`), new RegExp(`unexpected character "community" at line ${ROLE}, column`)],
  ["a bare word for a value", withLine(SERVERS, (l) => l.replace(BEDS, "many")), new RegExp(`unexpected character "many" at line ${SERVERS}, column 18`)],
  ["NaN", withLine(SERVERS, (l) => l.replace(BEDS, "NaN")), new RegExp(`at line ${SERVERS}, column 18`)],
  ["Infinity", withLine(SERVERS, (l) => l.replace(BEDS, "Infinity")), new RegExp(`at line ${SERVERS}, column 18`)],
  ["undefined", withLine(SERVERS, (l) => l.replace(BEDS, "undefined")), new RegExp(`at line ${SERVERS}, column 18`)],
  ["True", withLine(SERVERS, (l) => l.replace(BEDS, "True")), new RegExp(`at line ${SERVERS}, column 18`)],
  ["a hexadecimal number", withLine(SERVERS, (l) => l.replace(BEDS, "0x12C")), new RegExp(`at line ${SERVERS}, column`)],
  ["a single-quoted string", withLine(ROLE, (l) => l.replace('"community"', "'community'")), new RegExp(`at line ${ROLE}, column 15`)],
  ["an unquoted key", withLine(SERVERS, (l) => l.replace('"servers"', "servers")), new RegExp(`unexpected character "servers" at line ${SERVERS}, column 7`)],
  ["= for :", withLine(SERVERS, (l) => l.replace(":", " =")), new RegExp(`at line ${SERVERS}, column`)],
  ["a comment", withLine(SERVERS, (l) => `${l} // beds`), new RegExp(`comments are not allowed in JSON at line ${SERVERS}, column`)],
  ["a tab inside a string", withLine(DESC, (l) => l.replace("Community ", "Community\t")), new RegExp(`control characters must be escaped\\) at line ${DESC}, column`)],
  ["an invalid escape", withLine(DESC, (l) => l.replace("Community ", "Community\\q")), new RegExp(`invalid escape character at line ${DESC}, column`)],
  ["a string left open", withLine(DESC, (l) => l.replace(/",$/, ",")), new RegExp(`unterminated string at line ${DESC}, column`)],
  ["a missing comma", withLine(ROLE, (l) => l.replace(/,$/, "")), new RegExp(`expected ',' \\(or a closing bracket\\) at line ${DESC}, column 7`)],
  ["a trailing comma", withLine(ROLE - 5, (l) => `${l},`), new RegExp(`at line ${ROLE - 4}, column`)],
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
    expect(messageFor(cut)).toBe(`ics.json is not valid JSON: unexpected end of file: the object opened at line ${ROLE - 2}, column 18 is not closed`);
  });

  it("20,000 levels of nesting: refused at the level that is too deep, without exhausting the stack", () => {
    const deep = `{"segments": ${"[".repeat(20_000)}${"]".repeat(20_000)}}`;
    expect(messageFor(deep)).toBe("ics.json is nested more than 64 levels deep at line 1, column 77: a model file needs only a few levels");
  });

  it("a long run of text is not echoed", () => {
    const secret = "x".repeat(200);
    expect(messageFor(withLine(SERVERS, (l) => l.replace(BEDS, secret)))).not.toContain("xxxxxxxxxxxxxxxxxxxxxxxxx");
  });
});
