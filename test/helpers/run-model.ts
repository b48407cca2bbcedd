/** Validates, compiles and runs replication 0 of a model object, as `pathflow run` would (for behaviour tests). */
import { expect } from "vitest";
import { compileModel } from "../../src/model/compile.js";
import { validateModelObject } from "../../src/model/load.js";
import { runReplication, type ReplicationResult } from "../../src/pathway/run.js";
import type { EventSink } from "../../src/types.js";

export function runModel(raw: unknown, onEvent?: EventSink, replication = 0): ReplicationResult {
  const v = validateModelObject(raw, ".");
  expect(v.issues).toEqual([]);
  const run = v.model!.run;
  return runReplication(compileModel(v.model!, v.tables), { replication, seed: run.seed, days: run.days, warmupDays: run.warmupDays, ...(onEvent ? { onEvent } : {}) });
}

/** The value of a kpi_by_class KPI for one class in a replication (undefined when the class had nobody). */
export function byClass(r: ReplicationResult, kpi: string, classType: "all" | "segment" | "acuity" = "all", className = "all"): number | undefined {
  return r.byClass.find((c) => c.kpi === kpi && c.classType === classType && c.className === className)?.value;
}
