import { describe, expect, it } from "vitest";
import { formatIssue } from "../src/errors.js";
import { issuesOf, mmc } from "./helpers/model-fixtures.js";

/** A model with no demand segments (nobody ever arrives) is refused at `segments`, not run to empty results. */
describe("a model with no segments", () => {
  it("is refused", () => {
    const m = mmc();
    m.segments = {};
    expect(issuesOf(m).map(formatIssue)).toEqual(["segments: the model has no segments, so nobody ever arrives: add at least one segment with arrivals"]);
  });
});
