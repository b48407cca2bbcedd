import { describe, it, expect } from "vitest";
import { checkDistribution } from "../src/model/distribution-check.js";
import type { DistributionSpec } from "../src/random/distribution-spec.js";
import { PathflowInputError, formatIssue, throwIfIssues } from "../src/errors.js";

/**
 * A bad spec's issues, thrown, make one PathflowInputError carrying every issue, not just the first.
 * (createSampler trusts its spec: model input is checked before it.)
 */

const AT = ["services", "acute", "lengthOfStay"] as const;

describe("a bad spec's issues make one PathflowInputError with every issue", () => {
  it("reports all problems of a spec, not just the first", () => {
    const spec = { type: "triangular", min: -1, mode: 9, max: 5, most: 2 } as unknown as DistributionSpec;
    let thrown: unknown;
    try {
      throwIfIssues(checkDistribution(spec, AT), "invalid triangular distribution");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PathflowInputError);
    const error = thrown as PathflowInputError;
    expect(error.issues.map((i) => i.path.at(-1)).sort()).toEqual(["min", "mode", "most"]);
    for (const issue of error.issues) expect(error.message).toContain(formatIssue(issue));
    expect(error.message).toContain("services.acute.lengthOfStay.mode: triangular mode must be between min (-1) and max (5), got 9");
  });

  it("gathers an issue for each bad probability and the sum", () => {
    const spec = { type: "categorical", probabilities: [-0.5, 2, 0.2] } as DistributionSpec;
    expect(() => throwIfIssues(checkDistribution(spec, []))).toThrow(PathflowInputError);
    const issues = checkDistribution(spec, []);
    expect(issues.map((i) => i.path)).toEqual([["probabilities", 0], ["probabilities", 1], ["probabilities"]]);
    expect(issues[2]!.message).toContain("got a sum of 1.7");
  });
});
