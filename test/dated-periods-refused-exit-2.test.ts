import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runInProcess } from "./helpers/in-process.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

/**
 * Bad dates and dated periods are refused before anything runs: exit 2, a message naming the path
 * (or the flag) and what was expected, no stack trace, no output folder.
 */
const dir = tempDirEachTest("pathflow-dated-refused-");

function model(run: Record<string, unknown>, servers: unknown, segment: Record<string, unknown> = {}, changes: unknown[] = []) {
  return {
    name: "dated",
    run: { days: 10, warmupDays: 2, replications: 1, ...run },
    segments: { p: { ...segment, arrivals: [{ route: "other", to: "beds", ratePerDay: 5 }] } },
    nodes: { beds: { type: "unit", servers, durationDays: { type: "deterministic", value: 1 }, outcomes: { "*": [{ pct: 100, to: "exit" }] } } },
    scenarios: { baseline: { changes: [] }, later: { changes } },
  };
}

async function refused(raw: unknown, ...flags: string[]): Promise<string> {
  const file = join(dir(), "model.json");
  await writeFile(file, JSON.stringify(raw));
  const out = join(dir(), "out");
  const r = await runInProcess(["run", file, "--out", out, "--quiet", ...flags]);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(existsSync(out)).toBe(false);
  return r.stderr;
}

const winter = (extra: Record<string, unknown> = {}) => ({ from: "12-01", to: "03-31", add: 30, ...extra });

describe("bad dates are refused with exit 2 naming where", () => {
  it("a start date that is not a date, in the model or on the command line", async () => {
    expect(await refused(model({ startDate: "2027-02-29" }, 10))).toContain("run.startDate");
    const flag = await refused(model({}, 10), "--start-date", "2026-13-01");
    expect(flag).toContain("--start-date");
    expect(flag).toContain("not a date of the calendar");
  });

  it("a dated period with a bad date, to before from, mixed forms, a yearly 29 February", async () => {
    const at = (dated: unknown[]) => refused(model({ startDate: "2026-10-01" }, { value: 10, dated }));
    expect(await at([winter({ from: "2026-12-32" })])).toMatch(/nodes\.beds\.servers\.dated\[0\]\.from.*not a date/);
    expect(await at([{ from: "2027-03-31", to: "2026-12-01", add: 1 }])).toMatch(/nodes\.beds\.servers\.dated\[0\]\.to.*before from/);
    expect(await at([winter({ to: "2027-03-31" })])).toMatch(/dated\[0\]\.to.*write both the same way/);
    expect(await at([winter({ from: "02-29" })])).toMatch(/dated\[0\]\.from.*leap years/);
    expect(await at([{ from: "2026-12-01", add: 1, set: 3 }])).toMatch(/dated\[0\].*exactly one of add .* or set/);
  });

  it("set periods that overlap are ambiguous; the later one is named, with the shared day", async () => {
    const stderr = await refused(model({ startDate: "2026-10-01" }, { value: 10, dated: [{ from: "12-01", to: "03-31", set: 12 }, { from: "2027-03-15", to: "2027-04-15", set: 20 }] }));
    expect(stderr).toMatch(/nodes\.beds\.servers\.dated\[1\].*overlaps dated\[0\] \(both hold on 2000-03-15\)|nodes\.beds\.servers\.dated\[1\].*overlaps dated\[0\]/);
  });

  it("dated demand with a bad date names its path", async () => {
    expect(await refused(model({ startDate: "2026-10-01" }, 10, { demandMultiplierByDate: [{ from: "2027-1-1", multiplier: 0.5 }] }))).toContain("segments.p.demandMultiplierByDate[0].from");
  });

  it("dated periods without a start date, and a start date beside startMonth or with a part-day warm-up", async () => {
    expect(await refused(model({}, { value: 10, dated: [winter()] }))).toMatch(/nodes\.beds\.servers\.dated.*need the run's start date/);
    expect(await refused(model({}, 10, {}, [{ path: "nodes.beds.servers", set: 12, from: "2027-01-01" }]))).toMatch(/scenarios\.later: this scenario's dated changes \(from a date\) need the run's start date/);
    expect(await refused(model({ startDate: "2026-10-01", startMonth: "Oct" }, 10))).toMatch(/run\.startMonth.*sets the weekday and the month/);
    expect(await refused(model({ startDate: "2026-10-01", warmupDays: 2.5 }, 10))).toMatch(/run\.warmupDays.*whole days/);
    expect(await refused(model({ startDate: "2026-10-01" }, 10), "--warmup-days", "1.5")).toMatch(/--warmup-days.*whole days/);
  });

  it("pathflow validate reports what only a run's plan checks: dated periods without a start date, a start date beside startDayOfWeek", async () => {
    const file = join(dir(), "model.json");
    await writeFile(file, JSON.stringify(model({ startDayOfWeek: "Tue" }, { value: 10, dated: [winter()] })));
    const r = await runInProcess(["validate", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("nodes.beds.servers.dated: dated periods need the run's start date");
    await writeFile(file, JSON.stringify(model({ startDate: "2026-10-01", startDayOfWeek: "Tue" }, { value: 10, dated: [winter()] })));
    const both = await runInProcess(["validate", file]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("run.startDayOfWeek: run.startDate 2026-10-01 sets the weekday and the month; remove run.startDayOfWeek");
  });

  it("a change from a date on a parameter that cannot change mid-run, or with a bad date", async () => {
    const change = (c: Record<string, unknown>) => refused(model({ startDate: "2026-10-01" }, 10, {}, [c]));
    expect(await change({ path: "nodes.beds.durationDays", set: { type: "deterministic", value: 2 }, from: "2027-01-01" })).toMatch(/scenarios\.later\.changes\[0\]\.from.*demandMultiplier or a capacity/);
    expect(await change({ path: "nodes.beds.servers", set: 12, from: "2027-01-01", to: "2026-12-01" })).toMatch(/scenarios\.later\.changes\[0\]\.to.*before from/);
    expect(await change({ path: "segments.p.demandMultiplier", set: 0.5, to: "2027-01-01" })).toMatch(/scenarios\.later\.changes\[0\]\.to.*to needs from/);
    expect(await change({ path: "nodes.beds.servers", set: 2.5, from: "2027-01-01" })).toMatch(/scenarios\.later\.changes\[0\]\.set.*whole number/);
  });
});
