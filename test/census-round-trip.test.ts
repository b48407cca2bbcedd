import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { censusCsv, readCensus } from "../src/io/census-csv.js";
import { compileModel } from "../src/model/compile.js";
import { validateModelObject } from "../src/model/load.js";
import { takeCensus } from "../src/pathway/run.js";
import type { CensusRow } from "../src/types.js";
import { FIXTURES, system } from "./helpers/model-fixtures.js";

/**
 * A census written at day T, loaded at time 0 of another run, is the same state: the census read
 * back at once has the same patients at every node in every status (occupancy per unit, lines,
 * held patients and what they wait for, packages and their phases, care hours in use). Through
 * the CSV file too. And a census is deterministic: the same seed and replication give the same
 * file, byte for byte.
 */

const dir = mkdtempSync(join(tmpdir(), "pathflow-census-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function model() {
  const raw = system();
  // A pressured system, so that every status is present: fewer care hours and community beds.
  raw.nodes.homecare.paidHoursPerWeek = 700;
  // People referred for care from home, who wait at home.
  raw.segments.adults.arrivals.push({ route: "referral", to: "homecare", ratePerDay: 1 });
  const v = validateModelObject(raw, FIXTURES);
  expect(v.issues).toEqual([]);
  return compileModel(v.model!, v.tables);
}

/** Patients per node × status × next place × phase. */
function counts(rows: readonly CensusRow[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) {
    const key = `${r.node} ${r.status} ${r.status === "blocked" ? r.next : ""} ${r.phase ?? ""}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

const careHours = (rows: readonly CensusRow[]): number => rows.reduce((s, r) => s + (r.status === "on-package" ? r.packageHoursPerWeek! : 0), 0);

describe("a census written at day T and loaded again is the state at T", () => {
  const compiled = model();
  const taken = takeCensus(compiled, { seed: 7, replication: 0, days: 0, warmupDays: 150 });

  it("the census has patients in every status the system holds (so the round trip tests something)", () => {
    const c = counts(taken.rows);
    const statuses = new Set(taken.rows.map((r) => r.status));
    expect([...statuses].sort()).toEqual(["blocked", "in-service", "on-package", "waiting"]);
    expect(Object.keys(c).some((k) => k.startsWith("acute blocked homecare"))).toBe(true);
    expect(Object.keys(c).some((k) => k.startsWith("homecare waiting"))).toBe(true);
    expect(taken.away).toBe(0);
  });

  it("loaded at time 0, the same patients are at every node in every status", () => {
    const again = takeCensus(compiled, { seed: 7, replication: 3, days: 0, warmupDays: 0, census: taken.rows });
    expect(counts(again.rows)).toEqual(counts(taken.rows));
    expect(careHours(again.rows)).toBeCloseTo(careHours(taken.rows), 9);
    // The time already spent is carried over for patients in service (the census's own figures).
    const served = (rows: readonly CensusRow[]) => rows.filter((r) => r.node === "acute" && r.status === "in-service").map((r) => r.hoursInStatus).sort((a, b) => a - b);
    expect(served(again.rows)).toEqual(served(taken.rows));
  });

  it("through census.csv as well (written, read back and validated)", () => {
    const file = join(dir, "census.csv");
    writeFileSync(file, censusCsv(taken.rows));
    const read = readCensus(file, [compiled]);
    expect(read.length).toBe(taken.rows.length);
    const again = takeCensus(compiled, { seed: 7, replication: 0, days: 0, warmupDays: 0, census: read });
    expect(counts(again.rows)).toEqual(counts(taken.rows));
    expect(careHours(again.rows)).toBeCloseTo(careHours(taken.rows), 3);
  });

  it("is deterministic: the same seed and replication give the same file, another replication another", () => {
    const twice = takeCensus(compiled, { seed: 7, replication: 0, days: 0, warmupDays: 150 });
    expect(censusCsv(twice.rows)).toBe(censusCsv(taken.rows));
    const other = takeCensus(compiled, { seed: 7, replication: 1, days: 0, warmupDays: 150 });
    expect(censusCsv(other.rows)).not.toBe(censusCsv(taken.rows));
  });
});
