/**
 * Case 7 — blocking after service: a patient who has finished at one unit keeps its server there
 * until the next unit can take it (acceptHeld "server", no waiting room downstream).
 *
 * 7a. A saturated deterministic tandem whose steady state is worked out by hand: A (1 server,
 *     1 hour) always has someone waiting; B (1 server, 3 hours, no waiting room). Each 3-hour
 *     cycle A serves for 1 hour and is blocked for 2: A blocked 2/3 of the time, 8 departures a
 *     day, every patient blocked exactly 2 hours.
 * 7b. The same tandem shape with Poisson arrivals and deterministic times: every start, release
 *     and departure of every patient in the event trace equals the blocking recursion worked from
 *     the arrival times (S_A = max(arrival, previous release from A); ready = S_A + a;
 *     S_B = max(ready, previous departure from B); release from A = S_B; departure = S_B + b).
 * 7c. A stochastic tandem (3 then 2 servers, exponential times): every patient is accounted for
 *     exactly once, no blocked time is negative, and blocked patients are released first come
 *     first served across A's servers.
 */
import type { ReplicationResult } from "../src/pathway/run.js";
import { commandFor, compileModelObject, exact, runReplications, timed, type RunSettings, type ValidationCase, type ValidationRow } from "./harness.js";
import { deterministic, exponential, type DistributionJson } from "./models.js";

const CASE = 7;
const SEED = 701;

interface TandemOptions {
  readonly name: string;
  readonly description: string;
  readonly arrivalsPerHour: number;
  readonly serversA: number;
  readonly serversB: number;
  readonly durationA: DistributionJson;
  readonly durationB: DistributionJson;
  readonly days: number;
  readonly warmupDays: number;
  readonly replications: number;
}

/** A → B → exit; B has no waiting room and takes patients from A only into a free server. */
export function tandemModel(o: TandemOptions): Record<string, unknown> {
  return {
    name: o.name,
    description: o.description,
    run: { days: o.days, warmupDays: o.warmupDays, replications: o.replications, seed: SEED },
    segments: { patients: { description: "Poisson arrivals at A.", arrivals: [{ route: "other", to: "A", ratePerDay: o.arrivalsPerHour * 24 }] } },
    nodes: {
      A: { type: "unit", description: "First unit: unlimited waiting room.", servers: o.serversA, durationHours: o.durationA, outcomes: { "*": [{ pct: 100, to: "B" }] } },
      B: {
        type: "unit",
        description: "Second unit: no waiting room; a patient finishing at A keeps A's server until B has a free one.",
        servers: o.serversB,
        waitingRoom: 0,
        acceptHeld: "server",
        durationHours: o.durationB,
        outcomes: { "*": [{ pct: 100, to: "exit" }] },
      },
    },
  };
}

/** Per-patient event times from the trace: node → event → time (first occurrence) and a count of repeats. */
interface PatientTrace {
  arrive: number;
  startA: number;
  readyA: number;
  departA: number;
  startB: number;
  readyB: number;
  departB: number;
  exit: number;
  /** Events seen twice (a patient duplicated) or out of place. */
  anomalies: number;
}

function newTrace(): PatientTrace {
  return { arrive: NaN, startA: NaN, readyA: NaN, departA: NaN, startB: NaN, readyB: NaN, departB: NaN, exit: NaN, anomalies: 0 };
}

const FIELD: Record<string, keyof Omit<PatientTrace, "anomalies">> = {
  "arrive|": "arrive",
  "start|A": "startA",
  "ready|A": "readyA",
  "depart|A": "departA",
  "start|B": "startB",
  "ready|B": "readyB",
  "depart|B": "departB",
  "exit|exit": "exit",
};

/** Collects each patient's event times, by stable patient id. */
function tracer(store: Map<number, PatientTrace>[]): () => (t: number, id: number, event: string, node: string) => void {
  return () => {
    const patients = new Map<number, PatientTrace>();
    store.push(patients);
    return (t, id, event, node) => {
      if (event === "enter") return;
      const key = event === "arrive" ? "arrive|" : `${event}|${node}`;
      const field = FIELD[key];
      let p = patients.get(id);
      if (p === undefined) {
        p = newTrace();
        patients.set(id, p);
      }
      if (field === undefined) p.anomalies++;
      else if (!Number.isNaN(p[field])) p.anomalies++;
      else p[field] = t;
    };
  };
}

export const blockingCase: ValidationCase = {
  id: CASE,
  slug: "blocking",
  title: "Blocking after service: a deterministic tandem worked by hand, and conservation in a stochastic tandem",
  reps: { full: 10, quick: 3 },
  async run(settings: RunSettings) {
    return timed(CASE, this.title, settings.reps, () => {
      const rows: ValidationRow[] = [];
      let k = 0;
      const next = (): string => `${CASE}.${String(++k).padStart(2, "0")}`;
      const command = commandFor(CASE);

      // 7a. Saturated deterministic tandem.
      const saturated = compileModelObject(
        tandemModel({
          name: "blocking-saturated-deterministic",
          description: "A: 1 server, 1 hour; B: 1 server, 3 hours, no waiting room. 10 arrivals an hour keep A's line full.",
          arrivalsPerHour: 10,
          serversA: 1,
          serversB: 1,
          durationA: deterministic(1),
          durationB: deterministic(3),
          days: 20,
          warmupDays: 2,
          replications: settings.reps,
        }),
      );
      const sat = runReplications(saturated, { label: "case 7a: saturated deterministic tandem", reps: settings.reps, seed: SEED });
      const worst = (f: (r: ReplicationResult) => number, target: number): number => {
        // The replication furthest from the hand value (all must equal it).
        let w = target;
        for (const r of sat) if (Math.abs(f(r) - target) > Math.abs(w - target)) w = f(r);
        return w;
      };
      const by = "worked by hand: each 3-hour cycle, A serves 1 hour then is blocked 2 hours";
      rows.push(
        exact({ id: next(), checks: "7a saturated deterministic tandem: mean patients blocked in A (A `blocked_mean`)", reference: 2 / 3, source: by, command, digits: 6 }, worst((r) => r.kpis.A_blocked_mean!, 2 / 3), sat.length),
        exact({ id: next(), checks: "7a: mean time a patient holds A's server, hours (1 treatment + 2 blocked)", reference: 3, source: by, command, digits: 6 }, worst((r) => r.kpis.A_stay_mean_hours!, 3), sat.length),
        exact({ id: next(), checks: "7a: mean time waiting for B (blocked in A), hours", reference: 2, source: by, command, digits: 6 }, worst((r) => r.kpis.B_wait_mean_hours!, 2), sat.length),
        exact({ id: next(), checks: "7a: departures from B per day", reference: 8, source: "worked by hand: one every 3 hours", command, digits: 6 }, worst((r) => r.kpis.B_departures_per_day!, 8), sat.length),
        exact({ id: next(), checks: "7a: B occupancy, %", reference: 100, source: "worked by hand: B is never idle once started", command, digits: 6 }, worst((r) => r.kpis.B_occupancy_pct!, 100), sat.length),
      );

      // 7b. Poisson arrivals, deterministic times: every event against the recursion.
      const a = 1;
      const b = 1.5;
      const recursionModel = compileModelObject(
        tandemModel({
          name: "blocking-poisson-deterministic",
          description: "Poisson arrivals 0.5 an hour; A: 1 server, 1 hour; B: 1 server, 1.5 hours, no waiting room.",
          arrivalsPerHour: 0.5,
          serversA: 1,
          serversB: 1,
          durationA: deterministic(a),
          durationB: deterministic(b),
          days: settings.quick ? 500 : 2000,
          warmupDays: 0,
          replications: settings.reps,
        }),
      );
      const traces7b: Map<number, PatientTrace>[] = [];
      const rec = runReplications(recursionModel, { label: "case 7b: Poisson arrivals, deterministic tandem", reps: settings.reps, seed: SEED + 1, observe: tracer(traces7b) });
      const endHours = recursionModel.run.days * 24;
      let maxError = 0;
      let eventsCompared = 0;
      let blockedHoursError = 0;
      let departuresError = 0;
      let blockedPatients = 0;
      rec.forEach((result, i) => {
        const patients = [...traces7b[i]!.entries()].sort((x, y) => x[0] - y[0]).map(([, p]) => p);
        let releaseA = -Infinity;
        let departB = -Infinity;
        let blockedHours = 0;
        let departures = 0;
        for (const p of patients) {
          const sA = Math.max(p.arrive, releaseA);
          const ready = sA + a;
          const sB = Math.max(ready, departB);
          const dB = sB + b;
          releaseA = sB;
          departB = dB;
          if (sB > ready) blockedPatients++;
          blockedHours += Math.max(0, Math.min(sB, endHours) - Math.min(ready, endHours));
          if (dB <= endHours) departures++;
          // Each derived time that falls within the run must be in the trace, at that time; none beyond.
          const pairs: [number, number][] = [
            [p.startA, sA],
            [p.readyA, ready],
            [p.startB, sB],
            [p.departA, sB],
            [p.readyB, dB],
            [p.departB, dB],
            [p.exit, dB],
          ];
          for (const [traced, derived] of pairs) {
            if (derived < endHours - 1e-9) {
              eventsCompared++;
              maxError = Math.max(maxError, Number.isNaN(traced) ? Infinity : Math.abs(traced - derived));
            } else if (derived > endHours + 1e-9 && !Number.isNaN(traced)) {
              maxError = Infinity;
            }
          }
          if (p.anomalies > 0) maxError = Infinity;
        }
        blockedHoursError = Math.max(blockedHoursError, Math.abs(result.kpis.A_blocked_mean! * endHours - blockedHours));
        departuresError = Math.max(departuresError, Math.abs(result.conservation.nodes.B!.departures - departures));
      });
      const recursion = "blocking recursion from each replication's traced arrival times";
      rows.push(
        exact(
          {
            id: next(),
            checks: `7b Poisson arrivals, deterministic tandem (A 1 h, B 1.5 h): largest |traced − derived| over every start, ready, release and departure time, hours (${eventsCompared.toLocaleString("en-GB")} event times, ${blockedPatients.toLocaleString("en-GB")} patients blocked)`,
            reference: 0,
            source: recursion,
            command,
            digits: 9,
          },
          maxError,
          rec.length,
        ),
        exact({ id: next(), checks: "7b: largest |A blocked-hours (A `blocked_mean` × run hours) − derived total blocked hours|", reference: 0, source: recursion, command, digits: 9 }, blockedHoursError, rec.length),
        exact({ id: next(), checks: "7b: largest |departures from B − derived departures| in a replication", reference: 0, source: recursion, command, digits: 0 }, departuresError, rec.length, 0),
      );

      // 7c. Stochastic tandem: conservation, blocked times ≥ 0, FIFO release.
      const stochastic = compileModelObject(
        tandemModel({
          name: "blocking-stochastic-tandem",
          description: "Poisson arrivals 2.4 an hour; A: 3 servers, exponential 1 hour; B: 2 servers, exponential 0.75 hours, no waiting room.",
          arrivalsPerHour: 2.4,
          serversA: 3,
          serversB: 2,
          durationA: exponential(1),
          durationB: exponential(0.75),
          days: settings.quick ? 300 : 1000,
          warmupDays: 0,
          replications: settings.reps,
        }),
      );
      const traces7c: Map<number, PatientTrace>[] = [];
      const sto = runReplications(stochastic, { label: "case 7c: stochastic tandem", reps: settings.reps, seed: SEED + 2, observe: tracer(traces7c) });
      let lostOrDuplicated = 0;
      let negativeBlocked = 0;
      let fifoInversions = 0;
      let inSystemMismatch = 0;
      let patientsChecked = 0;
      let blockedC = 0;
      sto.forEach((result, i) => {
        const patients = [...traces7c[i]!.values()];
        let inSystem = 0;
        for (const p of patients) {
          patientsChecked++;
          // The events a patient has had must be a prefix of arrive → start A → ready A →
          // start B = release from A → ready B = departure from B = exit, in time order.
          const order = [p.arrive, p.startA, p.readyA, p.startB, p.readyB];
          const seen = order.findIndex((x) => Number.isNaN(x));
          const prefix = seen < 0 ? order.length : seen;
          let ok = p.anomalies === 0 && prefix >= 1 && order.slice(prefix).every((x) => Number.isNaN(x));
          for (let j = 1; j < prefix; j++) if (!(order[j]! >= order[j - 1]!)) ok = false;
          if (!Number.isNaN(p.startB) && p.departA !== p.startB) ok = false;
          if (Number.isNaN(p.startB) && !Number.isNaN(p.departA)) ok = false;
          const done = !Number.isNaN(p.readyB);
          if (done && !(p.departB === p.readyB && p.exit === p.readyB)) ok = false;
          if (!done && !(Number.isNaN(p.departB) && Number.isNaN(p.exit))) ok = false;
          if (!ok) lostOrDuplicated++;
          if (!done) inSystem++;
          if (!Number.isNaN(p.startB)) {
            if (p.startB - p.readyA < 0) negativeBlocked++;
            if (p.startB > p.readyA) blockedC++;
          }
        }
        if (inSystem !== result.conservation.inSystem || patients.length !== result.conservation.generated) inSystemMismatch++;
        // FIFO across A's servers: in the order patients became ready at A, they start at B.
        const moved = patients.filter((p) => !Number.isNaN(p.startB)).sort((x, y) => x.readyA - y.readyA);
        for (let j = 1; j < moved.length; j++) if (moved[j]!.startB < moved[j - 1]!.startB) fifoInversions++;
        // Patients still blocked at the end must be later in line than every patient already moved.
        const lastMovedReady = moved.length > 0 ? moved[moved.length - 1]!.readyA : -Infinity;
        for (const p of patients) if (!Number.isNaN(p.readyA) && Number.isNaN(p.startB) && p.readyA < lastMovedReady) fifoInversions++;
      });
      const what = `7c stochastic tandem (A 3 servers, B 2, no room at B; ${patientsChecked.toLocaleString("en-GB")} patients, ${blockedC.toLocaleString("en-GB")} blocked)`;
      rows.push(
        exact({ id: next(), checks: `${what}: patients lost, duplicated or with events out of order`, reference: 0, source: "conservation: each patient's trace is arrive → A → B → exit, each step once", command, digits: 0 }, lostOrDuplicated, sto.length, 0),
        exact({ id: next(), checks: "7c: replications where the patients left in the trace ≠ `conservation.inSystem`, or the patients traced ≠ generated", reference: 0, source: "conservation: arrivals = departures + in system at the end", command, digits: 0 }, inSystemMismatch, sto.length, 0),
        exact({ id: next(), checks: "7c: negative blocked times (start at B before ready at A)", reference: 0, source: "blocked time ≥ 0", command, digits: 0 }, negativeBlocked, sto.length, 0),
        exact({ id: next(), checks: "7c: FIFO inversions: a patient ready at A later starting at B earlier, or still blocked behind one who moved", reference: 0, source: "blocked patients released first come first served across A's servers (Ciw Type I)", command, digits: 0 }, fifoInversions, sto.length, 0),
      );
      return {
        rows,
        notes: [
          "Tandems are two generic units A → B; B has `waitingRoom: 0` and `acceptHeld: \"server\"`, so a patient finishing at A keeps A's server until B has a free one (a fit patient in an acute bed waiting for a community bed). 7a and 7b use `deterministic` durations; 7a's 10 arrivals an hour keep A's line full, so after the first patient the tandem runs in 3-hour cycles whatever the arrival times, and over a results period of whole days (18 days after a 2-day warm-up) the time averages are exact. 7b and 7c run with no warm-up and the patient-level event trace (the `onEvent` hook that `pathflow run --events` uses).",
          `Exact checks allow only floating-point error (10⁻⁹ relative); the counts must be exactly 0. Seeds ${SEED} (7a), ${SEED + 1} (7b), ${SEED + 2} (7c).`,
        ],
      };
    });
  },
};
