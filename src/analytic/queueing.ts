/**
 * Closed-form queueing results used to validate the simulator (and by users for quick checks).
 * Loads are offered load a = λ/μ in erlangs; rates in any consistent time unit.
 */

/** Erlang B: probability that an arrival finds all `servers` busy in M/G/c/c (insensitive to the service distribution). */
export function erlangB(servers: number, offeredLoad: number): number {
  if (!Number.isInteger(servers) || servers < 0) throw new RangeError(`servers must be a whole number ≥ 0, got ${servers}`);
  if (!(offeredLoad >= 0)) throw new RangeError(`offered load must be ≥ 0, got ${offeredLoad}`);
  // Stable recursion B(k) = a·B(k−1) / (k + a·B(k−1)).
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (offeredLoad * b) / (k + offeredLoad * b);
  return b;
}

/** Erlang C: probability that an arrival waits in M/M/c (requires offered load < servers). */
export function erlangC(servers: number, offeredLoad: number): number {
  if (!(offeredLoad < servers)) throw new RangeError(`M/M/c is unstable: offered load ${offeredLoad} ≥ servers ${servers}`);
  const b = erlangB(servers, offeredLoad);
  const rho = offeredLoad / servers;
  return b / (1 - rho + rho * b);
}

export interface MMcMetrics {
  /** Probability an arrival waits. */
  pWait: number;
  /** Mean wait in queue Wq, in the rates' time unit. */
  meanWait: number;
  /** Mean number waiting Lq. */
  meanQueue: number;
  /** Mean number in system L. */
  meanInSystem: number;
  /** Server utilisation ρ = λ/(cμ). */
  utilisation: number;
}

/** Steady-state M/M/c measures. */
export function mmc(arrivalRate: number, serviceRate: number, servers: number): MMcMetrics {
  const a = arrivalRate / serviceRate;
  const pWait = erlangC(servers, a);
  const meanWait = pWait / (servers * serviceRate - arrivalRate);
  const meanQueue = arrivalRate * meanWait;
  return { pWait, meanWait, meanQueue, meanInSystem: meanQueue + a, utilisation: a / servers };
}

/**
 * Offered load for which an Erlang-loss pool of `servers` has mean occupancy `occupancy`
 * (carried load a·(1 − B) = occupancy · servers), by bisection.
 */
export function offeredLoadForOccupancy(servers: number, occupancy: number): number {
  if (!(occupancy > 0 && occupancy < 1)) throw new RangeError(`occupancy must be in (0, 1), got ${occupancy}`);
  const target = occupancy * servers;
  let lo = 0;
  let hi = servers;
  while (hi * (1 - erlangB(servers, hi)) < target) hi *= 2;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (mid * (1 - erlangB(servers, mid)) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
