/**
 * The per-patient ledger of one replication: who each patient was (stable id, segment, band),
 * whether the intervention avoided them, their admission decision, and their use of each
 * accounted resource within the results period. Release accounting matches the ledgers of two
 * scenarios of one replication patient by patient (experiment/release.ts).
 */
import { growF64 } from "../engine/keyed-heap.js";
import type { PatientLedger, ResourceName } from "../types.js";
import type { Patients } from "./patients.js";
export type { PatientLedger, ResourceName } from "../types.js";

/** Resources whose use is accounted per patient (release accounting), in output order. */
export const RESOURCES: readonly ResourceName[] = ["ambulance_hours", "ed_cubicle_hours", "acute_bed_days", "community_bed_days", "homecare_hours"];
/** Indices into RESOURCES. */
export const R_AMB = 0;
export const R_ED = 1;
export const R_ACUTE = 2;
export const R_COMM = 3;
export const R_HC = 4;
/** Number of accounted resources. */
export const NR = RESOURCES.length;

/** Growable ledger columns. */
export class LedgerBuilder {
  length = 0;
  id = new Float64Array(4096);
  segment = new Uint16Array(4096);
  band = new Uint8Array(4096);
  avoided = new Uint8Array(4096);
  admitted = new Uint8Array(4096);
  decided = new Uint8Array(4096);
  unmet = new Uint8Array(4096);
  waitedForCare = new Uint8Array(4096);
  usage: Float32Array[] = RESOURCES.map(() => new Float32Array(4096));
  blocked: Float32Array[] = RESOURCES.map(() => new Float32Array(4096));

  /** Books patient `slot` (avoided: the intervention avoided it, so it used nothing). */
  push(P: Patients, slot: number, avoided: boolean): void {
    const usage = P.useAmount;
    // A patient who used nothing, was not avoided and was not turned away adds nothing to any release measure.
    if (!avoided && P.unmet[slot] !== 1 && P.waitedForCare[slot] !== 1) {
      let any = false;
      for (let r = 0; r < NR; r++) if (usage[slot * NR + r]! > 0) any = true;
      if (!any) return;
    }
    if (this.length === this.id.length) this.grow();
    const i = this.length++;
    this.id[i] = P.id[slot]!;
    this.segment[i] = P.segment[slot]!;
    this.band[i] = P.band[slot]!;
    this.avoided[i] = avoided ? 1 : 0;
    this.admitted[i] = P.admitted[slot] === 1 ? 1 : 0;
    this.decided[i] = P.decided[slot] === 1 ? 1 : 0;
    this.unmet[i] = P.unmet[slot] === 1 ? 1 : 0;
    this.waitedForCare[i] = P.waitedForCare[slot] === 1 ? 1 : 0;
    for (let r = 0; r < NR; r++) {
      this.usage[r]![i] = avoided ? 0 : usage[slot * NR + r]!;
      this.blocked[r]![i] = avoided ? 0 : P.blockAmount[slot * NR + r]!;
    }
  }

  /** The ledger as views of the builder's arrays (no copy: the builder is discarded). */
  finish(): PatientLedger {
    const n = this.length;
    return {
      id: this.id.subarray(0, n),
      segment: this.segment.subarray(0, n),
      band: this.band.subarray(0, n),
      avoided: this.avoided.subarray(0, n),
      admitted: this.admitted.subarray(0, n),
      decided: this.decided.subarray(0, n),
      unmet: this.unmet.subarray(0, n),
      waitedForCare: this.waitedForCare.subarray(0, n),
      usage: this.usage.map((u) => u.subarray(0, n)),
      blocked: this.blocked.map((u) => u.subarray(0, n)),
      length: n,
    };
  }

  private grow(): void {
    const n = this.id.length * 2;
    this.id = growF64(this.id, n);
    const grow8 = (a: Uint8Array): Uint8Array<ArrayBuffer> => {
      const b = new Uint8Array(n);
      b.set(a);
      return b;
    };
    const segment = new Uint16Array(n);
    segment.set(this.segment);
    this.segment = segment;
    this.band = grow8(this.band);
    this.avoided = grow8(this.avoided);
    this.admitted = grow8(this.admitted);
    this.decided = grow8(this.decided);
    this.unmet = grow8(this.unmet);
    this.waitedForCare = grow8(this.waitedForCare);
    const grow32 = (u: Float32Array): Float32Array => {
      const b = new Float32Array(n);
      b.set(u);
      return b;
    };
    this.usage = this.usage.map(grow32);
    this.blocked = this.blocked.map(grow32);
  }
}
