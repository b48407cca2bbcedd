/**
 * Release accounting for one replication: the baseline and a scenario of the same
 * replication saw the same people, so their ledgers can be matched patient by patient.
 *
 * Per resource:
 *   expected  = what the patients the scenario avoided used in the baseline;
 *   spare     = baseline use − scenario use (occupancy that actually fell);
 *   drift     = use in the scenario by patients admitted there but not in the baseline, net of
 *               baseline use by patients admitted in the baseline but not in the scenario — among
 *               patients who reached the admission decision in both runs;
 *   otherwise = expected − spare − drift (longer stays or blocking of common patients, backfill,
 *               patients whose route changed before the decision, edge-of-window effects).
 * With drift switched off in both runs every common patient meets the same decision, so drift is
 * exactly zero: a built-in check of the coupling.
 */
import { RESOURCES, type PatientLedger } from "../pathway/ledger.js";
import type { ReleaseMeasures } from "../types.js";
export type { ReleaseMeasures } from "../types.js";

/** Indices of a ledger sorted by patient id. */
function orderById(ledger: PatientLedger): Int32Array {
  const order = new Int32Array(ledger.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const ids = ledger.id;
  order.sort((a, b) => ids[a]! - ids[b]!);
  return order;
}

/** Release measures per resource for a scenario against its baseline, one replication. */
export function releaseAccounting(baseline: PatientLedger, scenario: PatientLedger): ReleaseMeasures[] {
  const nr = RESOURCES.length;
  const totalB = new Float64Array(nr);
  const totalS = new Float64Array(nr);
  const expected = new Float64Array(nr);
  const drift = new Float64Array(nr);
  for (let r = 0; r < nr; r++) {
    const ub = baseline.usage[r]!;
    const us = scenario.usage[r]!;
    for (let i = 0; i < baseline.length; i++) totalB[r]! += ub[i]!;
    for (let i = 0; i < scenario.length; i++) totalS[r]! += us[i]!;
  }
  // Merge the two ledgers in id order.
  const ob = orderById(baseline);
  const os = orderById(scenario);
  let i = 0;
  let j = 0;
  while (i < ob.length && j < os.length) {
    const bi = ob[i]!;
    const sj = os[j]!;
    const idB = baseline.id[bi]!;
    const idS = scenario.id[sj]!;
    if (idB < idS) {
      i++;
      continue;
    }
    if (idS < idB) {
      j++;
      continue;
    }
    i++;
    j++;
    if (scenario.avoided[sj] === 1) {
      for (let r = 0; r < nr; r++) expected[r]! += baseline.usage[r]![bi]!;
      continue;
    }
    if (baseline.decided[bi] === 1 && scenario.decided[sj] === 1) {
      const admittedB = baseline.admitted[bi] === 1;
      const admittedS = scenario.admitted[sj] === 1;
      if (admittedS && !admittedB) for (let r = 0; r < nr; r++) drift[r]! += scenario.usage[r]![sj]!;
      else if (admittedB && !admittedS) for (let r = 0; r < nr; r++) drift[r]! -= baseline.usage[r]![bi]!;
    }
  }
  return RESOURCES.map((resource, r) => {
    const spare = totalB[r]! - totalS[r]!;
    return { resource, expected: expected[r]!, spare, drift: drift[r]!, otherwise: expected[r]! - spare - drift[r]! };
  });
}
