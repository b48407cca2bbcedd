import { describe, it, expect } from "vitest";
import { PiecewiseRateArrivals, checkArrivalProfile, constantRate } from "../src/random/arrivals.js";
import { createStream } from "../src/random/streams.js";
import { PathflowInputError } from "../src/errors.js";
import { WEEKLY } from "./helpers/arrivals.js";

/** An invalid arrival profile is rejected with an issue at each bad field (each bad rate at its index). */

describe("invalid profiles are rejected with issues", () => {
  it("reports each bad rate at its index and every other bad field", () => {
    const ratePerHour = Array.from({ length: 168 }, () => 1);
    ratePerHour[5] = -2;
    ratePerHour[7] = NaN;
    const issues = checkArrivalProfile(
      { ratePerHour, hourLength: 0, monthlyMultiplier: [1, 2], startMonth: 12, startDayOfWeek: 1.5, startYear: 2024 },
      ["ed", "arrivals"],
    );
    const byPath = new Map(issues.map((i) => [i.path.join("."), i.message]));
    expect(byPath.get("ed.arrivals.ratePerHour.5")).toContain("ratePerHour[5] must be a finite number ≥ 0 (arrivals per hour), got -2");
    expect(byPath.get("ed.arrivals.ratePerHour.7")).toContain("got NaN");
    expect(byPath.get("ed.arrivals.hourLength")).toContain("got 0");
    expect(byPath.get("ed.arrivals.monthlyMultiplier")).toContain("must have 12 values, got 2");
    expect(byPath.get("ed.arrivals.startMonth")).toContain("got 12");
    expect(byPath.get("ed.arrivals.startDayOfWeek")).toContain("got 1.5");
    expect(byPath.get("ed.arrivals.startYear")).toContain('no field "startYear"');
    expect(issues).toHaveLength(7);
  });

  it("a profile of the wrong length is reported", () => {
    const issues = checkArrivalProfile({ ratePerHour: new Float64Array(24), hourLength: 1 });
    expect(issues.map((i) => i.path)).toEqual([["ratePerHour"]]);
    expect(issues[0]!.message).toContain("must have 168 values, got 24");
  });

  it("the constructor and constantRate throw PathflowInputError carrying the issues", () => {
    const ratePerHour = new Float64Array(168);
    ratePerHour[0] = -1;
    expect(() => new PiecewiseRateArrivals({ ratePerHour, hourLength: 1 })).toThrow(PathflowInputError);
    try {
      constantRate(-1, ["ambulance"]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PathflowInputError);
      expect((error as PathflowInputError).issues[0]!.path).toEqual(["ambulance", "ratePerUnit"]);
    }
    expect(() => constantRate(NaN)).toThrow(PathflowInputError);
  });

  it("next refuses a time that is not a number", () => {
    const arrivals = new PiecewiseRateArrivals({ ratePerHour: WEEKLY, hourLength: 1 });
    expect(() => arrivals.next(NaN, createStream(1, 0, "x"))).toThrow(RangeError);
  });
});
