import { describe, it, expect } from "vitest";
import { createStream, streamSeed, type RandomStream } from "../src/random/streams.js";
import { coincidences, firstDifference, take } from "./helpers/streams.js";

/**
 * Same (seed, replication, source) → bit-identical draws; any other triple → a different
 * sequence; and a stream's draws do not depend on what any other stream does.
 */

describe("streams are a pure function of (seed, replication, source)", () => {
  it("the same triple gives bit-identical sequences", () => {
    const a = take(createStream(20240601, 3, "ed.arrivals"), 10_000);
    const b = take(createStream(20240601, 3, "ed.arrivals"), 10_000);
    expect(firstDifference(a, b)).toBe(-1);
  });

  it("the first draws are pinned, so a change to seeding or the generator is noticed", () => {
    expect(streamSeed(20240601, 3, "ed.arrivals")).toBe("pathflow/1/20240601/3/ed.arrivals");
    expect(Array.from(take(createStream(20240601, 3, "ed.arrivals"), 3))).toEqual([
      0.8591192210402434, 0.8296265463973063, 0.9051286412215269,
    ]);
  });

  it("a different source, replication or seed gives an unrelated sequence", () => {
    const base = take(createStream(1, 0, "ed.arrivals"), 10_000);
    const others = [
      take(createStream(1, 0, "ed.triage"), 10_000),
      take(createStream(1, 1, "ed.arrivals"), 10_000),
      take(createStream(2, 0, "ed.arrivals"), 10_000),
      take(createStream("1", 0, "ed.arrivals/"), 10_000),
    ];
    for (const other of others) {
      expect(coincidences(base, other)).toBe(0);
      // Not a shifted copy either: base's first draw does not appear anywhere in the other.
      expect(other.indexOf(base[0]!)).toBe(-1);
    }
  });

  it("a number seed and its string form name the same stream (the seed string is the identity)", () => {
    expect(firstDifference(take(createStream(42, 0, "x"), 100), take(createStream("42", 0, "x"), 100))).toBe(-1);
  });

  it("creating and drawing from an extra source leaves other streams unchanged", () => {
    const alone = take(createStream(9, 2, "acute.los"), 1_000);

    const acute = createStream(9, 2, "acute.los");
    const interleaved = new Float64Array(1_000);
    let extra: RandomStream | undefined;
    for (let i = 0; i < 1_000; i++) {
      if (i === 300) extra = createStream(9, 2, "community.los"); // a source added mid-run
      if (extra !== undefined) for (let j = 0; j < 3; j++) extra.double();
      interleaved[i] = acute.double();
    }
    expect(firstDifference(interleaved, alone)).toBe(-1);
  });

  it("rejects a non-integer or negative replication and a non-finite seed", () => {
    expect(() => createStream(1, -1, "x")).toThrow(RangeError);
    expect(() => createStream(1, 0.5, "x")).toThrow(RangeError);
    expect(() => createStream(NaN, 0, "x")).toThrow(RangeError);
  });
});
