/**
 * Release accounting for one replication: where the capacity a scenario changes goes. The
 * baseline and a scenario of the same replication see the same people (common random numbers),
 * so their runs can be compared patient by patient, and counterfactual runs of the scenario can
 * hold a mechanism of absorption at its baseline behaviour.
 *
 * Per resource (ambulance hours, ED cubicle hours, acute and community bed-days, home-care
 * hours), with use counted inside the results period:
 *
 *   expected  = what the patients the scenario avoided used in the baseline;
 *   spare     = baseline use − scenario use (what actually came free);
 *   expected − spare = the absorbers below, exactly:
 *
 *   drift, longer stays, elective backfill — by counterfactual. A counterfactual run of the
 *       scenario holds a mechanism at the baseline's behaviour: drift held, every patient the
 *       baseline saw decide takes the baseline's admission decision; longer stays held, every stay
 *       takes the baseline's stretch; electives held, every elective booking meets its baseline
 *       fate — admitted at the attempt the baseline admitted it (waiting for a bed if none is
 *       free), cancelled at every other. With k mechanisms switched on in the model, the 2^k runs
 *       (every subset held) give each mechanism its Shapley value: its effect on use averaged over
 *       every order of switching the mechanisms on, so no order is privileged and the values sum
 *       to use(scenario) − use(all held) exactly. Drift's value is its whole footprint: the
 *       flipped patients' own use and what they cause others (their home-care packages delaying
 *       others' discharges), and never use before the decision that happened in both runs anyway.
 *       Elective backfill's is what electives that would otherwise have been cancelled took, with
 *       what drift and electives compete for (the same freed bed) shared between them.
 *   With every mechanism held, the rest of the change is split patient by patient:
 *     previously unmet demand — patients who gave up or were turned away in either run (their
 *       use in the scenario minus in the baseline);
 *     added demand — patients a demand increase added (they have no baseline counterpart);
 *     changed blocking — common patients' change in blocked time (boarding in the ED, waiting
 *       in a bed for a package or placement, waiting at handover): negative when flow got faster;
 *       for home care, the change in care delivered to patients who waited for their package in
 *       either run (the same package, started at another time);
 *     unexplained — the remainder (routes that changed before the decision, deterioration,
 *       edge-of-window effects), reported so that tests can require it to be small.
 *
 * With drift switched off in both runs every common patient meets the same decision, so drift is
 * exactly zero with no counterfactual run at all: a built-in check of the coupling.
 */
import { NR, R_HC, RESOURCES, type PatientLedger } from "../pathway/ledger.js";
import { isAdded } from "../pathway/book.js";
import type { ReleaseMeasures } from "../types.js";
export type { ReleaseMeasures } from "../types.js";

/** Mechanisms a counterfactual run can hold at the baseline's behaviour. */
export type Mechanism = "drift" | "longer_stays" | "electives";

/** Indices of a ledger sorted by patient id. */
function orderById(ledger: PatientLedger): Int32Array {
  const order = new Int32Array(ledger.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const ids = ledger.id;
  order.sort((a, b) => ids[a]! - ids[b]!);
  return order;
}

/**
 * Walks two ledgers of one replication in patient-id order: `both(i, j)` for a patient in both
 * (its row in each), `onlyA(i)` and `onlyB(j)` for a patient in one only.
 */
function matchPatients(a: PatientLedger, b: PatientLedger, both: (i: number, j: number) => void, onlyA?: (i: number) => void, onlyB?: (j: number) => void): void {
  const oa = orderById(a);
  const ob = orderById(b);
  let x = 0;
  let y = 0;
  while (x < oa.length || y < ob.length) {
    const i = x < oa.length ? oa[x]! : -1;
    const j = y < ob.length ? ob[y]! : -1;
    const idA = i >= 0 ? a.id[i]! : Infinity;
    const idB = j >= 0 ? b.id[j]! : Infinity;
    if (idA < idB) {
      x++;
      onlyA?.(i);
    } else if (idB < idA) {
      y++;
      onlyB?.(j);
    } else {
      x++;
      y++;
      both(i, j);
    }
  }
}

/** Total use per resource of a ledger. */
export function totalUse(ledger: PatientLedger): Float64Array {
  const total = new Float64Array(NR);
  for (let r = 0; r < NR; r++) {
    const u = ledger.usage[r]!;
    let sum = 0;
    for (let i = 0; i < ledger.length; i++) sum += u[i]!;
    total[r] = sum;
  }
  return total;
}

/**
 * Shapley values of the mechanisms, per resource: `use[mask]` is the total use with the
 * mechanisms in `mask` (bit i = mechanism i) held, so use[0] is the scenario as run and
 * use[2^k − 1] the run with every mechanism held. A mechanism's value is the use it adds by
 * acting, averaged over every order of letting the mechanisms act.
 */
export function shapley(use: readonly Float64Array[], k: number): Float64Array[] {
  const full = (1 << k) - 1;
  const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));
  const values: Float64Array[] = [];
  for (let i = 0; i < k; i++) {
    const phi = new Float64Array(NR);
    const bit = 1 << i;
    // Over every set F of the other mechanisms acting (free): weight |F|!(k−|F|−1)!/k!.
    for (let free = 0; free <= full; free++) {
      if ((free & bit) !== 0) continue;
      let size = 0;
      for (let f = free; f !== 0; f &= f - 1) size++;
      const w = (factorial(size) * factorial(k - size - 1)) / factorial(k);
      const heldWith = full & ~(free | bit); // i acts too
      const heldWithout = full & ~free; // i held
      for (let r = 0; r < NR; r++) phi[r] = phi[r]! + w * (use[heldWith]![r]! - use[heldWithout]![r]!);
    }
    values.push(phi);
  }
  return values;
}

/** Admission decisions the scenario flipped, by acuity band (results period, patients who decided in both runs). */
export interface FlippedDecisions {
  /** Admitted in the scenario, not in the baseline. */
  readonly admittedInstead: Float64Array;
  /** Admitted in the baseline, not in the scenario. */
  readonly notAdmittedInstead: Float64Array;
  /**
   * Per resource: the flipped patients' own use in the scenario minus in the baseline — the older,
   * narrower ledger rule for drift (no knock-on), kept for comparison (validation case 10).
   */
  readonly direct: Float64Array;
}

/**
 * Release measures per resource for a scenario against its baseline, one replication.
 * `heldUse[mask]` is the total use of the counterfactual run holding the mechanisms in `mask`
 * (index 0: the scenario as run); `allHeld` is the ledger of the run holding every mechanism
 * (the scenario's own ledger when no mechanism is switched on).
 */
export function releaseAccounting(baseline: PatientLedger, scenario: PatientLedger, mechanisms: readonly Mechanism[], heldUse: readonly Float64Array[], allHeld: PatientLedger, bands: number): { measures: ReleaseMeasures[]; flipped: FlippedDecisions } {
  const totalB = totalUse(baseline);
  const totalS = heldUse[0]!;
  const totalA = heldUse[(1 << mechanisms.length) - 1]!;
  const phi = shapley(heldUse, mechanisms.length);
  const expected = new Float64Array(NR);
  const unmet = new Float64Array(NR);
  const added = new Float64Array(NR);
  const blocking = new Float64Array(NR);

  // The all-held run against the baseline, patient by patient.
  matchPatients(
    baseline,
    allHeld,
    (bi, aj) => {
      if (allHeld.avoided[aj] === 1) {
        for (let r = 0; r < NR; r++) expected[r] = expected[r]! + baseline.usage[r]![bi]!;
      } else if (baseline.unmet[bi] === 1 || allHeld.unmet[aj] === 1) {
        for (let r = 0; r < NR; r++) unmet[r] = unmet[r]! + allHeld.usage[r]![aj]! - baseline.usage[r]![bi]!;
      } else {
        for (let r = 0; r < NR; r++) blocking[r] = blocking[r]! + allHeld.blocked[r]![aj]! - baseline.blocked[r]![bi]!;
        // Home care: a patient who waited for a package in either run has the same package (the same
        // draws) started at another time, so the change in care delivered in the period is its wait's.
        if (allHeld.waitedForCare[aj] === 1 || baseline.waitedForCare[bi] === 1) blocking[R_HC] = blocking[R_HC]! + allHeld.usage[R_HC]![aj]! - baseline.usage[R_HC]![bi]!;
      }
    },
    (bi) => {
      // In the baseline only: used nothing in the scenario.
      if (baseline.unmet[bi] === 1) for (let r = 0; r < NR; r++) unmet[r] = unmet[r]! - baseline.usage[r]![bi]!;
      else if (baseline.waitedForCare[bi] === 1) blocking[R_HC] = blocking[R_HC]! - baseline.usage[R_HC]![bi]!;
    },
    (aj) => {
      // In the scenario only: added by a demand increase, or used nothing in the baseline.
      const into = isAdded(allHeld.id[aj]!) ? added : allHeld.unmet[aj] === 1 ? unmet : null;
      if (into !== null) for (let r = 0; r < NR; r++) into[r] = into[r]! + allHeld.usage[r]![aj]!;
      else if (allHeld.waitedForCare[aj] === 1) blocking[R_HC] = blocking[R_HC]! + allHeld.usage[R_HC]![aj]!;
    },
  );

  const measures = RESOURCES.map((resource, r): ReleaseMeasures => {
    const spare = totalB[r]! - totalS[r]!;
    const drift = mechanisms.includes("drift") ? phi[mechanisms.indexOf("drift")]![r]! : 0;
    const longerStays = mechanisms.includes("longer_stays") ? phi[mechanisms.indexOf("longer_stays")]![r]! : 0;
    const electives = mechanisms.includes("electives") ? phi[mechanisms.indexOf("electives")]![r]! : 0;
    // Use the all-held run adds beyond removing the avoided patients, less what is explained.
    const unexplained = totalA[r]! - totalB[r]! + expected[r]! - unmet[r]! - added[r]! - blocking[r]!;
    return { resource, expected: expected[r]!, spare, drift, longerStays, electives, unmet: unmet[r]!, added: added[r]!, blocking: blocking[r]!, unexplained };
  });
  return { measures, flipped: flippedDecisions(baseline, scenario, bands) };
}

/** Patients who decided in both runs (results period) and decided differently, by acuity band. */
function flippedDecisions(baseline: PatientLedger, scenario: PatientLedger, bands: number): FlippedDecisions {
  const admittedInstead = new Float64Array(bands);
  const notAdmittedInstead = new Float64Array(bands);
  const direct = new Float64Array(NR);
  matchPatients(baseline, scenario, (bi, sj) => {
    if (baseline.decided[bi] !== 1 || scenario.decided[sj] !== 1) return;
    const band = scenario.band[sj]!;
    const flippedIn = scenario.admitted[sj] === 1 && baseline.admitted[bi] !== 1;
    const flippedOut = baseline.admitted[bi] === 1 && scenario.admitted[sj] !== 1;
    if (flippedIn) admittedInstead[band] = admittedInstead[band]! + 1;
    else if (flippedOut) notAdmittedInstead[band] = notAdmittedInstead[band]! + 1;
    if (flippedIn || flippedOut) for (let r = 0; r < NR; r++) direct[r] = direct[r]! + scenario.usage[r]![sj]! - baseline.usage[r]![bi]!;
  });
  return { admittedInstead, notAdmittedInstead, direct };
}
