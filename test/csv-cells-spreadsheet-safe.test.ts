import { describe, expect, it } from "vitest";
import { formatCell } from "../src/io/csv.js";

describe("text cells are quoted and neutralised against formula injection", () => {
  it("prefixes formula-like text with a single quote", () => {
    expect(formatCell("=1+1")).toBe("'=1+1");
    expect(formatCell("+44 20")).toBe("'+44 20");
    expect(formatCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(formatCell("\tx")).toBe("'\tx");
    expect(formatCell("-5")).toBe("'-5");
    expect(formatCell("=HYPERLINK(\"http://x\",\"y\")")).toBe("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    expect(formatCell("=A1,B1")).toBe("\"'=A1,B1\"");
    expect(formatCell("\r=1")).toBe("\"'\r=1\"");
  });

  it("leaves real numbers alone", () => {
    expect(formatCell(-5)).toBe("-5");
    expect(formatCell(-0.25)).toBe("-0.25");
    expect(formatCell(Number.NaN)).toBe("");
  });

  it("quotes commas, quotes and line breaks with doubled quotes (RFC 4180)", () => {
    expect(formatCell("a,b")).toBe('"a,b"');
    expect(formatCell('say "hi"')).toBe('"say ""hi"""');
    expect(formatCell("line1\nline2")).toBe('"line1\nline2"');
    expect(formatCell("cr\rhere")).toBe('"cr\rhere"');
    expect(formatCell("plain text")).toBe("plain text");
    expect(formatCell("")).toBe("");
  });

  it("writes booleans and empties", () => {
    expect(formatCell(true)).toBe("true");
    expect(formatCell(false)).toBe("false");
    expect(formatCell(null)).toBe("");
    expect(formatCell(undefined)).toBe("");
  });
});
