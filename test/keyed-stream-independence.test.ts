import { describe, expect, it } from "vitest";
import { KeyedStream, purposeId } from "../src/random/keyed-stream.js";
import { createStream } from "../src/random/streams.js";

// Per-patient keyed streams must look uniform and independent: across patients for one purpose,
// across purposes for one patient, and between successive draws of one purpose.
describe("keyed per-patient streams are uniform and independent", () => {
  const n = 100_000;
  const src = createStream(11, 0, "keyed-test");
  const keys = Array.from({ length: n }, () => [Math.floor(src.double() * 2 ** 32), Math.floor(src.double() * 2 ** 32)] as const);
  const ks = new KeyedStream();
  const los = purposeId("acute/duration");
  const admit = purposeId("ed/admit");
  const first = new Float64Array(n);
  const second = new Float64Array(n);
  const other = new Float64Array(n);
  keys.forEach(([hi, lo], i) => {
    ks.reset(hi, lo, los);
    first[i] = ks.double();
    second[i] = ks.double();
    other[i] = ks.reset(hi, lo, admit).double();
  });
  const mean = (a: Float64Array) => a.reduce((x, y) => x + y, 0) / a.length;
  const corr = (a: Float64Array, b: Float64Array) => {
    const ma = mean(a);
    const mb = mean(b);
    let sab = 0;
    let saa = 0;
    let sbb = 0;
    for (let i = 0; i < a.length; i++) {
      sab += (a[i]! - ma) * (b[i]! - mb);
      saa += (a[i]! - ma) ** 2;
      sbb += (b[i]! - mb) ** 2;
    }
    return sab / Math.sqrt(saa * sbb);
  };
  // Standard errors: mean of U(0,1) 1/sqrt(12n) ≈ 0.00091; correlation 1/sqrt(n) ≈ 0.0032.
  it("draws are uniform: mean 1/2 and equal deciles across patients", () => {
    expect(Math.abs(mean(first) - 0.5)).toBeLessThan(5 * 0.00091);
    const counts = new Array<number>(10).fill(0);
    for (const u of first) counts[Math.floor(u * 10)]!++;
    const chi2 = counts.reduce((s, c) => s + (c - n / 10) ** 2 / (n / 10), 0);
    expect(chi2).toBeLessThan(27.9); // 99.9th centile of chi-square with 9 df
  });
  it("purposes and successive draws are uncorrelated", () => {
    expect(Math.abs(corr(first, other))).toBeLessThan(5 * 0.0032);
    expect(Math.abs(corr(first, second))).toBeLessThan(5 * 0.0032);
  });
  it("the same keys and purpose give the same numbers, whatever was drawn before", () => {
    const [hi, lo] = keys[42]!;
    ks.reset(hi, lo, admit).double();
    const again = ks.reset(hi, lo, los).double();
    expect(again).toBe(first[42]);
  });
  it("consecutive keys (1000, 1001, …) give uncorrelated, uniform numbers", () => {
    const seq = new Float64Array(n);
    for (let i = 0; i < n; i++) seq[i] = ks.reset(1000 + i, 7, los).double();
    expect(Math.abs(mean(seq) - 0.5)).toBeLessThan(5 * 0.00091);
    expect(Math.abs(corr(seq.subarray(0, n - 1), seq.subarray(1)))).toBeLessThan(5 * 0.0032);
  });
});

describe("keyed streams: pairs of successive draws fill the unit square evenly", () => {
  it("a 10 × 10 grid of (first, second) draws passes a chi-square test", () => {
    const src = createStream(12, 0, "keyed-pairs");
    const ks = new KeyedStream();
    const n = 100_000;
    const grid = new Array<number>(100).fill(0);
    for (let i = 0; i < n; i++) {
      ks.reset(Math.floor(src.double() * 2 ** 32), Math.floor(src.double() * 2 ** 21), 12345);
      const a = ks.double();
      const b = ks.double();
      grid[Math.floor(a * 10) * 10 + Math.floor(b * 10)]!++;
    }
    const expected = n / 100;
    const chi2 = grid.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(148.2); // 99.9th centile of chi-square with 99 df
  });
});
