import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runInProcess } from "./helpers/in-process.js";
import { MMC } from "./helpers/model-fixtures.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

/**
 * A key written twice in one object of a model file (JSON.parse keeps the last, silently) is
 * refused: exit 2, at the path of the key, naming both lines.
 */
const dir = tempDirEachTest("pathflow-duplicate-keys-");

describe("a key written twice in one object", () => {
  it("is refused at its path, naming both lines", async () => {
    const text = readFileSync(MMC, "utf8").replace('"servers": 10,', '"servers": 10,\n      "servers": 12,');
    const file = join(dir(), "mmc.json");
    writeFileSync(file, text);
    const run = await runInProcess(["validate", file]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('  - nodes.servers.servers: key "servers" appears twice in this object (lines 15 and 16); JSON keeps only the last, so remove one');
    expect(run.stdout).toBe("");
  });

  it("two nodes of one name are refused, and every repeat is listed", async () => {
    const raw = JSON.parse(readFileSync(MMC, "utf8")) as { nodes: Record<string, unknown>; run: Record<string, unknown> };
    const node = JSON.stringify(raw.nodes["servers"]);
    const text = JSON.stringify({ ...raw, nodes: {}, run: {} }, null, 2)
      .replace('"nodes": {}', `"nodes": {\n"servers": ${node},\n"servers": ${node}\n}`)
      .replace('"run": {}', '"run": { "days": 1, "warmupDays": 0, "days": 2 }');
    const file = join(dir(), "mmc.json");
    writeFileSync(file, text);
    const run = await runInProcess(["validate", file]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/  - nodes\.servers: key "servers" appears twice in this object \(lines \d+ and \d+\)/);
    expect(run.stderr).toMatch(/  - run\.days: key "days" appears twice in this object/);
  });
});
