/**
 * The model file: a strict zod schema (unknown keys are errors). It is the single source of the
 * model's TypeScript types and of the published JSON Schema (`pathflow schema`).
 *
 * A model is a network of typed nodes fed by demand segments:
 *   segments  → who arrives, how often (by hour, weekday, month), with what acuity, by which route
 *   nodes     → ambulance fleet, ED, bedded or served units, home-care hours pool, placements
 *   scenarios → named sets of changes applied on top of the baseline
 * Every parameter carries its unit in its name (ratePerDay, durationMin, losDays, hoursPerWeek, Pct).
 */
import { z } from "zod";
import type { BernoulliSpec, CategoricalSpec, DistributionSpec } from "../random/distribution-spec.js";
import { DISTRIBUTION_TYPES, familyOf, parametersOf, type Parameter } from "../random/families.js";
import { checkDistribution } from "./distribution-check.js";
import { parseIsoDate } from "../dates.js";

const finite = () => z.number().refine(Number.isFinite, { message: "expected a finite number" });
const nonNegative = () => z.number().min(0);
const whole = () => z.number().int().min(0);
const pct = () => z.number().min(0).max(100);

/** Ids of segments, nodes and scenarios: letters, digits, '-' and '_' (no dots: paths use them). */
export const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;
const id = () => z.string().regex(ID_PATTERN, { message: "expected an id of letters, digits, '-' or '_', starting with a letter" });

// ---------------------------------------------------------------------------------------------
// Distributions: one strict object per family that model files may use, built from the families
// table (random/families.ts); what each parameter must be is checked by checkDistribution.
// ---------------------------------------------------------------------------------------------

/** A distribution a model file may hold (bernoulli and categorical are for code, not model files). */
export type ModelDistributionSpec = Exclude<DistributionSpec, BernoulliSpec | CategoricalSpec>;

/** The JSON type of a parameter: its kind says which; a family with alternative forms makes each optional. */
function parameterSchema({ kind }: Parameter, alternatives: boolean): z.ZodType {
  const schema = kind === "flag" ? z.boolean() : kind === "quantities" || kind === "probabilities" ? z.array(z.number()) : z.number();
  return alternatives || kind === "flag" ? schema.optional() : schema;
}

const familySchemas = DISTRIBUTION_TYPES.filter((type) => familyOf(type).inModelFiles).map((type) => {
  const family = familyOf(type);
  const parameters = parametersOf(family).map((parameter) => [parameter.name, parameterSchema(parameter, family.forms.length > 1)] as const);
  const object = z.strictObject({ type: z.literal(type), ...Object.fromEntries(parameters) });
  return family.summary === undefined ? object : object.describe(family.summary);
});

const distributionShape = z.discriminatedUnion("type", familySchemas as [(typeof familySchemas)[number], ...(typeof familySchemas)[number][]]);

/** A duration or quantity distribution; its unit is in the name of the field that holds it. */
export const Distribution = distributionShape.superRefine((spec, ctx) => {
  for (const issue of checkDistribution(spec, [])) {
    // params carries checkDistribution's issue code through zod, so the loader can report it.
    ctx.addIssue({ code: "custom", message: issue.message, path: [...issue.path], params: { pathflowCode: issue.code } });
  }
}) as unknown as z.ZodType<ModelDistributionSpec, ModelDistributionSpec>;

// ---------------------------------------------------------------------------------------------
// Calendars and time-varying inputs
// ---------------------------------------------------------------------------------------------

export const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;
export const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;
const Day = z.enum(DAYS);

/**
 * A capacity that changes by hour of the week: each entry sets `value` from `fromHour` on the
 * listed days (all days if omitted) until the next entry of that day. Every day must be covered
 * from hour 0.
 */
export const CapacityCalendar = z.strictObject({
  calendar: z
    .array(
      z.strictObject({
        days: z.array(Day).min(1).optional().describe("Days this entry applies to; default every day."),
        fromHour: z.number().min(0).max(23.999).describe("Hour of the day (0–24) from which the value holds."),
        value: whole().describe("Capacity from that hour."),
      }),
    )
    .min(1),
});

/** A date in a model file: YYYY-MM-DD (that day once) or MM-DD (that day every year); checked in check.ts. */
const DateText = () => z.string().describe("YYYY-MM-DD (that day once) or MM-DD (that day every year).");

/**
 * A dated change of capacity layered over the fixed value or weekly calendar: from 00:00 on `from`
 * to 24:00 on `to` (for ever when absent), `add` servers to what the calendar gives (negative
 * removes; the result never goes below 0), or `set` the capacity outright. Dates written MM-DD
 * recur every year (1 Dec to 31 Mar runs over the new year). Set periods may not overlap; adds
 * overlapping anything sum. Needs the run's start date (run.startDate or --start-date).
 */
export const DatedCapacityPeriod = z.strictObject({
  from: DateText().describe("First day: YYYY-MM-DD (once) or MM-DD (every year)."),
  to: DateText().optional().describe("Last day (included), written like from; for ever when absent (a dated from only)."),
  add: z.number().int().optional().describe("Servers added to the weekly calendar's value in this period (negative removes)."),
  set: whole().optional().describe("Capacity in this period, whatever the weekly calendar says (adds still apply on top)."),
  why: z.string().optional(),
});

/** Dated periods of a capacity (escalation beds every winter, a ward opening on a date). */
const dated = () => z.array(DatedCapacityPeriod).min(1).describe("Dated periods layered over the fixed value or weekly calendar (needs the run's start date).");

/** A weekly calendar with dated periods over it. */
export const DatedCalendarCapacity = CapacityCalendar.extend({ dated: dated().optional() });

/** A fixed capacity with dated periods over it. */
export const DatedFixedCapacity = z.strictObject({ value: whole().describe("Capacity outside the dated periods."), dated: dated() });

/** A whole-number capacity: fixed, following a weekly calendar, either with dated periods over it. */
export const Capacity = z.union([whole(), DatedCalendarCapacity, DatedFixedCapacity]);

/**
 * Arrivals by one route. The rate is per day on average; the profile spreads it over the hours of
 * the day, the days of the week and the months of the year. Alternatively `ratesCsv` names a CSV
 * file (relative to the model file) with columns `day,hour,rate_per_hour` for all 168 hours.
 */
export const Arrivals = z.strictObject({
  route: z.enum(["999", "walk-in", "referral", "transfer", "other"]).describe("How these patients come in."),
  to: id().describe("Node they arrive at."),
  ratePerDay: nonNegative().optional().describe("Mean arrivals per day."),
  meanInterarrivalDays: z.number().positive().optional().describe("Alternative to ratePerDay: mean days between arrivals."),
  hourOfDayPct: z.array(nonNegative()).length(24).optional().describe("Share of a day's arrivals in each hour 0–23, in %, summing to 100. Default flat."),
  dayOfWeekMultiplier: z.array(nonNegative()).length(7).optional().describe("Relative volume Mon..Sun (mean 1). Default flat."),
  monthMultiplier: z.array(nonNegative()).length(12).optional().describe("Relative volume Jan..Dec (mean 1). Default flat."),
  ratesCsv: z.string().min(1).optional().describe("CSV of day,hour,rate_per_hour (168 rows), relative to the model file."),
  opensAtHour: z.number().min(0).max(24).optional().describe("Hour of the day (0–24) from which arrivals are taken in; default 0. With closesAtHour, the opening hours of the door (over midnight when it opens after it closes)."),
  closesAtHour: z.number().min(0).max(24).optional().describe("Hour of the day (0–24) after which arrivals are diverted to divertTo until opensAtHour; default 24 (never closes)."),
  divertTo: id().optional().describe("Where arrivals outside the opening hours go: a node, or 'exit' (diverted elsewhere, counted in diverted_per_day). Default 'exit'."),
});

export const Segment = z.strictObject({
  description: z.string().default(""),
  acuityPct: z.array(pct()).optional().describe("Share of arrivals in each acuity band (1 = least acute), in %, summing to 100. Default all in the middle band."),
  demandMultiplier: nonNegative().default(1).describe("Scales every arrival of this segment (scenario lever); below 1, arrivals are avoided by thinning so the rest keep their identity; above 1, the extra arrivals come from a process of their own (ids below 0), so every baseline patient stays the same person."),
  demandMultiplierByAcuity: z.array(nonNegative()).optional().describe("Per acuity band multiplier applied on top of demandMultiplier (e.g. an intervention that avoids mostly low-acuity attendances); below 1 thins that band, above 1 adds (multiplier − 1) × the band's arrivals from a process of their own."),
  demandMultiplierByDate: z
    .array(
      z.strictObject({
        from: DateText().describe("First day: YYYY-MM-DD (once) or MM-DD (every year)."),
        to: DateText().optional().describe("Last day (included), written like from; for ever when absent (a dated from only)."),
        multiplier: nonNegative().describe("Multiplies the segment's demand in this period (on top of demandMultiplier; overlapping periods multiply)."),
        why: z.string().optional(),
      }),
    )
    .min(1)
    .optional()
    .describe("Dated demand changes (a new service from a date, a winter surge every year): each multiplies the segment's arrivals from 00:00 on from to 24:00 on to, by the same thinning and added processes as demandMultiplier, so every baseline patient stays the same person. Needs the run's start date."),
  arrivals: z.array(Arrivals).min(1),
});

// ---------------------------------------------------------------------------------------------
// Nodes
// ---------------------------------------------------------------------------------------------

/** Where a patient goes next with a given probability, with an optional time of its own at this node. */
export const Outcome = z.strictObject({
  label: z.string().optional().describe("Name in reports, e.g. P1."),
  pct: pct().describe("Probability of this outcome, in %. The outcomes of a list sum to 100."),
  to: id().describe("Next node, or 'exit'."),
  durationMin: Distribution.optional(),
  durationHours: Distribution.optional(),
  durationDays: Distribution.optional(),
});

/** A patient's patience in a waiting line, by one of the three units of time. */
const PatienceTime = z.strictObject({
  durationMin: Distribution.optional(),
  durationHours: Distribution.optional(),
  durationDays: Distribution.optional(),
});

/**
 * Patience in a unit's waiting line (reneging, as in Erlang-A and Ciw's reneging): each patient
 * who has to wait draws how long it will wait; if no server is free by then, it leaves the line
 * (and frees the upstream unit it still held) and goes `to` — out, or to another node, at once or
 * after `returnAfter…` (re-entry later).
 */
export const Patience = z.strictObject({
  durationMin: Distribution.optional().describe("Patience of every segment without its own, minutes."),
  durationHours: Distribution.optional().describe("Patience of every segment without its own, hours."),
  durationDays: Distribution.optional().describe("Patience of every segment without its own, days."),
  bySegment: z.record(z.string(), z.union([PatienceTime, z.null()])).optional().describe("Patience per segment id (one duration field), or null: that segment never leaves the line."),
  multiplierByAcuity: z.array(z.number().positive().nullable()).optional().describe("Multiplies the patience by acuity band; null: patients of that band never leave the line."),
  to: id().default("exit").describe("Where those who leave go: 'exit', or a node."),
  returnAfterMin: Distribution.optional().describe("If set, those who leave enter `to` only after this long (re-entry later), minutes."),
  returnAfterHours: Distribution.optional().describe("As returnAfterMin, hours."),
  returnAfterDays: Distribution.optional().describe("As returnAfterMin, days."),
});

const durations = {
  durationMin: Distribution.optional().describe("Time at this node, minutes."),
  durationHours: Distribution.optional().describe("Time at this node, hours."),
  durationDays: Distribution.optional().describe("Time at this node (length of stay), days."),
};

/**
 * An elective booked list at a bed unit: planned admissions that take a bed only when one is free
 * at their admission time (beyond a reserve kept for emergencies), and are cancelled on the day
 * otherwise — so that beds an intervention frees can be seen going to electives (elective backfill).
 */
export const Electives = z.strictObject({
  bookingsPerDay: nonNegative().describe("Bookings per day on average. The list is planned, not random: each day books a whole number, spread so that the bookings of any run of days are within one of the rate × the days (2.5 per day books 2, 3, 2, 3, …)."),
  dayOfWeekMultiplier: z.array(nonNegative()).length(7).optional().describe("Relative bookings Mon..Sun (mean 1), e.g. [1.4, 1.4, 1.4, 1.4, 1.4, 0, 0] for a weekday list. Default flat."),
  admitAtHour: z.number().min(0).max(23.999).default(8).describe("Hour of the day (0–24) at which the day's bookings come in and each asks for a bed, in booking order; default 8."),
  losDays: Distribution.describe("Length of stay of an elective patient, days (the unit's own duration, losMultiplierByAcuity and losStretch do not apply to electives)."),
  reserveBeds: whole().default(0).describe("Beds kept free for emergencies: a booking takes a bed only if more than this many are free at its admission time; default 0 (any free bed)."),
  rebook: z
    .strictObject({
      afterDays: z.number().int().min(1).describe("Whole days after a cancellation at which the booking comes in again (at admitAtHour, before that day's new bookings)."),
      maxTimes: z.number().int().min(1).max(20).describe("Times a booking can be rebooked; cancelled once more, it is lost (counted in <unit>_electives_lost_per_day)."),
    })
    .optional()
    .describe("Cancelled bookings come back later, a bounded number of times. Off when absent: a cancelled booking is lost."),
  segment: id().describe("The patient group electives are counted in (results by segment and by class); they are not arrivals of that segment, so its demand multipliers do not change the list."),
  acuityBand: z.string().optional().describe("The acuity band name of elective patients (for results by acuity band); default the least acute band."),
  outcomes: z.array(Outcome).min(1).optional().describe("Where electives go after their stay (each outcome may have a duration of its own instead of losDays); default all to 'exit'."),
});

/** Outcomes for every segment (`"*"`) or per segment id. */
const OutcomesBySegment = z.record(z.string(), z.array(Outcome).min(1));

/**
 * A unit with servers or beds: a generic queueing station, an acute (G&A) ward, a community ward.
 * A patient's time here and where it goes next come from `outcomes` (per segment, or `"*"`);
 * the outcome's own duration wins over the unit's. A patient whose next place cannot take it
 * keeps its server (blocking after service); for a ward that is a delayed discharge (NCTR).
 */
export const UnitNode = z.strictObject({
  type: z.literal("unit"),
  description: z.string().default(""),
  role: z.enum(["generic", "acute", "community"]).default("generic").describe("acute → G&A KPIs; community → community-bed KPIs."),
  servers: z.union([Capacity, z.literal("unlimited")]).describe("Beds or servers: a whole number, a weekly calendar, or 'unlimited'."),
  waitingRoom: z.union([whole(), z.literal("unlimited")]).default("unlimited").describe("Places to wait for arrivals holding nothing upstream; 0 = a loss system (turned away, counted)."),
  discipline: z.enum(["fifo", "acuity"]).default("fifo").describe("Order of the line: first come first served, or most acute first (FIFO within)."),
  acceptHeld: z
    .enum(["server", "queue"])
    .optional()
    .describe(
      "How a patient finishing at a unit upstream hands over to this one. 'queue': it joins this unit's waiting room when there is room, freeing its place upstream (the queueing-textbook tandem; Ciw's Type I blocking only when the room is full). 'server': it keeps its place upstream until this unit has a free server (ED boarding, a delayed discharge). Default: 'queue' for generic units, 'server' for acute and community units.",
    ),
  patience: Patience.optional().describe("Patients who give up waiting for this unit (reneging). Off when absent."),
  ...durations,
  losMultiplierByAcuity: z.array(z.number().positive()).optional().describe("Multiplies the duration by acuity band."),
  losStretch: z
    .strictObject({
      perPointBelowReferencePct: z.number().min(0).describe("Extra length of stay, in % of the stay, per occupancy point below the reference."),
      referenceOccupancyPct: pct(),
    })
    .optional()
    .describe("Absorber: stays stretch when beds are free (Berry Jaeker & Tucker 2017). Off when absent."),
  outcomes: OutcomesBySegment.describe("Next place by segment id, or '*' for all."),
  electives: Electives.optional().describe("A booked list of elective (planned) admissions taking free beds, cancelled when none is free (elective backfill). Off when absent."),
});

/** Admission decision: P(admit) = logistic(b0 + b1·acuity + b2·(pressure% − reference%)). */
export const Admission = z.strictObject({
  to: id().describe("Where admitted patients go (the acute unit); they board in ED until it accepts them."),
  b0: finite().describe("Intercept (log-odds)."),
  b1PerAcuityBand: finite().describe("Change in log-odds per acuity band."),
  b2PerOccupancyPoint: finite().describe("Drift: change in log-odds per occupancy point of the acute unit (0 = no drift; evidence ≈ −0.015, range 0 to −0.03)."),
  referenceOccupancyPct: pct().describe("Occupancy at which b2 has no effect, in %."),
  pressureIncludesBoarders: z.boolean().default(true).describe("Count patients waiting for a bed (boarders) in the occupancy that drives drift."),
  pressureSignal: z
    .enum(["ward", "ed", "mix"])
    .default("ward")
    .describe(
      "The pressure the admission decision responds to: the admitting unit's occupancy (ward), ED crowding (patients in the ED — in cubicles, boarders included, and waiting for one — over its cubicles), or a weighted mix. Wyatt et al. (EMJ 2022, 13 English trusts) found admission barely moves with ward occupancy (RR 0.990) but does with ED crowding (RR 0.967 very high, 1.039 low).",
    ),
  edCrowdingWeight: z.number().min(0).max(1).default(0.5).describe("With pressureSignal mix: the weight of ED crowding (the rest is the ward's occupancy)."),
  driftRange: z
    .strictObject({
      b2PerOccupancyPoint: z.array(finite()).min(1).max(9).describe("Drift strengths to report the release across (default 0, the model's b2 and twice it)."),
      b0: z.array(finite()).optional().describe("The intercept that matches each strength's baseline G&A occupancy to the model as given (found by a search when left out; the run reports the values it used)."),
    })
    .optional()
    .describe("The drift range the release accounting reports the release ratio across, like for like."),
});

/** Emergency department: cubicles, assessment by acuity, the admission decision, boarding. */
export const EdNode = z.strictObject({
  type: z.literal("ed"),
  description: z.string().default(""),
  cubicles: Capacity,
  assessmentMin: Distribution.describe("Time in a cubicle to a decision, minutes (before the acuity multiplier)."),
  assessmentMultiplierByAcuity: z.array(z.number().positive()).optional(),
  admission: Admission,
  dischargeTo: id().default("exit").describe("Where patients not admitted go."),
});

const Category = z.enum(["C1", "C2", "C3", "C4"]);
const callerPatience = () => z.union([z.number().positive(), Distribution]).nullable();
const byCategory = () =>
  z.strictObject({ C1: pct(), C2: pct(), C3: pct(), C4: pct() });

/** Ambulance service: calls, dispatch by category, scene, conveyance, handover and turnaround. */
export const AmbulanceNode = z.strictObject({
  type: z.literal("ambulance"),
  description: z.string().default(""),
  vehicles: Capacity.describe("Staffed ambulances on the road (a weekly calendar for shifts)."),
  categoryByAcuity: z.array(Category).describe("Response category for each acuity band (1 = least acute)."),
  hearAndTreatPct: byCategory().describe("Calls closed on the phone, by category, in %."),
  seeAndTreatPct: byCategory().describe("Of attended incidents, treated at scene and not conveyed, by category, in %."),
  travelToSceneMin: Distribution,
  onSceneMin: Distribution,
  travelToHospitalMin: Distribution,
  handoverMin: Distribution.describe("Clinical handover once the ED accepts the patient, minutes."),
  clearMin: Distribution.describe("Turnaround after handover until the crew is available, minutes."),
  abandonment: z
    .strictObject({
      afterMin: z
        .strictObject({ C1: callerPatience(), C2: callerPatience(), C3: callerPatience(), C4: callerPatience() })
        .describe("Minutes a call waits for a vehicle before the caller gives up, by category: a number (every caller the same), a distribution (each caller draws its own), or null (never)."),
      toEdPct: pct().describe("Of those who give up, the share who make their own way to the ED, in %; the rest leave."),
    })
    .optional()
    .describe("Callers who stop waiting for an ambulance. Off when absent."),
  deteriorationAfterMin: z
    .number()
    .positive()
    .nullable()
    .default(null)
    .describe("Deterioration while waiting for a vehicle: every this many minutes in the queue the caller's acuity rises one band (and with it the category). null = off."),
  handoverCapMin: z.number().positive().nullable().default(null).describe("Maximum wait outside ED before the patient is accepted into a corridor space (e.g. 45); null = no cap."),
  to: id().describe("The ED conveyed patients go to."),
});

/** Home care: a pool of care hours per week shared by packages. */
export const HomecareNode = z.strictObject({
  type: z.literal("homecare"),
  description: z.string().default(""),
  paidHoursPerWeek: nonNegative().describe("Care-worker hours paid per week."),
  deliveredPerPaidHour: z.number().gt(0).max(1).default(1).describe("Efficiency: care hours delivered per paid hour (travel, scheduling)."),
  paidHoursByDate: z
    .array(
      z.strictObject({
        from: DateText().describe("First day: YYYY-MM-DD (once) or MM-DD (every year)."),
        to: DateText().optional().describe("Last day (included), written like from; for ever when absent (a dated from only)."),
        add: finite().optional().describe("Paid hours per week added in this period (negative removes; never below 0)."),
        set: nonNegative().optional().describe("Paid hours per week in this period (adds still apply on top)."),
        why: z.string().optional(),
      }),
    )
    .min(1)
    .optional()
    .describe("Dated changes of the paid hours (a recruitment drive from a date, winter hours every year), as for a unit's dated capacity. Needs the run's start date."),
  packageHoursPerWeek: Distribution.describe("Hours per week a new package needs."),
  reablementWeeks: Distribution.describe("Length of the reablement phase, weeks."),
  noLongerNeedPct: pct().describe("Share who need no care after reablement, in %."),
  longTermWeeks: Distribution.describe("Length of a long-term package after reablement, weeks."),
  longTermHoursMultiplier: z.number().positive().default(1).describe("Long-term hours per week relative to the reablement package."),
  priority: z.enum(["fifo", "hospital-first", "community-first"]).default("hospital-first").describe("Who goes first on the one waiting list."),
  deterioration: z
    .strictObject({
      afterWeeks: Distribution.describe("Time a person waiting at home for care can manage, weeks; then they deteriorate."),
      to: id().describe("Where they re-enter (e.g. the ambulance service, as a 999 call)."),
      acuityIncrease: z.number().int().min(0).default(1).describe("Acuity bands gained on deteriorating."),
    })
    .optional()
    .describe("Deterioration while waiting at home for care: the person leaves the list and re-enters as an emergency. Off when absent."),
  allocation: z.enum(["strict", "firstFit"]).default("strict"),
});

/** Placement (e.g. a new care-home place): a delay before the patient can leave. */
export const PlacementNode = z.strictObject({
  type: z.literal("placement"),
  description: z.string().default(""),
  delayDays: Distribution.describe("Days from being ready to leave until the placement starts (the patient keeps its bed meanwhile)."),
});

export const Node = z.discriminatedUnion("type", [UnitNode, EdNode, AmbulanceNode, HomecareNode, PlacementNode]);

// ---------------------------------------------------------------------------------------------
// Run settings, scenarios, model
// ---------------------------------------------------------------------------------------------

export const RunSettings = z.strictObject({
  days: z.number().positive().describe("Length of the results period, days."),
  warmupDays: z.number().min(0).describe("Warm-up before results start, days."),
  replications: z.number().int().min(1).default(10),
  seed: z.number().int().min(0).default(1),
  startDayOfWeek: Day.default("Mon"),
  startMonth: z.enum(MONTHS).default("Jan"),
  startDate: z
    .string()
    .refine((text) => typeof parseIsoDate(text) === "number", { message: "expected a calendar date YYYY-MM-DD, e.g. 2026-10-01" })
    .optional()
    .describe(
      "Calendar date (YYYY-MM-DD) on which the results period starts: the warm-up runs the warmupDays before it, and weekdays, months (monthMultiplier, in real month lengths and leap years) and dated periods follow the real calendar. --start-date overrides it. Replaces startDayOfWeek and startMonth. Default none: a nominal calendar from startMonth and startDayOfWeek at the start of the warm-up.",
    ),
  startHour: z.number().int().min(0).max(23).optional().describe("Hour of the day at which the run (its warm-up) starts, 0–23; default 0 (midnight). Days in the daily series run from this hour."),
});

export const Change = z.strictObject({
  path: z.string().min(1).describe("Dotted path into the model, e.g. nodes.acute.servers or segments.care-home.demandMultiplier."),
  set: z.unknown().optional().describe("New value."),
  scale: z.number().min(0).optional().describe("Multiply the numeric value (or every number in it) by this."),
  why: z.string().default(""),
  from: DateText().optional().describe("The change holds from this date (YYYY-MM-DD or MM-DD) instead of the whole run: for a segment's demandMultiplier or a capacity (servers, cubicles, vehicles) only. Needs the run's start date."),
  to: DateText().optional().describe("With from: the last day the change holds (included); default for ever."),
});

export const Scenario = z.strictObject({
  description: z.string().default(""),
  compareWith: id()
    .optional()
    .describe("The scenario this one is compared with (differences, release accounting); default the run's baseline. E.g. a no-drift variant of an intervention is compared with no-drift."),
  changes: z.array(Change).default([]),
});

// ---------------------------------------------------------------------------------------------
// Parameter uncertainty (run --uncertainty N)
// ---------------------------------------------------------------------------------------------

const uncertainFinite = () => finite();

/**
 * The distribution of an uncertain parameter: what is believed about its value, not a duration.
 * Values may be negative (a drift strength is). Sampled by inversion (random/quantiles.ts), so a
 * Latin hypercube's strata map to strata of the parameter.
 */
export const UncertainDistribution = z
  .discriminatedUnion("type", [
    z.strictObject({ type: z.literal("uniform"), min: uncertainFinite(), max: uncertainFinite() }).describe("Uniform between min and max: every value in the range equally plausible."),
    z.strictObject({ type: z.literal("triangular"), min: uncertainFinite(), mode: uncertainFinite(), max: uncertainFinite() }).describe("Triangular: lowest plausible, most likely and highest plausible value (expert elicitation)."),
    z
      .strictObject({
        type: z.literal("normal"),
        mean: uncertainFinite(),
        sd: z.number().positive(),
        min: uncertainFinite().optional().describe("Lowest value allowed (the normal is truncated there); default none."),
        max: uncertainFinite().optional().describe("Highest value allowed (truncated there); default none."),
      })
      .describe("Normal with mean and sd, truncated to [min, max] where given."),
    z.strictObject({ type: z.literal("lognormal"), mean: z.number().positive(), sd: z.number().positive() }).describe("Lognormal: mean and sd of the value itself (not of its log); always above 0."),
    z
      .strictObject({ type: z.literal("discrete"), values: z.array(uncertainFinite()).min(1), probabilities: z.array(z.number().min(0).max(1)).min(1) })
      .describe("A few possible values with their probabilities (summing to 1)."),
  ])
  .superRefine((d, ctx) => {
    const bad = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if ((d.type === "uniform" || d.type === "triangular") && !(d.max > d.min)) bad("max", `${d.type} max must be > min (${d.min}), got ${d.max}`);
    if (d.type === "triangular" && !(d.mode >= d.min && d.mode <= d.max)) bad("mode", `triangular mode must be between min (${d.min}) and max (${d.max}), got ${d.mode}`);
    if (d.type === "normal" && d.min !== undefined && d.max !== undefined && !(d.max > d.min)) bad("max", `normal max must be > min (${d.min}), got ${d.max}`);
    if (d.type === "normal" && ((d.min !== undefined && d.min > d.mean + 8 * d.sd) || (d.max !== undefined && d.max < d.mean - 8 * d.sd))) bad("mean", `normal mean ${d.mean} lies more than 8 sd outside [min, max]: nearly no value is left to draw`);
    if (d.type === "discrete") {
      if (d.probabilities.length !== d.values.length) bad("probabilities", `discrete needs one probability per value (${d.values.length}), got ${d.probabilities.length}`);
      const sum = d.probabilities.reduce((a, b) => a + b, 0);
      if (Math.abs(sum - 1) > 1e-9) bad("probabilities", `discrete probabilities must sum to 1, got ${sum}`);
    }
  });

/**
 * One uncertain parameter: where it is (a change path, as scenarios and sweeps use), what is
 * believed about it, how a drawn value is applied, and why.
 */
export const UncertainParameter = z.strictObject({
  description: z.string().optional().describe("The parameter in a planner's words, for summary.md (default its name)."),
  path: z
    .string()
    .min(1)
    .describe(
      "Change path of the parameter. A model path (nodes.ed.admission.b2PerOccupancyPoint) changes the model as written, under every scenario (a scenario that sets the same path keeps its own value); scenarios.<name>.changes[i].set (or .scale) changes that scenario's own value only.",
    ),
  distribution: UncertainDistribution,
  apply: z
    .enum(["set", "scale", "scaleAvoided"])
    .default("set")
    .describe("set: the drawn value replaces the value; scale: every number there is multiplied by it (whole-number parameters rounded); scaleAvoided: a demand multiplier m (or each of a list) becomes 1 − d·(1 − m), so the avoided share is multiplied by the drawn d."),
  why: z.string().min(1, { message: "say where the range comes from (a source, or that it is a judgement)" }).describe("Where the range comes from: a source, or that it is a judgement."),
});

/** Parameter uncertainty: the parameters `run --uncertainty N` draws, by name. Unused by a plain run. */
export const Uncertainty = z.record(id(), UncertainParameter).refine((r) => Object.keys(r).length > 0, { message: "list at least one uncertain parameter, or leave the section out" });

/**
 * Where calibrated values came from (written by `pathflow calibrate`): each change already made in
 * this file, from what to what, and why. A record only: the model runs on the values in place.
 */
export const Calibration = z.strictObject({
  description: z.string().default("").describe("What the values were fitted to, and how."),
  changes: z
    .array(
      z.strictObject({
        path: z.string().min(1).describe("The parameter, as a change path (as in a scenario)."),
        from: z.unknown().optional().describe("Its value before calibration."),
        set: z.unknown().optional().describe("Its value now (in place in this file)."),
        scale: z.number().optional().describe("For a fitted factor: the factor applied to the numbers there."),
        why: z.string().default(""),
      }),
    )
    .default([]),
});

export const Model = z.strictObject({
  $schema: z.string().optional(),
  name: id(),
  description: z.string().default(""),
  calibration: Calibration.optional().describe("The record of a calibration (pathflow calibrate): every value it changed, with why."),
  acuityBands: z.array(z.string()).min(1).max(9).default(["1", "2", "3", "4", "5"]).describe("Names of acuity bands, least acute first."),
  run: RunSettings,
  segments: z.record(id(), Segment),
  nodes: z.record(id(), Node),
  scenarios: z.record(id(), Scenario).default({ baseline: { description: "As modelled.", changes: [] } }),
  uncertainty: Uncertainty.optional().describe("Parameters given a distribution instead of a value, for run --uncertainty N (a plain run uses the model's values)."),
});

export type DistributionOutput = z.output<typeof Distribution>;
export type ModelInput = z.input<typeof Model>;
export type ModelSpec = z.output<typeof Model>;
export type NodeSpec = z.output<typeof Node>;
export type UnitNodeSpec = z.output<typeof UnitNode>;
export type EdNodeSpec = z.output<typeof EdNode>;
export type AmbulanceNodeSpec = z.output<typeof AmbulanceNode>;
export type HomecareNodeSpec = z.output<typeof HomecareNode>;
export type PlacementNodeSpec = z.output<typeof PlacementNode>;
export type SegmentSpec = z.output<typeof Segment>;
export type ArrivalsSpec = z.output<typeof Arrivals>;
export type OutcomeSpec = z.output<typeof Outcome>;
export type CapacitySpec = z.output<typeof Capacity>;
export type ScenarioSpec = z.output<typeof Scenario>;
export type ChangeSpec = z.output<typeof Change>;
export type PatienceSpec = z.output<typeof Patience>;
export type UncertainDistributionSpec = z.output<typeof UncertainDistribution>;
export type UncertainParameterSpec = z.output<typeof UncertainParameter>;
export type ElectivesSpec = z.output<typeof Electives>;
export type DatedCapacityPeriodSpec = z.output<typeof DatedCapacityPeriod>;

/** The reserved node id for leaving the system. */
export const EXIT = "exit";
