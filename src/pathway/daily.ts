/**
 * Daily series over the results period: at the end of each results day, each measure's change
 * since the day before (integrals of occupancy, queues and blocking; counts), one value per day.
 * One day's end is pending at a time: scheduling them all at the start kept thousands of events
 * in the calendar and made every push and pop of the run deeper (15% of the M/M/10 run's time).
 */
import type { HoursPool } from "../engine/hours-pool.js";
import type { Unit } from "../engine/unit.js";
import { HOURS_PER_DAY, MINUTES_PER_HOUR } from "../time.js";
import { TieClass } from "../engine/simulation.js";
import type { AmbulanceService } from "./ambulance.js";
import type { RunContext } from "./context.js";
import type { EdService } from "./ed.js";
import type { Wards } from "./wards.js";
import type { DailySeries } from "../types.js";
export type { DailySeries } from "../types.js";

/** The services the daily series read (the first of each kind, as for the KPIs). */
export interface DailySources {
  readonly ambulance: AmbulanceService | null;
  readonly ed: EdService | null;
  readonly acute: Unit | null;
  readonly community: Unit | null;
  readonly homecare: HoursPool | null;
  readonly wards: Wards;
}

interface Marks {
  acuteBusy: number;
  acuteCap: number;
  commBusy: number;
  commCap: number;
  edBlocked: number;
  nctr: number;
  hcQueue: number;
  handoverLost15: number;
  attendances: number;
  admissions: number;
  ambQueue: number;
}

export class DailyRecorder {
  readonly series: DailySeries = {};
  private last: Marks;
  /** Integrals of busy and queue at the last day mark, per generic unit (2 × node index). */
  private readonly lastGeneric: number[] = [];
  private readonly kDay: number;
  /** Units and pools whose capacity has dated periods, their metric, and their capacity integral at the last day mark. */
  private readonly datedUnits: { readonly unit: Unit | HoursPool; readonly metric: string; last: number }[] = [];

  constructor(
    private readonly ctx: RunContext,
    private readonly s: DailySources,
  ) {
    this.kDay = ctx.sim.on((d) => {
      this.dayTick(d);
      this.scheduleDayEnd(d + 1);
    }, TieClass.STATISTICS);
    this.last = this.marks();
    for (const node of ctx.model.nodes) {
      const capacity = node.kind === "unit" ? node.servers : node.kind === "ed" ? node.cubicles : node.kind === "ambulance" ? node.vehicles : null;
      const unit = ctx.units[node.index];
      const id = node.id.replace(/-/g, "_");
      if (capacity?.kind === "calendar" && capacity.dated === true && unit) this.datedUnits.push({ unit, metric: `${id}_capacity`, last: 0 });
      const pool = ctx.pools[node.index];
      if (node.kind === "homecare" && node.datedHours !== null && pool) this.datedUnits.push({ unit: pool, metric: `${id}_delivered_hours_per_week`, last: 0 });
    }
  }

  /** Schedules the end of the first results day. */
  start(): void {
    this.scheduleDayEnd(0);
  }

  /** The warm-up is over: the first day's changes count from now. */
  restart(): void {
    this.last = this.marks();
    this.lastGeneric.length = 0;
    for (const d of this.datedUnits) d.last = d.unit.capacityLevel.integral(this.ctx.sim.now);
  }

  private marks(): Marks {
    const now = this.ctx.sim.now;
    const { acute, community: comm, ed, ambulance, homecare: hc, wards } = this.s;
    const cubicles = ed === null ? null : ed.cubicles;
    const fleet = ambulance === null ? null : ambulance.fleet;
    return {
      acuteBusy: acute ? acute.busyLevel.integral(now) : 0,
      acuteCap: acute ? acute.capacityLevel.integral(now) : 0,
      commBusy: comm ? comm.busyLevel.integral(now) : 0,
      commCap: comm ? comm.capacityLevel.integral(now) : 0,
      edBlocked: cubicles ? cubicles.blockedLevel.integral(now) : 0,
      nctr: acute ? acute.blockedLevel.integral(now) : 0,
      hcQueue: hc ? hc.queueLevel.integral(now) : 0,
      handoverLost15: ambulance ? ambulance.handover.sumExcessAbove(15) : 0,
      attendances: ed ? ed.attendances.value : 0,
      admissions: wards.admissions.value,
      ambQueue: fleet ? fleet.queueLevel.integral(now) : 0,
    };
  }

  /** Schedules the end of results day `day` (0-based), if the period has it. */
  private scheduleDayEnd(day: number): void {
    const ctx = this.ctx;
    if (day >= ctx.days) return;
    const t = ctx.tWarm + (day + 1) * HOURS_PER_DAY;
    if (t <= ctx.tEnd + 1e-9) ctx.sim.post(Math.min(t, ctx.tEnd), this.kDay, day);
  }

  private metric(name: string): Float64Array {
    let s = this.series[name];
    if (s === undefined) {
      s = new Float64Array(this.ctx.days);
      this.series[name] = s;
    }
    return s;
  }

  private dayTick(day: number): void {
    const ctx = this.ctx;
    const m = this.marks();
    const l = this.last;
    const len = ctx.sim.now - (ctx.tWarm + day * HOURS_PER_DAY);
    if (len <= 0) return;
    if (this.s.acute) {
      const cap = m.acuteCap - l.acuteCap;
      this.metric("ga_occupancy_pct")[day] = cap > 0 ? (100 * (m.acuteBusy - l.acuteBusy)) / cap : 0;
      this.metric("nctr_patients")[day] = (m.nctr - l.nctr) / len;
      this.metric("admissions")[day] = m.admissions - l.admissions;
    }
    if (this.s.community) {
      const cap = m.commCap - l.commCap;
      this.metric("community_occupancy_pct")[day] = cap > 0 ? (100 * (m.commBusy - l.commBusy)) / cap : 0;
    }
    if (this.s.ed) {
      this.metric("ed_boarding_hours")[day] = m.edBlocked - l.edBlocked;
      this.metric("ed_attendances")[day] = m.attendances - l.attendances;
    }
    if (this.s.ambulance) {
      this.metric("handover_hours_lost_over_15")[day] = (m.handoverLost15 - l.handoverLost15) / MINUTES_PER_HOUR;
      this.metric("ambulance_queue_calls")[day] = (m.ambQueue - l.ambQueue) / len;
    }
    if (this.s.homecare) this.metric("homecare_waiting_people")[day] = (m.hcQueue - l.hcQueue) / len;
    // Every generic unit: mean busy servers and mean queue that day.
    for (const node of ctx.model.nodes) {
      if (node.kind !== "unit" || node.role !== "generic") continue;
      const u = ctx.units[node.index]!;
      const busy = u.busyLevel.integral(ctx.sim.now);
      const queue = u.queueLevel.integral(ctx.sim.now);
      const id = node.id.replace(/-/g, "_");
      this.metric(`${id}_busy`)[day] = (busy - (this.lastGeneric[2 * node.index] ?? 0)) / len;
      this.metric(`${id}_queue`)[day] = (queue - (this.lastGeneric[2 * node.index + 1] ?? 0)) / len;
      this.lastGeneric[2 * node.index] = busy;
      this.lastGeneric[2 * node.index + 1] = queue;
    }
    // Units with dated capacity: their mean capacity that day (escalation beds, a ward opening).
    for (const d of this.datedUnits) {
      const area = d.unit.capacityLevel.integral(ctx.sim.now);
      this.metric(d.metric)[day] = (area - d.last) / len;
      d.last = area;
    }
    this.last = m;
  }
}
