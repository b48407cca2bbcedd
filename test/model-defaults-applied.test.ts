import { describe, expect, it } from "vitest";
import { loadModel } from "../src/model/load.js";
import { MMC, type Raw } from "./helpers/model-fixtures.js";

/** A valid model loads with the schema's defaults applied, while the raw JSON is kept as written. */

describe("loadModel applies defaults", () => {
  it("a valid model loads with defaults applied and the raw JSON kept as written", async () => {
    const loaded = await loadModel(MMC);
    expect(loaded.model.nodes["servers"]).toMatchObject({ type: "unit", waitingRoom: "unlimited", discipline: "fifo" });
    expect(loaded.model.acuityBands).toEqual(["1", "2", "3", "4", "5"]);
    expect((loaded.raw as Raw).nodes.servers.waitingRoom).toBeUndefined();
    expect(loaded.file).toBe(MMC);
  });
});
