import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { pathflow } from "./helpers/cli.js";
import { FIXTURES } from "./helpers/model-fixtures.js";

/**
 * A census of several states (docs/census.md, "Several states"): `pathflow census --scenario all
 * --reps N` writes each scenario's state at the end of each replication's warm-up, every row naming
 * its scenario, replication and patient; `run --census` starts replication r of each scenario from
 * that scenario's state r. A patient named in two scenarios' states is one person: the same id, the
 * same random numbers. Bad state columns are refused like any bad row (exit 2, row and column).
 */

const dir = mkdtempSync(join(tmpdir(), "pathflow-census-states-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const MODEL = join(FIXTURES, "system.json");
const HEADER = "scenario,replication,patient,node,segment,acuity,status,hours_in_status,hours_at_node,next,package_hours_per_week,phase";

/** The fixture with a scenario that changes nothing: run from the same state, it must give the baseline's results. */
function modelWithCopy(): string {
  const spec = JSON.parse(readFileSync(MODEL, "utf8")) as { scenarios: Record<string, unknown> };
  spec.scenarios["copy"] = { description: "The baseline again.", changes: [] };
  const file = join(dir, "system-copy.json");
  writeFileSync(file, JSON.stringify(spec));
  copyFileSync(join(FIXTURES, "rates-week.csv"), join(dir, "rates-week.csv"));
  return file;
}

/** The fixture with a scenario whose acute patients all go home: no one waits in a bed for home care. */
function modelWithHomeOnly(): string {
  const spec = JSON.parse(readFileSync(MODEL, "utf8")) as { scenarios: Record<string, unknown> };
  spec.scenarios["home-only"] = { description: "Everyone home from acute.", changes: [{ path: "nodes.acute.outcomes", set: { "*": [{ label: "home", pct: 100, to: "exit" }] } }] };
  const file = join(dir, "system-home-only.json");
  writeFileSync(file, JSON.stringify(spec));
  copyFileSync(join(FIXTURES, "rates-week.csv"), join(dir, "rates-week.csv"));
  return file;
}

async function run(model: string, census: string, out: string, extra: string[] = []): Promise<Map<string, string>> {
  const r = await pathflow(["run", model, "--census", census, "--reps", "2", "--days", "10", "--warmup-days", "2", "--no-drift-range", "--out", out, "--quiet", ...extra]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  // scenario|replication|kpi → value
  const values = new Map<string, string>();
  for (const line of readFileSync(join(out, "kpi_replications.csv"), "utf8").trim().split("\n").slice(1)) {
    const [scenario, rep, kpi, value] = line.split(",");
    values.set(`${scenario}|${rep}|${kpi}`, value!);
  }
  return values;
}

function kpisOf(values: Map<string, string>, scenario: string, rep: string): string[] {
  return [...values].filter(([k]) => k.startsWith(`${scenario}|${rep}|`)).map(([k, v]) => `${k.split("|")[2]}=${v}`);
}

describe("a census of several states", () => {
  const model = modelWithCopy();
  const census = join(dir, "states.csv.gz");

  it("pathflow census --scenario all --reps 2 writes each scenario's state per replication, gzip-compressed", async () => {
    const c = await pathflow(["census", model, "--scenario", "all", "--reps", "2", "--warmup-days", "40", "--out", census, "--quiet"]);
    expect(c.stderr).toBe("");
    expect(c.code).toBe(0);
    const lines = gunzipSync(readFileSync(census)).toString("utf8").trim().split("\n");
    expect(lines[0]).toBe(HEADER);
    const states = new Set(lines.slice(1).map((l) => l.split(",").slice(0, 2).join(",")));
    expect([...states].sort()).toEqual(["baseline,0", "baseline,1", "copy,0", "copy,1", "frailty-service,0", "frailty-service,1"]);
    // The copy changes nothing: its states are the baseline's, patient for patient.
    const of = (s: string): string[] => lines.filter((l) => l.startsWith(`${s},`)).map((l) => l.slice(s.length));
    expect(of("copy")).toEqual(of("baseline"));
    expect(of("frailty-service")).not.toEqual(of("baseline"));
    // Replication 1's state is another warm-up's.
    expect(of("baseline").filter((l) => l.startsWith(",0,"))).not.toEqual(of("baseline").filter((l) => l.startsWith(",1,")).map((l) => l.replace(",1,", ",0,")));
  });

  it("starts each scenario's replication r from its own state r; the same patients in the same state give the same run", async () => {
    const values = await run(model, census, join(dir, "from-states"));
    // The copy starts from the same state as the baseline with the same patients: identical.
    for (const rep of ["0", "1"]) expect(kpisOf(values, "copy", rep)).toEqual(kpisOf(values, "baseline", rep).map((x) => x));
    expect(kpisOf(values, "baseline", "0")).not.toEqual(kpisOf(values, "baseline", "1"));
    // Each scenario from its own states: the accounting of frailty-service is flagged (copy's
    // states are the baseline's patients, but the run cannot know the scenarios are alike).
    const warnings = readFileSync(join(dir, "from-states", "warnings.csv"), "utf8");
    expect(warnings).toMatch(/frailty-service,census_own_states_accounting,"?frailty-service started from census states of its own and baseline/);
    const meta = readFileSync(join(dir, "from-states", "run_metadata.csv"), "utf8");
    expect(meta).toMatch(/each scenario from 2 states of its own \(replication r from state r mod 2\)/);
    // Its release accounting against the baseline is zero in every measure.
    const release = readFileSync(join(dir, "from-states", "release.csv"), "utf8").trim().split("\n").slice(1).filter((l) => l.startsWith("copy,"));
    expect(release.length).toBeGreaterThan(0);
    for (const line of release) expect(Number(line.split(",")[5])).toBe(0);
  });

  it("the same bytes for any number of workers", async () => {
    for (const workers of ["1", "2"]) await run(model, census, join(dir, `workers-${workers}`), ["--workers", workers]);
    for (const file of ["kpi_replications.csv", "release.csv", "timeseries_daily.csv"]) {
      expect(readFileSync(join(dir, "workers-2", file), "utf8")).toBe(readFileSync(join(dir, "workers-1", file), "utf8"));
    }
  });

  it("the same rows under other patients' names are other people: other draws", async () => {
    const lines = gunzipSync(readFileSync(census)).toString("utf8").trim().split("\n");
    const renamed = lines.map((l, i) => (l.startsWith("copy,") ? l.replace(/^copy,(\d+),([^,]+),/, (_m, rep: string, id: string) => `copy,${rep},x${id}-${i},`) : l));
    const file = join(dir, "renamed.csv");
    writeFileSync(file, renamed.join("\n") + "\n");
    const values = await run(model, file, join(dir, "from-renamed"));
    expect(kpisOf(values, "copy", "0")).not.toEqual(kpisOf(values, "baseline", "0"));
  });

  it("replication r starts from state r: a census of state 1 alone gives replication 1 the same results", async () => {
    const lines = gunzipSync(readFileSync(census)).toString("utf8").trim().split("\n");
    // State 1 of the baseline alone, for every replication; the patients keep their names.
    const only = [HEADER, ...lines.filter((l) => l.startsWith("baseline,1,")).map((l) => l.replace(/^baseline,1,/, ","))];
    const file = join(dir, "state-1.csv");
    writeFileSync(file, only.join("\n").replace(/\n,/g, "\n,,") + "\n");
    const fromAll = await run(model, census, join(dir, "all-states"), ["--scenario", "baseline"]);
    const fromOne = await run(model, file, join(dir, "one-state"), ["--scenario", "baseline"]);
    expect(kpisOf(fromOne, "baseline", "1").length).toBeGreaterThan(10);
    expect(kpisOf(fromOne, "baseline", "1")).toEqual(kpisOf(fromAll, "baseline", "1"));
    expect(kpisOf(fromOne, "baseline", "0")).not.toEqual(kpisOf(fromAll, "baseline", "0"));
  });

  it("a census patient draws other numbers in every replication and with every seed", async () => {
    // One state for every replication: the same 300 patients on long-term packages (exponential,
    // so every end time is a draw of its own); the time each package ends, by patient and run.
    const rows = Array.from({ length: 300 }, (_, i) => `,,p${i},homecare,adults,1,on-package,0,0,,5,long-term`);
    const file = join(dir, "packages.csv");
    writeFileSync(file, [HEADER, ...rows].join("\n") + "\n");
    const ends = new Map<string, number>();
    let same = 0;
    for (const seed of ["1", "2"]) {
      const out = join(dir, `packages-${seed}`);
      const r = await pathflow(["run", MODEL, "--census", file, "--reps", "6", "--days", "400", "--warmup-days", "0", "--scenario", "baseline", "--seed", seed, "--events", "--out", out, "--quiet"]);
      expect(r.code, r.stderr).toBe(0);
      // events.csv: scenario, replication, time_hours, patient_id, event, node
      for (const line of readFileSync(join(out, "events.csv"), "utf8").split("\n").slice(1)) {
        const [, , t, id, event] = line.split(",");
        if (event !== "package-end" || Number(id) >= 300) continue;
        const key = `${id}|${t}`;
        if (ends.has(key)) same++;
        ends.set(key, 1);
      }
    }
    expect(ends.size).toBeGreaterThan(1000);
    expect(same).toBe(0);
  });

  it("fewer states than replications: a warning says replications shared a starting state", async () => {
    const out = join(dir, "three-reps");
    const r = await pathflow(["run", model, "--census", census, "--reps", "3", "--days", "5", "--warmup-days", "1", "--no-drift-range", "--scenario", "baseline", "--out", out, "--quiet"]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, "warnings.csv"), "utf8")).toMatch(/census_states_shared,.*holds 2 states of baseline for 3 replications/);
  });
});

describe("bad state columns are refused naming the row and column", () => {
  const ROW = "acute,adults,2,in-service,30,30,,,";
  async function refused(rows: string[], expected: RegExp[]): Promise<void> {
    const file = join(dir, `bad-${rows.length}-${expected.length}-${Math.random().toString(36).slice(2)}.csv`);
    writeFileSync(file, [HEADER, ...rows].join("\n") + "\n");
    const out = join(dir, `bad-out-${Math.random().toString(36).slice(2)}`);
    const r = await pathflow(["run", MODEL, "--census", file, "--reps", "1", "--days", "2", "--warmup-days", "1", "--out", out, "--quiet"]);
    expect(r.code).toBe(2);
    for (const e of expected) expect(r.stderr).toMatch(e);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(out)).toBe(false);
  }

  it("an unknown scenario, a replication that is not a whole number, a patient twice in one state", async () => {
    await refused(
      [`baseline,0,a,${ROW}`, `winter,0,b,${ROW}`, `baseline,one,c,${ROW}`, `baseline,0,a,${ROW}`, `frailty-service,0,a,${ROW}`],
      [/row 3, column scenario: "winter" is not a scenario of the model \(the scenarios are baseline, frailty-service\)/, /row 4, column replication: must be a whole number/, /row 5, column patient: "a" is already in the state of scenario baseline, replication 0 \(row 2\)/],
    );
  });

  it("rows a scenario borrows from the baseline's state must fit that scenario's model too", async () => {
    const file = join(dir, "borrowed.csv");
    writeFileSync(file, [HEADER, `baseline,,a,${ROW}`, "baseline,,b,acute,adults,2,blocked,5,80,homecare,,"].join("\n") + "\n");
    const out = join(dir, "borrowed-out");
    const r = await pathflow(["run", modelWithHomeOnly(), "--census", file, "--reps", "1", "--days", "2", "--warmup-days", "1", "--no-drift-range", "--out", out, "--quiet"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/row 3, column next: "homecare" is not a place a patient held at acute can wait for .* — in scenario home-only, which starts from baseline's rows \(it has none of its own\)/);
    expect(existsSync(out)).toBe(false);
  });

  it("a census with nobody in it is an empty start; pathflow census refuses several states when one is empty", async () => {
    const file = join(dir, "nobody.csv");
    writeFileSync(file, `${HEADER}\n`);
    const out = join(dir, "nobody-out");
    const r = await pathflow(["run", MODEL, "--census", file, "--reps", "1", "--days", "2", "--warmup-days", "1", "--out", out, "--quiet"]);
    expect(r.code, r.stderr).toBe(0);
    const c = await pathflow(["census", MODEL, "--reps", "3", "--warmup-days", "0", "--out", join(dir, "empty-states.csv")]);
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/replication 0 of scenario baseline has nobody in the system after 0 days/);
    expect(existsSync(join(dir, "empty-states.csv"))).toBe(false);
  });

  it("a .gz census that is cut short is refused, naming the file", async () => {
    const whole = gzipSync([HEADER, `baseline,0,a,${ROW}`].join("\n").repeat(200));
    const file = join(dir, "cut.csv.gz");
    writeFileSync(file, whole.subarray(0, whole.length - 10));
    const out = join(dir, "cut-out");
    const r = await pathflow(["run", MODEL, "--census", file, "--reps", "1", "--days", "2", "--warmup-days", "1", "--out", out, "--quiet"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}: its name ends in .gz but it is not a whole gzip file`);
    expect(existsSync(out)).toBe(false);
  });

  it("a state whose rows give a replication in some rows only; a scenario left without any state", async () => {
    await refused([`baseline,0,a,${ROW}`, `baseline,,b,${ROW}`], [/row 3, column replication: is empty but other rows of scenario baseline give one/]);
    await refused([`frailty-service,0,a,${ROW}`], [/has no state for scenario baseline/]);
  });
});
