/**
 * Exact results for the queueing models the network features are validated against:
 * - Erlang-A (M/M/c+M): Poisson arrivals, c exponential servers, exponential patience;
 * - non-preemptive priority M/G/1 (Cobham 1954): the mean wait of each class;
 * - a two-station tandem with finite waiting rooms and blocking after service, solved as a
 *   continuous-time Markov chain.
 * Pure computation: no randomness, no I/O.
 */

export interface ErlangA {
  /** Probability an arrival leaves before a server (abandons). */
  readonly pAbandon: number;
  /** Probability an arrival waits at all (finds every server busy). */
  readonly pWait: number;
  /** Mean wait of those served (zero waits included), and of those who abandon, in the time unit of the rates. */
  readonly meanWaitServed: number;
  readonly meanWaitAbandoned: number;
  /** Mean number waiting. */
  readonly meanQueue: number;
}

/**
 * Erlang-A by its birth–death chain (truncated where the probabilities vanish) and, for the waits,
 * the fate of an arrival that finds k − 1 ahead of it in line under FCFS: at position i it moves up
 * at rate cμ + (i − 1)θ (a service ends, or one of those ahead leaves) and leaves at rate θ.
 */
export function erlangA(lambda: number, mu: number, c: number, theta: number): ErlangA {
  if (!(lambda > 0 && mu > 0 && theta > 0 && Number.isInteger(c) && c >= 1)) throw new RangeError("erlangA needs λ, μ, θ > 0 and a whole c ≥ 1");
  // Unnormalised p_n, by ratios, until they are negligible (the death rate grows with n).
  const p: number[] = [1];
  let total = 1;
  for (let n = 1; n < 1_000_000; n++) {
    const death = Math.min(n, c) * mu + Math.max(n - c, 0) * theta;
    const next = (p[n - 1]! * lambda) / death;
    p.push(next);
    total += next;
    if (n > c && next < 1e-17 * total) break;
  }
  let pWait = 0;
  let pAbandon = 0;
  let waitServed = 0;
  let waitAbandoned = 0;
  let meanQueue = 0;
  // For position k (k − 1 ahead): P(served | k), E[W·1{served} | k], E[W·1{abandoned} | k], built up in k.
  let pServedK = 1;
  let sumTime = 0; // Σ_{i=1..k} 1/(a_i + θ)
  // E[W·1{ab} | k] = Σ_j P(reach j from k) · θ/(a_j+θ) · Σ_{i=j..k} 1/(a_i+θ); kept as a recursion in k:
  // going from k−1 to k prepends position k, reached for sure, whose time adds to every term.
  let abandonK = 0; // P(abandon | k)
  let waitAbK = 0; // E[W·1{ab} | k]
  for (let n = 0; n < p.length; n++) {
    const pn = p[n]! / total;
    if (n < c) continue;
    const k = n - c + 1;
    meanQueue += pn * (n - c);
    const a = c * mu + (k - 1) * theta;
    const r = a / (a + theta);
    const stay = 1 / (a + theta);
    // New position k first: with prob θ/(a+θ) abandon here after `stay`; else move to position k−1
    // (whose outcomes are the previous k's), having spent `stay` more.
    waitAbK = (theta / (a + theta)) * stay + r * (waitAbK + abandonK * stay);
    abandonK = theta / (a + theta) + r * abandonK;
    pServedK *= r;
    sumTime += stay;
    pWait += pn;
    pAbandon += pn * abandonK;
    waitServed += pn * pServedK * sumTime;
    waitAbandoned += pn * waitAbK;
  }
  return {
    pAbandon,
    pWait,
    meanWaitServed: waitServed / (1 - pAbandon),
    meanWaitAbandoned: pAbandon > 0 ? waitAbandoned / pAbandon : 0,
    meanQueue,
  };
}

/**
 * Cobham's formula for non-preemptive priority M/G/1: classes in priority order (index 0 served
 * first), each with its arrival rate and the first two moments of its service time. Returns the
 * mean wait in queue of each class: W_k = W0 / ((1 − σ_{k−1})(1 − σ_k)), W0 = Σ λ_i E[S_i²] / 2,
 * σ_k = Σ_{i ≤ k} ρ_i.
 */
export function cobhamWaits(classes: readonly { readonly lambda: number; readonly meanService: number; readonly secondMoment: number }[]): number[] {
  const w0 = classes.reduce((s, k) => s + (k.lambda * k.secondMoment) / 2, 0);
  let sigma = 0;
  return classes.map((k) => {
    const before = sigma;
    sigma += k.lambda * k.meanService;
    if (!(sigma < 1)) throw new RangeError("cobhamWaits: the classes up to this one load the server to 1 or more");
    return w0 / ((1 - before) * (1 - sigma));
  });
}

/** A tandem A → B with finite waiting rooms (see `tandemChain`). Rates per time unit. */
export interface TandemSpec {
  readonly lambda: number;
  readonly serversA: number;
  readonly muA: number;
  /** Places in A's waiting room: arrivals finding it full are turned away. */
  readonly roomA: number;
  readonly serversB: number;
  readonly muB: number;
  /** Places in B's waiting room: a patient finishing at A when B is full keeps its server at A (blocked). */
  readonly roomB: number;
}

export interface TandemSolution {
  /** Patients through the tandem per time unit. */
  readonly throughput: number;
  /** Probability an arrival is turned away at A. */
  readonly pRefused: number;
  /** Mean patients at A (in line, in service, blocked), A's servers busy (blocked included), blocked at A. */
  readonly meanAtA: number;
  readonly meanBusyA: number;
  readonly meanBlockedA: number;
  /** Mean patients waiting in A's line, in B's line, and at B in all. */
  readonly meanQueueA: number;
  readonly meanQueueB: number;
  readonly meanAtB: number;
}

/**
 * The tandem as a continuous-time Markov chain on (n1, b, n2): n1 at A (≤ cA + KA), b of them
 * blocked (finished, B full), n2 at B (≤ cB + KB). Arrivals join A unless it is full; a service at
 * A ends at rate μA(min(n1, cA) − b) and moves the patient to B, or blocks it when B is full; a
 * service at B ends at rate μB·min(n2, cB), and a blocked patient then moves into B. The
 * stationary distribution is solved exactly (Gaussian elimination on πQ = 0, Σπ = 1).
 */
export function tandemChain(t: TandemSpec): TandemSolution {
  const maxA = t.serversA + t.roomA;
  const maxB = t.serversB + t.roomB;
  const index = new Map<string, number>();
  const states: [number, number, number][] = [];
  for (let n1 = 0; n1 <= maxA; n1++) {
    for (let b = 0; b <= Math.min(n1, t.serversA); b++) {
      for (let n2 = 0; n2 <= maxB; n2++) {
        if (b > 0 && n2 < maxB) continue; // blocking only while B is full
        index.set(`${n1},${b},${n2}`, states.length);
        states.push([n1, b, n2]);
      }
    }
  }
  const m = states.length;
  // Q transposed, with the last equation replaced by Σπ = 1: A π = e_last.
  const a = Array.from({ length: m }, () => new Float64Array(m));
  const move = (from: number, to: [number, number, number], rate: number): void => {
    if (rate <= 0) return;
    const j = index.get(to.join(","));
    if (j === undefined) throw new Error(`tandemChain: no state ${to.join(",")}`);
    a[j]![from]! += rate;
    a[from]![from]! -= rate;
  };
  states.forEach(([n1, b, n2], i) => {
    if (n1 < maxA) move(i, [n1 + 1, b, n2], t.lambda);
    const servingA = Math.min(n1, t.serversA) - b;
    if (servingA > 0) move(i, n2 < maxB ? [n1 - 1, b, n2 + 1] : [n1, b + 1, n2], t.muA * servingA);
    const servingB = Math.min(n2, t.serversB);
    if (servingB > 0) move(i, b > 0 ? [n1 - 1, b - 1, n2] : [n1, b, n2 - 1], t.muB * servingB);
  });
  const rhs = new Float64Array(m);
  a[m - 1]!.fill(1);
  rhs[m - 1] = 1;
  const pi = solve(a, rhs);
  let pRefused = 0;
  let meanAtA = 0;
  let meanBusyA = 0;
  let meanBlockedA = 0;
  let meanQueueA = 0;
  let meanQueueB = 0;
  let meanAtB = 0;
  states.forEach(([n1, b, n2], i) => {
    const p = pi[i]!;
    if (n1 === maxA) pRefused += p;
    meanAtA += p * n1;
    meanBusyA += p * Math.min(n1, t.serversA);
    meanBlockedA += p * b;
    meanQueueA += p * Math.max(n1 - t.serversA, 0);
    meanQueueB += p * Math.max(n2 - t.serversB, 0);
    meanAtB += p * n2;
  });
  return { throughput: t.lambda * (1 - pRefused), pRefused, meanAtA, meanBusyA, meanBlockedA, meanQueueA, meanQueueB, meanAtB };
}

/** Solves a·x = rhs by Gaussian elimination with partial pivoting (a and rhs are overwritten). */
function solve(a: Float64Array[], rhs: Float64Array): Float64Array {
  const n = rhs.length;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    [rhs[col], rhs[pivot]] = [rhs[pivot]!, rhs[col]!];
    const d = a[col]![col]!;
    if (d === 0) throw new Error("tandemChain: singular generator");
    for (let r = col + 1; r < n; r++) {
      const f = a[r]![col]! / d;
      if (f === 0) continue;
      const row = a[r]!;
      const top = a[col]!;
      for (let k = col; k < n; k++) row[k] = row[k]! - f * top[k]!;
      rhs[r] = rhs[r]! - f * rhs[col]!;
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = rhs[r]!;
    for (let k = r + 1; k < n; k++) s -= a[r]![k]! * x[k]!;
    x[r] = s / a[r]![r]!;
  }
  return x;
}
