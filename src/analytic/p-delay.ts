/**
 * The probability that an arriving patient finds no free bed, from an occupancy distribution
 * measured with unlimited beds (Monks et al. 2016, BMC Health Services Research 16:530).
 *
 * Monks' method: simulate (or audit) a unit with as many beds as it ever needs, record the
 * distribution of N, the number of beds occupied, then for a unit of n beds truncate that
 * distribution at n:
 *
 *     p(delay | n beds) = P(N = n) / P(N ≤ n)
 *
 * For a unit with Poisson arrivals and unlimited beds (M/G/∞) N is Poisson with mean a, the
 * offered load, and the truncated ratio is exactly Erlang's loss formula B(n, a), whatever the
 * length-of-stay distribution. The simulated figure and `erlangLossPDelay` on the simulated mean
 * occupancy should therefore agree; where they do not, the arrivals are not Poisson.
 */
import { erlangB } from "./queueing.js";

/** Throws unless `distribution` is a non-empty list of finite, non-negative weights with a positive total. */
function checkDistribution(distribution: readonly number[]): number {
  if (distribution.length === 0) throw new RangeError("the occupancy distribution is empty: expected P(N = k) for k = 0, 1, …");
  let total = 0;
  distribution.forEach((p, k) => {
    if (!(Number.isFinite(p) && p >= 0)) throw new RangeError(`P(N = ${k}) must be a finite number ≥ 0, got ${p}`);
    total += p;
  });
  if (!(total > 0)) throw new RangeError("the occupancy distribution has no mass: every P(N = k) is 0");
  return total;
}

/**
 * p(delay) for a unit of `beds` beds from the occupancy distribution measured with unlimited
 * beds: P(N = beds) / P(N ≤ beds) (Monks et al. 2016).
 *
 * @param distribution `distribution[k]` = P(N = k), k = 0, 1, … — fractions of time, or any
 *   non-negative weights proportional to them (the ratio does not depend on the total).
 * @param beds whole number ≥ 0.
 * @returns a probability in [0, 1]: 0 when `beds` lies beyond the largest occupancy observed
 *   (a unit that large would never have been full); 1 when the unit was never at or below
 *   `beds` occupied (a unit that small would always be full).
 * @throws RangeError for an empty distribution, negative or non-finite weights, all-zero
 *   weights, or `beds` not a whole number ≥ 0.
 */
export function pDelayFromOccupancy(distribution: readonly number[], beds: number): number {
  checkDistribution(distribution);
  if (!Number.isInteger(beds) || beds < 0) throw new RangeError(`beds must be a whole number ≥ 0, got ${beds}`);
  if (beds >= distribution.length) return 0;
  let atOrBelow = 0;
  for (let k = 0; k <= beds; k++) atOrBelow += distribution[k]!;
  if (atOrBelow === 0) return 1;
  return distribution[beds]! / atOrBelow;
}

/**
 * p(delay) for `beds` beds by Erlang's loss formula (M/G/c/c): the probability an arrival finds
 * every bed occupied when arrivals are Poisson, at offered load `offeredLoad` (arrival rate ×
 * mean length of stay, in beds). Insensitive to the length-of-stay distribution. Equal to
 * `pDelayFromOccupancy` applied to a Poisson(offeredLoad) distribution.
 */
export function erlangLossPDelay(offeredLoad: number, beds: number): number {
  return erlangB(beds, offeredLoad);
}

/**
 * Mean of an occupancy distribution, Σ k·P(N = k) / Σ P(N = k) (weights need not sum to 1).
 * With unlimited beds nobody is turned away or delayed, so this is the offered load in beds.
 *
 * @throws RangeError for an empty distribution, negative or non-finite weights, or all-zero weights.
 */
export function meanOfDistribution(distribution: readonly number[]): number {
  const total = checkDistribution(distribution);
  let sum = 0;
  distribution.forEach((p, k) => {
    sum += k * p;
  });
  return sum / total;
}
