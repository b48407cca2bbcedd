import { expect, it } from "vitest";
import { estimateDrift, fitAdmissionRule } from "../src/estimate/estimate.js";
import { syntheticEpisodes } from "./helpers/synthetic-episodes.js";

/**
 * Winter confounds pressure with case mix by design: December–February bring 6 more points of
 * pressure, a more acute mix (mean band 2.7 → 3.3) and a higher admission propensity at any band
 * (+0.3 log-odds). The truth is b2 = −0.015. Adjusted for band and the calendar (month), the
 * estimate stays unbiased; the naive estimate (pressure only) reads winter's acute, more often
 * admitted patients as "pressure raises admission": biased upwards, with the wrong sign; adjusted
 * for band alone (no calendar terms), winter's own propensity still leaks into b2.
 */

const TRUTH = -0.015;
const SEEDS = 20;

it("adjusts away winter's case mix and calendar: adjusted unbiased, naive biased upwards", () => {
  const adjusted: number[] = [];
  const naive: number[] = [];
  const bandOnly: number[] = [];
  let covered = 0;
  for (let seed = 1; seed <= SEEDS; seed++) {
    const s = syntheticEpisodes({ n: 10_000, seed: 50 + seed, b0: -4.12, b1: 1.05, b2: TRUTH, winter: { pressurePts: 6, logOdds: 0.3 } });
    const e = estimateDrift(s.data);
    if (e.status !== "estimated") throw new Error(`seed ${seed}: ${e.status}`);
    const b2 = e.coefficients.b2PerPressurePoint;
    adjusted.push(b2.estimate);
    naive.push(e.naive.b2PerPressurePoint.estimate);
    const noCalendar = fitAdmissionRule(s.data, { adjust: [] });
    if (noCalendar.status !== "estimated") throw new Error(`seed ${seed}: ${noCalendar.status}`);
    bandOnly.push(noCalendar.coefficients.b2PerPressurePoint.estimate);
    if (b2.low <= TRUTH && TRUTH <= b2.high) covered++;
  }
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = (xs: number[]): number => Math.sqrt(xs.reduce((a, b) => a + (b - mean(xs)) ** 2, 0) / (xs.length - 1));
  const adjustedBias = mean(adjusted) - TRUTH;
  const naiveBias = mean(naive) - TRUTH;
  console.log(`winter confounding, ${SEEDS} seeds × 10,000 attendances: adjusted mean ${mean(adjusted).toFixed(4)} (bias ${adjustedBias.toFixed(4)}, sd ${sd(adjusted).toFixed(4)}, CI covers ${covered}/${SEEDS}); naive mean ${mean(naive).toFixed(4)} (bias ${naiveBias.toFixed(4)}); band only, no calendar: mean ${mean(bandOnly).toFixed(4)} (bias ${(mean(bandOnly) - TRUTH).toFixed(4)})`);

  // Adjusted: the mean of 20 estimates within 3.5 standard errors of the truth.
  expect(Math.abs(adjustedBias)).toBeLessThan((3.5 * sd(adjusted)) / Math.sqrt(SEEDS));
  // Naive: above the truth in every sample, biased upwards by more than 0.03 per point on average
  // (twice the true effect, so the sign flips).
  for (const b of naive) expect(b).toBeGreaterThan(TRUTH);
  expect(naiveBias).toBeGreaterThan(0.03);
  expect(mean(naive)).toBeGreaterThan(0);
  // Band without the calendar: better than naive, still biased upwards (beyond 3.5 standard errors).
  expect(mean(bandOnly) - TRUTH).toBeGreaterThan((3.5 * sd(bandOnly)) / Math.sqrt(SEEDS));
  expect(mean(bandOnly)).toBeLessThan(mean(naive));
});
