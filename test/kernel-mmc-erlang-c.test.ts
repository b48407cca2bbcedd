import { describe, expect, it } from "vitest";
import { mmc } from "../src/analytic/queueing.js";
import { runMMcKernel } from "../bench/examples/mmc-kernel.js";
import { tInterval } from "./helpers/ci.js";

// Independent replications; the analytic value must lie inside the 99% t-interval.
function replicate(servers: number, lambda: number, mu: number, reps: number, customers: number) {
  const runs = Array.from({ length: reps }, (_, r) =>
    runMMcKernel({ arrivalRatePerHour: lambda, serviceRatePerHour: mu, servers, customers, warmupCustomers: customers / 10, seed: 2024, replication: r }),
  );
  return {
    wait: tInterval(runs.map((x) => x.meanWaitHours)),
    pWait: tInterval(runs.map((x) => x.pWait)),
    queue: tInterval(runs.map((x) => x.meanQueue)),
    util: tInterval(runs.map((x) => x.utilisation)),
  };
}

describe("the kernel's M/M/c queue agrees with Erlang C", () => {
  it.each([
    [10, 9, 1],
    [1, 0.8, 1],
    [3, 2.4, 1],
  ])("c=%i, λ=%f, μ=%f: mean wait, P(wait), Lq and utilisation", (c, lambda, mu) => {
    const theory = mmc(lambda, mu, c);
    const sim = replicate(c, lambda, mu, 10, 200000);
    for (const [name, ci, ref] of [
      ["Wq", sim.wait, theory.meanWait],
      ["P(wait)", sim.pWait, theory.pWait],
      ["Lq", sim.queue, theory.meanQueue],
      ["utilisation", sim.util, theory.utilisation],
    ] as const) {
      expect(ref, `${name}: ${ref} outside [${ci.low}, ${ci.high}]`).toBeGreaterThanOrEqual(ci.low);
      expect(ref, `${name}: ${ref} outside [${ci.low}, ${ci.high}]`).toBeLessThanOrEqual(ci.high);
      // and the interval is tight enough to mean something
      expect(ci.halfWidth / ref).toBeLessThan(0.1);
    }
  });
});
