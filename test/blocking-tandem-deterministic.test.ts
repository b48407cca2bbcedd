import { describe, expect, it } from "vitest";
import { runDeterministicTandem } from "./helpers/tandem.js";

// A (1 server, 1 h) → B (1 server, 3 h); arrivals at 0, 1, 2, 3. Traces worked by hand.
describe("blocking after service in a deterministic tandem matches the hand-worked trace", () => {
  it("with no waiting room at B, a finished patient keeps A's server until B accepts", () => {
    // c1: A 0–1, B 1–4. c2: A 1–2, blocked 2–4, B 4–7. c3: waits 2–4, A 4–5, blocked 5–7, B 7–10.
    // c4: waits 3–7, A 7–8, blocked 8–10, B 10–13.
    const t = runDeterministicTandem({ arrivals: [0, 1, 2, 3], serviceA: 1, serviceB: 3, queueCapacityB: 0, acceptHeld: "server" });
    expect(t.departuresB).toEqual([4, 7, 10, 13]);
    expect([...t.startsB.entries()]).toEqual([[1, 1], [2, 4], [3, 7], [4, 10]]);
    expect(t.waitsA).toEqual([0, 0, 2, 4]);
    expect(t.blockedCountA).toBe(3);
    expect(t.blockedSumA).toBe(6);
    expect(t.blockedMaxA).toBe(2);
    expect(t.end).toBe(13);
    // A is occupied 0–10 (service or blocked): 10/13; blocked 6 h of 13.
    expect(t.busyMeanA).toBeCloseTo(10 / 13, 12);
    expect(t.blockedMeanA).toBeCloseTo(6 / 13, 12);
  });

  it("'queue' acceptance with no waiting room behaves exactly like 'server' acceptance", () => {
    const s = runDeterministicTandem({ arrivals: [0, 1, 2, 3], serviceA: 1, serviceB: 3, queueCapacityB: 0, acceptHeld: "server" });
    const q = runDeterministicTandem({ arrivals: [0, 1, 2, 3], serviceA: 1, serviceB: 3, queueCapacityB: 0, acceptHeld: "queue" });
    expect(q).toEqual(s);
  });

  it("with one waiting place at B (Ciw Type I blocking), the blocked patient moves into the waiting room as it frees", () => {
    // c2 enters B's waiting room at 2 (no block). c3 finishes A at 3, room full: blocked 3–4,
    // enters the room when c2 starts B at 4. c4: waits 3–4, A 4–5, blocked 5–7, room 7, B 10–13.
    const t = runDeterministicTandem({ arrivals: [0, 1, 2, 3], serviceA: 1, serviceB: 3, queueCapacityB: 1, acceptHeld: "queue" });
    expect(t.departuresB).toEqual([4, 7, 10, 13]);
    expect(t.waitsA).toEqual([0, 0, 0, 1]);
    expect(t.blockedCountA).toBe(2);
    expect(t.blockedSumA).toBe(3);
    // Waits at B count from arrival at B (including time blocked upstream): 0, 2, 4, 5.
    expect(t.waitsB).toEqual([0, 2, 4, 5]);
    expect(t.blockedMeanA).toBeCloseTo(3 / 13, 12);
  });

  it("with an unlimited waiting room at B nobody is blocked", () => {
    const t = runDeterministicTandem({ arrivals: [0, 1, 2, 3], serviceA: 1, serviceB: 3, queueCapacityB: Infinity, acceptHeld: "queue" });
    expect(t.blockedCountA).toBe(0);
    expect(t.waitsA).toEqual([0, 0, 0, 0]);
    expect(t.departuresB).toEqual([4, 7, 10, 13]);
    // Arrivals at B at 1, 2, 3, 4; starts at 1, 4, 7, 10.
    expect(t.waitsB).toEqual([0, 2, 4, 6]);
  });
});
