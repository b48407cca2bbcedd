import { HoursPool, type HoursPoolOptions } from "./hours-pool.js";
import { TieClass, type Simulation } from "./simulation.js";
import { Unit, type UnitDirectory, type UnitOptions } from "./unit.js";

/** Something whose capacity a calendar can drive. */
export interface HasCapacity {
  setCapacity(capacity: number): void;
}

/**
 * A capacity that follows a repeating calendar: at `times[i]` (offsets within the period, ascending,
 * the first one 0) it becomes `capacities[i]`, until the next change. Period e.g. one week.
 */
export interface CapacityCalendar {
  period: number;
  times: readonly number[];
  capacities: readonly number[];
}

/**
 * The resources of one simulation: units and hours pools, addressed by id so that an entity can
 * hold one unit while it waits for another. Also drives capacity calendars.
 */
export class Network implements UnitDirectory {
  readonly units: Unit[] = [];
  readonly pools: HoursPool[] = [];
  private readonly calendarTargets: HasCapacity[] = [];
  private readonly calendars: CapacityCalendar[] = [];
  private readonly calendarNext: number[] = [];
  private readonly calendarPeriodStart: number[] = [];
  private readonly calendarKind: number;

  constructor(readonly sim: Simulation) {
    this.calendarKind = sim.on((i) => this.onCalendarChange(i), TieClass.CAPACITY);
  }

  addUnit(options: UnitOptions): Unit {
    const unit = new Unit(this.units.length, this.sim, this, options);
    this.units.push(unit);
    return unit;
  }

  addPool(options: HoursPoolOptions): HoursPool {
    const pool = new HoursPool(this.pools.length, this.sim, this, options);
    this.pools.push(pool);
    return pool;
  }

  /** Makes `target`'s capacity follow `calendar` from the current time on. */
  followCalendar(target: HasCapacity, calendar: CapacityCalendar): void {
    const { period, times, capacities } = calendar;
    if (times.length === 0 || times.length !== capacities.length || times[0] !== 0 || !(period > 0)) {
      throw new RangeError("a capacity calendar needs matching times and capacities, the first time 0, and a period > 0");
    }
    for (let i = 1; i < times.length; i++) {
      if (!(times[i]! > times[i - 1]! && times[i]! < period)) {
        throw new RangeError("capacity calendar times must rise strictly and lie within the period");
      }
    }
    const index = this.calendars.length;
    this.calendars.push(calendar);
    this.calendarTargets.push(target);
    // The change in force now, then the next one.
    const now = this.sim.now;
    const offset = now - Math.floor(now / period) * period;
    let current = 0;
    while (current + 1 < times.length && times[current + 1]! <= offset) current++;
    target.setCapacity(capacities[current]!);
    this.calendarNext.push(current + 1);
    this.calendarPeriodStart.push(now - offset);
    this.scheduleNextChange(index);
  }

  /** Restarts every unit's and pool's statistics (end of warm-up). */
  resetStats(): void {
    const now = this.sim.now;
    for (const unit of this.units) unit.resetStats(now);
    for (const pool of this.pools) pool.resetStats(now);
  }

  private scheduleNextChange(index: number): void {
    const calendar = this.calendars[index]!;
    let next = this.calendarNext[index]!;
    if (next >= calendar.times.length) {
      next = 0;
      this.calendarPeriodStart[index]! += calendar.period;
    }
    this.calendarNext[index] = next;
    this.sim.post(this.calendarPeriodStart[index]! + calendar.times[next]!, this.calendarKind, index);
  }

  private onCalendarChange(index: number): void {
    const calendar = this.calendars[index]!;
    const i = this.calendarNext[index]!;
    this.calendarTargets[index]!.setCapacity(calendar.capacities[i]!);
    this.calendarNext[index] = i + 1;
    this.scheduleNextChange(index);
  }
}
