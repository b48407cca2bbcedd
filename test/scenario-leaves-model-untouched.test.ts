import { describe, expect, it } from "vitest";
import { applyScenario } from "../src/model/scenario.js";
import type { Raw } from "./helpers/model-fixtures.js";
import { withScenario } from "./helpers/scenario.js";

/**
 * Applying a scenario returns a deep copy: the model as written is never changed.
 */

describe("applyScenario leaves the model as written untouched", () => {
  it("returns a deep copy and leaves the model as written untouched", () => {
    const loaded = withScenario([{ path: "nodes.acute.durationDays", scale: 0.5 }]);
    const before = JSON.stringify(loaded.raw);
    const changed = applyScenario(loaded.raw, "s") as Raw;
    expect(changed.nodes.acute.durationDays.mean).toBe(3.7);
    expect(JSON.stringify(loaded.raw)).toBe(before);
    expect(applyScenario(loaded.raw, "baseline")).toEqual(loaded.raw);
    expect(applyScenario(loaded.raw, "baseline")).not.toBe(loaded.raw);
  });
});
