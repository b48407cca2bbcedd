/** Sample mean, variance (n − 1) and fourth central moment (n) of a sample, for moment tests. */
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
