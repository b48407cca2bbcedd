/**
 * What a scenario changes against what it is compared with — demand (a population segment),
 * capacity (beds or servers, ED cubicles, ambulance vehicles, home-care hours), or both — and,
 * for a scenario that changes both, its split into parts by counterfactual: the *demand part* (the
 * reference with only the scenario's segments) against the reference, and the *capacity part*
 * (the whole scenario) against the demand part. The two parts' release accounting add up to the
 * whole scenario's change in use.
 */
import { isDeepStrictEqual } from "node:util";
import type { ModelSpec } from "../model/schema.js";
import type { Variant } from "../types.js";

/** The capacity fields of each node type. */
const CAPACITY_FIELDS: Readonly<Record<string, readonly string[]>> = {
  unit: ["servers"],
  ed: ["cubicles"],
  ambulance: ["vehicles"],
  homecare: ["paidHoursPerWeek", "deliveredPerPaidHour", "paidHoursByDate"],
  placement: [],
};

/** Segments that differ between two models, as paths. */
export function changedSegments(a: ModelSpec, b: ModelSpec): string[] {
  const ids = [...new Set([...Object.keys(a.segments), ...Object.keys(b.segments)])];
  return ids.filter((id) => !isDeepStrictEqual(a.segments[id], b.segments[id])).map((id) => `segments.${id}`);
}

/** Capacity fields that differ between two models, as paths. */
export function changedCapacity(a: ModelSpec, b: ModelSpec): string[] {
  const changed: string[] = [];
  for (const id of [...new Set([...Object.keys(a.nodes), ...Object.keys(b.nodes)])]) {
    const x = a.nodes[id] as Record<string, unknown> | undefined;
    const y = b.nodes[id] as Record<string, unknown> | undefined;
    if (x === undefined || y === undefined || x["type"] !== y["type"]) {
      changed.push(`nodes.${id}`);
      continue;
    }
    for (const field of CAPACITY_FIELDS[String(x["type"])] ?? []) if (!isDeepStrictEqual(x[field], y[field])) changed.push(`nodes.${id}.${field}`);
  }
  return changed;
}

export const demandPart = (scenario: string): string => `${scenario} (demand part)`;
export const capacityPart = (scenario: string): string => `${scenario} (capacity part)`;

/**
 * The parts of a scenario that changes both demand and capacity against its reference, or none:
 * the demand part is the reference with the scenario's segments (every node as the reference
 * has it), the capacity part the scenario itself, compared with the demand part.
 */
export function mixedParts(scenario: Variant, reference: Variant): Variant[] {
  if (changedSegments(scenario.spec, reference.spec).length === 0 || changedCapacity(scenario.spec, reference.spec).length === 0) return [];
  return [
    { scenario: demandPart(scenario.scenario), spec: { ...reference.spec, segments: scenario.spec.segments }, tables: scenario.tables },
    { scenario: capacityPart(scenario.scenario), spec: scenario.spec, tables: scenario.tables },
  ];
}
