/**
 * One replication of a compiled model: builds the services on the kernel's resources, sends
 * patients from node to node, ends the warm-up, and gathers the results. Every random number a
 * patient uses comes from its own keyed stream (random/keyed-stream.ts), so two scenarios of the
 * same replication see the same people.
 *
 * Services, one file each: arrivals.ts, ambulance.ts, ed.ts (the admission rule in admission.ts),
 * wards.ts (acute, community and generic units), homecare.ts, placements.ts; shared state in
 * context.ts, the patient column store in patients.ts, the ledger in ledger.ts, daily series in
 * daily.ts and the KPI catalogue in kpis.ts.
 */
import type { HoursPool } from "../engine/hours-pool.js";
import type { Unit } from "../engine/unit.js";
import { TieClass } from "../engine/simulation.js";
import { NO_HOLD } from "../engine/wait-line.js";
import { EXIT_NODE, type CompiledModel, type CompiledNode } from "../model/compiled.js";
import { HOURS_PER_DAY, HOURS_PER_WEEK } from "../time.js";
import { AmbulanceService } from "./ambulance.js";
import { Arrivals } from "./arrivals.js";
import { RunContext, type Router } from "./context.js";
import { DailyRecorder } from "./daily.js";
import { EdService } from "./ed.js";
import { G_ARRIVALS, G_ED } from "./groups.js";
import { HomecareService } from "./homecare.js";
import { measureClassKpis, measureKpis } from "./kpis.js";
import { NR, R_ACUTE, R_AMB, R_COMM, R_ED, R_HC } from "./ledger.js";
import { Placements } from "./placements.js";
import type { Patients } from "./patients.js";
import { Wards } from "./wards.js";
import { ElectiveLists } from "./electives.js";
import { UnitMeasure } from "./classes.js";
import { CensusStart, collectCensus, type CensusTaken } from "./census.js";
export type { CensusTaken } from "./census.js";
import type { CensusRow, ReplicationOptions, Conservation, ReplicationResult } from "../types.js";
export type { ReplicationOptions, Conservation, ReplicationResult } from "../types.js";

/** Runs one replication of a compiled model and returns its KPIs, daily series and checks. */
export function runReplication(model: CompiledModel, options: ReplicationOptions): ReplicationResult {
  return new PathwayRun(model, options).run();
}

/**
 * The census of one replication at the end of its warm-up (`options.warmupDays`; the results
 * period is not run): every patient present, as `pathflow census` writes it (docs/census.md).
 */
export function takeCensus(model: CompiledModel, options: ReplicationOptions): CensusTaken {
  return new PathwayRun(model, { ...options, days: 0 }).census();
}

class PathwayRun implements Router {
  private readonly ctx: RunContext;
  private readonly arrivals: Arrivals;
  private readonly wards: Wards;
  private readonly electives: ElectiveLists;
  private readonly placements: Placements;
  /** Service per node index (null where another service handles the kind). */
  private readonly ambulanceAt: (AmbulanceService | null)[] = [];
  private readonly edAt: (EdService | null)[] = [];
  private readonly homecareAt: (HomecareService | null)[] = [];
  // The services KPIs and daily series are reported for (the first of each kind/role).
  private readonly ambulance: AmbulanceService | null;
  private readonly ed: EdService | null;
  private readonly acute: Unit | null;
  private readonly community: Unit | null;
  private readonly homecare: HoursPool | null;
  private readonly daily: DailyRecorder;
  private readonly kWarm: number;
  /** Per node index: patients present (busy + waiting) when the results period began. */
  private readonly presentAtWarmup: number[] = [];
  private exited = 0;
  private readonly P: Patients;
  /** The census the run starts from, or null (an empty start). */
  private readonly start: CensusStart | null;

  constructor(model: CompiledModel, options: ReplicationOptions) {
    const ctx = new RunContext(model, options, options.ledger ?? false, options.onEvent, {
      record: options.recordBehaviour ?? false,
      hold: options.hold,
      holdDecisions: options.holdDecisions ?? false,
      holdStretch: options.holdStretch ?? false,
      holdElectives: options.holdElectives ?? false,
    });
    this.ctx = ctx;
    this.P = ctx.p;
    // Arrivals enter through a router of their own that counts them by patient group (segments.csv).
    const census = options.census ?? null;
    // Census patients have ids 0 … n − 1 (n the census's id space, the same in every scenario's state): arrivals' ids follow them.
    this.arrivals = new Arrivals(ctx, census === null ? 0 : (options.censusIdSpace ?? censusIdSpace(census)), {
      enter: (p, nodeIndex, hold) => {
        if (ctx.sim.now >= ctx.tWarm) ctx.groups.count(p, G_ARRIVALS);
        this.enter(p, nodeIndex, hold);
      },
      leave: (p) => this.leave(p),
    });
    this.wards = new Wards(ctx, this);
    this.placements = new Placements(ctx, this);
    this.kWarm = ctx.sim.on(() => this.warmupEnds(), TieClass.STATISTICS);

    // Services in node order: a unit's engine id is its position among units, and calendars
    // start in this order.
    const ambulances: AmbulanceService[] = [];
    for (const node of model.nodes) {
      let unit: Unit | null = null;
      let pool: HoursPool | null = null;
      switch (node.kind) {
        case "unit":
          unit = this.wards.add(node);
          break;
        case "ed": {
          const ed = new EdService(ctx, this, node, ambulances);
          this.edAt[node.index] = ed;
          unit = ed.cubicles;
          break;
        }
        case "ambulance": {
          const amb = new AmbulanceService(ctx, this, node);
          ambulances.push(amb);
          this.ambulanceAt[node.index] = amb;
          unit = amb.fleet;
          break;
        }
        case "homecare": {
          const hc = new HomecareService(ctx, this, node);
          this.homecareAt[node.index] = hc;
          pool = hc.pool;
          break;
        }
        case "placement":
          break;
      }
      ctx.units.push(unit);
      ctx.pools.push(pool);
      if (unit !== null) ctx.resourceOfUnit[unit.id] = resourceOfNode(node);
    }
    const firstUnit = (role: "acute" | "community"): Unit | null => {
      const node = model.nodes.find((n) => n.kind === "unit" && n.role === role);
      return node === undefined ? null : ctx.units[node.index]!;
    };
    this.electives = new ElectiveLists(ctx, this.wards);
    this.ambulance = ambulances[0] ?? null;
    this.ed = this.edAt.find((s) => s != null) ?? null;
    this.acute = firstUnit("acute");
    this.community = firstUnit("community");
    this.homecare = this.homecareAt.find((s) => s != null)?.pool ?? null;
    // Blocked time: per patient (all places together), and per class at each unit node.
    const nodeOfUnit = new Int32Array(ctx.net.units.length).fill(-1);
    ctx.units.forEach((u, i) => {
      if (u !== null && model.nodes[i]!.kind === "unit") nodeOfUnit[u.id] = i;
    });
    const P = ctx.p;
    const classes = ctx.classes;
    for (const u of ctx.net.units) {
      const node = nodeOfUnit[u.id]!;
      u.onUnblocked = (p, blockedFor) => {
        P.blockedHours[p] = P.blockedHours[p]! + blockedFor;
        if (node >= 0 && ctx.warm) classes.unit(node, UnitMeasure.BLOCKED_SUM, p, blockedFor);
      };
    }
    this.daily = new DailyRecorder(ctx, { ambulance: this.ambulance, ed: this.ed, acute: this.acute, community: this.community, homecare: this.homecare, wards: this.wards });
    this.start =
      census === null
        ? null
        : new CensusStart(ctx, { router: this, ambulanceAt: this.ambulanceAt, edAt: this.edAt, homecareAt: this.homecareAt, wards: this.wards, placements: this.placements }, census);
  }

  /** Runs to the end of the warm-up and reads the census there. */
  census(): CensusTaken {
    this.begin();
    this.ctx.sim.run(this.ctx.tWarm);
    return collectCensus(this.ctx);
  }

  run(): ReplicationResult {
    this.begin();
    this.ctx.sim.run(this.ctx.tEnd);
    return this.finish();
  }

  private begin(): void {
    const ctx = this.ctx;
    // The census's patients take their places at time 0, after the capacity calendars (an
    // earlier tie class) and before the first arrival (a later one).
    const start = this.start;
    if (start !== null) ctx.sim.post(0, ctx.sim.on(() => start.load(), TieClass.RELEASE));
    this.arrivals.start();
    this.electives.start();
    ctx.sim.post(ctx.tWarm, this.kWarm);
    this.daily.start();
  }

  enter(p: number, nodeIndex: number, hold: number): void {
    const ctx = this.ctx;
    if (hold !== NO_HOLD && ctx.ledger !== null) ctx.beginBlock(p, hold);
    if (nodeIndex === EXIT_NODE) {
      if (hold !== NO_HOLD) ctx.net.units[hold]!.release(p);
      this.leave(p);
      return;
    }
    const node = ctx.model.nodes[nodeIndex]!;
    if (ctx.tracing) ctx.trace(p, "enter", node.id);
    switch (node.kind) {
      case "ambulance":
        return this.ambulanceAt[nodeIndex]!.call(p, hold);
      case "ed":
        // Counted as the ED counts ed_attendances_per_day.
        if (ctx.sim.now >= ctx.tWarm) ctx.groups.count(p, G_ED);
        return this.edAt[nodeIndex]!.arrive(p, hold);
      case "unit":
        return this.wards.arrive(node, p, hold);
      case "homecare":
        return this.homecareAt[nodeIndex]!.refer(p, hold);
      case "placement":
        return this.placements.start(node, p, hold);
    }
  }

  leave(p: number): void {
    const ctx = this.ctx;
    this.exited++;
    const P = this.P;
    if (ctx.warm && P.tArrive[p]! >= 0) {
      const classes = ctx.classes;
      classes.x = ctx.sim.now - P.tArrive[p]!;
      classes.y = P.blockedHours[p]!;
      classes.exited(p);
    }
    if (ctx.tracing) ctx.trace(p, "exit", "exit");
    if (ctx.ledger !== null) ctx.ledgerExit(p);
    this.P.release(p);
  }

  private warmupEnds(): void {
    const ctx = this.ctx;
    ctx.warm = true;
    ctx.model.nodes.forEach((_, i) => {
      const u = ctx.units[i];
      this.presentAtWarmup[i] = u === null || u === undefined ? 0 : u.busy + u.waiting;
    });
    ctx.net.resetStats();
    for (const s of this.ambulanceAt) s?.resetStats();
    for (const s of this.edAt) s?.resetStats();
    this.wards.resetStats();
    this.electives.resetStats();
    this.daily.restart();
  }

  private finish(): ReplicationResult {
    const ctx = this.ctx;
    const model = ctx.model;
    const now = ctx.sim.now;
    const kpis = measureKpis(
      {
        now,
        days: (ctx.tEnd - ctx.tWarm) / HOURS_PER_DAY,
        ambulance: this.ambulance,
        ed: this.ed,
        acute: this.acute,
        community: this.community,
        homecare: this.homecare,
        wards: this.wards,
        daily: this.daily.series,
        doors: model.sources.some((s) => s.open !== null),
        divertedOut: this.arrivals.divertedOut,
        electives: this.electives,
      },
      model.nodes,
      ctx.units,
    );

    // Patients still in the system: close their open use at the end of the period.
    const P = ctx.p;
    if (ctx.ledger !== null) {
      for (let s = 0; s < P.size; s++) {
        if (P.live[s] !== 1) continue;
        // Still waiting in a line when the period ends, and not holding a place (a delayed
        // discharge is served, waiting for the next place): demand not met within the period.
        let held = false;
        for (let r = 0; r < NR; r++) if (P.blockStart[s * NR + r]! >= 0) held = true;
        if (!held && P.lineHandle[s]! >= 0) P.unmet[s] = 1;
        for (let r = 0; r < NR; r++) {
          const start = P.useStart[s * NR + r]!;
          if (start < 0) continue;
          ctx.addUse(s, r, ctx.inPeriod(start, now));
          ctx.endBlock(s, r, now);
        }
        ctx.ledger.push(P, s, false);
      }
    }

    const nodes: Conservation["nodes"] = {};
    model.nodes.forEach((n, i) => {
      const u = ctx.units[i];
      if (u === null || u === undefined) return;
      nodes[n.id] = {
        presentAtStart: this.presentAtWarmup[i] ?? 0,
        arrivals: u.arrivals.value,
        departures: u.departures.value,
        present: u.busy + u.waiting,
        refused: u.refusals.value,
        reneged: u.reneges.value,
        maxBusy: u.busyLevel.max,
        capacityMax: u.capacityLevel.max,
      };
    });
    const days = (ctx.tEnd - ctx.tWarm) / HOURS_PER_DAY;
    const admissionsBySourceBand: Record<string, number> = {};
    const counts: [string, number][] = [];
    this.wards.routes.forEach((route, r) => {
      for (let b = 0; b < model.bands; b++) {
        const n = this.wards.admissionsByRouteBand[r * model.bands + b]!;
        if (n > 0) counts.push([`${route}|${b}`, n]);
      }
    });
    for (const [k, v] of counts.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) admissionsBySourceBand[k] = v / days;
    const occupancy: Record<string, number[]> = {};
    model.nodes.forEach((n, i) => {
      const u = ctx.units[i];
      if (u !== null && u !== undefined && u.occupancyTime !== null) occupancy[n.id] = u.occupancyDistribution(now);
    });
    const capacity = [this.ambulance?.fleet ?? null, this.ed?.cubicles ?? null, this.acute, this.community, this.homecare].map((level, r) => {
      if (level === null) return -1;
      const area = level.capacityLevel.integral(now);
      if (!Number.isFinite(area)) return -1;
      return r === R_ACUTE || r === R_COMM ? area / HOURS_PER_DAY : r === R_HC ? area / HOURS_PER_WEEK : area;
    });
    const result: ReplicationResult = {
      capacity,
      occupancy,
      replication: ctx.replication,
      seed: ctx.seed,
      kpis,
      byClass: measureClassKpis(ctx.classes, model.nodes, model.segments.map((s) => s.id), model.bandNames, days),
      daily: this.daily.series,
      admissionsBySourceBand,
      admissionDecisionsByPressure: this.ed === null ? emptyDecisions() : this.ed.decisionsByPressure(),
      decisionCells: { bands: model.bands, counts: Array.from(ctx.decisionCells.counts) },
      segments: ctx.groups.finish(days),
      events: ctx.sim.eventsFired,
      // Elective bookings are patients generated too; those cancelled for the last time have left.
      conservation: { generated: this.arrivals.generated + (this.start?.count ?? 0) + this.electives.bookings, avoided: this.arrivals.avoided, exited: this.exited + this.electives.lost, inSystem: P.count, nodes },
    };
    if (ctx.ledger !== null) result.ledger = ctx.ledger.finish();
    if (ctx.book !== null) result.book = ctx.book.finish();
    return result;
  }
}

/** The accounted resource a node's engine unit is (R_*), or -1. */
function resourceOfNode(node: CompiledNode): number {
  switch (node.kind) {
    case "ambulance":
      return R_AMB;
    case "ed":
      return R_ED;
    case "unit":
      return node.role === "acute" ? R_ACUTE : node.role === "community" ? R_COMM : -1;
    default:
      return -1;
  }
}

function emptyDecisions(): Record<string, { decisions: number; admitted: number }> {
  return { "<95": { decisions: 0, admitted: 0 }, "95-100": { decisions: 0, admitted: 0 }, ">100": { decisions: 0, admitted: 0 } };
}

/** Ids census rows take (their own, else their position): arrivals' ids start above the largest. */
function censusIdSpace(rows: readonly CensusRow[]): number {
  let space = rows.length;
  for (const r of rows) if (r.id !== undefined && r.id >= space) space = r.id + 1;
  return space;
}
