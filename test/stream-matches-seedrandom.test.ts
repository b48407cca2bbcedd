import { describe, it, expect } from "vitest";
import seedrandom from "seedrandom";
import { createStream, streamSeed } from "../src/random/streams.js";
import { firstDifference, take } from "./helpers/streams.js";

/** pathflow steps the xor4096 generator itself, a block at a time; seedrandom, which seeds it, is the reference. */

describe("a stream is seedrandom's xor4096, drawn a block at a time", () => {
  it("gives exactly seedrandom's own double() sequence, across many blocks", () => {
    // pathflow runs the generator's steps itself (over a typed array, a block per call); the
    // library seeds it and is the reference. 100,003 draws cross 1,563 block boundaries.
    for (const [seed, replication, source] of [
      [20240601, 3, "ed.arrivals"],
      [1, 0, "arrivals/frail-elderly"],
      ["scenario-7", 12, ""],
      [0, 999, "avoided/x"],
    ] as const) {
      const ours = take(createStream(seed, replication, source), 100_003);
      const reference = seedrandom.xor4096(streamSeed(seed, replication, source));
      expect(firstDifference(ours, take({ double: () => reference.double() }, 100_003))).toBe(-1);
    }
  });
});
