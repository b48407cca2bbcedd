/**
 * The end-of-run summary in words a planner can repeat: for each scenario, what it avoided, how
 * much appeared as spare capacity, how much was absorbed and by what, and what changed in flow.
 */
import type { ExperimentResult } from "./experiment.js";
import { RESOURCE_UNITS, kpiDifferences, releaseTable, type ReleaseRow } from "./summaries.js";

const RESOURCE_WORDS: Record<string, string> = {
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

/** Numbers as planners read them: thousands separated, sensible precision. */
export function readable(x: number): string {
  const abs = Math.abs(x);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return x.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function ci(row: ReleaseRow | undefined): string {
  if (row === undefined || row.ci_low === null || row.ci_high === null) return "";
  return ` (95% CI ${readable(row.ci_low)} to ${readable(row.ci_high)})`;
}

/** One paragraph per scenario compared with the baseline. */
export function narrative(result: ExperimentResult): string[] {
  const rows = releaseTable(result);
  const resources = result.model.resources;
  const out: string[] = [];
  const days = String(result.settings.days);
  for (const scenario of result.scenarios) {
    const reference = result.comparedWith[scenario] ?? result.baseline;
    if (scenario === reference) continue;
    const mine = rows.filter((r) => r.scenario === scenario);
    const get = (resource: string, measure: string) => mine.find((r) => r.resource === resource && r.measure === measure);
    const sentences: string[] = [];
    for (const resource of resources) {
      const expected = get(resource, "expected_release");
      const spare = get(resource, "realised_as_spare_capacity");
      const drift = get(resource, "absorbed_by_drift");
      const otherwise = get(resource, "absorbed_otherwise");
      if (expected === undefined || spare === undefined || drift === undefined || otherwise === undefined) continue;
      const words = RESOURCE_WORDS[resource] ?? resource;
      if (expected.mean > 0) {
        sentences.push(
          `${scenario} avoided ${readable(expected.mean)} ${words}${ci(expected)}; ${readable(spare.mean)} appeared as spare capacity${ci(spare)}, ` +
            (drift.mean === 0 && drift.ci_low === 0 && drift.ci_high === 0
              ? "none was absorbed by acuity drift (admission thresholds are fixed in both runs), "
              : `${readable(drift.mean)} were absorbed by admissions that would not otherwise have happened (acuity drift)${ci(drift)}, `) +
            `and ${readable(otherwise.mean)} by longer stays, backfill and other knock-on effects${ci(otherwise)}.`,
        );
      } else if (Math.abs(spare.mean) > 0 && resource !== "ambulance_hours") {
        // spare = baseline − scenario: a positive spare is a fall in use.
        const fell = spare.mean > 0;
        const change = fell ? spare : { ...spare, mean: -spare.mean, ci_low: spare.ci_high === null ? null : -spare.ci_high, ci_high: spare.ci_low === null ? null : -spare.ci_low };
        sentences.push(`Use of ${words} ${fell ? "fell" : "rose"} by ${readable(change.mean)} ${RESOURCE_UNITS[resource]}${ci(change)}, of which ${readable(drift.mean)} went to extra admissions (drift).`);
      }
    }
    const flowBits: string[] = [];
    for (const [kpi, [words, unit]] of Object.entries(FLOW_WORDS)) {
      const row = get(kpi, "flow_change");
      if (row === undefined || row.mean === 0) continue;
      flowBits.push(`${words} ${row.mean < 0 ? "fell" : "rose"} by ${readable(Math.abs(row.mean))} ${unit}${ci(row)}`);
    }
    if (flowBits.length > 0) sentences.push(`As flow: ${flowBits.join("; ")}.`);
    if (resources.length === 0) {
      // A model without the whole-system services: the KPI changes whose 95% CI excludes zero.
      const changed = kpiDifferences(result).filter((d) => d.scenario === scenario && d.mean_diff !== null && d.ci_low !== null && d.ci_high !== null && (d.ci_low > 0 || d.ci_high < 0));
      if (changed.length > 0) sentences.push(`Changed (95% CI excludes zero): ${changed.map((d) => `${d.kpi} ${d.mean_diff! > 0 ? "+" : ""}${readable(d.mean_diff!)}`).join(", ")}.`);
    }
    if (sentences.length === 0) sentences.push(`${scenario}: no measurable change against ${reference}.`);
    out.push(`${scenario} vs ${reference}, over ${days} days per replication, ${result.replications.completed} replications: ${sentences.join(" ")}`);
  }
  return out;
}
