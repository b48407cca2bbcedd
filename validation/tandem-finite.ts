/**
 * Case 13 — a tandem with finite waiting rooms: A (2 servers, room for 8; arrivals finding it full
 * are turned away) then B (1 server, room for 2). Written the obvious way — no `acceptHeld` — so a
 * patient finishing at A joins B's line when there is room, and only when B is full does it stay
 * in A's server, blocked, until B has room (Ciw's Type I blocking). Every measure against the exact
 * solution of the tandem's continuous-time Markov chain (src/analytic/networks.ts tandemChain).
 */
import { tandemChain, type TandemSpec } from "../src/analytic/networks.js";
import type { ReplicationResult } from "../src/pathway/run.js";
import { classValue } from "./classes.js";
import { commandFor, compare, compileModelObject, confirmed, runReplications, timed, type RunSettings, type ValidationCase, type ValidationRow } from "./harness.js";
import { days, exponential } from "./models.js";

const CASE = 13;
const SEED = 1201;

export const TANDEM: TandemSpec = { lambda: 1.5, serversA: 2, muA: 1, roomA: 8, serversB: 1, muB: 1.6, roomB: 2 };
const CUSTOMERS = { full: 2_000_000, quick: 300_000 } as const;

export function finiteTandemModel(hours: number, replications: number): Record<string, unknown> {
  const t = TANDEM;
  return {
    name: "tandem-finite-buffers",
    description: "Two stations in series with finite waiting rooms; exponential times.",
    run: { days: days(hours), warmupDays: days(200), replications, seed: SEED },
    segments: { patients: { description: "Poisson arrivals at A.", arrivals: [{ route: "other", to: "A", ratePerDay: t.lambda * 24 }] } },
    nodes: {
      A: { type: "unit", description: "First station.", servers: t.serversA, waitingRoom: t.roomA, durationHours: exponential(1 / t.muA), outcomes: { "*": [{ pct: 100, to: "B" }] } },
      B: { type: "unit", description: "Second station.", servers: t.serversB, waitingRoom: t.roomB, durationHours: exponential(1 / t.muB), outcomes: { "*": [{ pct: 100, to: "exit" }] } },
    },
  };
}

export const tandemFiniteCase: ValidationCase = {
  id: CASE,
  slug: "tandem-finite",
  title: "Tandem with finite waiting rooms and blocking, written without acceptHeld, against its exact Markov chain",
  reps: { full: 20, quick: 8 },
  async run(settings: RunSettings) {
    return timed(CASE, this.title, settings.reps, () => {
      const x = tandemChain(TANDEM);
      const thr = x.throughput;
      const customers = settings.quick ? CUSTOMERS.quick : CUSTOMERS.full;
      const model = compileModelObject(finiteTandemModel(customers / settings.reps / TANDEM.lambda, settings.reps));
      const run = (first: number, reps: number): ReplicationResult[] => runReplications(model, { label: "case 13: tandem with finite buffers", reps, seed: SEED, firstReplication: first });
      const source = "stationary distribution of the tandem's Markov chain on (at A, blocked at A, at B), solved exactly (src/analytic/networks.ts tandemChain)";
      const checks: [string, number, (r: ReplicationResult) => number, number][] = [
        ["arrivals turned away at A, % (A `refused_pct`)", 100 * x.pRefused, (r) => r.kpis.A_refused_pct!, 3],
        ["patients through per day (B `departures_per_day`)", 24 * thr, (r) => r.kpis.B_departures_per_day!, 2],
        ["mean patients blocked in A's servers (A `blocked_mean`)", x.meanBlockedA, (r) => r.kpis.A_blocked_mean!, 4],
        ["mean patients waiting for B, in its line or blocked in A (B `queue_mean`)", x.meanQueueB + x.meanBlockedA, (r) => r.kpis.B_queue_mean!, 4],
        ["mean wait at A, hours (A `wait_mean_hours`)", x.meanQueueA / thr, (r) => r.kpis.A_wait_mean_hours!, 4],
        ["mean wait for B's server from being ready at A, hours (B `wait_for_server_mean_hours`, = `B_wait_mean_hours`)", (x.meanQueueB + x.meanBlockedA) / thr, (r) => classValue(r, "B_wait_for_server_mean_hours"), 4],
        ["mean wait in B's own line, hours (B `wait_in_line_mean_hours`)", x.meanQueueB / thr, (r) => classValue(r, "B_wait_in_line_mean_hours"), 4],
        ["mean time blocked at A per patient, hours (A `blocked_time_mean_hours`)", x.meanBlockedA / thr, (r) => classValue(r, "A_blocked_time_mean_hours"), 4],
        ["mean time in system, hours, those turned away counting 0 (`time_in_system_mean_hours`)", (x.meanAtA + x.meanAtB) / TANDEM.lambda, (r) => classValue(r, "time_in_system_mean_hours"), 4],
      ];
      const rows: ValidationRow[] = confirmed(settings.reps, run, (results) =>
        checks.map(([what, reference, value, digits], i) =>
          compare(
            { id: `${CASE}.${String(i + 1).padStart(2, "0")}`, checks: `λ = 1.5/h; A 2 servers (mean 1 h), room 8; B 1 server (mean 0.625 h), room 2: ${what}`, reference, source, command: commandFor(CASE), digits },
            results.map(value),
            { family: checks.length, maxRelativeHalfWidth: settings.quick ? 0.15 : 0.05 },
          ),
        ),
      );
      return {
        rows,
        notes: [
          "Two generic units with no `acceptHeld`: the default for generic units is `queue` — a patient finishing at A joins B's waiting room if it has room, else keeps A's server (blocked) until it has, released first come first served. A's `waitingRoom: 8` turns arrivals away when full (a loss); B's `waitingRoom: 2` limits B's line.",
          `Chain: states (n1, b, n2), n1 ≤ 10 at A of which b ≤ 2 blocked (only while B is full), n2 ≤ 3 at B; πQ = 0 solved by Gaussian elimination. Waits and times follow by Little's law on the throughput (A's wait on the accepted rate; time in system on all arrivals, so those turned away count as 0, as they do in \`time_in_system_mean_hours\`). ${customers.toLocaleString("en-GB")} arrivals over all replications after a 200-hour warm-up; seed ${SEED}.`,
        ],
      };
    });
  },
};
