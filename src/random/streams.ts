import seedrandom from "seedrandom";

/**
 * A source of uniform numbers in [0, 1). Every draw in pathflow comes from one of these, and
 * every one of these comes from `createStream`: there is no unseeded path.
 */
export interface RandomStream {
  /** A uniform number in [0, 1) with 53 bits of precision. */
  double(): number;
}

/** The generator behind every stream, as reported in run metadata (STRESS-DES). */
export const GENERATOR_NAME = "seedrandom xor4096 (Brent's xorgens, 4096-bit state), .double()";

/**
 * Stream allocation: one stream per (master seed, replication, source). The stream's seed is the
 * string `pathflow/1/<seed>/<replication>/<source>`, so adding a source never changes what any
 * other source draws, and replication r draws the same numbers whichever worker runs it.
 */
export const STREAM_ALLOCATION =
  "one xor4096 stream per (master seed, replication, source), seeded by the string 'pathflow/1/<seed>/<replication>/<source>'";

export function streamSeed(seed: number | string, replication: number, source: string): string {
  return `pathflow/1/${seed}/${replication}/${source}`;
}

/** The stream for one source of randomness in one replication. */
export function createStream(seed: number | string, replication: number, source: string): RandomStream {
  if (typeof seed === "number" && !Number.isFinite(seed)) throw new RangeError(`seed must be finite, got ${seed}`);
  if (!Number.isInteger(replication) || replication < 0) {
    throw new RangeError(`replication must be a whole number ≥ 0, got ${replication}`);
  }
  return new Xor4096Stream(streamSeed(seed, replication, source));
}

/** Numbers drawn from the generator at a time. */
const BLOCK = 64;

/**
 * seedrandom's xor4096 (Brent's xorgens 4096), drawn a block at a time: seedrandom seeds it and
 * hands over its state; the same steps then run here over a typed array, in one tight loop per
 * block. The numbers and their order are seedrandom's own `double()` (test/stream-determinism
 * tests them against it).
 *
 * Why not call seedrandom per draw: its `double()` is two generator steps behind two closure
 * calls, which V8, inlining them at every call site, let use up most of an event handler's
 * inlining budget; and where it did not inline them, the number came back boxed, an allocation
 * per draw. A draw here is an array read.
 */
class Xor4096Stream implements RandomStream {
  /** The generator's state: 128 words, the position in them, the Weyl counter. */
  private readonly x: Int32Array;
  private i: number;
  private w: number;
  private readonly block = new Float64Array(BLOCK);
  private at = BLOCK;

  constructor(seed: string) {
    const state = seedrandom.xor4096(seed, { state: true }).state();
    this.x = Int32Array.from(state.X);
    this.i = state.i;
    this.w = state.w;
  }

  double(): number {
    if (this.at === BLOCK) this.refill();
    return this.block[this.at++]!;
  }

  private refill(): void {
    for (let k = 0; k < BLOCK; k++) {
      let result = 0;
      do {
        // 53 bits from two steps, as seedrandom's `double`.
        const top = this.next() >>> 11;
        const bottom = (this.next() >>> 0) / 0x100000000;
        result = (top + bottom) / (1 << 21);
      } while (result === 0);
      this.block[k] = result;
    }
    this.at = 0;
  }

  /** One xorgens step (seedrandom's `next`): 32 bits, signed. */
  private next(): number {
    const x = this.x;
    const w = (this.w = (this.w + 0x61c88647) | 0);
    let v = x[(this.i + 34) & 127]!;
    const i = (this.i = (this.i + 1) & 127);
    let t = x[i]!;
    v ^= v << 13;
    t ^= t << 17;
    v ^= v >>> 15;
    t ^= t >>> 12;
    v = x[i] = v ^ t;
    return (v + (w ^ (w >>> 16))) | 0;
  }
}
