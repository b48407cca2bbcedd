/**
 * The compiled model: the plain structures the pathway simulation runs on — node indices instead
 * of names, samplers instead of specs, every time in hours, weekly rate tables instead of
 * profiles. compile.ts builds them from a validated model.
 */
import type { CapacityCalendar as EngineCalendar } from "../engine/network.js";
import type { Sampler } from "../random/samplers.js";
import type { DistributionSpec } from "../random/distribution-spec.js";
import type { ArrivalProcess } from "../random/arrivals.js";
import type { ArrivalsSpec } from "./schema.js";

/** Node index meaning "leaves the system". */
export const EXIT_NODE = -1;

/** A sampler together with the factor that turns its unit into hours. */
export interface Duration {
  readonly sampler: Sampler;
  /** The distribution it draws from (a warm start draws remainders from it: random/residual.ts). */
  readonly spec: DistributionSpec;
  /** Hours per unit of the sampler (1/60 for minutes, 24 for days). */
  readonly toHours: number;
  /** Stable per-patient random purpose for this draw. */
  readonly purpose: number;
  readonly text: string;
}

/** Capacity as the engine takes it: a fixed count (Infinity for unlimited) or a weekly calendar. */
export type CompiledCapacity =
  | { readonly kind: "fixed"; readonly value: number }
  | {
      readonly kind: "calendar";
      readonly calendar: EngineCalendar;
      readonly mean: number;
      /** True when dated periods shape it (then its period is the run's whole horizon, not a week). */
      readonly dated?: boolean;
    };

export interface CompiledOutcomes {
  /** Cumulative probabilities, last = 1. */
  readonly cumulative: Float64Array;
  readonly to: Int32Array;
  readonly labels: readonly string[];
  /** Duration per outcome (the outcome's own, or the unit's). */
  readonly durations: readonly Duration[];
}

export interface CompiledUnit {
  readonly kind: "unit";
  readonly id: string;
  readonly index: number;
  readonly role: "generic" | "acute" | "community";
  readonly servers: CompiledCapacity;
  readonly waitingRoom: number;
  readonly discipline: "fifo" | "acuity";
  readonly acceptHeld: "server" | "queue";
  /** Outcomes per segment index (null where the segment never comes here). */
  readonly outcomesBySegment: readonly (CompiledOutcomes | null)[];
  readonly losMultiplierByAcuity: Float64Array | null;
  readonly losStretch: { readonly perPoint: number; readonly referencePct: number } | null;
  readonly outcomePurpose: number;
  /** Reneging from the line, or null when patients never give up here. */
  readonly patience: CompiledPatience | null;
  /** The unit's elective booked list, or null when it has none. */
  readonly electives: CompiledElectives | null;
}

/** An elective booked list (see schema.ts, Electives). */
export interface CompiledElectives {
  /** Bookings expected on each day of the week, Mon..Sun (the rate × the day's multiplier over their mean). */
  readonly bookingsByWeekday: Float64Array;
  /** Hour of the day at which the day's bookings ask for a bed. */
  readonly admitAtHour: number;
  /** A booking takes a bed only if more than this many are free. */
  readonly reserveBeds: number;
  /** Days after a cancellation at which a booking comes in again, and how many times it may (0: never). */
  readonly rebookAfterDays: number;
  readonly rebookMaxTimes: number;
  /** Segment and acuity band index of elective patients. */
  readonly segment: number;
  readonly band: number;
  /** Where electives go after their stay, with their length of stay. */
  readonly outcomes: CompiledOutcomes;
  readonly outcomePurpose: number;
}

/** Patience in a unit's line (see schema.ts, Patience). */
export interface CompiledPatience {
  /** Patience per segment index; null where that segment never leaves the line. */
  readonly bySegment: readonly (Duration | null)[];
  /** Factor per acuity band (Infinity: that band never leaves), or null for 1 throughout. */
  readonly multiplierByBand: Float64Array | null;
  /** Where those who leave go (EXIT_NODE: out). */
  readonly to: number;
  /** Delay before they enter `to`, or null for at once. */
  readonly returnAfter: Duration | null;
}

export interface CompiledEd {
  readonly kind: "ed";
  readonly id: string;
  readonly index: number;
  readonly cubicles: CompiledCapacity;
  readonly assessment: Duration;
  readonly assessmentMultiplierByAcuity: Float64Array | null;
  readonly admitTo: number;
  readonly dischargeTo: number;
  readonly b0: number;
  readonly b1: number;
  readonly b2: number;
  readonly referencePct: number;
  readonly pressureIncludesBoarders: boolean;
  /** Weight of ED crowding in the pressure (0: the admitting unit's occupancy only; 1: ED crowding only). */
  readonly edCrowdingWeight: number;
  readonly admitPurpose: number;
}

export interface CompiledAmbulance {
  readonly kind: "ambulance";
  readonly id: string;
  readonly index: number;
  readonly vehicles: CompiledCapacity;
  /** Category index 0..3 (C1..C4) per acuity band. */
  readonly categoryByBand: Int32Array;
  /** Fractions (0–1) per category. */
  readonly hearAndTreat: Float64Array;
  readonly seeAndTreat: Float64Array;
  readonly travelToScene: Duration;
  readonly onScene: Duration;
  readonly travelToHospital: Duration;
  readonly handover: Duration;
  readonly clear: Duration;
  /** Hours, or Infinity for no cap. */
  readonly handoverCapHours: number;
  /** Hours a queued call waits before giving up, per category (Infinity = never, or drawn: see the next). */
  readonly abandonAfterHours: Float64Array;
  /** Per category, the distribution each caller draws its patience from, or null where it is the fixed number above. */
  readonly abandonAfterDraw: readonly (Duration | null)[];
  /** Share (0–1) of those who give up who go to the ED themselves. */
  readonly abandonToEd: number;
  /** Hours in the queue after which a caller's acuity rises a band (Infinity = never). */
  readonly deteriorationAfterHours: number;
  readonly abandonPurpose: number;
  readonly to: number;
  readonly triagePurpose: number;
}

export interface CompiledHomecare {
  readonly kind: "homecare";
  readonly id: string;
  readonly index: number;
  /** Delivered care hours per week. */
  readonly capacityHoursPerWeek: number;
  /** Delivered care hours per week over the run, when paid hours have dated periods (paidHoursByDate); else null. */
  readonly datedHours: CompiledCapacity | null;
  readonly packageHours: Duration;
  readonly reablementWeeks: Duration;
  readonly longTermWeeks: Duration;
  readonly noLongerNeed: number;
  readonly longTermHoursMultiplier: number;
  readonly priority: "fifo" | "hospital-first" | "community-first";
  readonly allocation: "strict" | "firstFit";
  readonly reassessPurpose: number;
  /** Deterioration of people waiting at home, or null when off. */
  readonly deterioration: { readonly after: Duration; readonly to: number; readonly acuityIncrease: number } | null;
}

export interface CompiledPlacement {
  readonly kind: "placement";
  readonly id: string;
  readonly index: number;
  readonly delay: Duration;
}

export type CompiledNode = CompiledUnit | CompiledEd | CompiledAmbulance | CompiledHomecare | CompiledPlacement;

export interface CompiledSource {
  readonly name: string;
  readonly segment: number;
  readonly route: ArrivalsSpec["route"];
  readonly to: number;
  /** Generates arrivals: the base rate, or for an added source the extra rate of its multipliers above 1. */
  readonly process: ArrivalProcess;
  /** Mean arrivals per day generated (before thinning). */
  readonly meanRatePerDay: number;
  /**
   * True for the demand a multiplier above 1 adds to a baseline source: its own arrival process and
   * streams (`added/<name>`), patients with ids of their own (negative), never thinned.
   */
  readonly added: boolean;
  /** Index of the baseline source (itself, for a baseline source). Baseline sources come first. */
  readonly baseSource: number;
  /**
   * Opening hours of the door, in hours of the day [opensAt, closesAt) (over midnight when opensAt
   * > closesAt), or null when it never closes; arrivals outside them go to `divertTo`.
   */
  readonly open: { readonly opensAt: number; readonly closesAt: number } | null;
  /** Where arrivals outside the opening hours go (EXIT_NODE: diverted out of the model). */
  readonly divertTo: number;
}

export interface CompiledSegment {
  readonly id: string;
  readonly index: number;
  /** Cumulative acuity distribution over bands. */
  readonly acuityCumulative: Float64Array;
  /** Probability a baseline arrival of each band is kept: min(1, demand multiplier). */
  readonly keepByBand: Float64Array;
  /** True when every baseline arrival is kept (no avoided-draw needed). */
  readonly keepsAll: boolean;
  /**
   * Rate of added demand relative to the base rate: Σ over bands of acuity share × (multiplier − 1)
   * where the multiplier is above 1; 0 when nothing is added.
   */
  readonly addedFactor: number;
  /** Cumulative acuity distribution of added patients (∝ share × (multiplier − 1)), or null. */
  readonly addedCumulative: Float64Array | null;
  /** The band every arrival has, when the acuity mix puts all in one band; else -1. */
  readonly fixedBand: number;
  /**
   * Dated demand (demandMultiplierByDate), or null: the product of the dated multipliers on each
   * calendar day of the run (index = day since the day of time 0), the demand multiplier of each
   * band, and the largest multiplier of each band over the run (the added process runs at that,
   * thinned to the day's). Without it, keepByBand and addedFactor say everything.
   */
  readonly dated: {
    readonly factorByDay: Float64Array;
    readonly multiplierByBand: Float64Array;
    readonly topByBand: Float64Array;
  } | null;
}

/**
 * A model ready to run: structure and parameters only. How long and how often to run it (seed,
 * days, warm-up, replications) is the run's business (experiment/plan.ts), not the network's.
 */
export interface CompiledModel {
  readonly name: string;
  readonly bands: number;
  /** Names of the acuity bands, least acute first (for results by class). */
  readonly bandNames: readonly string[];
  readonly segments: readonly CompiledSegment[];
  readonly sources: readonly CompiledSource[];
  readonly nodes: readonly CompiledNode[];
  readonly nodeIndex: ReadonlyMap<string, number>;
  /** 0 = Monday. */
  readonly startDayOfWeek: number;
  /** 0 = January. */
  readonly startMonth: number;
  /** Hour of the day at time 0 (0–23). */
  readonly startHour: number;
  /** The calendar date of time 0 (days since 1970-01-01) in a dated run (run.startDate); null otherwise. */
  readonly epochDay0: number | null;
  readonly acuityPurpose: number;
}

/** Tables loaded from CSV files: ratesCsv path → 168 rates per hour (Mon 00:00 first). */
export type RateTables = Readonly<Record<string, readonly number[]>>;
