import { describe, expect, it } from "vitest";
import { handOverWarnings } from "../src/model/hand-over.js";
import { validateModelObject } from "../src/model/load.js";
import { byClass, runModel } from "./helpers/run-model.js";
import { pathflow } from "./helpers/cli.js";

/**
 * A tandem of generic units written the obvious way behaves as a queueing textbook says: a patient
 * finishing at A joins B's line (A's server is free at once). Acute and community units keep the
 * delayed-discharge hand-over (the patient keeps its bed until the next place has a server).
 * `validate` warns where a model probably meant the other one.
 */
const det = (value: number) => ({ type: "deterministic", value });

function tandem(b: Record<string, unknown> = {}, roleA = "generic") {
  return {
    name: "tandem",
    run: { days: 20, warmupDays: 2, replications: 1, seed: 1 },
    segments: { p: { arrivals: [{ route: "other", to: "A", ratePerDay: 240 }] } },
    nodes: {
      A: { type: "unit", role: roleA, servers: 1, durationHours: det(1), outcomes: { "*": [{ pct: 100, to: "B" }] } },
      B: { type: "unit", servers: 1, durationHours: det(3), outcomes: { "*": [{ pct: 100, to: "exit" }] }, ...b },
    },
  };
}

describe("hand-over between units", () => {
  it("generic units: a patient finishing at A joins B's line and frees A at once (no acceptHeld written)", () => {
    const r = runModel(tandem());
    expect(r.kpis.A_blocked_mean).toBe(0);
    expect(r.kpis.A_departures_per_day).toBeCloseTo(24, 6); // A works flat out, B's line grows
    expect(byClass(r, "A_blocked_time_mean_hours")).toBe(0);
    expect(byClass(r, "B_wait_in_line_mean_hours")!).toBeGreaterThan(100);
    expect(byClass(r, "B_wait_in_line_mean_hours")).toBeCloseTo(byClass(r, "B_wait_for_server_mean_hours")!, 9);
  });

  it("B with no waiting room: A's patient is blocked; the wait for B's server counts the blocked time, the wait in B's line does not", () => {
    const r = runModel(tandem({ waitingRoom: 0 }));
    // Saturated deterministic tandem (validation case 7a): every patient blocked 2 hours in A.
    expect(r.kpis.A_blocked_mean).toBeCloseTo(2 / 3, 6);
    expect(byClass(r, "B_wait_for_server_mean_hours")).toBeCloseTo(2, 9);
    expect(byClass(r, "B_wait_in_line_mean_hours")).toBe(0);
    expect(byClass(r, "A_blocked_time_mean_hours")).toBeCloseTo(2, 9);
  });

  it('an acute unit takes patients from upstream only into a free bed (the default for wards), as "acceptHeld": "server" does', () => {
    const acute = runModel(tandem({ role: "acute" }));
    const server = runModel(tandem({ acceptHeld: "server" }));
    const units = (k: Record<string, number | null>) => Object.fromEntries(Object.entries(k).filter(([name]) => /^[AB]_/.test(name)));
    expect(acute.kpis.A_blocked_mean).toBeCloseTo(2 / 3, 6);
    expect(units(server.kpis)).toEqual(units(acute.kpis));
  });

  it("validate warns: a generic unit fed by a ward or an ED without acceptHeld, a generic tandem forced to server with an unlimited room", () => {
    const warn = (raw: unknown) => handOverWarnings(validateModelObject(raw, ".").model!).map((w) => `${w.path.join(".")}: ${w.message}`);
    expect(warn(tandem())).toEqual([]);
    expect(warn(tandem({}, "acute"))).toEqual([expect.stringMatching(/^nodes\.B\.acceptHeld: patients from A \(a ward\) join this generic unit's waiting room and free their bed at once/)]);
    expect(warn(tandem({ acceptHeld: "server" }))).toEqual([expect.stringMatching(/^nodes\.B\.acceptHeld: patients finishing at A keep their server there until a server here is free, although this unit's waiting room is unlimited/)]);
    expect(warn(tandem({ acceptHeld: "server", waitingRoom: 0 }))).toEqual([]);
    expect(warn(tandem({ acceptHeld: "queue" }, "acute"))).toEqual([]);
  });

  it("pathflow validate prints the warning on stderr and exits 0; the shipped models have none", async () => {
    const { code, stdout, stderr } = await pathflow(["validate", "models/ics-default.json", "models/stroke-monks2016.json", "models/mmc.json"]);
    expect(stderr).toBe("");
    expect(stdout.split("\n").filter((l) => l.includes(": valid — "))).toHaveLength(3);
    expect(code).toBe(0);
  });
});
