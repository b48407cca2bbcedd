/**
 * The admission decision at the end of ED assessment — the rule acuity drift acts on:
 *
 *   P(admit | acuity band a, pressure u) = logistic(b0 + b1·a + b2·(u − u_ref))
 *
 * with a counted from 1 (least acute) and u the pressure in %: by default the admitting unit's bed
 * pressure (its occupied beds, boarders in the ED included when `pressureIncludesBoarders`, over
 * its beds); or ED crowding, or a weighted mix of the two (`pressureSignal`). b2 < 0 is
 * drift: the fuller the beds, the fewer admitted; b2 = 0 switches it off. Each patient compares
 * its own uniform (keyed by the ED's admit purpose) with this probability, so a patient far from
 * the threshold decides the same way in every scenario and only those near it can flip.
 */
import type { Unit } from "../engine/unit.js";
import type { CompiledEd } from "../model/compiled.js";

/**
 * The pressure the decision responds to, in %: the admitting unit's bed pressure, ED crowding, or
 * a weighted mix (the model's pressureSignal).
 */
export function pressurePct(node: CompiledEd, admitting: Unit | null | undefined, ed: Unit): number {
  const w = node.edCrowdingWeight;
  if (w === 0) return wardPressure(node, admitting);
  const crowding = edCrowding(ed);
  return w === 1 ? crowding : w * crowding + (1 - w) * wardPressure(node, admitting);
}

/** Bed pressure on the admitting unit, in % (boarders included if so set); 0 for an unlimited or empty unit. */
function wardPressure(node: CompiledEd, admitting: Unit | null | undefined): number {
  if (admitting === null || admitting === undefined || !(admitting.capacity > 0) || admitting.capacity === Infinity) return 0;
  const occupied = admitting.busy + (node.pressureIncludesBoarders ? admitting.waiting : 0);
  return (100 * occupied) / admitting.capacity;
}

/** ED crowding, in %: patients in the ED (in cubicles, boarders included, and waiting for one) over its cubicles. */
function edCrowding(ed: Unit): number {
  if (!(ed.capacity > 0) || ed.capacity === Infinity) return 0;
  return (100 * (ed.busy + ed.waiting)) / ed.capacity;
}

/** The probability of admission for acuity band index `band` (0 = least acute) at `pressure` %. */
export function admitProbability(node: CompiledEd, band: number, pressure: number): number {
  const logit = node.b0 + node.b1 * (band + 1) + node.b2 * (pressure - node.referencePct);
  return 1 / (1 + Math.exp(-logit));
}

/** Pressure bands of admission_decisions.csv. */
export const PRESSURE_BANDS = ["<95", "95-100", ">100"] as const;

/** The band of a pressure, as an index into PRESSURE_BANDS. */
export function pressureBand(pressure: number): number {
  return pressure < 95 ? 0 : pressure <= 100 ? 1 : 2;
}
