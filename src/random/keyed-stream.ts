import type { RandomStream } from "./streams.js";

/**
 * Per-patient, per-purpose random numbers for common random numbers across scenarios.
 *
 * When a patient arrives, two 32-bit keys are drawn for it from its source's xor4096 stream.
 * Every later draw for that patient — its acuity, its route, its assessment time, its admission
 * uniform, its length of stay — comes from a short sequence determined by (keys, purpose) alone.
 * So a patient's numbers never depend on what happened before, on which route it took, or on
 * what other patients did: the same person gets the same draws in every scenario, and a patient
 * taking a different route shifts nobody else's numbers.
 *
 * The sequence is counter-based: the n-th draw is a hash of (keys, purpose, n), built from
 * MurmurHash3's 32-bit finaliser (full avalanche: every input bit affects every output bit), so
 * positioning the stream costs two hashes and each draw two more — no state to warm up, which
 * matters because a patient repositions it for every purpose. One object is reused for every
 * draw: `reset` then `sample`, no allocation.
 */
export class KeyedStream implements RandomStream {
  /** Hash of (keyHi, purpose) and of (keyLo, that): the sequence's two 32-bit seeds. */
  private h1 = 0;
  private h2 = 0;
  private counter = 0;

  /** Positions the stream at the start of the sequence for (keyHi, keyLo, purpose). */
  reset(keyHi: number, keyLo: number, purpose: number): this {
    this.h1 = fmix32(keyHi ^ Math.imul(purpose, 0x9e3779b9));
    this.h2 = fmix32(keyLo ^ this.h1 ^ 0x85ebca6b);
    this.counter = 0;
    return this;
  }

  /** A uniform in [0, 1) with 53 bits: two hashes of (seeds, counter). */
  double(): number {
    const c = (this.counter = (this.counter + 1) | 0);
    const x = fmix32(this.h1 ^ Math.imul(c, 0xcc9e2d51));
    const y = fmix32(this.h2 ^ x ^ Math.imul(c, 0x1b873593));
    return ((x >>> 5) * 67108864 + (y >>> 6)) / 9007199254740992;
  }
}

/** MurmurHash3's 32-bit finaliser. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** A stable 32-bit number for a purpose name (FNV-1a), e.g. "acute/los". */
export function purposeId(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
