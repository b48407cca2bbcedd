/** Comparing sequences of draws bit for bit, for the stream tests. */
import type { RandomStream } from "../../src/random/streams.js";

export function take(rng: RandomStream, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.double();
  return out;
}

/** The index of the first draw whose bits differ, or -1 if the sequences are bit-identical. */
export function firstDifference(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  const ab = new BigUint64Array(a.buffer, a.byteOffset, a.length);
  const bb = new BigUint64Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < ab.length; i++) if (ab[i] !== bb[i]) return i;
  return -1;
}

/** How many positions hold the same value. */
export function coincidences(a: Float64Array, b: Float64Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same;
}
