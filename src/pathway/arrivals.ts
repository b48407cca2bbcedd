/**
 * Arrivals: each source (one arrivals entry of a segment) generates patients at its base rate, and
 * the intervention's demand multipliers below 1 thin them. Every generated patient draws its keys —
 * from which all its later random numbers follow — whether it is kept or not, so the streams stay
 * in step across scenarios and the same person arrives at the same moment in every scenario.
 *
 * Demand a multiplier above 1 adds comes from an added source of its own (superposition: its own
 * streams `added/<source>`), and its patients have negative ids, so no added patient is ever the
 * same person as, or paired with, a baseline patient — and the baseline's patients are unchanged.
 */
import { NO_HOLD } from "../engine/wait-line.js";
import { createStream, type RandomStream } from "../random/streams.js";
import { TieClass } from "../engine/simulation.js";
import type { RunContext, Router } from "./context.js";
import { EXIT_NODE, type CompiledSegment } from "../model/compiled.js";
import { HOURS_PER_DAY } from "../time.js";
import type { Patients } from "./patients.js";
import type { Simulation } from "../engine/simulation.js";

export class Arrivals {
  private readonly sourceStreams: RandomStream[];
  private readonly avoidStreams: RandomStream[];
  private readonly sourceCounts: Float64Array;
  /** Per source: 1 when its arrivals are thinned (a baseline source of a segment with a multiplier below 1). */
  private readonly thins: Uint8Array;
  /** Per source: a patient's id is sign × (count × baseline sources + offset); added ids are negative. */
  private readonly idSign: Float64Array;
  private readonly idOffset: Float64Array;
  private readonly idStride: number;
  private readonly kArrive: number;
  /** Patients generated (kept or avoided) and avoided by the intervention. */
  generated = 0;
  avoided = 0;
  /** Arrivals outside their door's opening hours sent out of the model (results period only). */
  divertedOut = 0;
  // Read directly in the hot path, not through the context (see Wards).
  private readonly sim: Simulation;
  private readonly P: Patients;
  private readonly tEnd: number;

  constructor(
    private readonly ctx: RunContext,
    /** Ids below this belong to a census's patients (pathway/census.ts); 0 for an empty start. */
    firstId: number,
    private readonly router: Router,
  ) {
    this.sim = ctx.sim;
    this.P = ctx.p;
    this.tEnd = ctx.tEnd;
    const sources = ctx.model.sources;
    this.kArrive = ctx.sim.on((src) => this.arrive(src), TieClass.ARRIVAL);
    this.sourceStreams = sources.map((s) => createStream(ctx.seed, ctx.replication, `${s.added ? "added" : "arrivals"}/${s.name}`));
    this.avoidStreams = sources.map((s) => createStream(ctx.seed, ctx.replication, `${s.added ? "avoided/added" : "avoided"}/${s.name}`));
    this.sourceCounts = new Float64Array(sources.length);
    // Dated demand thins every source of its segment, added ones too (to the day's multiplier).
    this.thins = Uint8Array.from(sources, (s) => {
      const segment = ctx.model.segments[s.segment]!;
      return segment.dated !== null || (!s.added && !segment.keepsAll) ? 1 : 0;
    });
    this.idStride = sources.filter((s) => !s.added).length;
    this.idSign = Float64Array.from(sources, (s) => (s.added ? -1 : 1));
    // Added ids are −1, −2, …: never 0, so never a baseline id.
    this.idOffset = Float64Array.from(sources, (s) => (s.added ? s.baseSource + 1 : s.baseSource + firstId));
  }

  /** Schedules each source's first arrival. */
  start(): void {
    const { sim, model, tEnd } = this.ctx;
    model.sources.forEach((s, i) => {
      const t = s.process.next(0, this.sourceStreams[i]!);
      if (t < tEnd) sim.post(t, this.kArrive, i);
    });
  }

  private arrive(src: number): void {
    const ctx = this.ctx;
    const sim = this.sim;
    const p = this.P;
    const model = ctx.model;
    const source = model.sources[src]!;
    const stream = this.sourceStreams[src]!;
    const next = source.process.next(sim.now, stream);
    if (next < this.tEnd) sim.post(next, this.kArrive, src);

    // One 53-bit uniform gives the patient's two keys (32 + 21 bits).
    const k = stream.double() * 4294967296;
    const keyHi = Math.floor(k);
    const keyLo = Math.floor((k - keyHi) * 2097152);
    const segment = model.segments[source.segment]!;
    // The avoided-draw has its own stream, so skipping it where nobody can be avoided shifts nothing.
    const thins = this.thins[src] === 1;
    const avoidU = thins ? this.avoidStreams[src]!.double() : 0;
    const id = this.idSign[src]! * (this.sourceCounts[src]! * this.idStride + this.idOffset[src]!);
    this.sourceCounts[src]!++;
    this.generated++;

    const slot = p.alloc();
    p.id[slot] = id;
    p.source[slot] = src;
    p.segment[slot] = source.segment;
    p.keyHi[slot] = keyHi;
    p.keyLo[slot] = keyLo;
    p.fresh(slot, sim.now, ctx.ledger !== null);
    let band = segment.fixedBand;
    if (band < 0) {
      const u = ctx.draw(slot, model.acuityPurpose).double();
      // Added patients follow the acuity mix of what was added (share × (multiplier − 1)).
      const cum = source.added ? segment.addedCumulative! : segment.acuityCumulative;
      band = 0;
      while (band < cum.length - 1 && u >= cum[band]!) band++;
    }
    p.band[slot] = band;

    if (thins && avoidU >= (segment.dated === null ? segment.keepByBand[band]! : this.datedKeep(segment.dated, band, source.added))) {
      // An added patient thinned away never existed (nobody in the baseline to avoid).
      if (source.added) p.release(slot);
      else this.avoid(slot, src);
      return;
    }
    if (ctx.tracing) ctx.trace(slot, "arrive", source.name);
    if (source.open !== null && !this.isOpen(source.open.opensAt, source.open.closesAt)) {
      this.divert(slot, source.divertTo);
      return;
    }
    this.router.enter(slot, source.to, NO_HOLD);
  }

  /**
   * The share of a band's arrivals kept today under dated demand: the baseline's own arrivals up to
   * the day's multiplier m, the added process (which runs at the band's top multiplier) the part
   * of m above 1.
   */
  private datedKeep(dated: NonNullable<CompiledSegment["dated"]>, band: number, added: boolean): number {
    const table = dated.factorByDay;
    const day = Math.floor((this.sim.now + this.ctx.model.startHour) / HOURS_PER_DAY);
    const m = dated.multiplierByBand[band]! * table[day < table.length ? day : table.length - 1]!;
    if (!added) return m < 1 ? m : 1;
    const top = dated.topByBand[band]!;
    return top > 1 && m > 1 ? (m - 1) / (top - 1) : 0;
  }

  /** Whether the door is open at this hour of the day ([opensAt, closesAt), over midnight when opensAt > closesAt). */
  private isOpen(opensAt: number, closesAt: number): boolean {
    const h = (this.sim.now + this.ctx.model.startHour) % HOURS_PER_DAY;
    return opensAt < closesAt ? h >= opensAt && h < closesAt : h >= opensAt || h < closesAt;
  }

  /** Arrived while the door was closed: sent elsewhere in the model, or out of it (not counted as time in system). */
  private divert(slot: number, to: number): void {
    const ctx = this.ctx;
    if (ctx.tracing) ctx.trace(slot, "diverted", to === EXIT_NODE ? "exit" : ctx.model.nodes[to]!.id);
    if (to !== EXIT_NODE) {
      this.router.enter(slot, to, NO_HOLD);
      return;
    }
    if (ctx.warm) this.divertedOut++;
    this.P.tArrive[slot] = -1;
    this.router.leave(slot);
  }

  /** The intervention avoided this patient: recorded (and in the ledger), never entering. */
  private avoid(slot: number, src: number): void {
    const ctx = this.ctx;
    const P = this.P;
    const source = ctx.model.sources[src]!;
    this.avoided++;
    if (ctx.tracing) ctx.trace(slot, "avoided", source.name);
    if (ctx.ledger !== null) ctx.ledger.push(P, slot, true);
    P.release(slot);
  }
}
