/**
 * Errors are data (after zod v4's `core/errors.ts`): each problem is an issue with a code, a path
 * into the input and a message. Detection gathers issues; formatting is separate; one wrapper error
 * carries them all. Issues are plain objects so they survive `postMessage` across worker threads.
 */
import type { IssuePath, Issue } from "./types.js";
export type { IssuePath, IssueCode, Issue } from "./types.js";

/** `nodes.acute.servers`, `segments.adults.arrivals[0].to` — the form users see in messages. */
export function formatPath(path: IssuePath): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(key)) out += out === "" ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out === "" ? "(root)" : out;
}

export function formatIssue(issue: Issue): string {
  return `${formatPath(issue.path)}: ${issue.message}`;
}

/** The one error thrown for invalid input: it carries every issue found, not just the first. */
export class PathflowInputError extends Error {
  readonly issues: readonly Issue[];
  constructor(issues: readonly Issue[], context?: string) {
    const head = context ?? "invalid input";
    const noun = issues.length === 1 ? "problem" : "problems";
    const listed = issues.slice(0, 100).map((i) => `  - ${formatIssue(i)}`);
    if (issues.length > listed.length) listed.push(`  … and ${issues.length - listed.length} more`);
    super(`${head} (${issues.length} ${noun}):\n${listed.join("\n")}`);
    this.name = "PathflowInputError";
    this.issues = issues;
  }
}

/** Throws one PathflowInputError if any issues were gathered. */
export function throwIfIssues(issues: readonly Issue[], context?: string): void {
  if (issues.length > 0) throw new PathflowInputError(issues, context);
}
