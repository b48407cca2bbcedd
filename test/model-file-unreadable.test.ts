import { describe, expect, it } from "vitest";
import { PathflowInputError } from "../src/errors.js";
import { loadModel } from "../src/model/load.js";
import { FIXTURES } from "./helpers/model-fixtures.js";

/** A model file that cannot be read or parsed is one issue naming the file (and the line and column of a JSON syntax error). */

describe("an unreadable model file is named", () => {
  it("a JSON syntax error is reported with its line and column", async () => {
    const error = (await loadModel(`${FIXTURES}bad-syntax.json`).catch((e: unknown) => e)) as PathflowInputError;
    expect(error).toBeInstanceOf(PathflowInputError);
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]!.code).toBe("file");
    expect(error.issues[0]!.message).toMatch(/bad-syntax\.json is not valid JSON: .* at line 4, column 3$/);
  });

  it("a missing file is reported by name", async () => {
    const error = (await loadModel("no/such/model.json").catch((e: unknown) => e)) as PathflowInputError;
    expect(error).toBeInstanceOf(PathflowInputError);
    expect(error.issues).toEqual([{ code: "file", path: [], message: "cannot read no/such/model.json: no such file" }]);
  });
});
