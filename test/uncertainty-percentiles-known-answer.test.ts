import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mmc } from "../src/analytic/queueing.js";
import { quantile } from "../src/experiment/statistics.js";
import { pathflow } from "./helpers/cli.js";
import { readCsv } from "./helpers/report-folders.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

/**
 * run --uncertainty on a model whose answer is known: an M/M/10 queue (service mean 1 hour) whose
 * arrival rate is uncertain, uniform on 168–204 a day (7–8.5 an hour, utilisation 70–85%). Each set's
 * mean number busy is λ/μ and its mean wait Erlang C's, so the 10th/50th/90th percentiles over sets
 * of the output are the formulas at the input's percentiles, within simulation noise. The arrival
 * rate is the only parameter that matters (|rank correlation| near 1); a dummy — the number of
 * servers of a scenario the baseline never sees — has a rank correlation near 0 with the baseline's
 * measures. (dist/ is built by test/global-setup.ts.)
 */
const dir = tempDirEachTest("pathflow-uncertainty-mmc-");

const MODEL = {
  name: "mmc-uncertain",
  segments: { customers: { arrivals: [{ route: "other", to: "servers", ratePerDay: 186 }] } },
  nodes: { servers: { type: "unit", servers: 10, durationHours: { type: "exponential", mean: 1 }, outcomes: { "*": [{ pct: 100, to: "exit" }] } } },
  run: { days: 200, warmupDays: 10, replications: 2, seed: 5 },
  scenarios: {
    baseline: { changes: [] },
    "more-servers": { changes: [{ path: "nodes.servers.servers", set: 11, why: "one more" }] },
  },
  uncertainty: {
    "arrival-rate": { path: "segments.customers.arrivals[0].ratePerDay", distribution: { type: "uniform", min: 168, max: 204 }, why: "test: the only parameter that matters to the baseline" },
    dummy: { path: "scenarios.more-servers.changes[0].set", distribution: { type: "discrete", values: [11, 12], probabilities: [0.5, 0.5] }, why: "test: changes a scenario the baseline never sees" },
  },
};

const N = 24;

describe("uncertainty percentiles on an M/M/c queue with an uncertain arrival rate", () => {
  it("the percentiles over sets are the formulas at the input's percentiles; the driver is found", async () => {
    const model = join(dir(), "model.json");
    writeFileSync(model, JSON.stringify(MODEL));
    const out = join(dir(), "out");
    const run = await pathflow(["run", model, "--uncertainty", String(N), "--workers", "2", "--quiet", "--out", out]);
    expect(run.code, run.stderr).toBe(0);

    const drawn = readCsv(join(out, "uncertainty_parameters.csv")).filter((r) => r["parameter"] === "arrival-rate").map((r) => Number(r["value"]));
    expect(drawn).toHaveLength(N);
    for (const v of drawn) expect(v >= 168 && v <= 204).toBe(true);

    const rows = readCsv(join(out, "uncertainty.csv"));
    const row = (kpi: string) => rows.find((r) => r["scenario"] === "baseline" && r["kind"] === "kpi" && r["name"] === kpi)!;
    const sorted = [...drawn].sort((a, b) => a - b);
    for (const p of [0.1, 0.5, 0.9] as const) {
      const column = `p${Math.round(p * 100)}`;
      const lambda = quantile(sorted, p) / 24; // per hour
      // The input's empirical percentile is close to the distribution's (one point per stratum).
      expect(quantile(sorted, p)).toBeCloseTo(168 + 36 * p, -0.3);
      // Mean busy servers = λ/μ: little noise, a tight check.
      expect(Number(row("servers_busy_mean")[column]) / lambda, `busy ${column}`).toBeGreaterThan(0.97);
      expect(Number(row("servers_busy_mean")[column]) / lambda, `busy ${column}`).toBeLessThan(1.03);
      // Mean wait = Erlang C's Wq: noisier (two replications of 200 days a set).
      const wq = mmc(lambda, 1, 10).meanWait;
      expect(Number(row("servers_wait_mean_hours")[column]) / wq, `wait ${column}`).toBeGreaterThan(0.8);
      expect(Number(row("servers_wait_mean_hours")[column]) / wq, `wait ${column}`).toBeLessThan(1.2);
    }
    // The central run (the model's own 186 a day) carries its stochastic CI beside the percentiles.
    const busy = row("servers_busy_mean");
    expect(Number(busy["central_ci_low"])).toBeLessThan(186 / 24);
    expect(Number(busy["central_ci_high"])).toBeGreaterThan(186 / 24);
    expect(busy["central_n_reps"]).toBe("2");
    expect(busy["n_sets"]).toBe(String(N));

    const drivers = readCsv(join(out, "uncertainty_drivers.csv")).filter((r) => r["scenario"] === "baseline" && r["name"] === "servers_busy_mean");
    const driver = drivers.find((r) => r["parameter"] === "arrival-rate")!;
    const dummy = drivers.find((r) => r["parameter"] === "dummy")!;
    expect(Number(driver["spearman"])).toBeGreaterThan(0.95);
    expect(Number(driver["prcc"])).toBeGreaterThan(0.95);
    expect(driver["rank"]).toBe("1");
    expect(Math.abs(Number(dummy["spearman"]))).toBeLessThan(0.4);
    expect(dummy["rank"]).toBe("2");

    // The summary says it in words, percentiles and CI both.
    const summary = run.stdout;
    expect(summary).toContain("## Across plausible parameter values");
    expect(summary).toMatch(/servers_busy_mean [\d.]+ to [\d.]+ people \(central [\d.]+ \(95% CI [\d.]+ to [\d.]+\)\) — Arrival-rate drives most of the spread/);
  });
});
