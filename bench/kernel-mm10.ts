/**
 * kernel-mm10: an M/M/10 queue (λ = 9/h, μ = 1/h, 1,000,000 customers) on the kernel's own
 * resources with time-weighted statistics on. It prints its mean wait so every run checks itself
 * against Erlang C (Wq = 0.6687 h).
 */
import { mmc } from "../src/analytic/queueing.js";
import { runMMcKernel } from "./examples/mmc-kernel.js";
import type { BenchCase } from "./case.js";

const CUSTOMERS = 1_000_000;
const theory = mmc(9, 1, 10);
let replication = 0;

export const cases: readonly BenchCase[] = [
  {
    name: "kernel-mm10",
    run() {
      const r = runMMcKernel({
        arrivalRatePerHour: 9,
        serviceRatePerHour: 1,
        servers: 10,
        customers: CUSTOMERS,
        warmupCustomers: 10_000,
        seed: 1,
        replication: replication++,
      });
      return {
        events: r.events,
        extra: {
          customers: CUSTOMERS,
          meanWaitHours: Number(r.meanWaitHours.toFixed(4)),
          erlangCWaitHours: Number(theory.meanWait.toFixed(4)),
        },
      };
    },
  },
];
