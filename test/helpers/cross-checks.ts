/**
 * Cross-check cases on the fixture system (test/fixtures/system.json): each case breaks one rule
 * the schema cannot express alone and lists the issues expected, in order. Shared by the
 * test/model-*-checked.test.ts files, one rule per file.
 */
import { expect, it } from "vitest";
import { formatIssue, type IssueCode } from "../../src/errors.js";
import { issuesAfter, type Raw } from "./model-fixtures.js";

export interface CrossCheckCase {
  name: string;
  change: (raw: Raw) => void;
  /** The issues expected, in order, as "path: message" (a RegExp matches the message). */
  expected: Array<{ path: Array<string | number>; code: IssueCode; message: string | RegExp }>;
}

/** One `it` per case: the fixture is valid as it stands, and the change gives exactly the issues expected. */
export function itReportsEachCase(cases: readonly CrossCheckCase[]): void {
  for (const c of cases) {
    it(c.name, () => {
      expect(issuesAfter(() => {}).map(formatIssue), "the fixture itself is valid").toEqual([]);
      const issues = issuesAfter(c.change);
      expect(issues.map(formatIssue), "number of issues").toHaveLength(c.expected.length);
      c.expected.forEach((expected, i) => {
        const issue = issues[i]!;
        expect(issue.path).toEqual(expected.path);
        expect(issue.code).toBe(expected.code);
        if (typeof expected.message === "string") expect(issue.message).toBe(expected.message);
        else expect(issue.message).toMatch(expected.message);
      });
    });
  }
}
