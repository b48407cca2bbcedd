/**
 * The uncertainty section of summary.md, in plain words: for each scenario, the range of its
 * headline release over plausible parameter values (10th–90th percentile over parameter sets)
 * beside the stochastic 95% CI at the central values, and the parameter that drives the spread.
 */
import type { ExperimentResult } from "./experiment.js";
import { readable, RESOURCE_WORDS } from "./narrative.js";
import { MATCH_TOLERANCE_POINTS } from "./drift-range.js";
import type { DriverRow, UncertaintyRow } from "./uncertainty-tables.js";
import type { UncertaintyResult } from "./uncertainty.js";

/** Release resources in the order the headline is picked from. */
const HEADLINE_RESOURCES = ["acute_bed_days", "community_bed_days", "homecare_hours", "ed_cubicle_hours", "ambulance_hours"];

/** KPIs the section gives for the baseline (and for every scenario of a model without release accounting). */
const HEADLINE_KPIS = ["ga_occupancy_pct", "ed_4h_pct", "admissions_per_day", "nctr_pct_of_beds", "homecare_waiting_mean_people"];

/** The headline KPIs in words (others by their names, as in kpi_summary.csv). */
const KPI_WORDS: Record<string, string> = {
  ga_occupancy_pct: "G&A occupancy",
  ed_4h_pct: "4-hour performance",
  admissions_per_day: "emergency admissions",
  nctr_pct_of_beds: "the share of beds held by patients with no criteria to reside",
  homecare_waiting_mean_people: "the home-care waiting list",
};

/** A |partial rank correlation| below this says no parameter clearly drives a spread. */
const CLEAR_DRIVER = 0.3;

function range(row: UncertaintyRow, connector = "to"): string {
  return `${readable(row.p10!)} ${connector} ${readable(row.p90!)}`;
}

function central(row: UncertaintyRow): string {
  if (row.central_mean === null) return "not observed in the central run";
  const ci = row.central_ci_low === null || row.central_ci_high === null ? "no interval from one replication" : `95% CI ${readable(row.central_ci_low)} to ${readable(row.central_ci_high)}`;
  return `${readable(row.central_mean)} (${ci})`;
}

/** "drift strength drives most of the spread (partial rank correlation −0.93)", or why none does. */
function driverWords(drivers: readonly DriverRow[], row: UncertaintyRow, words: ReadonlyMap<string, string>): string {
  const mine = drivers.filter((d) => d.kind === row.kind && d.scenario === row.scenario && d.name === row.name && d.measure === row.measure);
  const top = mine.find((d) => d.rank === 1);
  if (top === undefined) return "";
  const r = top.prcc ?? top.spearman;
  if (r === null) return "";
  const which = top.prcc !== null ? "partial rank correlation" : "Spearman rank correlation";
  const name = words.get(top.parameter) ?? top.parameter;
  if (Math.abs(r) < CLEAR_DRIVER) return ` No parameter clearly drives the spread (the strongest, ${name}, has a ${which} of ${r.toFixed(2)}).`;
  const second = mine.find((d) => d.rank === 2);
  const r2 = second === undefined ? null : (second.prcc ?? second.spearman);
  const then = second !== undefined && r2 !== null && Math.abs(r2) >= CLEAR_DRIVER ? `, then ${words.get(second.parameter) ?? second.parameter} (${r2.toFixed(2)})` : "";
  return ` ${capitalise(name)} drives most of the spread (${which} ${r.toFixed(2)}${then}).`;
}

function capitalise(s: string): string {
  return s.length === 0 ? s : s[0]!.toUpperCase() + s.slice(1);
}

/** The section (markdown, ending in a blank line), or "" when no set ran. */
export function uncertaintyMarkdown(u: UncertaintyResult, result: ExperimentResult, rows: readonly UncertaintyRow[], drivers: readonly DriverRow[]): string {
  const n = u.results.length;
  if (n === 0) return "";
  const words = new Map(u.plan.parameters.map((p) => [p.name, p.words]));
  const settings = result.settings;
  const lines = ["## Across plausible parameter values", ""];
  const listed = u.plan.parameters.map((p) => `- ${capitalise(p.words)} (\`${p.path}\`): ${p.apply === "set" ? "" : p.apply === "scale" ? "× " : "avoided share × "}${p.described}. ${p.why}`);
  const partial = u.state === "partial" ? ` PARTIAL: interrupted after ${n} of ${u.plan.sets.length} sets.` : "";
  lines.push(
    `${n} parameter sets drawn by Latin hypercube (seed ${u.plan.seed}, each parameter on its own stream), each run for ${result.replications.completed} replications of ${settings.days} days under the same random numbers as the central run. Ranges below are the 10th to 90th percentiles over parameter sets of each set's mean; the stochastic 95% CI is the central run's (the model's own values, over its replications).${partial} The uncertain parameters:`,
    "",
    ...listed,
    "",
  );
  if (u.plan.matching !== null) {
    lines.push(`Each drawn drift strength runs with the admission intercept interpolated between the matched intercepts (${u.plan.matching.source}), so every set's baseline sits at the model's operating point: the comparison across drift strengths is like for like.`, "");
  }
  const get = (scenario: string, kind: string, name: string, measure: string) => rows.find((r) => r.scenario === scenario && r.kind === kind && r.name === name && r.measure === measure && r.n_sets > 0);
  if (u.plan.matching !== null) {
    // The intercepts hold the baseline at one operating point only at the run length they were matched at: say how well they did.
    const occupancy = get(result.baseline, "kpi", "ga_occupancy_pct", "mean");
    if (occupancy !== undefined && occupancy.p90! - occupancy.p10! > 2 * MATCH_TOLERANCE_POINTS) {
      lines.push(`The baselines' G&A occupancy still spans ${range(occupancy)}% across the sets (10th–90th percentile): the matched intercepts hold it within ${MATCH_TOLERANCE_POINTS} points only at the run length they were matched at. For a like-for-like range at this run length, give --drift-range spanning the drawn strengths so this run matches them.`, "");
    }
  }
  for (const scenario of result.scenarios) {
    const reference = result.comparedWith[scenario] ?? result.baseline;
    const sentences: string[] = [];
    if (scenario !== reference && result.model.resources.length > 0) {
      const has = (r: string, measure: string) => get(scenario, "release", r, measure) !== undefined;
      // A demand change: the first resource with an expected release (acute beds first). A capacity change: the resource it adds, then acute beds.
      const demand = HEADLINE_RESOURCES.find((r) => (get(scenario, "release", r, "expected_release")?.p90 ?? 0) > 0);
      const described = demand !== undefined ? [demand] : [...new Set([...HEADLINE_RESOURCES.filter((r) => has(r, "capacity_added")), "acute_bed_days"])].filter((r) => has(r, "realised_as_spare_capacity"));
      const across = `Across plausible values of ${u.plan.parameters.map((p) => p.words).join(", ")}`;
      described.forEach((headline, i) => {
        const what = RESOURCE_WORDS[headline] ?? headline;
        const spare = get(scenario, "release", headline, "realised_as_spare_capacity")!;
        const expected = get(scenario, "release", headline, "expected_release");
        const ratio = get(scenario, "release", headline, "release_ratio");
        // Use that rose is said as a rise (positive numbers), consistently in the range, median and CI.
        const rose = spare.p10! < 0 && spare.p90! <= 0;
        const sign = rose ? -1 : 1;
        const verb = spare.p10! >= 0 ? `frees between ${range(spare, "and")} ${what} as spare capacity` : rose ? `raises use of ${what} by between ${readable(-spare.p90!)} and ${readable(-spare.p10!)}` : `changes spare ${what} by between ${range(spare, "and")} (negative: use rose)`;
        const [lo, hi] = rose ? [spare.central_ci_high, spare.central_ci_low] : [spare.central_ci_low, spare.central_ci_high];
        const ci = lo === null || hi === null ? "not available" : `${readable(sign * lo)} to ${readable(sign * hi)}`;
        sentences.push(`${i === 0 ? `${across}, it` : "It"} ${verb} (10th–90th percentile over parameter sets; median ${readable(sign * spare.p50!)}); the stochastic 95% CI ${rose ? "of the rise " : ""}at the central values is ${ci}.${driverWords(drivers, spare, words)}`);
        if (expected !== undefined && (expected.p90 ?? 0) > 0) sentences.push(`The expected release runs ${range(expected)} ${what} (central ${central(expected)}).`);
        const added = get(scenario, "release", headline, "capacity_added");
        const idle = get(scenario, "release", headline, "left_idle");
        if (added !== undefined && idle !== undefined) sentences.push(`Of ${readable(added.p50!)} ${what} added, ${range(idle)} are left idle (central ${central(idle)}).`);
        if (ratio !== undefined) sentences.push(`The release ratio runs ${ratio.p10!.toFixed(2)} to ${ratio.p90!.toFixed(2)} (central ${central(ratio)}).${driverWords(drivers, ratio, words)}`);
        const drift = get(scenario, "release", headline, "absorbed_by_drift");
        if (drift !== undefined && Math.max(Math.abs(drift.p10!), Math.abs(drift.p90!)) >= 0.5) sentences.push(`Drift absorbs ${range(drift)} ${what} (central ${central(drift)}).`);
      });
    } else {
      const kpis = HEADLINE_KPIS.filter((k) => get(scenario, "kpi", k, "mean") !== undefined);
      const chosen = kpis.length > 0 ? kpis : [...new Set(rows.filter((r) => r.scenario === scenario && r.kind === "kpi" && r.n_sets > 0).map((r) => r.name))].slice(0, 3);
      const parts = chosen.map((k) => {
        const row = get(scenario, "kpi", k, "mean")!;
        const driver = driverWords(drivers, row, words);
        const unit = row.unit === "%" ? "%" : ` ${row.unit}`;
        return `${KPI_WORDS[k] ?? k} ${range(row)}${unit} (central ${central(row)})${driver === "" ? "" : ` — ${driver.trim().replace(/\.$/, "")}`}`;
      });
      if (parts.length > 0) sentences.push(`Across the parameter sets: ${parts.join("; ")}.`);
    }
    if (sentences.length > 0) lines.push(`**${scenario}** (${scenario === reference ? "levels" : `against ${reference}`}). ${sentences.join(" ")}`, "");
  }
  lines.push("uncertainty.csv has every KPI and release measure this way; uncertainty_drivers.csv ranks the parameters for each (partial rank correlation, with Spearman's beside it); uncertainty_parameters.csv lists the drawn sets.", "");
  return lines.join("\n");
}
