/**
 * Cross-checks: the rules a model must follow that the schema cannot express on its own —
 * references between nodes and segments, probabilities that sum to 100, one entry per acuity
 * band, calendars that cover the week, a baseline to compare scenarios with. Each problem is an
 * issue whose path points at the offending value and whose message says what was expected.
 */
import type { Issue, IssuePath } from "../errors.js";
import { momentsOf } from "../random/families.js";
import { own } from "./own.js";
import { routeIssues } from "./check-routes.js";
import { firstSharedDay, isoDate, periodProblem, type DatedPeriod } from "../dates.js";
import { DAYS, EXIT, type ElectivesSpec, type PatienceSpec, type CapacitySpec, type DistributionOutput, type ModelSpec, type NodeSpec } from "./schema.js";

/** The largest multiplier of a duration (by acuity band): a thousand times a stay is already no stay a model means. */
export const MAX_FACTOR = 1000;

/** Names every object inherits (constructor, toString, valueOf, …). */
const INHERITED: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/** Tolerance on a list of percentages summing to 100. */
export const PCT_SUM_TOLERANCE = 1e-6;

/** The parts of a model the cross-checks read. */
export type CrossCheckInput = Pick<ModelSpec, "acuityBands" | "segments" | "nodes" | "scenarios">;

/**
 * What is known about parts of the model that failed the schema check (the loader cross-checks
 * the valid parts so that one run reports every problem). Defaults: everything valid.
 */
export interface CrossCheckContext {
  /** Ids of nodes present in the file but invalid: references to them are not reported. */
  readonly invalidNodes?: ReadonlySet<string>;
  /** Ids of segments present in the file but invalid: references to them are not reported. */
  readonly invalidSegments?: ReadonlySet<string>;
  /** False when acuityBands itself is invalid: the one-entry-per-band checks are skipped. */
  readonly checkBands?: boolean;
  /** False when scenarios itself is invalid: the scenario checks are skipped. */
  readonly checkScenarios?: boolean;
  /** False when the segments field itself is unusable: references to segments are not checked. */
  readonly checkSegmentRefs?: boolean;
  /** False when the nodes field itself is unusable: references to nodes are not checked. */
  readonly checkNodeRefs?: boolean;
}

const DURATION_KEYS = ["durationMin", "durationHours", "durationDays"] as const;
const RETURN_KEYS = ["returnAfterMin", "returnAfterHours", "returnAfterDays"] as const;
const RATE_KEYS = ["ratePerDay", "meanInterarrivalDays", "ratesCsv"] as const;

/** Every cross-check problem in a schema-valid model, in the order of the file. */
export function crossCheck(model: CrossCheckInput, context: CrossCheckContext = {}): Issue[] {
  return new Checker(model, context).run();
}

class Checker {
  private readonly issues: Issue[] = [];
  private readonly invalidNodes: ReadonlySet<string>;
  private readonly invalidSegments: ReadonlySet<string>;
  private readonly checkBands: boolean;

  constructor(
    private readonly model: CrossCheckInput,
    private readonly context: CrossCheckContext,
  ) {
    this.invalidNodes = context.invalidNodes ?? new Set();
    this.invalidSegments = context.invalidSegments ?? new Set();
    this.checkBands = context.checkBands ?? true;
  }

  run(): Issue[] {
    this.bands();
    if ((this.context.checkSegmentRefs ?? true) && Object.keys(this.model.segments).length === 0 && this.invalidSegments.size === 0) {
      this.add("missing", ["segments"], "the model has no segments, so nobody ever arrives: add at least one segment with arrivals");
    }
    for (const [id, segment] of Object.entries(this.model.segments)) this.segment(id, segment);
    for (const [id, node] of Object.entries(this.model.nodes)) this.node(id, node);
    for (const issue of routeIssues(this.model)) this.issues.push(issue);
    if (this.context.checkScenarios ?? true) this.scenarios();
    return this.issues;
  }

  // -------------------------------------------------------------------------------------------

  private bands(): void {
    if (!this.checkBands) return;
    const seen = new Map<string, number>();
    this.model.acuityBands.forEach((band, i) => {
      const first = seen.get(band);
      if (first !== undefined) {
        this.add("invalid_value", ["acuityBands", i], `acuity band ${JSON.stringify(band)} is listed twice (also acuityBands[${first}]); band names must differ`);
      } else {
        seen.set(band, i);
      }
    });
  }

  private segment(id: string, segment: CrossCheckInput["segments"][string]): void {
    const at = ["segments", id];
    if (segment.acuityPct !== undefined) {
      if (this.perBand(segment.acuityPct, [...at, "acuityPct"], "acuityPct")) {
        this.sumsTo100(segment.acuityPct, [...at, "acuityPct"], "acuityPct");
      }
    }
    this.perBand(segment.demandMultiplierByAcuity, [...at, "demandMultiplierByAcuity"], "demandMultiplierByAcuity");
    if (segment.demandMultiplierByDate !== undefined) this.datedPeriods(segment.demandMultiplierByDate, [...at, "demandMultiplierByDate"]);
    segment.arrivals.forEach((arrivals, i) => {
      const here = [...at, "arrivals", i];
      const given = RATE_KEYS.filter((key) => arrivals[key] !== undefined);
      if (given.length !== 1) {
        const got = given.length === 0 ? "none" : given.join(" and ");
        this.add("invalid_value", here, `give exactly one of ${RATE_KEYS.join(", ")}; got ${got}`);
      }
      if (arrivals.ratesCsv !== undefined) {
        for (const key of ["hourOfDayPct", "dayOfWeekMultiplier"] as const) {
          if (arrivals[key] !== undefined) {
            this.add("invalid_value", [...here, key], `${key} cannot be combined with ratesCsv, which already gives the rate for every hour of the week`);
          }
        }
      }
      if (arrivals.hourOfDayPct !== undefined) this.sumsTo100(arrivals.hourOfDayPct, [...here, "hourOfDayPct"], "hourOfDayPct");
      this.reference(arrivals.to, [...here, "to"], { allowExit: false, what: "arrivals" });
      if (arrivals.divertTo !== undefined) {
        this.reference(arrivals.divertTo, [...here, "divertTo"], { allowExit: true, what: "diverted arrivals" });
        if (arrivals.opensAtHour === undefined && arrivals.closesAtHour === undefined) {
          this.add("invalid_value", [...here, "divertTo"], "divertTo needs opening hours: give closesAtHour (and opensAtHour if the door opens after midnight)");
        }
      }
      if (arrivals.opensAtHour !== undefined && arrivals.closesAtHour !== undefined && arrivals.opensAtHour === arrivals.closesAtHour) {
        this.add("invalid_value", [...here, "closesAtHour"], `opensAtHour and closesAtHour are both ${fmt(arrivals.opensAtHour)}: the door would never be open; omit both for a door that never closes`);
      }
    });
  }

  private node(id: string, node: NodeSpec): void {
    const at = ["nodes", id];
    if (id === EXIT) {
      this.add("invalid_value", at, `"${EXIT}" is reserved for leaving the system and cannot name a node; rename this node`);
    }
    switch (node.type) {
      case "unit":
        if (node.servers !== "unlimited") this.capacity(node.servers, [...at, "servers"]);
        this.atMostOneDuration(node, at);
        this.perBand(node.losMultiplierByAcuity, [...at, "losMultiplierByAcuity"], "losMultiplierByAcuity");
        this.factors(node.losMultiplierByAcuity, [...at, "losMultiplierByAcuity"]);
        this.outcomes(id, node);
        if (node.patience !== undefined) this.patience(node.patience, [...at, "patience"]);
        if (node.electives !== undefined) this.electives(node.electives, node.servers, [...at, "electives"]);
        break;
      case "ed":
        this.capacity(node.cubicles, [...at, "cubicles"]);
        this.perBand(node.assessmentMultiplierByAcuity, [...at, "assessmentMultiplierByAcuity"], "assessmentMultiplierByAcuity");
        this.factors(node.assessmentMultiplierByAcuity, [...at, "assessmentMultiplierByAcuity"]);
        this.reference(node.admission.to, [...at, "admission", "to"], { allowExit: false, what: "admitted patients", type: "unit" });
        this.reference(node.dischargeTo, [...at, "dischargeTo"], { allowExit: true, what: "discharged patients" });
        break;
      case "ambulance":
        this.capacity(node.vehicles, [...at, "vehicles"]);
        this.perBand(node.categoryByAcuity, [...at, "categoryByAcuity"], "categoryByAcuity");
        this.reference(node.to, [...at, "to"], { allowExit: false, what: "conveyed patients", type: "ed" });
        break;
      case "homecare": {
        if (node.deterioration !== undefined) {
          this.reference(node.deterioration.to, [...at, "deterioration", "to"], { allowExit: false, what: "people who deteriorate" });
        }
        if (node.paidHoursByDate !== undefined) this.datedCapacity(node.paidHoursByDate, [...at, "paidHoursByDate"]);
        const delivered = node.paidHoursPerWeek * node.deliveredPerPaidHour;
        const mean = meanOf(node.packageHoursPerWeek);
        if (mean > delivered) {
          this.add(
            "out_of_range",
            [...at, "packageHoursPerWeek"],
            `a package needs ${fmt(mean)} hours per week on average, more than the ${fmt(delivered)} care hours delivered per week ` +
              `(paidHoursPerWeek ${fmt(node.paidHoursPerWeek)} × deliveredPerPaidHour ${fmt(node.deliveredPerPaidHour)}): most packages could never start`,
          );
        }
        break;
      }
      case "placement":
        break;
    }
  }

  private outcomes(id: string, node: Extract<NodeSpec, { type: "unit" }>): void {
    const at = ["nodes", id, "outcomes"];
    const unitHasDuration = DURATION_KEYS.some((key) => node[key] !== undefined);
    for (const [key, list] of Object.entries(node.outcomes)) {
      const here = [...at, key];
      if (key !== "*" && this.segmentsKnown() && own(this.model.segments, key) === undefined && !this.invalidSegments.has(key)) {
        const ids = Object.keys(this.model.segments);
        this.add(
          "unknown_reference",
          here,
          `no segment named ${JSON.stringify(key)}${suggest(key, ids)}: outcome lists are keyed by "*" (every segment) or a segment id${listOf(ids)}`,
        );
      }
      this.sumsTo100(
        list.map((outcome) => outcome.pct),
        here,
        "the pct of these outcomes",
      );
      list.forEach((outcome, j) => {
        this.atMostOneDuration(outcome, [...here, j]);
        if (!unitHasDuration && !DURATION_KEYS.some((k) => outcome[k] !== undefined)) {
          this.add("missing", [...here, j], `this outcome has no duration: give durationMin, durationHours or durationDays on it or on the unit`);
        }
        this.reference(outcome.to, [...here, j, "to"], { allowExit: true, what: "the outcome" });
      });
    }
  }

  /** An elective list: its segment and band exist, its outcomes sum to 100 and go somewhere, its reserve leaves beds to book. */
  private electives(e: ElectivesSpec, servers: Extract<NodeSpec, { type: "unit" }>["servers"], at: IssuePath): void {
    if (this.segmentsKnown() && own(this.model.segments, e.segment) === undefined && !this.invalidSegments.has(e.segment)) {
      const ids = Object.keys(this.model.segments);
      this.add("unknown_reference", [...at, "segment"], `no segment named ${JSON.stringify(e.segment)}${suggest(e.segment, ids)}: electives are counted in a segment${listOf(ids)}`);
    }
    if (e.acuityBand !== undefined && this.checkBands && !this.model.acuityBands.includes(e.acuityBand)) {
      this.add("unknown_reference", [...at, "acuityBand"], `no acuity band named ${JSON.stringify(e.acuityBand)}${suggest(e.acuityBand, this.model.acuityBands)}; bands: ${this.model.acuityBands.join(", ")}`);
    }
    if (e.dayOfWeekMultiplier !== undefined && e.bookingsPerDay > 0 && e.dayOfWeekMultiplier.every((m) => m === 0)) {
      this.add("invalid_value", [...at, "dayOfWeekMultiplier"], "every day's multiplier is 0, so nothing is ever booked: set bookingsPerDay to 0 instead, or give a day a multiplier above 0");
    }
    if (typeof servers === "number" && e.reserveBeds >= servers && e.bookingsPerDay > 0) {
      this.add("out_of_range", [...at, "reserveBeds"], `a reserve of ${e.reserveBeds} beds at a unit of ${servers} leaves no bed an elective could ever take: the reserve must be below the unit's servers`);
    }
    if (e.outcomes !== undefined) {
      this.sumsTo100(
        e.outcomes.map((o) => o.pct),
        [...at, "outcomes"],
        "the pct of these outcomes",
      );
      e.outcomes.forEach((o, j) => {
        this.atMostOneDuration(o, [...at, "outcomes", j]);
        this.reference(o.to, [...at, "outcomes", j, "to"], { allowExit: true, what: "electives after their stay" });
        const next = own(this.model.nodes, o.to);
        if (next?.type === "unit" && own(next.outcomes, e.segment) === undefined && own(next.outcomes, "*") === undefined) {
          this.add("missing", [...at, "outcomes", j, "to"], `electives (segment ${JSON.stringify(e.segment)}) go on to ${JSON.stringify(o.to)}, which has no outcomes for that segment: add "${e.segment}" or "*" to its outcomes`);
        }
      });
    }
  }

  private patience(patience: PatienceSpec, at: IssuePath): void {
    this.atMostOneDuration(patience, at);
    const returns = RETURN_KEYS.filter((key) => patience[key] !== undefined);
    if (returns.length > 1) this.add("invalid_value", at, `give at most one of ${RETURN_KEYS.join(", ")}; got ${returns.join(" and ")}`);
    const hasDefault = DURATION_KEYS.some((key) => patience[key] !== undefined);
    for (const [key, entry] of Object.entries(patience.bySegment ?? {})) {
      const here = [...at, "bySegment", key];
      if (this.segmentsKnown() && own(this.model.segments, key) === undefined && !this.invalidSegments.has(key)) {
        const ids = Object.keys(this.model.segments);
        this.add("unknown_reference", here, `no segment named ${JSON.stringify(key)}${suggest(key, ids)}: patience is given by segment id${listOf(ids)}`);
      }
      if (entry === null) continue;
      const given = DURATION_KEYS.filter((k) => entry[k] !== undefined);
      if (given.length !== 1) this.add("invalid_value", here, `give exactly one of ${DURATION_KEYS.join(", ")} (or null: this segment never leaves the line); got ${given.length === 0 ? "none" : given.join(" and ")}`);
    }
    if (!hasDefault && patience.bySegment === undefined) {
      this.add("missing", at, `patience needs a duration: give durationMin, durationHours or durationDays (every segment), or bySegment`);
    }
    this.perBand(patience.multiplierByAcuity, [...at, "multiplierByAcuity"], "multiplierByAcuity");
    this.factors(patience.multiplierByAcuity?.map((f) => f ?? 0), [...at, "multiplierByAcuity"]);
    this.reference(patience.to, [...at, "to"], { allowExit: true, what: "patients who leave the line" });
  }

  private scenarios(): void {
    const scenarios = this.model.scenarios;
    if (own(scenarios, "baseline") === undefined) {
      this.add(
        "missing",
        ["scenarios"],
        `no scenario named "baseline": add "baseline": {} (the model as written), which the other scenarios are compared with`,
      );
    }
    for (const [name, scenario] of Object.entries(scenarios)) {
      if (INHERITED.has(name)) {
        this.add(
          "invalid_value",
          ["scenarios", name],
          `"${name}" cannot name a scenario: every JavaScript object has a "${name}", and the chart library that draws the report takes one for the other; rename the scenario`,
        );
      }
      if (scenario.compareWith !== undefined) {
        if (own(scenarios, scenario.compareWith) === undefined) {
          const near = nearest(scenario.compareWith, Object.keys(scenarios));
          this.add("unknown_reference", ["scenarios", name, "compareWith"], `no scenario named "${scenario.compareWith}"${near ? ` (did you mean "${near}"?)` : ""}; scenarios: ${Object.keys(scenarios).join(", ")}`);
        } else if (scenario.compareWith === name) {
          this.add("invalid_value", ["scenarios", name, "compareWith"], "a scenario cannot be compared with itself");
        }
      }
      scenario.changes.forEach((change, i) => {
        const hasSet = change.set !== undefined;
        const hasScale = change.scale !== undefined;
        if (hasSet && hasScale) {
          this.add("invalid_value", ["scenarios", name, "changes", i], "give either set (a new value) or scale (a factor), not both");
        } else if (!hasSet && !hasScale) {
          this.add("missing", ["scenarios", name, "changes", i], "a change needs set (a new value) or scale (a factor)");
        }
      });
    }
  }

  // -------------------------------------------------------------------------------------------

  /** A weekly calendar covers every day from hour 0 and sets each day and hour once. */
  private capacity(capacity: CapacitySpec, at: IssuePath): void {
    if (typeof capacity === "number") return;
    if (capacity.dated !== undefined) this.datedCapacity(capacity.dated, [...at, "dated"]);
    if (!("calendar" in capacity)) return;
    const first = new Map<string, number>();
    const startsAtZero = new Set<string>();
    capacity.calendar.forEach((entry, j) => {
      for (const day of entry.days ?? DAYS) {
        const key = `${day} ${entry.fromHour}`;
        const earlier = first.get(key);
        if (earlier !== undefined) {
          this.add(
            "invalid_value",
            [...at, "calendar", j],
            `${day} from hour ${entry.fromHour} is already set by calendar[${earlier}]; each day and hour may appear once`,
          );
        } else {
          first.set(key, j);
        }
        if (entry.fromHour === 0) startsAtZero.add(day);
      }
    });
    const gaps = DAYS.filter((day) => !startsAtZero.has(day));
    if (gaps.length > 0) {
      this.add(
        "invalid_value",
        [...at, "calendar"],
        `gap: ${gaps.join(", ")} ${gaps.length === 1 ? "has" : "have"} no entry from hour 0; every day needs an entry with fromHour 0`,
      );
    }
  }

  /** Dated capacity periods: real dates, to not before from, add or set (not both), set periods that do not overlap. */
  private datedCapacity(periods: readonly (DatedPeriod & { readonly add?: number | undefined; readonly set?: number | undefined })[], at: IssuePath): void {
    const valid = this.datedPeriods(periods, at);
    periods.forEach((period, j) => {
      if ((period.add === undefined) === (period.set === undefined)) {
        this.add("invalid_value", [...at, j], `give exactly one of add (added to the capacity outside the period) or set (the capacity in this period); got ${period.add === undefined ? "neither" : "both"}`);
      }
    });
    const sets = periods.map((period, j) => ({ period, j })).filter(({ period, j }) => period.set !== undefined && valid.has(j));
    for (let a = 0; a < sets.length; a++) {
      for (let b = a + 1; b < sets.length; b++) {
        const day = firstSharedDay(sets[a]!.period, sets[b]!.period);
        if (day === undefined) continue;
        this.add(
          "invalid_value",
          [...at, sets[b]!.j],
          `this set period overlaps dated[${sets[a]!.j}] (both hold on ${isoDate(day)}): which capacity holds there is ambiguous; make set periods disjoint, or use add`,
        );
      }
    }
  }

  /** The dates of each period; returns the indices of the periods whose dates are valid. */
  private datedPeriods(periods: readonly DatedPeriod[], at: IssuePath): Set<number> {
    const valid = new Set<number>();
    periods.forEach((period, j) => {
      const problem = periodProblem(period);
      if (problem === undefined) valid.add(j);
      else this.add("invalid_value", [...at, j, problem.key], problem.message);
    });
    return valid;
  }

  private atMostOneDuration(holder: Partial<Record<(typeof DURATION_KEYS)[number], unknown>>, at: IssuePath): void {
    const given = DURATION_KEYS.filter((key) => holder[key] !== undefined);
    if (given.length > 1) {
      this.add("invalid_value", at, `give at most one of ${DURATION_KEYS.join(", ")}; got ${given.join(" and ")}`);
    }
  }

  /** A list with one entry per acuity band; returns whether the length is right (or unchecked). */
  private perBand(list: readonly unknown[] | undefined, at: IssuePath, name: string): boolean {
    if (list === undefined || !this.checkBands) return true;
    const bands = this.model.acuityBands;
    if (list.length === bands.length) return true;
    this.add(
      "invalid_value",
      at,
      `${name} needs one entry per acuity band (${bands.length}: ${bands.join(", ")}), got ${list.length}`,
    );
    return false;
  }

  /** Multipliers of durations stay within MAX_FACTOR, so a duration times its multiplier stays a finite time. */
  private factors(list: readonly number[] | undefined, at: IssuePath): void {
    list?.forEach((factor, i) => {
      if (factor > MAX_FACTOR) this.add("out_of_range", [...at, i], `a duration multiplier must be at most ${MAX_FACTOR}, got ${fmt(factor)}`);
    });
  }

  private sumsTo100(values: readonly number[], at: IssuePath, what: string): void {
    const sum = values.reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 100) > PCT_SUM_TOLERANCE) this.add("does_not_sum", at, `${what} must sum to 100, got ${fmt(sum)}`);
  }

  private reference(
    target: string,
    at: IssuePath,
    rule: { allowExit: boolean; what: string; type?: NodeSpec["type"] },
  ): void {
    if (!this.nodesKnown()) return;
    if (target === EXIT) {
      if (!rule.allowExit) this.add("invalid_value", at, `${rule.what} must go to a node, not "${EXIT}"`);
      return;
    }
    if (this.invalidNodes.has(target)) return;
    const node = own(this.model.nodes, target);
    if (node === undefined) {
      const ids = [...Object.keys(this.model.nodes), ...this.invalidNodes];
      const choices = rule.allowExit ? [...ids, EXIT] : ids;
      this.add(
        "unknown_reference",
        at,
        `no node named ${JSON.stringify(target)}${suggest(target, choices)}; expected ${rule.allowExit ? `"${EXIT}" or ` : ""}a node id${listOf(ids)}`,
      );
      return;
    }
    if (rule.type !== undefined && node.type !== rule.type) {
      this.add(
        "invalid_value",
        at,
        `${rule.what} must go to a node of type "${rule.type}", but ${JSON.stringify(target)} is of type "${node.type}"`,
      );
    }
  }

  private nodesKnown(): boolean {
    return this.context.checkNodeRefs ?? true;
  }

  private segmentsKnown(): boolean {
    return this.context.checkSegmentRefs ?? true;
  }

  private add(code: Issue["code"], path: IssuePath, message: string): void {
    this.issues.push({ code, path, message });
  }
}

/** The mean of a distribution the schema has checked. */
function meanOf(spec: DistributionOutput): number {
  return momentsOf(spec).mean;
}

/** Up to ten significant figures, so sums like 99.99999999999999 read as 100. */
function fmt(x: number): string {
  return String(Number(x.toPrecision(10)));
}

function listOf(ids: readonly string[]): string {
  if (ids.length === 0) return " (there are none)";
  const shown = ids.slice(0, 12).join(", ");
  return ` (${shown}${ids.length > 12 ? ", …" : ""})`;
}

/** " (did you mean "acute"?)" when one candidate is a likely typo of `word`. */
function suggest(word: string, candidates: readonly string[]): string {
  const best = nearest(word, candidates);
  return best !== undefined ? ` (did you mean ${JSON.stringify(best)}?)` : "";
}

/** The candidate closest to `word` by edit distance, if close enough to be a likely typo. */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(1, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}
