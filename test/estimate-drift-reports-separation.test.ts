import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { estimateDrift } from "../src/estimate/estimate.js";
import type { EpisodeData } from "../src/estimate/read.js";
import { createStream } from "../src/random/streams.js";
import { pathflow } from "./helpers/cli.js";

/**
 * When admitted and not-admitted attendances can be separated, the likelihood has no maximum
 * (the estimates run off to infinity): the estimator says so, naming the cause where one term
 * explains it, instead of printing huge coefficients. The command exits 2 and writes nothing.
 */

/** 2,000 attendances in March–April 2023, band 1–5 and pressure 80–104% uniform, admitted by `rule`. */
function episodes(rule: (band: number, pressure: number, month: number) => boolean): EpisodeData {
  const random = createStream(3, 0, "separation");
  const n = 2000;
  const data = { n, bands: 5, band: new Int32Array(n), admitted: new Uint8Array(n), pressurePct: new Float64Array(n), hour: new Int32Array(n), weekday: new Int32Array(n), month: new Int32Array(n) };
  for (let i = 0; i < n; i++) {
    data.band[i] = 1 + Math.floor(random.double() * 5);
    data.pressurePct[i] = 80 + 24 * random.double();
    data.hour[i] = Math.floor(random.double() * 24);
    data.weekday[i] = Math.floor(random.double() * 7);
    data.month[i] = 2 + Math.floor(random.double() * 2);
    // Mixed outcomes everywhere except where the rule decides.
    data.admitted[i] = rule(data.band[i]!, data.pressurePct[i]!, data.month[i]!) ? 1 : 0;
  }
  return data;
}

describe("separation is detected and reported", () => {
  it("by band alone", () => {
    const e = estimateDrift(episodes((band) => band >= 4));
    expect(e).toEqual({ status: "separation", reason: expect.stringMatching(/^band alone separates the outcomes \(not admitted: 1 to 3; admitted: 4 to 5\)$/) });
  });

  it("by one calendar level", () => {
    const random = createStream(4, 0, "outcomes");
    const e = estimateDrift(episodes((band, _p, month) => month !== 2 && random.double() < 0.1 * band));
    expect(e.status).toBe("separation");
    expect(e.status === "separation" && e.reason).toMatch(/^month Mar: all \d+ attendances were not admitted$/);
  });

  it("by a combination of band and pressure that no single term shows", () => {
    const e = estimateDrift(episodes((band, pressure) => band + (pressure - 92) / 4 > 3.5), { adjust: [] });
    expect(e.status).toBe("separation");
    expect(e.status === "separation" && e.reason).toMatch(/^\d+ attendances have fitted probabilities of 0 or 1: together, band, pressure and the calendar terms \(none\) separate admitted from not admitted$/);
  });

  const dir = mkdtempSync(join(tmpdir(), "pathflow-separation-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("on the command line: exit 2, the cause on stderr, no files", async () => {
    const file = join(dir, "separated.csv");
    const rows = ["arrival,acuity,admitted,pressure_pct"];
    for (let d = 1; d <= 28; d++) for (const band of [1, 2, 3, 4, 5]) rows.push(`2023-02-${String(d).padStart(2, "0")}T${String(band + 8).padStart(2, "0")}:30,${band},${band >= 3 ? 1 : 0},${90 + (d % 7)}`);
    writeFileSync(file, `${rows.join("\n")}\n`);
    const out = join(dir, "out");
    const { code, stdout, stderr } = await pathflow(["estimate-drift", file, "--adjust", "weekday", "--out", out]);
    expect(stderr).toBe(`estimate-drift: no estimate from ${file} (1 problem)\n  - separation: band alone separates the outcomes (not admitted: 1 to 2; admitted: 3 to 5). The likelihood has no unique maximum; merge sparse bands (--acuity-map), drop a calendar factor (--adjust) or use more data.\n`);
    expect(stdout).toBe("");
    expect(existsSync(out)).toBe(false);
    expect(code).toBe(2);
  });
});
