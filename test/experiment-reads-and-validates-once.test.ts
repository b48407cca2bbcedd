import { resolve } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";

/**
 * Validate once, ship forward: a run reads the model file once, resolves and validates each
 * scenario once (in the main thread; workers receive the validated specs and never read the
 * file), and uses one worker pool for the whole experiment — every batch of `--reps auto` and
 * every sweep cell. Counted by wrapping node's readFile, the model layer's validation and
 * piscina's pool class in this test only.
 */
const counts = vi.hoisted(() => ({ reads: [] as string[], validations: 0, pools: 0 }));

vi.mock("node:fs/promises", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs/promises")>();
  const readFile = (async (...args: Parameters<typeof fs.readFile>) => {
    counts.reads.push(String(args[0]));
    return fs.readFile(...args);
  }) as typeof fs.readFile;
  return { ...fs, default: { ...fs, readFile }, readFile };
});
vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  const readFileSync = ((...args: Parameters<typeof fs.readFileSync>) => {
    counts.reads.push(String(args[0]));
    return fs.readFileSync(...args);
  }) as typeof fs.readFileSync;
  // Input files are read through a descriptor (model/read-file.ts): each open is a read.
  const openSync = ((...args: Parameters<typeof fs.openSync>) => {
    counts.reads.push(String(args[0]));
    return fs.openSync(...args);
  }) as typeof fs.openSync;
  return { ...fs, default: { ...fs, readFileSync, openSync }, readFileSync, openSync };
});
vi.mock("../src/model/load.js", async (importOriginal) => {
  const load = await importOriginal<typeof import("../src/model/load.js")>();
  return {
    ...load,
    validateModelObject: (...args: Parameters<typeof load.validateModelObject>) => {
      counts.validations++;
      return load.validateModelObject(...args);
    },
  };
});
vi.mock("piscina", async (importOriginal) => {
  const piscina = await importOriginal<typeof import("piscina")>();
  class CountingPiscina extends piscina.Piscina {
    constructor(...args: ConstructorParameters<typeof piscina.Piscina>) {
      super(...args);
      counts.pools++;
    }
  }
  return { ...piscina, Piscina: CountingPiscina, default: CountingPiscina };
});

const { loadModel } = await import("../src/model/load.js");
const { planExperiment } = await import("../src/experiment/plan.js");
const { runExperiment } = await import("../src/experiment/experiment.js");
const { planSweep, runSweep } = await import("../src/experiment/sweep.js");

afterEach(() => {
  counts.reads.length = 0;
  counts.validations = 0;
  counts.pools = 0;
});

const reads = (file: string): number => counts.reads.filter((f) => resolve(f) === resolve(file)).length;

describe("an experiment validates once and ships the specs forward", () => {
  it("reads the model once, validates each of its 5 scenarios once, starts one pool", async () => {
    const plan = planExperiment(await loadModel("models/ics-default.json"), { replications: 2, days: 5, warmupDays: 5 });
    expect(plan.scenarios).toHaveLength(5);
    const r = await runExperiment(plan, { workers: 2 });
    expect(r.state).toBe("complete");
    expect(reads("models/ics-default.json")).toBe(1);
    expect(counts.validations).toBe(5);
    expect(counts.pools).toBe(1);
  });

  it("reads a rates CSV the model names once, however many scenarios use it", async () => {
    const plan = planExperiment(await loadModel("test/fixtures/system.json"), { replications: 1, days: 2, warmupDays: 1 });
    expect(plan.scenarios.length).toBeGreaterThan(1);
    expect(reads("test/fixtures/rates-week.csv")).toBe(1);
    expect(reads("test/fixtures/system.json")).toBe(1);
    expect(counts.validations).toBe(plan.scenarios.length);
  });

  it("--reps auto adds replications in batches on the same pool", async () => {
    const plan = planExperiment(await loadModel("models/mmc.json"), {
      replications: { precision: 0.0001, maxReplications: 7, minReplications: 2 },
      days: 3,
      warmupDays: 1,
    });
    const r = await runExperiment(plan, { workers: 2 });
    // Batches of 2, then 2, 2 and 1 (the precision is unreachable): four runs on the pool.
    expect(r.replications.completed).toBe(7);
    expect(r.replications.precision?.reached).toBe(false);
    expect(counts.pools).toBe(1);
    expect(reads("models/mmc.json")).toBe(1);
  });

  it("a sweep of 2 × 2 cells plans each cell's 2 scenarios once and runs all cells on one pool", async () => {
    const plan = planSweep(await loadModel("models/mmc.json"), {
      axes: [
        { path: "nodes.servers.servers", values: [10, 12], both: true },
        { path: "nodes.servers.durationHours.mean", values: [0.9, 1], both: false },
      ],
      scenarios: ["eleven-servers"],
      replications: 2,
      days: 3,
      warmupDays: 1,
    });
    expect(plan.cells).toHaveLength(4);
    expect(counts.validations).toBe(8);
    const r = await runSweep(plan, { workers: 2 });
    expect(r.results).toHaveLength(4);
    expect(counts.pools).toBe(1);
    expect(counts.validations).toBe(8); // nothing validated again while running
    expect(reads("models/mmc.json")).toBe(1);
  });
});
