/** The Poisson distribution as an occupancy distribution (M/G/∞), for the p(delay) tests. */

/** P(N = k) for N ~ Poisson(a), k = 0 … max(a + 12√a + 40, atLeast) (the tail beyond is below 1e-20). */
export function poisson(a: number, atLeast = 0): number[] {
  const last = Math.max(atLeast, Math.ceil(a + 12 * Math.sqrt(a) + 40));
  const pmf = [Math.exp(-a)];
  for (let k = 1; k <= last; k++) pmf.push((pmf[k - 1]! * a) / k);
  return pmf;
}
