/**
 * The planner's summary (summary.md, and stdout): one short paragraph per scenario in plain words
 * — the drift range first, then where the capacity went, then flow — with consistent signs,
 * sensible rounding and intervals labelled as 95% CIs, and a closing line on what to measure
 * locally to narrow the range.
 */
import type { ExperimentResult } from "./experiment.js";
import type { MeasuredDrift } from "../types.js";
import { MATCH_TOLERANCE_POINTS } from "./drift-range.js";
import { driftRangeTable, kpiDifferences, ratioProblem, releaseRatios, releaseTable, scenarioKind, type DriftRangeRow, type ReleaseRow } from "./summaries.js";

export const RESOURCE_WORDS: Record<string, string> = {
  ambulance_hours: "ambulance crew hours",
  ed_cubicle_hours: "ED cubicle hours",
  acute_bed_days: "acute bed-days",
  community_bed_days: "community bed-days",
  homecare_hours: "home-care hours",
};

const FLOW_WORDS: Record<string, [string, string]> = {
  ed_boarding_hours: ["ED boarding", "hours"],
  handover_hours_lost_over_15: ["handover hours lost beyond 15 minutes", "hours"],
  amb_c2_mean_min: ["the C2 mean response", "minutes"],
  ed_4h_pct: ["4-hour performance", "points"],
  nctr_bed_days: ["bed-days held by patients with no criteria to reside", "bed-days"],
  homecare_waiting_mean_people: ["the home-care waiting list", "people"],
};

/** Absorbers in the order a planner reads them, with their words. */
const ABSORBERS: readonly [string, string][] = [
  ["absorbed_by_drift", "acuity drift (admissions that would not have happened at the old threshold, knock-on included)"],
  ["absorbed_by_longer_stays", "longer stays"],
  ["absorbed_by_elective_backfill", "elective backfill (beds taken by electives that would otherwise have been cancelled)"],
  ["absorbed_by_previously_unmet_demand", "demand that went unmet before (gave up, turned away, still waiting at the end)"],
  ["absorbed_by_added_demand", "added demand"],
  ["absorbed_by_changed_blocking", "changed blocking (boarding, delayed discharges, handover waits)"],
  ["unexplained", "unexplained"],
];

/** Absorbers' short names, once the paragraph has explained them. */
const SHORT_NAMES: Record<string, string> = {
  absorbed_by_drift: "drift",
  absorbed_by_longer_stays: "longer stays",
  absorbed_by_elective_backfill: "elective backfill",
  absorbed_by_previously_unmet_demand: "previously unmet demand",
  absorbed_by_added_demand: "added demand",
  absorbed_by_changed_blocking: "changed blocking",
  unexplained: "unexplained",
};

/** The resource the headline is about: acute beds where the model has them. */
const HEADLINE_RESOURCES = ["acute_bed_days", "community_bed_days", "homecare_hours", "ed_cubicle_hours", "ambulance_hours"];

/** Numbers as planners read them: thousands separated, sensible precision, zero as 0. */
export function readable(x: number): string {
  const abs = Math.abs(x);
  if (abs < 0.005) return "0";
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return x.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function ci(row: { ci_low: number | null; ci_high: number | null } | undefined): string {
  if (row === undefined || row.ci_low === null || row.ci_high === null) return "";
  return ` (95% CI ${readable(row.ci_low)} to ${readable(row.ci_high)})`;
}

/** A row negated (a rise reported as a positive number). */
function negated(row: ReleaseRow): ReleaseRow {
  return { ...row, mean: -row.mean, ci_low: row.ci_high === null ? null : -row.ci_high, ci_high: row.ci_low === null ? null : -row.ci_low };
}

function strengthWords(row: DriftRangeRow): string {
  const b2 = row.drift_strength;
  const what = b2 === 0 ? "no drift" : `b2 = ${b2}`;
  return row.intercept_source === "model" ? `${what}, as modelled` : what;
}

/** The drift-range sentence of a scenario for one resource, or null. */
function rangeSentence(rows: readonly DriftRangeRow[], words: string, across: string): string | null {
  if (rows.length < 2) return null;
  const sorted = [...rows].sort((a, b) => b.drift_strength - a.drift_strength);
  const parts = sorted.map((r) => (r.release_ratio === null ? `no informative ratio (${strengthWords(r)})` : `${r.release_ratio.toFixed(2)}${ci(r)} (${strengthWords(r)})`));
  const worst = worstMatch(rows);
  const matched =
    worst === null
      ? ""
      : worst <= MATCH_TOLERANCE_POINTS
        ? ` Each baseline is re-matched to the same G&A occupancy (within ${worst.toFixed(2)} points), so this is like for like.`
        : ` The baselines are NOT matched for this run (G&A occupancy up to ${worst.toFixed(1)} points from the model as given): the comparison across strengths is not like for like — run with --drift-range to match them for this run.`;
  return `Across ${across} the share of the expected ${words} that actually comes free (the release ratio) runs ${parts.join(", ")}.${matched}`;
}

/** b2 as the summary writes it: up to four decimals, as the drift-range sentence writes strengths. */
function b2Text(b2: number): string {
  return String(Number(b2.toFixed(4)) + 0);
}

/**
 * The headline at drift as measured locally (run --drift-from): "with drift as measured in your
 * ED (b2 = … [95% CI …]), <scenario> releases …", from the drift range's row at the estimate.
 */
function measuredSentence(m: MeasuredDrift, rows: readonly DriftRangeRow[], scenario: string, words: string): string | null {
  const row = rows.find((r) => r.drift_strength === m.estimateStrength);
  if (row === undefined) return null;
  const clipped = m.clipped ? "; the interval's end above 0 — admissions rising with pressure — is taken as no drift" : "";
  const source = `b2 = ${b2Text(m.b2)} per pressure point [95% CI ${b2Text(m.low)} to ${b2Text(m.high)}], from ${Math.round(m.attendances).toLocaleString("en-GB")} attendances in ${m.file}${clipped}`;
  const ratio = row.release_ratio === null ? "" : ` — a release ratio of ${row.release_ratio.toFixed(2)}${ci(row)}`;
  const what = row.spare >= 0 ? `releases ${readable(row.spare)} of the ${readable(row.expected)} ${words} it avoids as spare capacity` : `avoids ${readable(row.expected)} ${words}, yet their use rises by ${readable(-row.spare)}`;
  return `With drift as measured in your ED (${source}), ${scenario} ${what}${ratio}.`;
}

/** The largest distance, in occupancy points, of a drift-range baseline from the model as given (null: none measured). */
export function worstMatch(rows: readonly DriftRangeRow[]): number | null {
  const occ = rows.map((r) => r.occupancy_vs_model_points).filter((x): x is number => x !== null);
  return occ.length > 0 ? Math.max(...occ.map(Math.abs)) : null;
}

/** One paragraph per scenario compared with another, in plain words (summary.md holds them). */
export function narrative(result: ExperimentResult): string[] {
  const rows = releaseTable(result);
  const range = driftRangeTable(result);
  const out: string[] = [];
  for (const scenario of result.scenarios) {
    const reference = result.comparedWith[scenario] ?? result.baseline;
    if (scenario === reference) continue;
    const mine = rows.filter((r) => r.scenario === scenario);
    const get = (resource: string, measure: string) => mine.find((r) => r.resource === resource && r.measure === measure);
    const kind = scenarioKind(result, scenario);
    const sentences: string[] = [];
    const resources = HEADLINE_RESOURCES.filter((r) => result.model.resources.includes(r as never));
    // Acute beds where the model has them (what planners ask about), else the first resource with something expected or added.
    const headline = resources.find((r) => get(r, "expected_release") !== undefined && (r === "acute_bed_days" || get(r, "expected_release")!.mean > 0 || get(r, "capacity_added") !== undefined)) ?? resources[0];

    if (headline !== undefined && (kind === "demand" || kind === "mixed")) {
      const words = RESOURCE_WORDS[headline] ?? headline;
      const rows = range.filter((r) => r.scenario === scenario && r.resource === headline);
      const measured = result.driftRange?.measured;
      if (measured !== undefined) {
        const sentence = measuredSentence(measured, rows, scenario, words);
        if (sentence !== null) sentences.push(sentence);
      }
      const sentence = rangeSentence(rows, words, measured === undefined ? "the plausible drift range" : "the measured interval");
      if (sentence !== null) sentences.push(sentence);
    }
    // In full (every component with its CI): the headline resource and any resource the scenario
    // adds capacity to; the others in a line each (release.csv has all of it).
    const inFull = (resource: string): boolean => resource === headline || get(resource, "capacity_added") !== undefined;
    const brief: string[] = [];
    // Each absorber explained the first time the paragraph names it, by its short name after that.
    const named = new Set<string>();
    const absorberWords = (measure: string, w: string): string => {
      if (named.has(measure)) return SHORT_NAMES[measure] ?? w;
      named.add(measure);
      return w;
    };
    for (const resource of [...resources.filter(inFull), ...resources.filter((r) => !inFull(r))]) {
      const words = RESOURCE_WORDS[resource] ?? resource;
      const expected = get(resource, "expected_release");
      const spare = get(resource, "realised_as_spare_capacity");
      if (expected === undefined || spare === undefined) continue;
      const added = get(resource, "capacity_added");
      const material = ABSORBERS.map(([measure, w]) => [get(resource, measure), measure, w] as const).filter(([row]) => row !== undefined && Math.abs(row.mean) >= 0.5);
      const change = spare.mean >= 0 ? `fell by ${readable(spare.mean)}` : `rose by ${readable(-spare.mean)}`;
      if (!inFull(resource)) {
        const drift = get(resource, "absorbed_by_drift");
        const driftPart = drift !== undefined && Math.abs(drift.mean) >= 0.5 ? `, ${absorberWords("absorbed_by_drift", ABSORBERS[0]![1])} ${readable(drift.mean)}` : "";
        if (expected.mean > 0) brief.push(`${words}: ${readable(expected.mean)} avoided, ${spare.mean >= 0 ? `${readable(spare.mean)} came free` : `use rose by ${readable(-spare.mean)}`}${driftPart}`);
        else if (Math.abs(spare.mean) >= 0.5) brief.push(`${words}: use ${change}${driftPart}`);
        continue;
      }
      const absorbedWords = material.map(([row, measure, w]) => `${absorberWords(measure, w)} ${readable(row!.mean)}${ci(row)}`).join("; ");
      if (expected.mean > 0) {
        const ratioRow = get(resource, "release_ratio");
        const m = result.release[scenario]?.[resource];
        const why = m === undefined ? null : ratioProblem(m.expected, releaseRatios(m));
        const ratio = ratioRow !== undefined ? ` — a release ratio of ${ratioRow.mean.toFixed(2)}${ci(ratioRow)}` : why !== null ? ` (no release ratio: ${why})` : "";
        const cameFree = spare.mean >= 0 ? `${readable(spare.mean)} came free as spare capacity${ci(spare)}` : `use rose by ${readable(-spare.mean)}${ci(negated(spare))} instead of falling`;
        sentences.push(`As modelled, it avoids ${readable(expected.mean)} ${words}${ci(expected)}; ${cameFree}${ratio}.${absorbedWords === "" ? "" : ` The rest is absorbed by ${absorbedWords}.`}`);
      } else if (added !== undefined) {
        const idle = get(resource, "left_idle");
        sentences.push(
          `It adds ${readable(added.mean)} ${words} of capacity${ci(added)}; ${spare.mean <= 0 ? `use rose by ${readable(-spare.mean)}${ci(negated(spare))}` : `use fell by ${readable(spare.mean)}${ci(spare)}`}${idle === undefined ? "" : `, leaving ${readable(idle.mean)} idle${ci(idle)}`}.${absorbedWords === "" ? "" : ` Where it went: ${absorbedWords}.`}`,
        );
      } else if (Math.abs(spare.mean) >= 0.5) {
        sentences.push(`Use of ${words} ${change}${ci(spare.mean >= 0 ? spare : negated(spare))}${absorbedWords === "" ? "" : `: ${absorbedWords}`}.`);
      }
    }
    if (brief.length > 0) sentences.push(`Elsewhere (every component with its CI is in release.csv): ${brief.join("; ")}.`);
    const flips = result.flipped[scenario];
    if (flips !== undefined) {
      const perYear = 365 / result.settings.days;
      const mean = (v: readonly number[][]) => v.reduce((sum, band) => sum + band.reduce((a, b) => a + b, 0) / Math.max(1, band.length), 0) * perYear;
      const admitted = mean(flips.admittedInstead);
      const notAdmitted = mean(flips.notAdmittedInstead);
      if (admitted + notAdmitted >= 0.5) sentences.push(`It flips about ${readable(admitted)} ED decisions a year to admit and ${readable(notAdmitted)} to not admit (decisions_flipped.csv has them by acuity band).`);
    }
    const flowBits: string[] = [];
    for (const [kpi, [words, unit]] of Object.entries(FLOW_WORDS)) {
      const row = get(kpi, "flow_change");
      if (row === undefined || Math.abs(row.mean) < 0.005) continue;
      flowBits.push(`${words} ${row.mean < 0 ? "fell" : "rose"} by ${readable(Math.abs(row.mean))} ${unit}${ci(row.mean < 0 ? negated(row) : row)}`);
    }
    if (flowBits.length > 0) sentences.push(`As flow (reported beside the accounting, never in it): ${flowBits.join("; ")}.`);
    if (result.model.resources.length === 0) {
      // A model without the whole-system services: the KPI changes whose 95% CI excludes zero.
      const changed = kpiDifferences(result).filter((d) => d.scenario === scenario && d.mean_diff !== null && d.ci_low !== null && d.ci_high !== null && (d.ci_low > 0 || d.ci_high < 0));
      if (changed.length > 0) sentences.push(`Changed (95% CI excludes zero): ${changed.map((d) => `${d.kpi} ${d.mean_diff! > 0 ? "+" : ""}${readable(d.mean_diff!)}`).join(", ")}.`);
    }
    if (sentences.length === 0) sentences.push("No measurable change.");
    const kindWords = kind === "demand" ? "a demand change" : kind === "capacity" ? "a capacity change" : kind === "mixed" ? "a demand and capacity change" : "a change of policy";
    const kindPart = result.model.resources.length > 0 ? `${kindWords}, ` : "";
    out.push(`**${scenario}** (${kindPart}against ${reference}; ${result.replications.completed} replications of ${result.settings.days} days; 95% CIs in brackets). ${sentences.join(" ")}`);
  }
  return out;
}

/** summary.md: a title, the paragraphs, and what to measure locally to narrow the drift range. */
export function summaryMarkdown(result: ExperimentResult): string {
  const lines = [`# ${result.model.name}: what each scenario releases`, ""];
  if (result.state === "partial") lines.push("PARTIAL: the run was interrupted; these figures use the replications that completed.", "");
  for (const paragraph of narrative(result)) lines.push(paragraph, "");
  const measured = result.driftRange?.measured;
  if (measured !== undefined) {
    lines.push(
      `The drift range is the 95% interval of drift strength measured from your own ED episodes (${measured.file}, by \`pathflow estimate-drift\`, against ${measured.pressureSignal === "ed" ? "ED crowding" : measured.pressureSignal === "mix" ? "a mix of ward occupancy and ED crowding" : "ward occupancy"}), each strength with its baseline re-matched to the model's occupancy. Re-estimate as new months of data arrive: the interval narrows with more attendances, and a change in it is a change in your admission threshold.`,
      "",
    );
  } else if (result.driftRange !== undefined) {
    lines.push(
      "Drift strength is the largest uncertainty in these figures. To narrow it for your system, measure your own admission threshold over time: the admitted share of ED attendances by acuity (or triage category) and by bed pressure or ED crowding, month by month. `pathflow estimate-drift` fits the model's drift strength from your ED episodes.",
      "",
    );
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
