import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runInProcess } from "./helpers/in-process.js";
import { mmc } from "./helpers/model-fixtures.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

/**
 * A huge input is bad input like any other: a 100,000-entry capacity calendar gives exit 2 with its
 * problems (the first hundred listed, the rest counted), never "Maximum call stack size exceeded".
 */
const dir = tempDirEachTest("pathflow-huge-");

describe("a 100,000-entry calendar", () => {
  it("exit 2, the first problems listed and the rest counted", async () => {
    const m = mmc();
    m.nodes.servers.servers = { calendar: Array.from({ length: 100_000 }, () => ({ fromHour: 0, value: 10 })) };
    const file = join(dir(), "calendar.json");
    writeFileSync(file, JSON.stringify(m));
    const run = await runInProcess(["validate", file]);
    expect(run.code, run.stderr.slice(0, 500)).toBe(2);
    expect(run.stderr).not.toContain("call stack");
    expect(run.stderr).toContain("  - nodes.servers.servers.calendar[1]: Mon from hour 0 is already set by calendar[0]; each day and hour may appear once");
    expect(run.stderr).toContain("  … and 699893 more problems");
    expect(run.stderr.split("\n").length).toBeLessThan(110);
  });
});
