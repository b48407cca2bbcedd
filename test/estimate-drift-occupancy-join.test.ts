import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PathflowInputError } from "../src/errors.js";
import { readEpisodes } from "../src/estimate/read.js";

/**
 * Joining attendances to an hourly occupancy file: an attendance takes the pressure of the hour
 * that contains its decision time, arrival + --decision-lag-min (0: the hour of arrival). Times
 * with UTC offsets join as instants (so +01:00 episodes meet Z occupancy hours); naive times join
 * wall clock to wall clock; a file or a pair of files mixing the two is refused.
 */

const dir = mkdtempSync(join(tmpdir(), "pathflow-join-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

const occupancy = file("occ.csv", ["hour,occupancy_pct", "2023-06-01T08:00,90", "2023-06-01T09:00,95", "2023-06-01T10:00,101.5"]);
const episodes = file("ep.csv", ["arrival,acuity,admitted", "2023-06-01T08:00,2,0", "2023-06-01T08:59:59,3,1", "2023-06-01 09:30,4,1"]);

function pressures(options: Partial<Parameters<typeof readEpisodes>[0]>): number[] {
  return Array.from(readEpisodes({ episodesFile: episodes, occupancyFile: occupancy, maxFileBytes: 2 ** 20, ...options }).data.pressurePct);
}

describe("pressure joined from an hourly occupancy file", () => {
  it("the hour of arrival by default; arrival + the lag with --decision-lag-min", () => {
    expect(pressures({})).toEqual([90, 90, 95]);
    expect(pressures({ decisionLagMin: 30 })).toEqual([90, 95, 101.5]);
    expect(pressures({ decisionLagMin: 60 })).toEqual([95, 95, 101.5]);
  });

  it("occupied and beds instead of occupancy_pct", () => {
    const beds = file("beds.csv", ["hour,occupied,beds", "2023-06-01T08:00,450,500", "2023-06-01T09:00,475,500"]);
    expect(Array.from(readEpisodes({ episodesFile: file("two.csv", ["arrival,acuity,admitted", "2023-06-01T08:10,2,0", "2023-06-01T09:10,2,1"]), occupancyFile: beds, maxFileBytes: 2 ** 20 }).data.pressurePct)).toEqual([90, 95]);
  });

  it("instants when both files give UTC offsets; the calendar from the wall clock as written", () => {
    const zoned = file("ep-zoned.csv", ["arrival,acuity,admitted", "2023-06-01T10:15+01:00,2,0", "2023-06-01T09:15Z,2,1"]);
    const occZ = file("occ-z.csv", ["hour,occupancy_pct", "2023-06-01T08:00Z,90", "2023-06-01T09:00Z,95"]);
    const { data, summary } = readEpisodes({ episodesFile: zoned, occupancyFile: occZ, maxFileBytes: 2 ** 20 });
    expect(Array.from(data.pressurePct)).toEqual([95, 95]);
    expect(Array.from(data.hour)).toEqual([10, 9]);
    expect(summary.timeConvention).toBe("UTC offsets");
  });

  it("refuses one file with offsets and the other without", () => {
    const occZ = file("occ-z2.csv", ["hour,occupancy_pct", "2023-06-01T08:00Z,90"]);
    expect(() => readEpisodes({ episodesFile: episodes, occupancyFile: occZ, maxFileBytes: 2 ** 20 })).toThrow(PathflowInputError);
    try {
      readEpisodes({ episodesFile: episodes, occupancyFile: occZ, maxFileBytes: 2 ** 20 });
    } catch (error) {
      expect((error as PathflowInputError).issues.map((i) => i.message)).toEqual([`${occZ} gives UTC offsets but ${episodes} does not: use one convention in both files`]);
    }
  });
});
