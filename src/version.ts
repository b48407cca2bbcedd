/** pathflow's version and its installed folder, found once from the package.json above this file (src/ or dist/src/). */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findPackage(): { dir: string | null; version: string } {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "pathflow" && typeof pkg.version === "string") return { dir, version: pkg.version };
    } catch {
      // not here: look one level up
    }
    dir = dirname(dir);
  }
  return { dir: null, version: "unknown" };
}

const found = findPackage();

export const VERSION = found.version;

/** The folder pathflow is installed in (where its package.json and models/ are); null if not found. */
export const PACKAGE_DIR = found.dir;
