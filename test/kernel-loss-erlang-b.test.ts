import { describe, expect, it } from "vitest";
import { erlangB } from "../src/analytic/queueing.js";
import { runMMcKernel } from "../bench/examples/mmc-kernel.js";
import { createSampler } from "../src/random/families.js";
import { tInterval } from "./helpers/ci.js";

// M/G/c/c: the probability an arrival finds every server busy is Erlang B, whatever the service
// distribution (insensitivity). Checked with exponential and with lognormal service times.
describe("the kernel's loss system (no waiting room) agrees with Erlang B", () => {
  const cases: [string, number, number, ReturnType<typeof createSampler> | undefined][] = [
    ["exponential", 25, 22, undefined],
    ["lognormal sd = 2 × mean", 25, 22, createSampler({ type: "lognormal", mean: 1, sd: 2 })],
    ["lognormal sd = 0.5 × mean", 100, 94, createSampler({ type: "lognormal", mean: 1, sd: 0.5 })],
  ];
  it.each(cases)("%s service, %i servers, offered load %i erlangs", (_name, c, load, service) => {
    const runs = Array.from({ length: 10 }, (_, r) =>
      runMMcKernel({
        arrivalRatePerHour: load,
        serviceRatePerHour: 1,
        servers: c,
        queueCapacity: 0,
        customers: 100_000,
        warmupCustomers: 5_000,
        seed: 77,
        replication: r,
        ...(service ? { service } : {}),
      }),
    );
    const blocked = tInterval(runs.map((x) => x.pRefused));
    const theory = erlangB(c, load);
    expect(theory).toBeGreaterThanOrEqual(blocked.low);
    expect(theory).toBeLessThanOrEqual(blocked.high);
    expect(blocked.halfWidth / theory).toBeLessThan(0.1);
    // Carried load = offered × (1 − B): the mean number busy.
    const busy = tInterval(runs.map((x) => x.utilisation * c));
    expect(load * (1 - theory)).toBeGreaterThanOrEqual(busy.low);
    expect(load * (1 - theory)).toBeLessThanOrEqual(busy.high);
  });
});
