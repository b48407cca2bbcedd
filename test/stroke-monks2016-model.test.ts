import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { erlangLossPDelay, meanOfDistribution, pDelayFromOccupancy } from "../src/analytic/p-delay.js";
import { compileModel } from "../src/model/compile.js";
import { type CompiledModel } from "../src/model/compiled.js";
import { loadModel, type LoadedModel } from "../src/model/load.js";
import { runReplication } from "../src/pathway/run.js";
import { resolveScenario } from "../src/model/scenario.js";
import { EXIT, Model, type ModelSpec } from "../src/model/schema.js";

/**
 * models/stroke-monks2016.json reproduces Monks et al. 2016 (BMC Health Serv Res 16:530): an
 * acute stroke unit and a rehab unit with unlimited beds, p(delay) for n beds read off the
 * occupancy distribution as P(N = n) / P(N ≤ n).
 *
 * The simulation is run with the paper's own design (150 replications of 5 years after a 3-year
 * warm-up, the model file's run settings): the whole model is small, so that takes a second or
 * two. p(delay) is computed as the paper and rdesrap_stroke do, from the occupancy distribution
 * pooled over the replications; its standard error from the spread of the per-replication values.
 */

const FILE = fileURLToPath(new URL("../models/stroke-monks2016.json", import.meta.url));

/** Published figures (Monks et al. 2016, tables of p(delay) by number of beds). */
const PUBLISHED = {
  offeredLoadBeds: { asu: 8.15, rehab: 9.72 },
  pDelayCurrentDemand: {
    asu: { 9: 0.19, 10: 0.14, 11: 0.09, 12: 0.06, 13: 0.04, 14: 0.02 },
    rehab: { 10: 0.2, 12: 0.11, 13: 0.08, 14: 0.05, 15: 0.03, 16: 0.02 },
  },
  pDelayPlus5PctDemand: { asu: { 10: 0.16, 14: 0.03 }, rehab: { 14: 0.07 } },
} as const;

/** Bed counts checked against Erlang loss (rehab 11 has no published figure). */
const BEDS = { asu: [9, 10, 11, 12, 13, 14], rehab: [10, 11, 12, 13, 14, 15, 16] } as const;
type UnitId = keyof typeof BEDS;
const UNITS: readonly UnitId[] = ["asu", "rehab"];

/** Published p(delay) are rounded to 2 decimals (±0.005) and are themselves estimates from 150 replications. */
const PUBLISHED_SLACK = 0.015;
/** Two-sided 99% Student-t quantile for 149 degrees of freedom (150 replications). */
const T_995_DF149 = 2.609;

// ---------------------------------------------------------------------------------------------
// Analytic offered load from the model file's own parameters
// ---------------------------------------------------------------------------------------------

function meanDays(d: unknown): number {
  const spec = d as { type: string; mean?: number };
  if ((spec.type === "lognormal" || spec.type === "exponential") && spec.mean !== undefined) return spec.mean;
  throw new Error(`no mean for ${JSON.stringify(d)}`);
}

/**
 * Offered load per unit, in beds: Σ over segments of (arrival rate at the unit per day) × (mean
 * stay there, days), the arrival rates solved from the routing (traffic equations; the network is
 * acyclic, so following each stream forward is enough).
 */
function offeredLoads(spec: ModelSpec): Record<string, number> {
  const load: Record<string, number> = {};
  for (const [segmentId, segment] of Object.entries(spec.segments)) {
    const flow = (to: string, ratePerDay: number, depth: number): void => {
      if (to === EXIT) return;
      if (depth > 20) throw new Error("routing has a cycle");
      const node = spec.nodes[to];
      if (node?.type !== "unit") throw new Error(`${to} is not a unit`);
      const outcomes = node.outcomes[segmentId] ?? node.outcomes["*"] ?? [];
      for (const o of outcomes) {
        const share = (ratePerDay * o.pct) / 100;
        load[to] = (load[to] ?? 0) + share * meanDays(o.durationDays);
        flow(o.to, share, depth + 1);
      }
    };
    for (const a of segment.arrivals) {
      const ratePerDay = a.ratePerDay ?? 1 / a.meanInterarrivalDays!;
      flow(a.to, ratePerDay * segment.demandMultiplier, 0);
    }
  }
  return load;
}

// ---------------------------------------------------------------------------------------------
// Simulation summary
// ---------------------------------------------------------------------------------------------

interface UnitSummary {
  /** Mean occupancy per replication. */
  meanByRep: number[];
  /** Occupancy distribution averaged over replications (equal results periods). */
  pooled: number[];
  /** p(delay) for n beds from the pooled distribution, and its SE from the per-replication values. */
  pDelay(beds: number): { value: number; se: number };
}

function simulate(compiled: CompiledModel, run: { seed: number; days: number; warmupDays: number; replications: number }): Record<UnitId, UnitSummary> {
  const reps = Array.from({ length: run.replications }, (_, replication) => runReplication(compiled, { replication, seed: run.seed, days: run.days, warmupDays: run.warmupDays }));
  const out = {} as Record<UnitId, UnitSummary>;
  for (const unit of UNITS) {
    const dists = reps.map((r) => {
      const d = r.occupancy[unit];
      if (d === undefined) throw new Error(`no occupancy distribution for ${unit}`);
      return d;
    });
    const length = Math.max(...dists.map((d) => d.length));
    const pooled = new Array<number>(length).fill(0);
    for (const d of dists) d.forEach((p, k) => (pooled[k]! += p / dists.length));
    out[unit] = {
      meanByRep: dists.map(meanOfDistribution),
      pooled,
      pDelay(beds: number) {
        const perRep = dists.map((d) => pDelayFromOccupancy(d, beds));
        return { value: pDelayFromOccupancy(pooled, beds), se: standardError(perRep) };
      },
    };
  }
  return out;
}

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function standardError(xs: readonly number[]): number {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1) / xs.length);
}

// ---------------------------------------------------------------------------------------------

let loaded: LoadedModel;
beforeAll(async () => {
  loaded = await loadModel(FILE);
});

describe("models/stroke-monks2016.json", () => {
  it("validates against the schema and the cross-checks, and compiles", () => {
    expect(Model.safeParse(loaded.raw).success).toBe(true);
    const compiled = compileModel(loaded.model, loaded.tables);
    expect(compiled.nodes.map((n) => n.id)).toEqual(["asu", "rehab"]);
    expect(compiled.segments.map((s) => s.id)).toEqual(["stroke", "tia", "neuro", "other"]);
    // The paper's design: 3-year warm-up, 5-year results period, 150 replications.
    expect([loaded.model.run.warmupDays, loaded.model.run.days, loaded.model.run.replications]).toEqual([1095, 1825, 150]);
    // Beds unlimited, as in the paper: nobody waits, the occupancy distribution is recorded.
    for (const node of compiled.nodes) expect([node.kind, "servers" in node ? node.servers : undefined]).toEqual(["unit", { kind: "fixed", value: Infinity }]);
  });

  it("has the published analytic offered loads (ASU 8.15, rehab 9.72 beds) within 2%", () => {
    const load = offeredLoads(loaded.model);
    expect(Object.keys(load).sort()).toEqual(["asu", "rehab"]);
    for (const unit of UNITS) {
      expect(Math.abs(load[unit]! / PUBLISHED.offeredLoadBeds[unit] - 1)).toBeLessThan(0.02);
    }
  });

  it("plus-5pct-demand raises every arrival rate, and so each offered load, by 5%", () => {
    const scaled = resolveScenario(loaded, "plus-5pct-demand");
    const base = offeredLoads(loaded.model);
    const plus = offeredLoads(scaled.model);
    for (const unit of UNITS) expect(plus[unit]! / base[unit]!).toBeCloseTo(1.05, 12);
    for (const [id, segment] of Object.entries(scaled.model.segments)) {
      segment.arrivals.forEach((a, i) => {
        const before = loaded.model.segments[id]!.arrivals[i]!.meanInterarrivalDays!;
        expect(before / a.meanInterarrivalDays!).toBeCloseTo(1.05, 12);
      });
    }
  });
});

describe("simulated at current demand (150 replications × 5 years after 3 years)", () => {
  let sim: Record<UnitId, UnitSummary>;
  let analytic: Record<string, number>;
  beforeAll(() => {
    analytic = offeredLoads(loaded.model);
    sim = simulate(compileModel(loaded.model, loaded.tables), loaded.model.run);
  });

  it("mean occupancy agrees with the analytic offered load (99% CI over replications)", () => {
    for (const unit of UNITS) {
      const m = mean(sim[unit].meanByRep);
      const half = T_995_DF149 * standardError(sim[unit].meanByRep);
      expect(Math.abs(m - analytic[unit]!), `${unit}: simulated ${m.toFixed(3)} ± ${half.toFixed(3)} vs analytic ${analytic[unit]!.toFixed(3)}`).toBeLessThanOrEqual(half);
    }
  });

  it("p(delay) by beds agrees with the published table (ASU 9–14, rehab 10–16)", () => {
    for (const unit of UNITS) {
      for (const [beds, published] of Object.entries(PUBLISHED.pDelayCurrentDemand[unit])) {
        const { value, se } = sim[unit].pDelay(Number(beds));
        expect(Math.abs(value - published), `${unit} ${beds} beds: simulated ${value.toFixed(4)} ± ${se.toFixed(4)} vs published ${published}`).toBeLessThanOrEqual(
          PUBLISHED_SLACK + 3 * se,
        );
      }
    }
  });

  it("p(delay) agrees with Erlang loss on the simulated offered load (Poisson occupancy, insensitivity)", () => {
    for (const unit of UNITS) {
      const load = meanOfDistribution(sim[unit].pooled);
      for (const beds of BEDS[unit]) {
        const { value, se } = sim[unit].pDelay(beds);
        const erlang = erlangLossPDelay(load, beds);
        expect(Math.abs(value - erlang), `${unit} ${beds} beds: simulated ${value.toFixed(4)} ± ${se.toFixed(4)} vs Erlang B ${erlang.toFixed(4)}`).toBeLessThanOrEqual(3 * se);
      }
    }
  });
});

describe("simulated at +5% demand", () => {
  it("p(delay) agrees with the published figures (ASU 10 and 14 beds, rehab 14)", () => {
    const scaled = resolveScenario(loaded, "plus-5pct-demand");
    const sim = simulate(compileModel(scaled.model, scaled.tables), scaled.model.run);
    for (const unit of UNITS) {
      for (const [beds, published] of Object.entries(PUBLISHED.pDelayPlus5PctDemand[unit])) {
        const { value, se } = sim[unit].pDelay(Number(beds));
        expect(Math.abs(value - published), `${unit} ${beds} beds: simulated ${value.toFixed(4)} ± ${se.toFixed(4)} vs published ${published}`).toBeLessThanOrEqual(
          PUBLISHED_SLACK + 3 * se,
        );
      }
    }
  });
});
