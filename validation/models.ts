/**
 * Model objects the validation cases build in memory: plain JSON, written as a user would write
 * a model file, then validated by validateModelObject like any file (see harness.ts).
 */

/** A distribution as written in a model file. */
export type DistributionJson = Record<string, unknown> & { type: string };

export const exponential = (mean: number): DistributionJson => ({ type: "exponential", mean });
export const lognormal = (mean: number, sd: number): DistributionJson => ({ type: "lognormal", mean, sd });
export const deterministic = (value: number): DistributionJson => ({ type: "deterministic", value });

export interface StationOptions {
  readonly name: string;
  readonly servers: number | "unlimited";
  /** Poisson arrivals per hour. */
  readonly arrivalsPerHour: number;
  /** Time at the station: `{ durationHours }` or `{ durationDays }`, as a model file gives it. */
  readonly duration: { readonly durationHours: DistributionJson } | { readonly durationDays: DistributionJson };
  /** Default "unlimited"; 0 = a loss system. */
  readonly waitingRoom?: number | "unlimited";
  readonly days: number;
  readonly warmupDays: number;
  readonly replications: number;
  readonly seed: number;
  readonly description: string;
}

/** One multi-server station (a generic unit) fed by Poisson arrivals: M/M/c, M/G/c/c, … */
export function stationModel(o: StationOptions): Record<string, unknown> {
  return {
    name: o.name,
    description: o.description,
    run: { days: o.days, warmupDays: o.warmupDays, replications: o.replications, seed: o.seed },
    segments: {
      patients: { description: "Poisson arrivals.", arrivals: [{ route: "other", to: "station", ratePerDay: o.arrivalsPerHour * 24 }] },
    },
    nodes: {
      station: {
        type: "unit",
        description: "The station under test.",
        servers: o.servers,
        waitingRoom: o.waitingRoom ?? "unlimited",
        ...o.duration,
        outcomes: { "*": [{ pct: 100, to: "exit" }] },
      },
    },
  };
}

/** Hours → days for run settings. */
export const days = (hours: number): number => hours / 24;
