/**
 * Case 15 — drift strength estimated from pathflow's own ED episodes (issue 17): the loop
 * measure → estimate → simulate closed on data whose truth is known.
 *
 * The default ICS model is run at three known drift strengths (b2 = 0, −0.015, −0.03 per
 * occupancy point, each with the intercept of the model file's admission.driftRange, which holds
 * the model's occupancy), each on many independent seeds. Each run's ED decisions are written as
 * `run --episodes` writes them (io/episodes.ts: arrival date-time in the model's calendar, acuity
 * band, admitted, pressure at the decision), read back by estimate-drift's own reader and fitted
 * with its adjusted model (acuity band, hour, weekday, month). Checks:
 * - the file holds exactly the decisions the model counted (every run);
 * - at each strength, the mean estimate over seeds equals the truth (t-test);
 * - the 95% profile-likelihood intervals cover the truth in about 95% of fits: an exact binomial
 *   test of 95% coverage does not reject (1% level), and with 60 fits or more the coverage lies
 *   in 90–99% (the issue's rule);
 * - reported beside them: each strength's coverage, and the naive estimate's bias — a logistic of
 *   admitted against pressure alone, with no acuity or calendar, on the same episodes.
 *
 * The runs are short (60 days' warm-up, a few months' results): the admission rule holds at
 * every decision whether or not the hospital has settled, so a warm-up long enough to fill the
 * wards is all the estimate needs.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadModel } from "../src/model/load.js";
import type { CompiledEd } from "../src/model/compiled.js";
import { withAdmission } from "../src/experiment/drift-range.js";
import { EPISODE_COLUMNS, EpisodeLog } from "../src/io/episodes.js";
import { partFile } from "../src/io/parts.js";
import { modelTimeZeroMs } from "../src/calendar.js";
import { readEpisodes } from "../src/estimate/read.js";
import { estimateDrift } from "../src/estimate/estimate.js";
import { commandFor, compare, compileLoaded, exact, fmt, info, runReplications, timed, type HarnessModel, type RunSettings, type ValidationCase, type ValidationRow } from "./harness.js";
import { ICS_DEFAULT } from "./littles-law.js";

const CASE = 15;
const FIRST_SEED = 1101;
const STRENGTHS = [0, -0.015, -0.03] as const;
const WARMUP_DAYS = 60;
/** Results period: a quarter at full settings; a month at quick settings. */
const DAYS = { full: 91, quick: 30 } as const;
/** Fewest fits for which the issue's 90–99% window is applied (below it, chance alone leaves it too often). */
const WINDOW_FITS = 60;

interface Fit {
  readonly truth: number;
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
  readonly naive: number;
  /** Rows of the episodes file minus the decisions the model counted. */
  readonly missing: number;
  readonly n: number;
}

/** Two-sided exact binomial p-value of k successes in n at probability p (sum of outcomes no likelier than k). */
export function binomialTwoSided(k: number, n: number, p: number): number {
  const logPmf = (i: number): number => logChoose(n, i) + i * Math.log(p) + (n - i) * Math.log(1 - p);
  const at = logPmf(k);
  let sum = 0;
  for (let i = 0; i <= n; i++) {
    const l = logPmf(i);
    if (l <= at + 1e-9) sum += Math.exp(l);
  }
  return Math.min(1, sum);
}

function logChoose(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i);
  return s;
}

function edOf(model: HarnessModel): CompiledEd {
  const ed = model.nodes.find((n): n is CompiledEd => n.kind === "ed");
  if (ed === undefined) throw new Error(`${model.name} has no ED`);
  return ed;
}

export const driftEstimateCase: ValidationCase = {
  id: CASE,
  slug: "drift-estimate",
  title: "Drift strength estimated from the model's own ED episodes: known b2 recovered, 95% intervals cover the truth",
  // Seeds per drift strength (one replication each).
  reps: { full: 30, quick: 6 },
  async run(settings: RunSettings) {
    const loaded = await loadModel(ICS_DEFAULT);
    const days = settings.quick ? DAYS.quick : DAYS.full;
    const admission = (loaded.model.nodes as Record<string, { type: string; admission?: { driftRange?: { b2PerOccupancyPoint: number[]; b0?: number[] } } }>)["ed"]?.admission;
    const range = admission?.driftRange;
    if (range?.b0 === undefined) throw new Error(`${ICS_DEFAULT} has no admission.driftRange with intercepts`);
    const b0Of = (b2: number): number => {
      const i = range.b2PerOccupancyPoint.indexOf(b2);
      if (i < 0) throw new Error(`${ICS_DEFAULT}'s admission.driftRange has no strength ${b2}`);
      return range.b0![i]!;
    };
    const dir = mkdtempSync(join(tmpdir(), "pathflow-case15-"));
    try {
      return timed(CASE, this.title, settings.reps, () => {
        const command = commandFor(CASE);
        const base = compileLoaded(loaded);
        const ed = edOf(base);
        const timeZero = modelTimeZeroMs(loaded.model.run, WARMUP_DAYS, days);
        const csv = join(dir, "episodes.csv");
        const fits: Fit[] = [];
        for (const truth of STRENGTHS) {
          const model: HarnessModel = { ...withAdmission(base, ed.id, truth, b0Of(truth)), run: base.run };
          for (let s = 0; s < settings.reps; s++) {
            const seed = FIRST_SEED + s;
            let log: EpisodeLog | undefined;
            const [result] = runReplications(model, {
              label: `case 15: ics-default, b2 = ${truth}, seed ${seed}`,
              reps: 1,
              seed,
              days,
              warmupDays: WARMUP_DAYS,
              decisions: (r) => {
                log = EpisodeLog.open(dir, r, timeZero);
                return log.sink("baseline");
              },
            });
            log!.close();
            // As `run --episodes` joins a part under its header (io/parts.ts).
            const part = partFile(dir, "episodes", 0);
            writeFileSync(csv, `${EPISODE_COLUMNS.join(",")}\n${readFileSync(part, "utf8")}`);
            rmSync(part);
            const { data } = readEpisodes({ episodesFile: csv, maxFileBytes: 2 ** 30, where: [{ column: "scenario", value: "baseline" }] });
            const counted = Object.values(result!.admissionDecisionsByPressure).reduce((a, b) => a + b.decisions, 0);
            const e = estimateDrift(data, { referencePct: ed.referencePct });
            if (e.status !== "estimated") throw new Error(`b2 = ${truth}, seed ${seed}: no estimate (${e.status}: ${e.reason})`);
            const b2 = e.coefficients.b2PerPressurePoint;
            fits.push({ truth, estimate: b2.estimate, low: b2.low, high: b2.high, naive: e.naive.b2PerPressurePoint.estimate, missing: data.n - counted, n: data.n });
          }
        }

        const rows: ValidationRow[] = [];
        let k = 0;
        const next = (): string => `${CASE}.${String(++k).padStart(2, "0")}`;
        const family = STRENGTHS.length;
        const perFit = `${settings.reps} seeds × ${days} days after ${WARMUP_DAYS} days' warm-up`;
        rows.push(
          exact(
            { id: next(), checks: `episodes written (io/episodes.ts) and read back (estimate-drift's reader) = the model's own count of ED decisions in the results period, every run (sum of differences over ${fits.length} runs)`, reference: 0, source: "src/pathway/ counts at each decision", command, digits: 0 },
            fits.reduce((a, f) => a + Math.abs(f.missing), 0),
            fits.length,
            0,
          ),
        );
        for (const truth of STRENGTHS) {
          const mine = fits.filter((f) => f.truth === truth);
          const covered = mine.filter((f) => f.low <= truth && truth <= f.high).length;
          const attendances = Math.round(mine.reduce((a, f) => a + f.n, 0) / mine.length);
          rows.push(
            compare(
              { id: next(), checks: `b2 = ${truth}: mean adjusted estimate of b2 over ${perFit} (about ${attendances.toLocaleString("en-GB")} attendances each) = the truth`, reference: truth, source: "the b2 the model ran with", command, digits: 4 },
              mine.map((f) => f.estimate),
              { family },
            ),
            info(
              { id: next(), checks: `b2 = ${truth}: share of 95% profile-likelihood intervals covering the truth, % (${covered} of ${mine.length})`, reference: 95, source: "nominal level", command, digits: 1 },
              mine.map((f) => (f.low <= truth && truth <= f.high ? 100 : 0)),
              "reported; the pooled coverage below is judged",
            ),
            info(
              { id: next(), checks: `b2 = ${truth}: naive estimate (admitted against pressure alone, no acuity or calendar) minus the truth, per point`, reference: 0, source: "unbiased would be 0", command, digits: 4 },
              mine.map((f) => f.naive - truth),
              "reported: the bias of what a raw admitted share against occupancy says",
            ),
          );
        }
        const covered = fits.filter((f) => f.low <= f.truth && f.truth <= f.high).length;
        const coverage = (100 * covered) / fits.length;
        const p = binomialTwoSided(covered, fits.length, 0.95);
        const inWindow = coverage >= 90 && coverage <= 99;
        const windowApplies = fits.length >= WINDOW_FITS;
        rows.push({
          id: next(),
          checks: `all strengths: share of 95% intervals covering the truth, % (${covered} of ${fits.length} fits)`,
          reference: 95,
          source: "nominal level of the interval",
          simMean: coverage,
          ciLow: null,
          ciHigh: null,
          reps: fits.length,
          criterion: `exact binomial test of 95% coverage not rejected at 1% (p = ${fmt(p, 3)})${windowApplies ? "; and within 90–99%" : `; the 90–99% window is applied from ${WINDOW_FITS} fits (full settings)`}`,
          verdict: p >= 0.01 && (!windowApplies || inWindow) ? "pass" : "fail",
          command,
          digits: 1,
        });
        const naiveBias = STRENGTHS.map((truth) => {
          const mine = fits.filter((f) => f.truth === truth);
          return mine.reduce((a, f) => a + f.naive - truth, 0) / mine.length;
        });
        const adjustedOffset = STRENGTHS.map((truth) => {
          const mine = fits.filter((f) => f.truth === truth);
          return mine.reduce((a, f) => a + f.estimate - truth, 0) / mine.length;
        });
        const notes = [
          `The default ICS model at b2 = ${STRENGTHS.join(", ")} per occupancy point (intercepts from its admission.driftRange), ${perFit} per strength, seeds ${FIRST_SEED}–${FIRST_SEED + settings.reps - 1}. Each run's ED decisions are written as \`run --episodes\` writes them and fitted as \`pathflow estimate-drift\` fits them (acuity band, hour of day, weekday, month; profile-likelihood interval for b2).`,
          `The adjusted estimate is off by ${adjustedOffset.map((b, i) => `${b >= 0 ? "+" : ""}${b.toFixed(4)} at b2 = ${STRENGTHS[i]}`).join(", ")} per point on average (read against each row's interval: a shift of the same sign at every strength, within the family-wise tolerance, is worth a look at what else in the model moves admissions with pressure).`,
          `The naive estimate — admitted against pressure alone — is off by ${naiveBias.map((b, i) => `${b >= 0 ? "+" : ""}${b.toFixed(4)} at b2 = ${STRENGTHS[i]}`).join(", ")} per point on average: acuity and the calendar move with pressure in this model, so a raw admitted share against occupancy mixes case mix into drift.`,
        ];
        return { rows, notes };
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
