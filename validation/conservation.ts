/**
 * Case 9 — conservation on every model run: patients generated = avoided + left + in the system
 * at the end; per node, present at the start + arrivals = departures + turned away + reneged +
 * present at the end; no negative or non-finite KPI; occupancy never above capacity.
 *
 * Every replication any case runs is checked as it finishes (harness.ts); this case also runs
 * every shipped model file with each of its scenarios, then reports one row per group of runs.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { loadModel } from "../src/model/load.js";
import { resolveScenario } from "../src/model/scenario.js";
import { commandFor, compileLoaded, conservationLog, exact, runReplications, timed, type RunSettings, type ValidationCase, type ValidationRow } from "./harness.js";

const CASE = 9;
const MODELS_DIR = "models";

/** The model files shipped in models/ (the JSON Schema excluded). */
export function shippedModelFiles(): string[] {
  return readdirSync(MODELS_DIR)
    .filter((f) => f.endsWith(".json") && f !== "schema.json")
    .sort()
    .map((f) => path.join(MODELS_DIR, f));
}

export const conservationCase: ValidationCase = {
  id: CASE,
  slug: "conservation",
  title: "Conservation on every model run",
  reps: { full: 3, quick: 1 },
  async run(settings: RunSettings) {
    const files = shippedModelFiles();
    const loaded = await Promise.all(files.map((f) => loadModel(f)));
    return timed(CASE, this.title, settings.reps, () => {
      for (const [i, model] of loaded.entries()) {
        for (const scenario of Object.keys(model.model.scenarios)) {
          const resolved = scenario === "baseline" ? model : resolveScenario(model, scenario);
          const compiled = compileLoaded(resolved);
          // Quick runs are shortened (conservation holds at any length); full runs use the file's settings.
          const days = settings.quick ? Math.min(compiled.run.days, 90) : compiled.run.days;
          const warmupDays = settings.quick ? Math.min(compiled.run.warmupDays, 30) : compiled.run.warmupDays;
          runReplications(compiled, { label: `case 9: ${files[i]} — ${scenario}`, reps: settings.reps, days, warmupDays });
        }
      }
      const entries = conservationLog.list();
      const rows: ValidationRow[] = entries.map((e, j) => ({
        ...exact(
          {
            id: `${CASE}.${String(j + 1).padStart(2, "0")}`,
            checks: `${e.label} (${e.replications} replications, ${e.patients.toLocaleString("en-GB")} patients, ${e.nodeChecks} node balances): conservation violations`,
            reference: 0,
            source: "patients generated = avoided + left + in system; per node: present at start + arrivals = departures + turned away + reneged + present at end; every KPI finite and ≥ 0; busy ≤ capacity; occupancy ≤ 100%",
            command: e.label.startsWith("case 9") ? commandFor(CASE) : commandFor(Number(/^case (\d+)/.exec(e.label)?.[1] ?? CASE)),
            digits: 0,
            ...(e.problems.length > 0 ? { note: e.problems.slice(0, 3).join("; ") + (e.problems.length > 3 ? `; … ${e.problems.length - 3} more` : "") } : {}),
          },
          e.problems.length,
          e.replications,
          0,
        ),
      }));
      const totalReps = entries.reduce((a, e) => a + e.replications, 0);
      const totalPatients = entries.reduce((a, e) => a + e.patients, 0);
      return {
        rows,
        notes: [
          `Every replication run in this invocation — ${totalReps.toLocaleString("en-GB")} replications, ${totalPatients.toLocaleString("en-GB")} patients — was checked as it finished (validation/harness.ts \`conservationProblems\`), one row per group of runs. The shipped model files (${files.join(", ")}) are run with every scenario they define: ${settings.quick ? "shortened to at most 90 days after 30 days of warm-up" : "with their own run settings"}, ${settings.reps} replication${settings.reps === 1 ? "" : "s"} each.`,
          "Per-node balances use the node's count of patients present when the results period began (`presentAtStart`, added to the replication's conservation record for this check). Runs with the patient-level event trace are also checked for time never going backwards.",
        ],
      };
    });
  },
};
