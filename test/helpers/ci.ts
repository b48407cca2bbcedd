/** Two-sided Student-t quantiles for small samples (df → value), for test confidence intervals. */
const T_975: Record<number, number> = { 1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262, 10: 2.228, 11: 2.201, 12: 2.179, 14: 2.145, 15: 2.131, 19: 2.093, 20: 2.086, 24: 2.064, 29: 2.045, 30: 2.042, 39: 2.023, 49: 2.01 };
const T_995: Record<number, number> = { 1: 63.657, 2: 9.925, 3: 5.841, 4: 4.604, 5: 4.032, 6: 3.707, 7: 3.499, 8: 3.355, 9: 3.25, 10: 3.169, 11: 3.106, 12: 3.055, 14: 2.977, 15: 2.947, 19: 2.861, 20: 2.845, 24: 2.797, 29: 2.756, 30: 2.75, 39: 2.708, 49: 2.68 };

export interface Interval {
  mean: number;
  low: number;
  high: number;
  halfWidth: number;
}

/** t-interval for the mean of independent replications at 95% or 99%. */
export function tInterval(values: readonly number[], level: 0.95 | 0.99 = 0.99): Interval {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  const t = (level === 0.95 ? T_975 : T_995)[n - 1];
  if (t === undefined) throw new Error(`no t quantile tabulated for df=${n - 1}`);
  const halfWidth = (t * Math.sqrt(variance)) / Math.sqrt(n);
  return { mean, low: mean - halfWidth, high: mean + halfWidth, halfWidth };
}
