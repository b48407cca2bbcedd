/** Reading kpi_by_class values out of a replication's results, for the validation cases. */
import type { ReplicationResult } from "../src/pathway/run.js";

/** The value of class KPI `kpi` for a class (everyone by default) in one replication; NaN if the class had nobody. */
export function classValue(r: ReplicationResult, kpi: string, classType: "all" | "segment" | "acuity" = "all", className = "all"): number {
  return r.byClass.find((c) => c.kpi === kpi && c.classType === classType && c.className === className)?.value ?? NaN;
}
