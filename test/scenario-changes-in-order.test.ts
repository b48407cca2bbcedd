import { describe, expect, it } from "vitest";
import { resolved } from "./helpers/scenario.js";

/**
 * A scenario's changes apply one after another, in the order written.
 */

describe("changes apply in order", () => {
  it("applies changes in order", () => {
    const model = resolved([
      { path: "nodes.acute.servers", set: 100 },
      { path: "nodes.acute.servers", scale: 0.5 },
    ]);
    expect(model.nodes.acute.servers).toBe(50);
  });
});
