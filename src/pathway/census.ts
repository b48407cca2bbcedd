/**
 * A census: the patients present at one moment, one row each (docs/census.md). `collectCensus`
 * reads it off a running replication (`pathflow census`); `CensusStart` puts a census's patients
 * in place at time 0 of a replication (`run --census`), drawing each remaining duration from its
 * distribution given the time already spent (random/residual.ts).
 *
 * Loading order at time 0, after the capacity calendars and before any arrival:
 * 1. occupants: patients in service and held patients take their servers (beyond capacity if need
 *    be: a unit never evicts, as when capacity falls), packages take their hours;
 * 2. lines: waiting patients join their line and held patients ask for their next place, together
 *    in order of time already waited (longest first), so a first-come-first-served line keeps the
 *    census's order. A held patient whose next place is free moves at once.
 *
 * Each census patient has its own keys, a hash of its name in the census (else its id) and a
 * number from the replication's `census` stream, so replication r of a warm start draws its own remainders, and every scenario
 * of replication r sees the same census patients with the same draws (common random numbers) —
 * also when each scenario starts from a state of its own: a patient named in several states (the
 * census's `patient` column) has one id and the same draws in each. Census patients have ids
 * 0 … n − 1, n the census's id space; arrivals' ids start after them in every scenario.
 */
import { createStream } from "../random/streams.js";
import { KeyedStream, purposeId } from "../random/keyed-stream.js";
import { residualOf, type Residual } from "../random/residual.js";
import { NO_HOLD } from "../engine/wait-line.js";
import { EXIT_NODE, type CompiledNode, type CompiledUnit, type Duration } from "../model/compiled.js";
import type { CensusRow, CensusStatus } from "../types.js";
import type { AmbulanceService } from "./ambulance.js";
import type { RunContext, Router } from "./context.js";
import type { EdService } from "./ed.js";
import type { HomecareService } from "./homecare.js";
import { S_BLOCKED, S_PACKAGE, S_SERVICE, S_WAITING } from "./patients.js";
import type { Placements } from "./placements.js";
import type { Wards } from "./wards.js";

/** Salt on a duration's purpose for the draw of its remainder (never the same number as a fresh draw). */
const REMAINDER = purposeId("census/remainder");
const OUTCOME = purposeId("census/outcome");
/** Purpose of the draw of a census patient's keys from its id. */
const KEY = purposeId("census/key");
const NAMED = purposeId("census/named-key");

const STATUS_OF_STATE: Record<number, CensusStatus> = { [S_WAITING]: "waiting", [S_SERVICE]: "in-service", [S_BLOCKED]: "blocked", [S_PACKAGE]: "on-package" };
/** Order of statuses within a node in a written census. */
const STATUS_ORDER: Record<CensusStatus, number> = { "in-service": 0, "on-package": 1, blocked: 2, waiting: 3 };

/** What a census leaves out: patients between places (away after leaving a line, to come back later). */
export interface CensusTaken {
  readonly rows: CensusRow[];
  /** Live patients in no place (left a line and coming back later): not in the census. */
  readonly away: number;
}

/**
 * The census of a replication at its current time: one row per patient present, ordered by node
 * (model order), status, time in status (longest first) and patient id — deterministic.
 */
export function collectCensus(ctx: RunContext): CensusTaken {
  const P = ctx.p;
  const model = ctx.model;
  const now = ctx.sim.now;
  const found: { row: CensusRow; node: number; id: number }[] = [];
  let away = 0;
  for (let s = 0; s < P.size; s++) {
    if (P.live[s] !== 1) continue;
    const status = STATUS_OF_STATE[P.state[s]!];
    if (status === undefined) {
      away++;
      continue;
    }
    const nodeIndex = P.where[s]!;
    const node = model.nodes[nodeIndex]!;
    let next: string | null = null;
    if (status === "blocked") next = model.nodes[P.nextNode[s]!]!.id;
    else if (status === "in-service" && node.kind === "unit") {
      // An elective's next place is from its list's outcomes (pathway/electives.ts).
      const outcomes = P.elective[s] === nodeIndex + 1 && node.electives !== null ? node.electives.outcomes : node.outcomesBySegment[P.segment[s]!]!;
      const to = outcomes.to[P.outcome[s]!]!;
      next = to === EXIT_NODE ? "exit" : model.nodes[to]!.id;
    }
    const onPackage = status === "on-package";
    const waitingForCare = (status === "waiting" && node.kind === "homecare") || (status === "blocked" && model.nodes[P.nextNode[s]!]!.kind === "homecare" && P.lineHandle[s]! >= 0);
    found.push({
      node: nodeIndex,
      id: P.id[s]!,
      row: {
        patient: String(P.id[s]!),
        node: node.id,
        segment: model.segments[P.segment[s]!]!.id,
        acuity: P.band[s]! + 1,
        status,
        hoursInStatus: now - P.stateSince[s]!,
        hoursAtNode: now - P.placeSince[s]!,
        next,
        packageHoursPerWeek: onPackage || waitingForCare ? P.packageHours[s]! : null,
        phase: onPackage ? (P.phase[s] === 0 ? "reablement" : "long-term") : null,
      },
    });
  }
  found.sort((a, b) => a.node - b.node || STATUS_ORDER[a.row.status] - STATUS_ORDER[b.row.status] || b.row.hoursInStatus - a.row.hoursInStatus || a.id - b.id);
  return { rows: found.map((f) => f.row), away };
}

/** The services a census's patients are put into. */
export interface CensusServices {
  readonly router: Router;
  readonly ambulanceAt: readonly (AmbulanceService | null)[];
  readonly edAt: readonly (EdService | null)[];
  readonly homecareAt: readonly (HomecareService | null)[];
  readonly wards: Wards;
  readonly placements: Placements;
}

/** Puts a census's patients in place (see the file comment). Rows are trusted: validated at the boundary (io/census-csv.ts). */
export class CensusStart {
  private readonly residuals = new Map<Duration, Residual>();
  /** Patient slot per row. */
  private readonly slots: Int32Array;

  constructor(
    private readonly ctx: RunContext,
    private readonly services: CensusServices,
    private readonly rows: readonly CensusRow[],
  ) {
    this.slots = new Int32Array(rows.length);
  }

  /** Number of census patients (their ids are 0 … count − 1). */
  get count(): number {
    return this.rows.length;
  }

  load(): void {
    const { ctx, rows } = this;
    const model = ctx.model;
    // Each patient's keys from its name in the census (else its id): the same person (a patient
    // named in several scenarios' states) draws the same numbers in each, whatever else the file holds.
    // A keyed stream's leading bits come from its first key alone, so that key mixes the patient
    // with the replication's number (a bijection of the patient within a replication): with the
    // patient alone there, every replication and seed gave a patient one of 32 draws.
    const base = createStream(ctx.seed, ctx.replication, "census").double() * 4294967296;
    const mix = Math.imul(base | 0, 0x9e3779b9);
    const keys = new KeyedStream();
    rows.forEach((row, i) => {
      const id = row.id ?? i;
      const named = row.patient !== null && row.patient !== undefined;
      const who = named ? purposeId(row.patient!) : id;
      this.slots[i] = this.admit(row, id, keys.reset(who ^ mix, base | 0, named ? NAMED : KEY).double());
    });
    // 1. Occupants.
    rows.forEach((row, i) => {
      if (row.status !== "waiting") this.occupy(row, this.slots[i]!, model.nodes[model.nodeIndex.get(row.node)!]!);
    });
    // 2. Lines, longest wait first (stable: row order on ties).
    const joining = rows.map((_, i) => i).filter((i) => rows[i]!.status === "waiting" || rows[i]!.status === "blocked");
    joining.sort((a, b) => rows[b]!.hoursInStatus - rows[a]!.hoursInStatus || a - b);
    for (const i of joining) this.join(rows[i]!, this.slots[i]!, model.nodes[model.nodeIndex.get(rows[i]!.node)!]!);
  }

  /** A census patient's slot: its id, keys and attributes; in no place yet. */
  private admit(row: CensusRow, id: number, key: number): number {
    const ctx = this.ctx;
    const P = ctx.p;
    const model = ctx.model;
    const segment = model.segments.find((s) => s.id === row.segment)!.index;
    const slot = P.alloc();
    const k = key * 4294967296;
    const keyHi = Math.floor(k);
    P.id[slot] = id;
    // Its segment's first source (routes of census patients' later admissions are counted there), or the first of all.
    const source = model.sources.findIndex((s) => s.segment === segment && !s.added);
    P.source[slot] = source >= 0 ? source : 0;
    P.segment[slot] = segment;
    P.band[slot] = row.acuity - 1;
    P.keyHi[slot] = keyHi;
    P.keyLo[slot] = Math.floor((k - keyHi) * 2097152);
    P.fresh(slot, 0, ctx.ledger !== null); // time in system counts from the census
    P.tHospital[slot] = 0;
    return slot;
  }

  /** A patient in service, held, or on a package takes its place. */
  private occupy(row: CensusRow, p: number, node: CompiledNode): void {
    const ctx = this.ctx;
    const P = ctx.p;
    const band = row.acuity - 1;
    const held = row.status === "blocked";
    switch (node.kind) {
      case "ambulance":
        this.services.ambulanceAt[node.index]!.resume(p, held);
        break;
      case "ed": {
        const mult = node.assessmentMultiplierByAcuity?.[band] ?? 1;
        this.services.edAt[node.index]!.resume(p, held ? Number.NaN : this.remainder(p, node.assessment, row.hoursInStatus, mult), held);
        break;
      }
      case "unit": {
        const outcome = held ? -1 : this.outcome(p, node, row);
        let remaining = Number.NaN;
        if (!held) {
          const mult = node.losMultiplierByAcuity?.[band] ?? 1;
          remaining = this.remainder(p, node.outcomesBySegment[P.segment[p]!]!.durations[outcome]!, row.hoursInStatus, mult);
        }
        this.services.wards.resume(node, p, outcome, remaining, row.hoursAtNode);
        break;
      }
      case "homecare": {
        const phase = row.phase === "long-term" ? 1 : 0;
        const remaining = this.remainder(p, phase === 0 ? node.reablementWeeks : node.longTermWeeks, row.hoursInStatus, 1);
        this.services.homecareAt[node.index]!.resume(p, row.packageHoursPerWeek!, phase, remaining);
        break;
      }
      case "placement":
        throw new Error(`census row at placement ${node.id}: placements hold no patients of their own`);
    }
    P.stateSince[p] = -row.hoursInStatus;
    P.placeSince[p] = -row.hoursAtNode;
  }

  /** A waiting patient joins its line; a held patient asks for its next place. */
  private join(row: CensusRow, p: number, node: CompiledNode): void {
    const ctx = this.ctx;
    const { router, ambulanceAt, edAt, homecareAt, wards, placements } = this.services;
    const model = ctx.model;
    if (row.status === "waiting") {
      switch (node.kind) {
        case "ambulance":
          ambulanceAt[node.index]!.queue(p);
          break;
        case "ed":
          edAt[node.index]!.arrive(p, NO_HOLD);
          break;
        case "unit":
          wards.arrive(node, p, NO_HOLD);
          break;
        case "homecare": {
          const hc = homecareAt[node.index]!;
          if (row.packageHoursPerWeek === null) hc.refer(p, NO_HOLD);
          else hc.request(p, NO_HOLD, row.packageHoursPerWeek);
          break;
        }
        case "placement":
          break;
      }
      return;
    }
    // Held: the engine unit it holds is the one of the node it is at.
    const hold = ctx.units[node.index]!.id;
    const nextIndex = model.nodeIndex.get(row.next!)!;
    const next = model.nodes[nextIndex]!;
    if (next.kind === "placement") {
      placements.resume(next, p, hold, this.remainder(p, next.delay, row.hoursInStatus, 1), row.hoursInStatus);
      return;
    }
    if (next.kind === "homecare" && row.packageHoursPerWeek !== null) homecareAt[next.index]!.request(p, hold, row.packageHoursPerWeek);
    else router.enter(p, nextIndex, hold);
    if (ctx.p.state[p] === S_BLOCKED) ctx.p.stateSince[p] = -row.hoursInStatus;
  }

  /**
   * A unit patient's outcome given its time in service: outcome o with probability ∝ p_o · S_o(a)
   * (the posterior given the stay has lasted a so far), among those leading to `next` when given.
   */
  private outcome(p: number, node: CompiledUnit, row: CensusRow): number {
    const ctx = this.ctx;
    const outcomes = node.outcomesBySegment[ctx.p.segment[p]!]!;
    const mult = node.losMultiplierByAcuity?.[row.acuity - 1] ?? 1;
    const wanted = row.next === null ? null : row.next === "exit" ? EXIT_NODE : ctx.model.nodeIndex.get(row.next)!;
    const n = outcomes.to.length;
    const prior = new Float64Array(n);
    const weight = new Float64Array(n);
    let total = 0;
    let priorTotal = 0;
    for (let o = 0; o < n; o++) {
      if (wanted !== null && outcomes.to[o] !== wanted) continue;
      prior[o] = outcomes.cumulative[o]! - (o === 0 ? 0 : outcomes.cumulative[o - 1]!);
      const d = outcomes.durations[o]!;
      weight[o] = prior[o]! * this.residual(d).survival(row.hoursInStatus / (mult * d.toHours));
      total += weight[o]!;
      priorTotal += prior[o]!;
    }
    // Past every outcome's support (or an outcome of probability 0 named): by the prior, or the first allowed.
    const w = total > 0 ? weight : priorTotal > 0 ? prior : Float64Array.from(outcomes.to, (to) => (wanted === null || to === wanted ? 1 : 0));
    const sum = total > 0 ? total : priorTotal > 0 ? priorTotal : w.reduce((a, b) => a + b, 0);
    let u = ctx.draw(p, node.outcomePurpose ^ OUTCOME).double() * sum;
    let last = 0;
    for (let o = 0; o < n; o++) {
      if (!(w[o]! > 0)) continue;
      last = o;
      u -= w[o]!;
      if (u < 0) return o;
    }
    return last;
  }

  /** Hours left of a duration `d` × `mult` that has lasted `elapsedHours`, drawn given that. */
  private remainder(p: number, d: Duration, elapsedHours: number, mult: number): number {
    const scale = mult * d.toHours;
    const rng = this.ctx.draw(p, d.purpose ^ REMAINDER);
    return this.residual(d).remainder(elapsedHours / scale, rng.double()) * scale;
  }

  private residual(d: Duration): Residual {
    let r = this.residuals.get(d);
    if (r === undefined) {
      r = residualOf(d.spec);
      this.residuals.set(d, r);
    }
    return r;
  }
}
