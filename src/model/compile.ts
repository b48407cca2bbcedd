/**
 * Compiling: a validated model (ModelSpec) becomes the plain structures the pathway simulation
 * runs on (compiled.ts) — node indices instead of names, samplers instead of specs, every time in
 * hours, weekly rate tables instead of profiles. Nothing here draws a random number or touches a
 * file.
 */
import type { DistributionSpec } from "../random/distribution-spec.js";
import { createSampler, describeDistribution } from "../random/families.js";
import { PiecewiseRateArrivals, constantRate } from "../random/arrivals.js";
import { purposeId } from "../random/keyed-stream.js";
import { own } from "./own.js";
import { datedCapacity, datingOf, monthFactorByDay, multiplierByDay, startOf, type Dating, type RunTiming } from "./compile-dated.js";
export type { RunTiming } from "./compile-dated.js";
import { DAYS_PER_WEEK, HOURS_PER_DAY, HOURS_PER_WEEK, MINUTES_PER_HOUR } from "../time.js";
import {
  DAYS,
  EXIT,
  MONTHS,
  type AmbulanceNodeSpec,
  type ArrivalsSpec,
  type CapacitySpec,
  type DistributionOutput,
  type EdNodeSpec,
  type ElectivesSpec,
  type HomecareNodeSpec,
  type ModelSpec,
  type OutcomeSpec,
  type PatienceSpec,
  type UnitNodeSpec,
} from "./schema.js";
import {
  EXIT_NODE,
  type CompiledAmbulance,
  type CompiledCapacity,
  type CompiledEd,
  type CompiledElectives,
  type CompiledHomecare,
  type CompiledModel,
  type CompiledNode,
  type CompiledOutcomes,
  type CompiledPatience,
  type CompiledSegment,
  type CompiledSource,
  type CompiledUnit,
  type Duration,
  type RateTables,
} from "./compiled.js";

/** A distribution as the schema outputs it (validated by checkDistribution, so a DistributionSpec). */
type DistributionField = DistributionOutput;

function duration(field: DistributionField, toHours: number, purpose: string): Duration {
  const spec = field as DistributionSpec;
  return { sampler: createSampler(spec), spec, toHours, purpose: purposeId(purpose), text: describeDistribution(spec) };
}

function outcomeDuration(o: { durationMin?: DistributionField | undefined; durationHours?: DistributionField | undefined; durationDays?: DistributionField | undefined }, purpose: string): Duration | null {
  if (o.durationMin) return duration(o.durationMin, 1 / MINUTES_PER_HOUR, purpose);
  if (o.durationHours) return duration(o.durationHours, 1, purpose);
  if (o.durationDays) return duration(o.durationDays, HOURS_PER_DAY, purpose);
  return null;
}

/**
 * Converts a weekly calendar of "from hour on these days" entries into engine change points, with
 * time 0 at `originHour` hours into the calendar's week (Monday 00:00 is 0): the run's start day
 * and hour, so a calendar's Monday is the model's Monday whatever day the run starts on.
 */
export function compileCapacity(spec: CapacitySpec | "unlimited", originHour = 0, dated: DatedContext | null = null): CompiledCapacity {
  if (spec === "unlimited") return { kind: "fixed", value: Infinity };
  if (typeof spec === "number") return { kind: "fixed", value: spec };
  if (spec.dated !== undefined) {
    if (dated === null) throw new Error("a dated capacity needs the run's start date (validated in the plan)");
    const base = "calendar" in spec ? compileCapacity({ calendar: spec.calendar }, originHour) : ({ kind: "fixed", value: spec.value } as const);
    return datedCapacity(base, spec.dated, dated.dating, dated.resultsFrom);
  }
  if (!("calendar" in spec)) return { kind: "fixed", value: spec.value };
  const written: { at: number; value: number }[] = [];
  for (const entry of spec.calendar) {
    const days = entry.days ?? DAYS;
    for (const day of days) written.push({ at: DAYS.indexOf(day) * HOURS_PER_DAY + entry.fromHour, value: entry.value });
  }
  written.sort((a, b) => a.at - b.at);
  // Value in force at hour h of the written week (validation makes every day start at hour 0).
  const valueAt = (h: number): number => {
    let v = written[written.length - 1]!.value;
    for (const p of written) if (p.at <= h) v = p.value;
    return v;
  };
  const shift = (((originHour % HOURS_PER_WEEK) + HOURS_PER_WEEK) % HOURS_PER_WEEK);
  const points =
    shift === 0
      ? written
      : [{ at: 0, value: valueAt(shift) }, ...written.map((p) => ({ at: (p.at - shift + HOURS_PER_WEEK) % HOURS_PER_WEEK, value: p.value }))]
          .filter((p, i) => i === 0 || p.at > 0)
          .sort((a, b) => a.at - b.at);
  const times: number[] = [];
  const capacities: number[] = [];
  for (const p of points) {
    if (capacities.length > 0 && capacities[capacities.length - 1] === p.value) continue;
    times.push(p.at);
    capacities.push(p.value);
  }
  // Time-weighted mean over the week, for reports.
  let area = 0;
  for (let i = 0; i < times.length; i++) area += capacities[i]! * ((times[i + 1] ?? HOURS_PER_WEEK) - times[i]!);
  return { kind: "calendar", calendar: { period: HOURS_PER_WEEK, times, capacities }, mean: area / HOURS_PER_WEEK };
}

function cumulative(pcts: readonly number[]): Float64Array {
  const total = pcts.reduce((a, b) => a + b, 0);
  const out = new Float64Array(pcts.length);
  let acc = 0;
  pcts.forEach((p, i) => {
    acc += p / total;
    out[i] = acc;
  });
  out[out.length - 1] = 1;
  return out;
}

function byBand(values: readonly number[] | undefined): Float64Array | null {
  return values === undefined ? null : Float64Array.from(values);
}

/** The week's 168 hourly rates (per hour) for one arrivals entry. */
export function weeklyRates(a: ArrivalsSpec, tables: RateTables): Float64Array {
  const rates = new Float64Array(HOURS_PER_WEEK);
  if (a.ratesCsv !== undefined) {
    const table = own(tables, a.ratesCsv);
    if (table === undefined) throw new Error(`rates table ${a.ratesCsv} was not loaded`);
    rates.set(table);
    return rates;
  }
  const perDay = a.ratePerDay ?? (a.meanInterarrivalDays !== undefined ? 1 / a.meanInterarrivalDays : 0);
  const hourShare = a.hourOfDayPct?.map((p) => p / 100) ?? new Array<number>(HOURS_PER_DAY).fill(1 / HOURS_PER_DAY);
  const hourTotal = hourShare.reduce((x, y) => x + y, 0);
  const dow = a.dayOfWeekMultiplier ?? new Array<number>(DAYS_PER_WEEK).fill(1);
  const dowMean = dow.reduce((x, y) => x + y, 0) / DAYS_PER_WEEK;
  for (let d = 0; d < DAYS_PER_WEEK; d++) {
    for (let h = 0; h < HOURS_PER_DAY; h++) {
      rates[d * HOURS_PER_DAY + h] = (perDay * (dow[d]! / (dowMean || 1)) * hourShare[h]!) / (hourTotal || 1);
    }
  }
  return rates;
}

/** What compiling a dated model's capacities needs: its dating, and where the results period starts (hours). */
interface DatedContext {
  readonly dating: Dating;
  readonly resultsFrom: number;
}

/**
 * Compiles a validated model. Throws only on internal inconsistencies validation should have caught.
 * A dated model (run.startDate) needs the run's timing: its time 0 lies the warm-up before the start date.
 */
export function compileModel(spec: ModelSpec, tables: RateTables = {}, timing?: RunTiming): CompiledModel {
  const bands = spec.acuityBands.length;
  const nodeIds = Object.keys(spec.nodes);
  const nodeIndex = new Map(nodeIds.map((id, i) => [id, i]));
  const segmentIds = Object.keys(spec.segments);
  const ref = (id: string): number => {
    if (id === EXIT) return EXIT_NODE;
    const i = nodeIndex.get(id);
    if (i === undefined) throw new Error(`unknown node ${id}`);
    return i;
  };
  const dating = datingOf(spec, timing);
  const dated: DatedContext | null = dating === null ? null : { dating, resultsFrom: (timing ?? spec.run).warmupDays * HOURS_PER_DAY };
  const start = dating === null ? null : startOf(dating);
  const startDayOfWeek = start?.dayOfWeek ?? DAYS.indexOf(spec.run.startDayOfWeek);
  const startMonth = start?.month ?? MONTHS.indexOf(spec.run.startMonth);
  const startHour = spec.run.startHour ?? 0;
  const originHour = startDayOfWeek * HOURS_PER_DAY + startHour;

  const segments: CompiledSegment[] = segmentIds.map((id, index) => {
    const s = spec.segments[id]!;
    const acuity = s.acuityPct ?? Array.from({ length: bands }, (_, b) => (b === Math.floor((bands - 1) / 2) ? 100 : 0));
    const mult = Array.from({ length: bands }, (_, b) => s.demandMultiplier * (s.demandMultiplierByAcuity?.[b] ?? 1));
    // Common random numbers in both directions: a multiplier below 1 thins the baseline's own
    // arrivals; one above 1 adds (m − 1) × the band's share of the base rate as a process of its
    // own (superposition), so a rise in one band never changes who else arrives.
    const keepByBand = Float64Array.from(mult, (m) => Math.min(1, m));
    const total = acuity.reduce((a, b) => a + b, 0);
    // Dated demand: the added process runs at each band's largest multiplier over the run and is
    // thinned day by day to the day's (compiled.ts CompiledSegment.dated).
    const factorByDay = s.demandMultiplierByDate === undefined ? null : multiplierByDay(s.demandMultiplierByDate, dating!);
    const top = factorByDay === null ? 1 : Math.max(1, ...factorByDay);
    const addedShares = acuity.map((pct, b) => (pct / total) * Math.max(0, mult[b]! * top - 1));
    const addedFactor = addedShares.reduce((a, b) => a + b, 0);
    return {
      id,
      index,
      acuityCumulative: cumulative(acuity),
      keepByBand,
      keepsAll: keepByBand.every((k) => k >= 1),
      addedFactor,
      addedCumulative: addedFactor > 0 ? cumulative(addedShares) : null,
      fixedBand: acuity.findIndex((p) => p === total),
      dated: factorByDay === null ? null : { factorByDay, multiplierByBand: Float64Array.from(mult), topByBand: Float64Array.from(mult, (m) => m * top) },
    };
  });

  const sources: CompiledSource[] = [];
  const addedSources: CompiledSource[] = [];
  segmentIds.forEach((id, index) => {
    const s = spec.segments[id]!;
    const addedFactor = segments[index]!.addedFactor;
    s.arrivals.forEach((a, k) => {
      const base = weeklyRates(a, tables);
      const name = `${id}/${k}`;
      const baseSource = sources.length;
      sources.push(compileSource(a, base, name, index, baseSource, false, ref, startMonth, startDayOfWeek, startHour, dating));
      if (addedFactor > 0) {
        addedSources.push(compileSource(a, base.map((r) => r * addedFactor), name, index, baseSource, true, ref, startMonth, startDayOfWeek, startHour, dating));
      }
    });
  });
  // The added processes come after every baseline source, so a baseline source's index (and the
  // ids of its patients) does not depend on whether anything is added.
  sources.push(...addedSources);

  const nodes: CompiledNode[] = nodeIds.map((id, index) => {
    const n = spec.nodes[id]!;
    switch (n.type) {
      case "unit":
        return compileUnit(id, index, n, segmentIds, spec.acuityBands, ref, originHour, dated);
      case "ed":
        return compileEd(id, index, n, ref, originHour, dated);
      case "ambulance":
        return compileAmbulance(id, index, n, ref, originHour, dated);
      case "homecare":
        return compileHomecare(id, index, n, ref, dated);
      case "placement":
        return { kind: "placement", id, index, delay: duration(n.delayDays, HOURS_PER_DAY, `${id}/delay`) };
    }
  });

  return {
    name: spec.name,
    bands,
    bandNames: spec.acuityBands,
    segments,
    sources,
    nodes,
    nodeIndex,
    startDayOfWeek,
    startMonth,
    startHour,
    epochDay0: dating?.epochDay0 ?? null,
    acuityPurpose: purposeId("acuity"),
  };
}

/** One arrival process: a baseline source, or the demand a multiplier above 1 adds to one. */
function compileSource(
  a: ArrivalsSpec,
  rates: Float64Array,
  name: string,
  segment: number,
  baseSource: number,
  added: boolean,
  ref: (id: string) => number,
  startMonth: number,
  startDayOfWeek: number,
  startHour: number,
  dating: Dating | null,
): CompiledSource {
  // A flat week with no months is a homogeneous Poisson process: the cheaper generator draws
  // the same single uniform per arrival.
  const flat = a.monthMultiplier === undefined && rates.every((r) => r === rates[0]);
  const process = flat
    ? constantRate(rates[0]!)
    : new PiecewiseRateArrivals({
        ratePerHour: rates,
        hourLength: 1,
        // A dated run's months are real months: a factor per calendar day instead of a 365-day year.
        ...(a.monthMultiplier ? (dating === null ? { monthlyMultiplier: a.monthMultiplier } : { dayFactor: monthFactorByDay(a.monthMultiplier, dating) }) : {}),
        startMonth,
        startDayOfWeek,
        startHour,
      });
  return {
    name,
    segment,
    route: a.route,
    to: ref(a.to),
    process,
    meanRatePerDay: (rates.reduce((x, y) => x + y, 0) / HOURS_PER_WEEK) * HOURS_PER_DAY,
    added,
    baseSource,
    open: a.opensAtHour === undefined && a.closesAtHour === undefined ? null : { opensAt: a.opensAtHour ?? 0, closesAt: a.closesAtHour ?? HOURS_PER_DAY },
    divertTo: ref(a.divertTo ?? EXIT),
  };
}



/** The hand-over a unit takes when its file does not say: the queueing default for generic units, delayed discharge for wards. */
export function defaultAcceptHeld(role: UnitNodeSpec["role"]): "server" | "queue" {
  return role === "generic" ? "queue" : "server";
}

function compilePatience(id: string, p: PatienceSpec, segmentIds: readonly string[], ref: (id: string) => number): CompiledPatience {
  const base = outcomeDuration(p, `${id}/patience`);
  const bySegment = segmentIds.map((s) => {
    const own_ = p.bySegment === undefined ? undefined : own(p.bySegment, s);
    if (own_ === null) return null;
    if (own_ !== undefined) return outcomeDuration(own_, `${id}/patience`);
    return base;
  });
  return {
    bySegment,
    multiplierByBand: p.multiplierByAcuity === undefined ? null : Float64Array.from(p.multiplierByAcuity, (f) => (f === null ? Infinity : f)),
    to: ref(p.to),
    returnAfter:
      p.returnAfterMin !== undefined
        ? duration(p.returnAfterMin, 1 / MINUTES_PER_HOUR, `${id}/patience-return`)
        : p.returnAfterHours !== undefined
          ? duration(p.returnAfterHours, 1, `${id}/patience-return`)
          : p.returnAfterDays !== undefined
            ? duration(p.returnAfterDays, HOURS_PER_DAY, `${id}/patience-return`)
            : null,
  };
}

function compileUnit(id: string, index: number, n: UnitNodeSpec, segmentIds: readonly string[], bandNames: readonly string[], ref: (id: string) => number, originHour: number, dated: DatedContext | null): CompiledUnit {
  const unitDuration = outcomeDuration(n, `${id}/duration`);
  const compileList = (list: readonly OutcomeSpec[]): CompiledOutcomes => ({
    cumulative: cumulative(list.map((o) => o.pct)),
    to: Int32Array.from(list, (o) => ref(o.to)),
    labels: list.map((o, i) => o.label ?? `${o.to}#${i}`),
    durations: list.map((o) => {
      const d = outcomeDuration(o, `${id}/duration`) ?? unitDuration;
      if (d === null) throw new Error(`unit ${id}: an outcome has no duration`);
      return d;
    }),
  });
  const all = own(n.outcomes, "*");
  const outcomesBySegment = segmentIds.map((s) => {
    const list = own(n.outcomes, s) ?? all;
    return list === undefined ? null : compileList(list);
  });
  return {
    kind: "unit",
    id,
    index,
    role: n.role,
    servers: compileCapacity(n.servers, originHour, dated),
    waitingRoom: n.waitingRoom === "unlimited" ? Infinity : n.waitingRoom,
    discipline: n.discipline,
    acceptHeld: n.acceptHeld ?? defaultAcceptHeld(n.role),
    outcomesBySegment,
    losMultiplierByAcuity: byBand(n.losMultiplierByAcuity),
    losStretch: n.losStretch ? { perPoint: n.losStretch.perPointBelowReferencePct / 100, referencePct: n.losStretch.referenceOccupancyPct } : null,
    outcomePurpose: purposeId(`${id}/outcome`),
    patience: n.patience === undefined ? null : compilePatience(id, n.patience, segmentIds, ref),
    electives: n.electives === undefined ? null : compileElectives(id, n.electives, segmentIds, bandNames, ref),
  };
}

/** An elective booked list: the bookings of each weekday, the rule for taking a bed, and the electives' stays. */
function compileElectives(id: string, e: ElectivesSpec, segmentIds: readonly string[], bandNames: readonly string[], ref: (id: string) => number): CompiledElectives {
  const dow = e.dayOfWeekMultiplier ?? new Array<number>(DAYS_PER_WEEK).fill(1);
  const dowMean = dow.reduce((x, y) => x + y, 0) / DAYS_PER_WEEK;
  const los = duration(e.losDays, HOURS_PER_DAY, `${id}/elective-los`);
  const list = e.outcomes ?? [{ pct: 100, to: EXIT }];
  const segment = segmentIds.indexOf(e.segment);
  if (segment < 0) throw new Error(`unit ${id}: unknown elective segment ${e.segment}`);
  const band = e.acuityBand === undefined ? 0 : bandNames.indexOf(e.acuityBand);
  if (band < 0) throw new Error(`unit ${id}: unknown elective acuity band ${e.acuityBand}`);
  return {
    bookingsByWeekday: Float64Array.from(dow, (m) => (dowMean > 0 ? (e.bookingsPerDay * m) / dowMean : 0)),
    admitAtHour: e.admitAtHour,
    reserveBeds: e.reserveBeds,
    rebookAfterDays: e.rebook?.afterDays ?? 0,
    rebookMaxTimes: e.rebook?.maxTimes ?? 0,
    segment,
    band,
    outcomes: {
      cumulative: cumulative(list.map((o) => o.pct)),
      to: Int32Array.from(list, (o) => ref(o.to)),
      labels: list.map((o, i) => ("label" in o && o.label !== undefined ? o.label : `${o.to}#${i}`)),
      durations: list.map((o) => outcomeDuration(o, `${id}/elective-los`) ?? los),
    },
    outcomePurpose: purposeId(`${id}/elective-outcome`),
  };
}

function compileEd(id: string, index: number, n: EdNodeSpec, ref: (id: string) => number, originHour: number, dated: DatedContext | null): CompiledEd {
  return {
    kind: "ed",
    id,
    index,
    cubicles: compileCapacity(n.cubicles, originHour, dated),
    assessment: duration(n.assessmentMin, 1 / MINUTES_PER_HOUR, `${id}/assessment`),
    assessmentMultiplierByAcuity: byBand(n.assessmentMultiplierByAcuity),
    admitTo: ref(n.admission.to),
    dischargeTo: ref(n.dischargeTo),
    b0: n.admission.b0,
    b1: n.admission.b1PerAcuityBand,
    b2: n.admission.b2PerOccupancyPoint,
    referencePct: n.admission.referenceOccupancyPct,
    pressureIncludesBoarders: n.admission.pressureIncludesBoarders,
    edCrowdingWeight: n.admission.pressureSignal === "ward" ? 0 : n.admission.pressureSignal === "ed" ? 1 : n.admission.edCrowdingWeight,
    admitPurpose: purposeId(`${id}/admit`),
  };
}

function compileAmbulance(id: string, index: number, n: AmbulanceNodeSpec, ref: (id: string) => number, originHour: number, dated: DatedContext | null): CompiledAmbulance {
  const cats = ["C1", "C2", "C3", "C4"] as const;
  return {
    kind: "ambulance",
    id,
    index,
    vehicles: compileCapacity(n.vehicles, originHour, dated),
    categoryByBand: Int32Array.from(n.categoryByAcuity, (c) => cats.indexOf(c)),
    hearAndTreat: Float64Array.from(cats, (c) => n.hearAndTreatPct[c] / 100),
    seeAndTreat: Float64Array.from(cats, (c) => n.seeAndTreatPct[c] / 100),
    travelToScene: duration(n.travelToSceneMin, 1 / MINUTES_PER_HOUR, `${id}/travel-to-scene`),
    onScene: duration(n.onSceneMin, 1 / MINUTES_PER_HOUR, `${id}/on-scene`),
    travelToHospital: duration(n.travelToHospitalMin, 1 / MINUTES_PER_HOUR, `${id}/travel-to-hospital`),
    handover: duration(n.handoverMin, 1 / MINUTES_PER_HOUR, `${id}/handover`),
    clear: duration(n.clearMin, 1 / MINUTES_PER_HOUR, `${id}/clear`),
    handoverCapHours: n.handoverCapMin === null ? Infinity : n.handoverCapMin / MINUTES_PER_HOUR,
    abandonAfterHours: Float64Array.from(cats, (c) => {
      const after = n.abandonment?.afterMin[c] ?? null;
      return typeof after === "number" ? after / MINUTES_PER_HOUR : Infinity;
    }),
    abandonAfterDraw: cats.map((c) => {
      const after = n.abandonment?.afterMin[c] ?? null;
      return after === null || typeof after === "number" ? null : duration(after, 1 / MINUTES_PER_HOUR, `${id}/caller-patience`);
    }),
    abandonToEd: (n.abandonment?.toEdPct ?? 0) / 100,
    deteriorationAfterHours: n.deteriorationAfterMin === null ? Infinity : n.deteriorationAfterMin / MINUTES_PER_HOUR,
    abandonPurpose: purposeId(`${id}/abandon`),
    to: ref(n.to),
    triagePurpose: purposeId(`${id}/triage`),
  };
}

function compileHomecare(id: string, index: number, n: HomecareNodeSpec, ref: (id: string) => number, dated: DatedContext | null): CompiledHomecare {
  let datedHours: CompiledCapacity | null = null;
  if (n.paidHoursByDate !== undefined) {
    if (dated === null) throw new Error("dated home-care hours need the run's start date (validated in the plan)");
    const paid = datedCapacity({ kind: "fixed", value: n.paidHoursPerWeek }, n.paidHoursByDate, dated.dating, dated.resultsFrom);
    if (paid.kind === "calendar") {
      const capacities = paid.calendar.capacities.map((h) => h * n.deliveredPerPaidHour);
      datedHours = { ...paid, calendar: { ...paid.calendar, capacities }, mean: paid.mean * n.deliveredPerPaidHour };
    }
  }
  return {
    datedHours,
    kind: "homecare",
    id,
    index,
    capacityHoursPerWeek: n.paidHoursPerWeek * n.deliveredPerPaidHour,
    packageHours: duration(n.packageHoursPerWeek, 1, `${id}/package-hours`),
    reablementWeeks: duration(n.reablementWeeks, HOURS_PER_WEEK, `${id}/reablement`),
    longTermWeeks: duration(n.longTermWeeks, HOURS_PER_WEEK, `${id}/long-term`),
    noLongerNeed: n.noLongerNeedPct / 100,
    longTermHoursMultiplier: n.longTermHoursMultiplier,
    priority: n.priority,
    allocation: n.allocation,
    reassessPurpose: purposeId(`${id}/reassess`),
    deterioration: n.deterioration
      ? { after: duration(n.deterioration.afterWeeks, HOURS_PER_WEEK, `${id}/deterioration`), to: ref(n.deterioration.to), acuityIncrease: n.deterioration.acuityIncrease }
      : null,
  };
}
