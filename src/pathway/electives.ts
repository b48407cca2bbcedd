/**
 * Elective booked lists (elective backfill): each unit with an `electives` list books a planned
 * number of patients a day; at the admission hour each booking asks for a bed, in booking order —
 * rebooked ones first — and takes one only if more than the reserve are free; otherwise it is
 * cancelled on the day, and comes back `rebookAfterDays` later if it may, or is lost.
 *
 * The list does not depend on the state of the hospital: the k-th booking of a list is the same
 * person (the same id and random numbers) in every scenario of a replication, so release
 * accounting can see which bookings an intervention's freed beds admitted that the baseline
 * cancelled. Elective ids sit above every arrival's (ELECTIVE_IDS), so they never meet one.
 *
 * Rebooked patients wait in a ring buffer per list (typed arrays, grown by doubling): no
 * allocation per booking.
 */
import type { Simulation } from "../engine/simulation.js";
import { TieClass } from "../engine/simulation.js";
import type { CompiledElectives, CompiledUnit } from "../model/compiled.js";
import { createStream, type RandomStream } from "../random/streams.js";
import { HOURS_PER_DAY } from "../time.js";
import type { RunContext } from "./context.js";
import { G_ARRIVALS } from "./groups.js";
import type { Patients } from "./patients.js";
import type { Wards } from "./wards.js";

/** Ids of elective patients start here: above every arrival's id (arrival count × sources + source). */
export const ELECTIVE_IDS = 2 ** 40;
/** An elective's id is ELECTIVE_IDS + booking number × this + the node index of its unit. */
const LIST_STRIDE = 4096;

/** Whether a patient id is an elective booking's. */
export function isElective(id: number): boolean {
  return id >= ELECTIVE_IDS;
}

/** A reference run's fate of booking `booking` of the list at node `node`: its attempt admitted (1 = first), -1 cancelled for good, 0 unknown. */
function heldFate(held: readonly (Int16Array | null)[], node: number, booking: number): number {
  const fates = held[node];
  return fates === null || fates === undefined || booking >= fates.length ? 0 : fates[booking]!;
}

/** A list's counts over the results period (bookings asking for a bed at or after the warm-up). */
export interface ElectiveCounts {
  /** Bookings that took a bed. */
  readonly admitted: number;
  /** On-the-day cancellations (a booking rebooked and cancelled again counts each time). */
  readonly cancelled: number;
  /** Bookings cancelled for the last time (no rebooking left). */
  readonly lost: number;
}

export class ElectiveLists {
  /** The units with a list, in node order. */
  readonly units: readonly CompiledUnit[];
  private readonly streams: RandomStream[];
  /** Per list: bookings expected so far (their whole part is what has been booked), bookings made, day number of the next admission hour. */
  private readonly expected: Float64Array;
  private readonly booked: Float64Array;
  private readonly day: Int32Array;
  /** Per list: weekday (0 = Monday) of its first admission hour. */
  private readonly firstWeekday: Int32Array;
  // Per list: rebooked patients in a ring buffer — slot, day due, times rebooked so far.
  private pendingSlot: Int32Array[];
  private pendingDue: Int32Array[];
  private pendingTimes: Int32Array[];
  private readonly head: Int32Array;
  private readonly size: Int32Array;
  private readonly admitted: Float64Array;
  private readonly cancelled: Float64Array;
  private readonly lostInPeriod: Float64Array;
  /** Bookings made and bookings lost over the whole run (conservation: bookings are patients generated; lost ones left). */
  bookings = 0;
  lost = 0;
  private readonly kDay: number;
  private readonly sim: Simulation;
  private readonly P: Patients;

  constructor(
    private readonly ctx: RunContext,
    private readonly wards: Wards,
  ) {
    this.sim = ctx.sim;
    this.P = ctx.p;
    const model = ctx.model;
    this.units = model.nodes.filter((n): n is CompiledUnit => n.kind === "unit" && n.electives !== null);
    if (model.nodes.length > LIST_STRIDE) throw new Error(`a model with elective lists can have at most ${LIST_STRIDE} nodes`);
    const n = this.units.length;
    this.streams = this.units.map((u) => createStream(ctx.seed, ctx.replication, `electives/${u.id}`));
    this.expected = new Float64Array(n);
    this.booked = new Float64Array(n);
    this.day = new Int32Array(n);
    this.firstWeekday = new Int32Array(n);
    this.pendingSlot = this.units.map(() => new Int32Array(16));
    this.pendingDue = this.units.map(() => new Int32Array(16));
    this.pendingTimes = this.units.map(() => new Int32Array(16));
    this.head = new Int32Array(n);
    this.size = new Int32Array(n);
    this.admitted = new Float64Array(n);
    this.cancelled = new Float64Array(n);
    this.lostInPeriod = new Float64Array(n);
    this.kDay = ctx.sim.on((list) => this.admissionHour(list), TieClass.ARRIVAL);
  }

  /** Schedules each list's first admission hour. */
  start(): void {
    const { model, tEnd } = this.ctx;
    this.units.forEach((u, list) => {
      const e = u.electives!;
      // Time 0 is model.startHour on model.startDayOfWeek.
      const first = (((e.admitAtHour - model.startHour) % HOURS_PER_DAY) + HOURS_PER_DAY) % HOURS_PER_DAY;
      this.firstWeekday[list] = (model.startDayOfWeek + Math.floor((model.startHour + first) / HOURS_PER_DAY)) % 7;
      if (first < tEnd) this.sim.post(first, this.kDay, list);
    });
  }

  /** The counts of the list at node `nodeIndex` over the results period (zeros for a unit without one). */
  countsAt(nodeIndex: number): ElectiveCounts {
    const list = this.units.findIndex((u) => u.index === nodeIndex);
    if (list < 0) return { admitted: 0, cancelled: 0, lost: 0 };
    return { admitted: this.admitted[list]!, cancelled: this.cancelled[list]!, lost: this.lostInPeriod[list]! };
  }

  /** Restarts the counts (end of warm-up). */
  resetStats(): void {
    this.admitted.fill(0);
    this.cancelled.fill(0);
    this.lostInPeriod.fill(0);
  }

  /** The day's admission hour of list `list`: rebooked patients due today, then the day's new bookings. */
  private admissionHour(list: number): void {
    const e = this.units[list]!.electives!;
    const today = this.day[list]!;
    this.day[list] = today + 1;
    const next = this.sim.now + HOURS_PER_DAY;
    if (next < this.ctx.tEnd) this.sim.post(next, this.kDay, list);

    while (this.size[list]! > 0) {
      const i = this.head[list]!;
      if (this.pendingDue[list]![i]! > today) break;
      const slot = this.pendingSlot[list]![i]!;
      const times = this.pendingTimes[list]![i]!;
      this.head[list] = (i + 1) % this.pendingSlot[list]!.length;
      this.size[list] = this.size[list]! - 1;
      this.attempt(list, e, slot, times, today);
    }

    // A planned list: the day books the whole bookings expected by its end not yet booked.
    const before = Math.floor(this.expected[list]! + 1e-9);
    this.expected[list] = this.expected[list]! + e.bookingsByWeekday[(this.firstWeekday[list]! + today) % 7]!;
    const n = Math.floor(this.expected[list]! + 1e-9) - before;
    for (let k = 0; k < n; k++) this.attempt(list, e, this.book(list, e), 0, today);
  }

  /** A new booking: a patient with an id and random numbers of its own. */
  private book(list: number, e: CompiledElectives): number {
    const P = this.P;
    const node = this.units[list]!;
    const k = this.streams[list]!.double() * 4294967296;
    const keyHi = Math.floor(k);
    const keyLo = Math.floor((k - keyHi) * 2097152);
    const id = ELECTIVE_IDS + this.booked[list]! * LIST_STRIDE + node.index;
    this.booked[list] = this.booked[list]! + 1;
    this.bookings++;
    const slot = P.alloc();
    P.id[slot] = id;
    P.source[slot] = this.ctx.model.sources.length + list;
    P.segment[slot] = e.segment;
    P.keyHi[slot] = keyHi;
    P.keyLo[slot] = keyLo;
    P.fresh(slot, this.sim.now, this.ctx.ledger !== null);
    P.band[slot] = e.band;
    return slot;
  }

  /**
   * Booking `slot` asks for a bed (its attempt `times` + 1): taken if more than the reserve are
   * free, else cancelled (rebooked if it may). Held at a reference run's fates (a counterfactual
   * run), it is admitted exactly at the attempt the reference admitted it — waiting in the unit's
   * line if no bed is free — and cancelled at every other.
   */
  private attempt(list: number, e: CompiledElectives, slot: number, times: number, today: number): void {
    const ctx = this.ctx;
    const node = this.units[list]!;
    const unit = ctx.units[node.index]!;
    const warm = ctx.warm;
    // The booking number, from the id (exact: integers below 2^53).
    const booking = (this.P.id[slot]! - ELECTIVE_IDS - node.index) / LIST_STRIDE;
    const held = ctx.heldElectives;
    const admit = held === null ? unit.capacity - unit.busy > e.reserveBeds : heldFate(held, node.index, booking) === times + 1;
    if (admit) {
      if (warm) {
        this.admitted[list] = this.admitted[list]! + 1;
        ctx.groups.count(slot, G_ARRIVALS);
      }
      ctx.book?.electiveFate(node.index, booking, times + 1);
      this.P.tArrive[slot] = this.sim.now;
      this.wards.admitElective(node, slot);
      return;
    }
    if (warm) this.cancelled[list] = this.cancelled[list]! + 1;
    if (ctx.tracing) ctx.trace(slot, "cancelled", node.id);
    if (times < e.rebookMaxTimes) {
      this.pend(list, slot, today + e.rebookAfterDays, times + 1);
      return;
    }
    if (warm) this.lostInPeriod[list] = this.lostInPeriod[list]! + 1;
    ctx.book?.electiveFate(node.index, booking, -1);
    this.lost++;
    this.P.release(slot);
  }

  private pend(list: number, slot: number, due: number, times: number): void {
    let cap = this.pendingSlot[list]!.length;
    if (this.size[list] === cap) {
      // Grow, unrolling the ring so that it starts at 0.
      const h = this.head[list]!;
      const grow = (a: Int32Array): Int32Array => {
        const b = new Int32Array(cap * 2);
        for (let i = 0; i < cap; i++) b[i] = a[(h + i) % cap]!;
        return b;
      };
      this.pendingSlot[list] = grow(this.pendingSlot[list]!);
      this.pendingDue[list] = grow(this.pendingDue[list]!);
      this.pendingTimes[list] = grow(this.pendingTimes[list]!);
      this.head[list] = 0;
      cap *= 2;
    }
    const i = (this.head[list]! + this.size[list]!) % cap;
    this.pendingSlot[list]![i] = slot;
    this.pendingDue[list]![i] = due;
    this.pendingTimes[list]![i] = times;
    this.size[list] = this.size[list]! + 1;
  }
}
