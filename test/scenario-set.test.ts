import { describe, expect, it } from "vitest";
import type { Raw } from "./helpers/model-fixtures.js";
import { resolved } from "./helpers/scenario.js";

/**
 * A scenario's `set` replaces or adds the value at a path of the model as written: numbers, whole
 * objects, null where null is allowed, reaching into lists and keys like "*".
 */

describe("set replaces or adds a value", () => {
  it("replaces a number", () => {
    expect(resolved([{ path: "nodes.acute.servers", set: 75 }]).nodes.acute.servers).toBe(75);
  });

  it("reaches into arrays with .0. or [0], and keys like * with [\"*\"]", () => {
    const model = resolved([
      { path: "nodes.acute.outcomes.*.0.pct", set: 50 },
      { path: 'nodes.acute.outcomes["*"][1].pct', set: 45 },
      { path: "nodes.acute.outcomes[*][3].to", set: "exit" },
    ]);
    expect(model.nodes.acute.outcomes["*"].map((o: Raw) => o.pct)).toEqual([50, 45, 4, 1]);
    expect(model.nodes.acute.outcomes["*"][3].to).toBe("exit");
  });

  it("adds a key the schema allows where the parent exists", () => {
    const model = resolved([{ path: "nodes.acute.losStretch", set: { perPointBelowReferencePct: 0.5, referenceOccupancyPct: 92 } }]);
    expect(model.nodes.acute.losStretch).toEqual({ perPointBelowReferencePct: 0.5, referenceOccupancyPct: 92 });
  });

  it("replaces a whole object, e.g. a fixed capacity by a calendar", () => {
    const calendar = { calendar: [{ fromHour: 0, value: 15 }, { fromHour: 8, value: 25 }] };
    expect(resolved([{ path: "nodes.ed.cubicles", set: calendar }]).nodes.ed.cubicles).toEqual(calendar);
  });

  it("sets null where null is allowed (no handover cap)", () => {
    expect(resolved([{ path: "nodes.ambulance.handoverCapMin", set: null }]).nodes.ambulance.handoverCapMin).toBeNull();
  });
});
