import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { ensureDir, renameAtomic, tempPathFor, writeFileAtomic } from "../src/io/atomic.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

describe("atomic writes: a file appears at its final path only when whole", () => {
  const dir = tempDirEachTest("pathflow-atomic-");

  it("temporary paths are hidden siblings named after the final file, pid and a random token", () => {
    const final = join(dir(), "out", "kpi_summary.csv");
    const a = tempPathFor(final);
    const b = tempPathFor(final);
    expect(dirname(a)).toBe(dirname(final));
    expect(basename(a)).toMatch(new RegExp(`^\\.kpi_summary\\.csv\\.${process.pid}\\.[0-9a-f]{12}\\.tmp$`));
    expect(a).not.toBe(b);
  });

  it("writeFileAtomic writes text and bytes, replaces an existing file and leaves no temporary file", async () => {
    const path = join(dir(), "stress.md");
    await writeFileAtomic(path, "# first\n");
    expect(await readFile(path, "utf8")).toBe("# first\n");
    await writeFileAtomic(path, new Uint8Array([0x68, 0x69, 0x0a]));
    expect(await readFile(path, "utf8")).toBe("hi\n");
    expect(await readdir(dir())).toEqual(["stress.md"]);
  });

  it("a failed rename removes the temporary file and leaves the final path as it was", async () => {
    const target = join(dir(), "occupied");
    await mkdir(target);
    await writeFile(join(target, "keep.txt"), "x");
    await expect(writeFileAtomic(target, "data")).rejects.toThrow();
    expect(await readdir(dir())).toEqual(["occupied"]);
    expect(await readdir(target)).toEqual(["keep.txt"]);
  });

  it("writing into a missing directory fails without creating anything", async () => {
    await expect(writeFileAtomic(join(dir(), "missing", "a.csv"), "x")).rejects.toThrow(/ENOENT/);
    expect(await readdir(dir())).toEqual([]);
  });

  it("renameAtomic moves a finished temporary file over the final path", async () => {
    const final = join(dir(), "flows.csv");
    await writeFile(final, "old\n");
    const tmp = tempPathFor(final);
    await writeFile(tmp, "new\n");
    await renameAtomic(tmp, final);
    expect(await readFile(final, "utf8")).toBe("new\n");
    expect(await readdir(dir())).toEqual(["flows.csv"]);
  });

  it("ensureDir creates nested directories and accepts existing ones", async () => {
    const nested = join(dir(), "a", "b", "c");
    await ensureDir(nested);
    await ensureDir(nested);
    expect((await stat(nested)).isDirectory()).toBe(true);
  });
});
