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
 * The sequence is sfc32 (Chris Doty-Humphrey's small fast chaotic generator, 128-bit state).
 * Its state is seeded through MurmurHash3's 32-bit finaliser (full avalanche: every key and
 * purpose bit affects every state bit), then mixed for 4 rounds — rather than the 12 rounds a raw
 * seed needs, since a patient resets this stream for every purpose and the reset is the costliest
 * per-patient step. One object is reused for every draw: `reset` then `sample`, no allocation.
 */
export class KeyedStream implements RandomStream {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  /** Positions the stream at the start of the sequence for (keyHi, keyLo, purpose). */
  reset(keyHi: number, keyLo: number, purpose: number): this {
    const p = fmix32(purpose ^ 0x9e3779b9);
    this.a = fmix32(keyHi ^ p);
    this.b = fmix32(keyLo ^ 0x85ebca6b ^ p);
    this.c = fmix32(this.a ^ this.b ^ 0xc2b2ae35);
    this.d = 1;
    this.next32();
    this.next32();
    this.next32();
    this.next32();
    return this;
  }

  /** A uniform in [0, 1) with 53 bits. */
  double(): number {
    const hi = this.next32() >>> 5;
    const lo = this.next32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  private next32(): number {
    const a = this.a;
    const b = this.b;
    const c = this.c;
    const d = (this.d + 1) | 0;
    const t = (((a + b) | 0) + d) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    this.c = (((c << 21) | (c >>> 11)) + t) | 0;
    this.d = d;
    return t >>> 0;
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
