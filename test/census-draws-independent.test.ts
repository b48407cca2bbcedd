import { describe, expect, it } from "vitest";
import { compileModel } from "../src/model/compile.js";
import { validateModelObject } from "../src/model/load.js";
import { runReplication } from "../src/pathway/run.js";
import type { CensusRow } from "../src/types.js";
import { FIXTURES, system } from "./helpers/model-fixtures.js";

/**
 * Census patients' random numbers are independent of one another: 2,000 identical patients at the
 * start of reablement, of whom the model sends 60% on to long-term care, split binomially in every
 * replication — whether the census names its patients (keys from the name) or not (keys from the
 * row). Keys derived from a hash whose leading bits came from the replication alone gave every
 * patient one of a few dozen draws, and the share going on swung from 0.33 to 0.62 between
 * replications of the default ICS.
 */

const N = 2000;
const LONG_TERM = 0.6;

function model() {
  const raw = system();
  raw.nodes.homecare.paidHoursPerWeek = 100_000; // room for every package: no line
  const v = validateModelObject(raw, FIXTURES);
  expect(v.issues).toEqual([]);
  return compileModel(v.model!, v.tables);
}

function census(named: boolean): CensusRow[] {
  return Array.from({ length: N }, (_, i) => ({
    scenario: null,
    replication: null,
    patient: named ? `resident-${i}` : null,
    node: "homecare",
    segment: "adults",
    acuity: 1,
    status: "on-package" as const,
    hoursInStatus: 0,
    hoursAtNode: 0,
    next: null,
    packageHoursPerWeek: 5,
    phase: "reablement" as const,
  }));
}

/** Share of the census patients that went on to long-term care by day 60 (reablement is 6 weeks). */
function shareOnToLongTerm(named: boolean, replication: number): number {
  const onward = new Set<number>();
  const ended = new Set<number>();
  runReplication(model(), {
    seed: 3,
    replication,
    days: 60,
    warmupDays: 0,
    census: census(named),
    onEvent: (_t, id, event) => {
      if (id >= N) return;
      if (event === "long-term") onward.add(id);
      else if (event === "package-end" && !onward.has(id)) ended.add(id);
    },
  });
  expect(onward.size + ended.size).toBe(N);
  return onward.size / N;
}

describe("census patients draw independent numbers", () => {
  const sd = Math.sqrt((LONG_TERM * (1 - LONG_TERM)) / N);
  for (const named of [true, false]) {
    it(`${named ? "named" : "unnamed"} patients: the share going on to long-term care is binomial in each of four replications`, () => {
      for (let r = 0; r < 4; r++) {
        const share = shareOnToLongTerm(named, r);
        expect(Math.abs(share - LONG_TERM)).toBeLessThan(4 * sd);
      }
    });
  }
});
