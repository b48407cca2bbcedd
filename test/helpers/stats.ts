/** Deterministic inputs for the statistics tests. */
import { TimeWeighted } from "../../src/engine/stats.js";

/** 32-bit LCG (Numerical Recipes constants): uniform in (0, 1), deterministic. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 4294967296;
  };
}

// Step function: level 2 on [0,3), 5 on [3,4), 0 on [4,10).
// Area = 2·3 + 5·1 + 0·6 = 11, so the mean at t = 10 is 1.1.
export function stepFunction(threshold?: number): TimeWeighted {
  const tw = threshold === undefined ? new TimeWeighted(0, 2) : new TimeWeighted(0, 2, { threshold });
  tw.update(3, 5);
  tw.update(4, 0);
  return tw;
}
