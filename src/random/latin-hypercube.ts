/**
 * Latin hypercube sampling (McKay, Beckman & Conover 1979): n points in k dimensions of [0, 1),
 * each dimension cut into n equal strata with exactly one point in each. Dimension j uses its own
 * stream, so adding or removing a parameter never changes the strata another one draws.
 */
import type { RandomStream } from "./streams.js";

/**
 * The n uniforms of one dimension: a random permutation of the strata (Fisher–Yates), each point
 * placed uniformly within its stratum. Point i lies in stratum ⌊n·u_i⌋, each stratum once.
 */
export function latinColumn(n: number, stream: RandomStream): number[] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`a Latin hypercube needs a whole number of points ≥ 1, got ${n}`);
  const strata = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(stream.double() * (i + 1));
    const t = strata[i]!;
    strata[i] = strata[j]!;
    strata[j] = t;
  }
  return strata.map((s) => (s + stream.double()) / n);
}
