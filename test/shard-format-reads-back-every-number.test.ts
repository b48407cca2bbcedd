import { describe, expect, it } from "vitest";
import { decodeJson, encodeJson } from "../src/io/shard-format.js";

/**
 * A shard's JSON reads back every value a result can hold bit for bit — typed arrays with their
 * type, NaN, ±Infinity, −0, doubles that need 17 digits, Maps, Sets, Dates — which is what lets a merge be
 * byte-identical to a run. Ordinary JSON is left as JSON.
 */
describe("the shard format's JSON", () => {
  it("round-trips typed arrays, non-finite numbers, negative zero and every double", () => {
    const value = {
      daily: { occ: new Float64Array([0.1 + 0.2, 1e-320, -0, Number.MAX_VALUE, 5e-324]) },
      usage: new Float32Array([1 / 3, 2.5]),
      flags: new Uint8Array([0, 1, 255]),
      kpis: { a: Number.NaN, b: Infinity, c: -Infinity, d: -0, e: 0.30000000000000004, f: 123456789.12345679 },
      list: [1, -0, "text", null, { nested: new Int32Array([-7]) }],
    };
    const back = decodeJson(encodeJson(value)) as typeof value;
    expect(back.daily.occ).toBeInstanceOf(Float64Array);
    expect([...back.daily.occ].map((x) => Object.is(x, -0) ? "-0" : x)).toEqual([0.1 + 0.2, 1e-320, "-0", Number.MAX_VALUE, 5e-324]);
    expect(back.usage).toBeInstanceOf(Float32Array);
    expect([...back.usage]).toEqual([...value.usage]);
    expect(back.flags).toBeInstanceOf(Uint8Array);
    expect(Number.isNaN(back.kpis.a)).toBe(true);
    expect(back.kpis.b).toBe(Infinity);
    expect(back.kpis.c).toBe(-Infinity);
    expect(Object.is(back.kpis.d, -0)).toBe(true);
    expect(back.kpis.e).toBe(0.30000000000000004);
    expect(back.kpis.f).toBe(123456789.12345679);
    expect(Object.is(back.list[1], -0)).toBe(true);
    expect((back.list[4] as { nested: Int32Array }).nested).toEqual(new Int32Array([-7]));
    expect(encodeJson(back)).toBe(encodeJson(value));
  });

  it("round-trips Maps, Sets and Dates, as a result crossing threads may hold them", () => {
    const value = { byBand: new Map<string, number[]>([["high", [1, -0]], ["low", []]]), seen: new Set(["a", "b"]), at: new Date("2026-12-01T10:00:00.000Z") };
    const back = decodeJson(encodeJson(value)) as typeof value;
    expect(back.byBand).toBeInstanceOf(Map);
    expect([...back.byBand.keys()]).toEqual(["high", "low"]);
    expect(Object.is(back.byBand.get("high")![1], -0)).toBe(true);
    expect(back.seen).toEqual(new Set(["a", "b"]));
    expect(back.at).toBeInstanceOf(Date);
    expect(back.at.toISOString()).toBe("2026-12-01T10:00:00.000Z");
  });

  it("writes ordinary values as plain JSON and the special ones as documented", () => {
    expect(encodeJson({ a: 1.5, b: "x", c: [true, null] })).toBe('{"a":1.5,"b":"x","c":[true,null]}');
    expect(encodeJson([Number.NaN, -0, new Float64Array([2])])).toBe('[{"$number":"NaN"},{"$number":"-0"},{"$typed":"Float64Array","values":[2]}]');
  });
});
