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
  return seedrandom.xor4096(streamSeed(seed, replication, source));
}
