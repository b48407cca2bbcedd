/**
 * Hand-over between units, checked for what a model probably meant. A unit's `acceptHeld` says how
 * a patient finishing upstream hands over: `queue` (join this unit's waiting room if it has room —
 * the queueing default for generic units) or `server` (keep the place upstream until a server here
 * is free — ED boarding, a delayed discharge; the default for acute and community units). Both are
 * legitimate, so these are warnings, not errors: `pathflow validate` prints them, runs go ahead.
 */
import type { Issue } from "../errors.js";
import { EXIT, type ModelSpec } from "./schema.js";

type HandOverInput = Pick<ModelSpec, "nodes">;

/** Where the patients arriving at each node come from, as "node" (a unit's outcome) or "ed:node" (an ED's admissions). */
function feeders(model: HandOverInput): Map<string, { readonly from: string; readonly kind: "ed" | "acute" | "community" | "generic" }[]> {
  const into = new Map<string, { from: string; kind: "ed" | "acute" | "community" | "generic" }[]>();
  const add = (to: string, from: string, kind: "ed" | "acute" | "community" | "generic"): void => {
    if (to === EXIT) return;
    const list = into.get(to) ?? [];
    if (!list.some((f) => f.from === from)) list.push({ from, kind });
    into.set(to, list);
  };
  for (const [id, node] of Object.entries(model.nodes)) {
    if (node.type === "ed") add(node.admission.to, id, "ed");
    if (node.type !== "unit") continue;
    for (const list of Object.values(node.outcomes)) for (const o of list) add(o.to, id, node.role);
  }
  return into;
}

/** Units whose hand-over probably is not the one meant, as warnings with the path to set. */
export function handOverWarnings(model: HandOverInput): Issue[] {
  const warnings: Issue[] = [];
  const into = feeders(model);
  for (const [id, node] of Object.entries(model.nodes)) {
    if (node.type !== "unit") continue;
    const from = into.get(id) ?? [];
    const at = ["nodes", id, "acceptHeld"];
    if (node.acceptHeld === undefined && node.role === "generic") {
      const ed = from.filter((f) => f.kind === "ed").map((f) => f.from);
      const wards = from.filter((f) => f.kind === "acute" || f.kind === "community").map((f) => f.from);
      if (ed.length > 0 && node.waitingRoom !== 0) {
        warnings.push({
          code: "invalid_value",
          path: at,
          message: `patients admitted from ${ed.join(", ")} join this generic unit's waiting room and free their ED cubicle at once (no boarding). If admitted patients should board in the ED until a bed is free, set "acceptHeld": "server" (or give the unit "role": "acute")`,
        });
      } else if (wards.length > 0 && node.waitingRoom !== 0) {
        warnings.push({
          code: "invalid_value",
          path: at,
          message: `patients from ${wards.join(", ")} (a ward) join this generic unit's waiting room and free their bed at once. If they should stay in the bed until a place here is free (a delayed discharge), set "acceptHeld": "server"`,
        });
      }
    }
    if (node.acceptHeld === "server" && node.role === "generic" && node.waitingRoom === "unlimited") {
      const generic = from.filter((f) => f.kind === "generic").map((f) => f.from);
      if (generic.length > 0 && generic.length === from.length) {
        warnings.push({
          code: "invalid_value",
          path: at,
          message: `patients finishing at ${generic.join(", ")} keep their server there until a server here is free, although this unit's waiting room is unlimited: every upstream server is held while its patient waits. For a queueing tandem (join this unit's line) remove "acceptHeld" or set it to "queue"`,
        });
      }
    }
  }
  return warnings;
}

