/** Sample mean, variance (n − 1) and fourth central moment (n) of a sample, for moment tests. */
import type { Sampler } from "../../src/random/samplers.js";
import type { RandomStream } from "../../src/random/streams.js";

export interface SampleMoments {
  mean: number;
  variance: number;
  fourth: number;
}

export function sampleMoments(xs: Float64Array): SampleMoments {
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / xs.length;
  let m2 = 0;
  let m4 = 0;
  for (const x of xs) {
    const d2 = (x - mean) ** 2;
    m2 += d2;
    m4 += d2 * d2;
  }
  return { mean, variance: m2 / (xs.length - 1), fourth: m4 / xs.length };
}

/** `n` draws of `sampler` from `rng`. */
export function draw(sampler: Sampler, rng: RandomStream, n: number): Float64Array {
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = sampler.sample(rng);
  return xs;
}
