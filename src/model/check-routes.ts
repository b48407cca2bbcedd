/**
 * The routes of each segment through the nodes, checked as a whole: every unit a segment can reach
 * (through arrivals and onward routes, deterioration included) has outcomes for it, and every
 * node it can reach has a way out — a route with a chance above zero that leads, in the end, to
 * "exit" or to a node patients leave from (home care, a placement). A loop with no way out would
 * hold its patients for ever (and, with short stays, run for ever).
 */
import type { Issue } from "../errors.js";
import { own } from "./own.js";
import { EXIT, type ModelSpec, type NodeSpec, type OutcomeSpec } from "./schema.js";

type RouteInput = Pick<ModelSpec, "segments" | "nodes">;

/** Where patients of `segmentId` at `node` can go next: every route (`all`) and those with a chance above zero (`likely`). */
function next(node: NodeSpec, segmentId: string): { all: string[]; likely: string[]; leaves: boolean; outcomes: readonly OutcomeSpec[] | undefined } {
  switch (node.type) {
    case "unit": {
      const list = own(node.outcomes, segmentId) ?? own(node.outcomes, "*");
      // Patients who give up waiting go on to the patience's destination too.
      const leavers = node.patience === undefined ? [] : [node.patience.to];
      return { all: [...(list?.map((o) => o.to) ?? []), ...leavers], likely: list?.filter((o) => o.pct > 0).map((o) => o.to) ?? [], leaves: list === undefined, outcomes: list };
    }
    case "ed":
      return { all: [node.admission.to, node.dischargeTo], likely: [node.admission.to, node.dischargeTo], leaves: false, outcomes: [] };
    case "ambulance": {
      const treated = [...Object.values(node.hearAndTreatPct), ...Object.values(node.seeAndTreatPct)].some((pct) => pct > 0);
      const abandon = node.abandonment !== undefined && node.abandonment.toEdPct < 100;
      return { all: [node.to], likely: [node.to], leaves: treated || abandon, outcomes: [] };
    }
    case "homecare": {
      const back = node.deterioration === undefined ? [] : [node.deterioration.to];
      return { all: back, likely: back, leaves: true, outcomes: [] };
    }
    case "placement":
      return { all: [], likely: [], leaves: true, outcomes: [] };
  }
}

/** Problems with each segment's routes, in the order of the segments. */
export function routeIssues(model: RouteInput): Issue[] {
  const issues: Issue[] = [];
  for (const [segmentId, segment] of Object.entries(model.segments)) {
    const cameFrom = new Map<string, string | null>();
    const queue: string[] = [];
    const visit = (to: string, from: string | null): void => {
      if (to === EXIT || cameFrom.has(to) || own(model.nodes, to) === undefined) return;
      cameFrom.set(to, from);
      queue.push(to);
    };
    for (const arrivals of segment.arrivals) {
      visit(arrivals.to, null);
      if (arrivals.divertTo !== undefined) visit(arrivals.divertTo, null);
    }
    for (let i = 0; i < queue.length; i++) {
      const id = queue[i]!;
      const routes = next(own(model.nodes, id)!, segmentId);
      if (routes.outcomes === undefined) {
        const route: string[] = [];
        for (let n: string | null | undefined = id; n !== null && n !== undefined; n = cameFrom.get(n)) route.unshift(n);
        issues.push({
          code: "missing",
          path: ["nodes", id, "outcomes"],
          message: `segment ${JSON.stringify(segmentId)} reaches this unit (arrivals → ${route.join(" → ")}) but has no outcomes here: add a list under "*" or ${JSON.stringify(segmentId)}`,
        });
      }
      for (const to of routes.all) visit(to, id);
    }
    const trapped = trappedNodes(model, segmentId, queue);
    if (trapped.length > 0) {
      const first = trapped[0]!;
      const at = own(model.nodes, first)?.type === "unit" ? ["nodes", first, "outcomes"] : ["nodes", first];
      issues.push({
        code: "invalid_value",
        path: at,
        message:
          `patients of segment ${JSON.stringify(segmentId)} who reach ${trapped.join(", ")} can never leave: their routes loop ` +
          `with no way out (no route with a pct above 0 leads on to "${EXIT}", home care or a placement)`,
      });
    }
  }
  return issues;
}

/** The nodes among `reached` from which no likely route leads out of the system. */
function trappedNodes(model: RouteInput, segmentId: string, reached: readonly string[]): string[] {
  const out = new Set<string>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const id of reached) {
      if (out.has(id)) continue;
      const routes = next(own(model.nodes, id)!, segmentId);
      if (routes.leaves || routes.likely.some((to) => to === EXIT || out.has(to) || own(model.nodes, to) === undefined)) {
        out.add(id);
        changed = true;
      }
    }
  }
  return reached.filter((id) => !out.has(id));
}
