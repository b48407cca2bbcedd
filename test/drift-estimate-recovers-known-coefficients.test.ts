import { describe, expect, it } from "vitest";
import { fitAdmissionRule } from "../src/estimate/estimate.js";
import { syntheticEpisodes } from "./helpers/synthetic-episodes.js";

/**
 * The estimator recovers the coefficients of a known admission rule, and its 95% intervals cover
 * the truth about 95% of the time: episodes drawn from logit P(admit) = b0 + b1·band +
 * b2·(pressure − 92) + a night-time effect, for b2 = 0, −0.015 and −0.03, 80 seeds each, 5,000
 * attendances a year. Coverage is pooled over the 240 fits (binomial sd ≈ 1.4 points, so 90–99%
 * fails a true 95% with probability < 0.5%); per-value coverage is printed. b0 is compared with
 * the intercept of an average-calendar attendance in that sample (weighted effect coding).
 */

const B0 = -4.12;
const B1 = 1.05;
const SEEDS = 80;
const N = 5000;

describe("the drift estimator on episodes from a known rule", () => {
  const covered = { b0: 0, b1: 0, b2: 0, fits: 0 };
  for (const b2 of [0, -0.015, -0.03]) {
    it(`recovers b2 = ${b2}: unbiased, 95% profile intervals`, () => {
      const estimates: number[] = [];
      const standardErrors: number[] = [];
      let b2Covered = 0;
      for (let seed = 1; seed <= SEEDS; seed++) {
        const s = syntheticEpisodes({ n: N, seed: 1000 * seed + Math.round(-1000 * b2), b0: B0, b1: B1, b2, nightEffect: 0.3 });
        const rule = fitAdmissionRule(s.data);
        if (rule.status !== "estimated") throw new Error(`seed ${seed}: ${rule.status}`);
        const c = rule.coefficients;
        expect(c.b2PerPressurePoint.ciMethod).toBe("profile likelihood");
        estimates.push(c.b2PerPressurePoint.estimate);
        standardErrors.push(c.b2PerPressurePoint.se);
        const inside = (x: { low: number; high: number }, truth: number): number => (x.low <= truth && truth <= x.high ? 1 : 0);
        b2Covered += inside(c.b2PerPressurePoint, b2);
        covered.b2 += inside(c.b2PerPressurePoint, b2);
        covered.b1 += inside(c.b1PerAcuityBand, B1);
        covered.b0 += inside(c.b0, s.b0Target);
        covered.fits++;
      }
      const mean = estimates.reduce((a, b) => a + b, 0) / SEEDS;
      const sd = Math.sqrt(estimates.reduce((a, b) => a + (b - mean) ** 2, 0) / (SEEDS - 1));
      const meanSe = standardErrors.reduce((a, b) => a + b, 0) / SEEDS;
      console.log(`b2 = ${b2}: mean estimate ${mean.toFixed(5)} (sd over seeds ${sd.toFixed(5)}, mean reported se ${meanSe.toFixed(5)}), 95% CI covers the truth in ${b2Covered}/${SEEDS}`);
      // Unbiased: the mean of 80 estimates within 3.5 standard errors of the truth.
      expect(Math.abs(mean - b2)).toBeLessThan((3.5 * sd) / Math.sqrt(SEEDS));
      // The reported standard error is the real spread (an sd from 80 fits is known to about ±8%).
      expect(meanSe / sd).toBeGreaterThan(0.75);
      expect(meanSe / sd).toBeLessThan(1.33);
    });
  }

  it("95% intervals cover the truth in 90–99% of fits (b2 profile; b0, b1 Wald)", () => {
    expect(covered.fits).toBe(3 * SEEDS);
    const share = (k: number): number => k / covered.fits;
    console.log(`coverage over ${covered.fits} fits: b2 ${share(covered.b2).toFixed(3)}, b1 ${share(covered.b1).toFixed(3)}, b0 ${share(covered.b0).toFixed(3)}`);
    for (const k of [covered.b2, covered.b1, covered.b0]) {
      expect(share(k)).toBeGreaterThanOrEqual(0.9);
      expect(share(k)).toBeLessThanOrEqual(0.99);
    }
  });
});
