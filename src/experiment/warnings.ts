/**
 * Warnings for answers that should not be taken at face value. Each is printed with the summary,
 * written to warnings.csv and shown at the top of report.html.
 *
 * - saturated_baseline: a scenario that others are compared with (the baseline, or a compareWith
 *   target) has a daily occupancy series — G&A or community beds — whose mean over replications is
 *   at or above SATURATED_PCT on at least SATURATED_SHARE of the results days. A hospital pinned
 *   at full cannot show released capacity as lower occupancy, and its queues grow with the run
 *   length: release figures against it describe a gridlocked system.
 * - mixed_supply_and_demand: a scenario differs from what it is compared with both in demand (any
 *   segment) and in capacity (beds or servers, ED cubicles, ambulance vehicles, home-care hours or
 *   their efficiency), compared on the resolved models. Its release accounting then mixes the
 *   capacity freed by avoided patients with the capacity added, and neither can be read alone.
 * - precision_not_reached: `--reps auto` stopped at its cap (--max-reps) before the headline
 *   KPIs' 95% confidence intervals were as narrow as asked.
 * - census_states_shared: a run from a census whose states are fewer than its replications, but
 *   more than one (a census of several replications' states, `pathflow census --reps`): some
 *   replications start from the same state, so the confidence intervals leave out part of the
 *   spread of starting states. (One state for every replication — an analyst's own census of
 *   today — is the question asked, not a shortfall: no warning.)
 * - census_own_states_accounting: a scenario whose release is accounted started from census states
 *   of its own while what it is compared with started from others (`pathflow census --scenario
 *   all`). Its KPIs are its steady state, but the accounting's counterfactual runs (the scenario
 *   with a mechanism held at the reference's behaviour) have no states of their own: they start
 *   with the scenario's history, so the held mechanisms come out too small until a long warm-up
 *   has let them settle (models/README.md, "Warm start": drift absorption 4,445 against 6,025 after
 *   30 days).
 */
import { capacityPart, changedCapacity, changedSegments, demandPart } from "./scenario-parts.js";
import { MATCH_TOLERANCE_POINTS } from "./drift-range.js";
import { worstMatch } from "./narrative.js";
import { driftRangeTable } from "./summaries.js";
import type { ExperimentPlan, ExperimentResult, TrustWarning, TrustWarningCode } from "../types.js";

/** A daily occupancy at or above this, in %, counts as a full day. */
export const SATURATED_PCT = 99;
/** The share of results days at or above SATURATED_PCT that makes a baseline saturated. */
export const SATURATED_SHARE = 0.25;

/** The daily series the saturation check reads, with the words for them. */
const OCCUPANCY_SERIES: Readonly<Record<string, string>> = {
  ga_occupancy_pct: "G&A bed occupancy",
  community_occupancy_pct: "community bed occupancy",
};

/** What each warning means (for the glossary). */
export const WARNING_MEANINGS: Readonly<Record<TrustWarningCode, string>> = {
  saturated_baseline: `A scenario others are compared with is saturated: its mean daily G&A or community bed occupancy was ${SATURATED_PCT}% or more on at least ${100 * SATURATED_SHARE}% of results days. Released capacity cannot show as lower occupancy in full beds, and their queues grow with the run length`,
  mixed_supply_and_demand: "A scenario changes both demand (a population segment) and capacity (beds, cubicles, vehicles or home-care hours) against what it is compared with: its release accounting mixes capacity freed by avoided demand with capacity added, so the run also reports it split by counterfactual into a demand part and a capacity part",
  precision_not_reached: "With --reps auto, the run stopped at --max-reps before the headline KPIs' 95% confidence intervals (or, with --target release-ratio, the release ratios') were within the target precision: the intervals are wider than asked for",
  drift_range_unmatched: "The drift range's baselines are more than 0.2 points of G&A occupancy from the model as given (intercepts matched on other replications: another run length, seed or number of replications): the release across drift strengths is not like for like",
  census_states_shared: "The run started from a census holding fewer states (pathflow census --reps) than it has replications: some replications started from the same state, so the confidence intervals leave out part of the spread between starting states",
  census_own_states_accounting: "A scenario whose release is accounted started from census states of its own while what it is compared with started from others: its KPIs are its own steady state, but the accounting's counterfactual runs start with the scenario's history, so drift and the other held mechanisms come out too small unless the warm-up after the census is long (months on the default ICS)",
};

/** Capacity fields of each node type: a change to any of them changes supply. */
/** Every warning for an experiment's result; `plan` is the plan it ran (its resolved scenarios). */
export function trustWarnings(plan: ExperimentPlan, result: ExperimentResult): TrustWarning[] {
  return [...saturatedBaselines(result), ...mixedScenarios(plan, result), ...precisionWarning(result), ...unmatchedDriftRange(result), ...sharedCensusStates(plan, result), ...ownStatesAccounting(plan, result)];
}

function ownStatesAccounting(plan: ExperimentPlan, result: ExperimentResult): TrustWarning[] {
  const census = plan.census;
  if (census === undefined) return [];
  const owner = (scenario: string): string | null => census.states[scenario]?.[0]?.[0]?.scenario ?? null;
  const warnings: TrustWarning[] = [];
  for (const scenario of result.scenarios) {
    const reference = result.comparedWith[scenario] ?? result.baseline;
    if (scenario === reference || owner(scenario) !== scenario || owner(reference) === scenario) continue;
    warnings.push({
      code: "census_own_states_accounting",
      scenario,
      message:
        `${scenario} started from census states of its own and ${reference}, which it is compared with, from ${owner(reference) === null ? "the census's shared states" : `${owner(reference)}'s`}: its KPIs are its own steady state, but its release accounting's counterfactual runs (${scenario} with a mechanism held at ${reference}'s behaviour) start with ${scenario}'s history, so drift and the other held mechanisms come out too small unless the ${plan.settings.warmupDays}-day warm-up after the census has let them settle (months on the default ICS). ` +
        `For the accounting, start every scenario from ${reference}'s states (a census of ${reference} alone) with a long warm-up (models/README.md, "Warm start").`,
    });
  }
  return warnings;
}

function sharedCensusStates(plan: ExperimentPlan, result: ExperimentResult): TrustWarning[] {
  const census = plan.census;
  const reps = result.replications.completed;
  if (census === undefined) return [];
  const short = plan.scenarios.filter((s) => {
    const k = census.states[s]?.length ?? 1;
    return k > 1 && k < reps;
  });
  if (short.length === 0) return [];
  const k = Math.min(...short.map((s) => census.states[s]!.length));
  return [
    {
      code: "census_states_shared",
      scenario: "",
      message:
        `The census ${census.file} holds ${k} state${k === 1 ? "" : "s"} of ${short.join(", ")} for ${reps} replications: replication r started from state r mod ${k}, so some replications shared a starting state and the confidence intervals leave out part of the spread between starting states. ` +
        `Write a census with at least as many states (pathflow census --reps ${reps}), or run at most ${k} replications.`,
    },
  ];
}

/** The share of days at or above SATURATED_PCT in a series of daily means. */
export function fullDays(series: ArrayLike<number>): { full: number; days: number } {
  let full = 0;
  for (let i = 0; i < series.length; i++) if (series[i]! >= SATURATED_PCT) full++;
  return { full, days: series.length };
}

function saturatedBaselines(result: ExperimentResult): TrustWarning[] {
  const references = [result.baseline, ...result.scenarios.map((s) => result.comparedWith[s] ?? result.baseline)];
  const comparedWith = (ref: string): string[] => result.scenarios.filter((s) => s !== ref && (result.comparedWith[s] ?? result.baseline) === ref);
  const n = Math.max(1, result.replications.completed);
  const warnings: TrustWarning[] = [];
  for (const ref of new Set(references)) {
    const daily = result.daily[ref];
    if (daily === undefined) continue;
    const saturated: string[] = [];
    for (const [metric, words] of Object.entries(OCCUPANCY_SERIES)) {
      const acc = daily[metric];
      if (acc === undefined || acc.sum.length === 0) continue;
      const { full, days } = fullDays(Array.from(acc.sum, (s) => s / n));
      if (full >= SATURATED_SHARE * days) saturated.push(`${words} on ${full} of ${days} results days (${Math.round((100 * full) / days)}%)`);
    }
    if (saturated.length === 0) continue;
    const others = comparedWith(ref);
    const against = others.length === 0 ? "" : ` (${others.join(", ")} ${others.length === 1 ? "is" : "are"} compared with it)`;
    warnings.push({
      code: "saturated_baseline",
      scenario: ref,
      message:
        `${ref}${against} is saturated: its mean daily occupancy was ${SATURATED_PCT}% or more — ${saturated.join("; ")}. ` +
        "Beds pinned at full cannot show released capacity as lower occupancy, and their queues grow with the run length, so release figures against it describe a gridlocked system. Compare with a baseline that is not full (more capacity, or the admission rule re-matched to a realistic occupancy).",
    });
  }
  return warnings;
}

function mixedScenarios(plan: ExperimentPlan, result: ExperimentResult): TrustWarning[] {
  const specs = new Map(plan.variants.map((v) => [v.scenario, v.spec]));
  const warnings: TrustWarning[] = [];
  for (const scenario of result.scenarios) {
    const ref = result.comparedWith[scenario] ?? result.baseline;
    const a = specs.get(scenario);
    const b = specs.get(ref);
    if (scenario === ref || a === undefined || b === undefined) continue;
    const demand = changedSegments(a, b);
    const supply = changedCapacity(a, b);
    if (demand.length === 0 || supply.length === 0) continue;
    warnings.push({
      code: "mixed_supply_and_demand",
      scenario,
      message:
        `${scenario} changes both demand (${demand.join(", ")}) and capacity (${supply.join(", ")}) against ${ref}: its release accounting mixes the capacity freed by avoided patients with the capacity added, so neither can be read on its own. ` +
        `The run splits it by counterfactual into ${demandPart(scenario)}, its demand change alone against ${ref}, and ${capacityPart(scenario)}, its capacity change against the demand part.`,
    });
  }
  return warnings;
}

function unmatchedDriftRange(result: ExperimentResult): TrustWarning[] {
  const worst = worstMatch(driftRangeTable(result));
  if (worst === null || worst <= MATCH_TOLERANCE_POINTS) return [];
  return [
    {
      code: "drift_range_unmatched",
      scenario: result.baseline,
      message:
        `The drift range's baselines are up to ${worst.toFixed(1)} points of G&A occupancy from the model as given (the match asks for ${MATCH_TOLERANCE_POINTS}): their intercepts were matched on other replications (another run length, seed or number of replications), so the release across drift strengths is not like for like. ` +
        "Run with --drift-range (e.g. --drift-range 0,-0.015,-0.03) to have the intercepts matched for this run, or run at the model's own length.",
    },
  ];
}

function precisionWarning(result: ExperimentResult): TrustWarning[] {
  const p = result.replications.precision;
  if (p === undefined || p.reached || result.state !== "complete") return [];
  return [
    {
      code: "precision_not_reached",
      scenario: "",
      message:
        (p.what === "release-ratio"
          ? `With --reps auto --target release-ratio, the run stopped at its cap of ${p.maxReplications} replications (--max-reps) before every scenario's release ratio had a 95% confidence interval within ±${p.target} (--precision ${p.target}): `
          : `With --reps auto, the run stopped at its cap of ${p.maxReplications} replications (--max-reps) before every headline KPI's 95% confidence interval was within ${formatPct(p.target)} of its mean (--precision ${p.target}): `) +
        "the intervals are wider than asked for. Raise --max-reps, or accept a looser --precision.",
    },
  ];
}

function formatPct(fraction: number): string {
  return `${Number((100 * fraction).toPrecision(3))}%`;
}
