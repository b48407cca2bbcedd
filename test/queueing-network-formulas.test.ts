import { describe, expect, it } from "vitest";
import { cobhamWaits, erlangA, tandemChain } from "../src/analytic/networks.js";
import { mmc } from "../src/analytic/queueing.js";

describe("exact results the network validation cases compare with", () => {
  it("Erlang-A: abandonment and waits agree with the chain's queue length (θE[Q]/λ and Little's law)", () => {
    for (const [lambda, mu, c, theta] of [
      [1, 1, 1, 0.5],
      [10, 1, 10, 0.2],
      [55, 1, 50, 1],
      [3, 0.5, 4, 2],
    ] as const) {
      const r = erlangA(lambda, mu, c, theta);
      // Two computations: the fate of each arrival by position, and the stationary queue length.
      expect(r.pAbandon).toBeCloseTo((theta * r.meanQueue) / lambda, 10);
      const meanWaitAll = r.meanQueue / lambda;
      expect((1 - r.pAbandon) * r.meanWaitServed + r.pAbandon * r.meanWaitAbandoned).toBeCloseTo(meanWaitAll, 10);
      expect(r.pAbandon).toBeGreaterThan(0);
      expect(r.pAbandon).toBeLessThan(1);
    }
  });

  it("Erlang-A tends to Erlang C as patience grows", () => {
    const a = erlangA(9, 1, 10, 1e-7);
    const c = mmc(9, 1, 10);
    expect(a.pWait).toBeCloseTo(c.pWait, 5);
    expect(a.meanWaitServed).toBeCloseTo(c.meanWait, 4);
  });

  it("Cobham: a single class is M/G/1 (Pollaczek–Khinchine), and the classes' waits average to it for equal services", () => {
    const [w] = cobhamWaits([{ lambda: 0.8, meanService: 1, secondMoment: 2 }]);
    expect(w).toBeCloseTo(0.8 / (1 - 0.8), 12); // M/M/1: ρ/(μ − λ) with μ = 1
    const split = cobhamWaits([
      { lambda: 0.3, meanService: 1, secondMoment: 2 },
      { lambda: 0.5, meanService: 1, secondMoment: 2 },
    ]);
    // Work conservation: with equal service times the mean wait over all is FIFO's.
    expect((0.3 * split[0]! + 0.5 * split[1]!) / 0.8).toBeCloseTo(4, 12);
    expect(split[0]!).toBeLessThan(split[1]!);
  });

  it("tandem chain: flow balance, and a huge B waiting room gives no blocking and an M/M/c first station", () => {
    const t = tandemChain({ lambda: 1.5, serversA: 2, muA: 1, roomA: 8, serversB: 1, muB: 1.6, roomB: 2 });
    // Throughput = completions at A's unblocked servers = completions at B.
    expect(t.throughput).toBeCloseTo(1 * (t.meanBusyA - t.meanBlockedA), 9);
    expect(t.throughput).toBeCloseTo(1.6 * (t.meanAtB - t.meanQueueB), 9);
    expect(t.meanBlockedA).toBeGreaterThan(0.05);
    const free = tandemChain({ lambda: 1, serversA: 2, muA: 1, roomA: 60, serversB: 3, muB: 1, roomB: 60 });
    expect(free.meanBlockedA).toBeLessThan(1e-12);
    expect(free.meanQueueA / free.throughput).toBeCloseTo(mmc(1, 1, 2).meanWait, 6);
  });
});
