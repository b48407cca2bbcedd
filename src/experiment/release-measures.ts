/**
 * The release-accounting measures, in one place: the name each has in the output files
 * (release.csv, drift_range.csv, sweep.csv), and what it means in a planner's words. The
 * glossary, the report and the summary read them from here.
 */
import type { ReleaseMeasureName } from "../types.js";

/** The per-replication measures, in output order. */
export const RELEASE_MEASURES: readonly ReleaseMeasureName[] = ["expected", "spare", "drift", "longerStays", "electives", "unmet", "added", "blocking", "unexplained"];

/** Output name of each measure. */
export const MEASURE_NAMES: Readonly<Record<ReleaseMeasureName, string>> = {
  expected: "expected_release",
  spare: "realised_as_spare_capacity",
  drift: "absorbed_by_drift",
  longerStays: "absorbed_by_longer_stays",
  electives: "absorbed_by_elective_backfill",
  unmet: "absorbed_by_previously_unmet_demand",
  added: "absorbed_by_added_demand",
  blocking: "absorbed_by_changed_blocking",
  unexplained: "unexplained",
};

/** Every measure a release table can hold, with its unit ("" = the resource's) and meaning. */
export const MEASURE_GLOSSARY: readonly { readonly name: string; readonly unit: string; readonly description: string }[] = [
  { name: "expected_release", unit: "", description: "What the patients the scenario avoided used in the baseline run: the capacity the intervention should free" },
  { name: "capacity_added", unit: "", description: "Capacity the scenario adds over the results period (beds × days, hours, crew hours)" },
  { name: "left_idle", unit: "", description: "Of the capacity added, what nobody used: capacity added minus the rise in use" },
  { name: "realised_as_spare_capacity", unit: "", description: "Baseline use minus scenario use: capacity that actually came free (negative: use rose)" },
  {
    name: "absorbed_by_drift",
    unit: "",
    description:
      "Used because admission thresholds moved with pressure (acuity drift), knock-on included: measured by re-running the scenario with every patient taking the baseline's admission decision (Shapley value over the held mechanisms)",
  },
  { name: "absorbed_by_longer_stays", unit: "", description: "Used because stays stretch when beds are emptier: measured by re-running the scenario with every stay stretched as in the baseline (Shapley value)" },
  {
    name: "absorbed_by_elective_backfill",
    unit: "",
    description:
      "Taken by electives that would otherwise have been cancelled: measured by re-running the scenario with every elective booking meeting its baseline fate — admitted at the attempt the baseline admitted it, cancelled at every other (Shapley value over the held mechanisms, so what drift and electives compete for is shared). Reported where a unit has an elective booked list",
  },
  { name: "absorbed_by_previously_unmet_demand", unit: "", description: "Used by patients whose demand went unmet in one of the runs — they gave up (a 999 wait, a wait for care at home), were turned away by a full unit, or were still waiting when the period ended — and were served in the other" },
  { name: "absorbed_by_added_demand", unit: "", description: "Used by patients a demand increase added (they have no baseline counterpart)" },
  { name: "absorbed_by_changed_blocking", unit: "", description: "Change in use by patients common to both runs through the time they spent blocked or waiting (boarding in the ED, waiting in a bed for a package or placement, waiting to hand over; for home care, the care delivered in the period to patients whose wait for a package changed); negative when flow got faster and freed more" },
  { name: "unexplained", unit: "", description: "What is left after spare capacity and every measured absorber (routes that changed before the decision, deterioration, edge-of-window effects): should be small" },
  { name: "release_ratio", unit: "ratio", description: "Spare capacity over expected release, replication by replication; reported only where the expected release is material and the interval informative" },
  { name: "flow_change", unit: "", description: "Change in a flow KPI (scenario minus baseline, paired), in the KPI's unit: capacity released as better flow, reported beside the accounting, never counted in it" },
];
