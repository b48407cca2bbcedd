/**
 * `pathflow estimate-drift EPISODES.csv [--occupancy OCC.csv] [--out DIR]`: read and validate the
 * files, fit, write the outputs, print the summary. Everything is checked before a directory is
 * made, so a bad input leaves nothing behind. Exit codes: 0 done; 2 bad input, including data
 * that cannot give an estimate (separation, pressure that does not vary); 1 a fit that did not
 * converge.
 */
import { join } from "node:path";
import { InvalidArgumentError, type Command } from "commander";
import { PathflowInputError } from "../errors.js";
import { ensureDir } from "../io/atomic.js";
import { FAILURE, OK } from "../cli/exit.js";
import { ID_PATTERN } from "../model/schema.js";
import { CALENDAR_TERMS, estimateDrift, type CalendarTerm } from "./estimate.js";
import { readEpisodes } from "./read.js";
import { PRESSURE_SIGNALS, summary, writeEstimate, type PressureSignal } from "./report.js";

interface Flags {
  occupancy?: string;
  acuityMap?: string;
  bands?: number;
  reference?: number;
  pressureSignal?: PressureSignal;
  decisionLagMin?: number;
  adjust?: CalendarTerm[];
  edNode?: string;
  patchAll?: boolean;
  out?: string;
  maxFileMb?: number;
  where?: { column: string; value: string }[];
  quiet?: boolean;
}

/** Adds the `estimate-drift` command to `program`; `done` receives its exit code. */
export function addEstimateDriftCommand(program: Command, done: (code: number) => void): void {
  program
    .command("estimate-drift")
    .description("estimate drift strength (b2) from local ED episodes: logit P(admit) = b0 + b1·band + b2·(pressure − reference) + calendar")
    .argument("<episodes>", "CSV, one row per ED attendance: arrival, acuity, admitted[, pressure_pct] (docs/estimate-drift.md)")
    .option("--occupancy <file>", "CSV of hourly pressure: hour, occupancy_pct (or occupied, beds); instead of a pressure_pct column")
    .option("--decision-lag-min <m>", "with --occupancy: pressure of the hour containing arrival + m minutes (default 0: the hour of arrival)", number("--decision-lag-min", (x) => x >= 0 && x <= 1440, "a number of minutes from 0 to 1440"))
    .option("--acuity-map <map>", 'triage category → band (1 = least acute): "1=5,2=4,3=3,4=2,5=1" or a CSV with columns category,band')
    .option("--bands <n>", "number of acuity bands when acuity is a band number (default 5)", number("--bands", (x) => Number.isInteger(x) && x >= 2 && x <= 9, "a whole number from 2 to 9"))
    .option("--reference <pct>", "reference pressure, % (the model's referenceOccupancyPct; default 92)", number("--reference", (x) => x >= 0 && x <= 300, "a percentage from 0 to 300"))
    .option("--pressure-signal <s>", `what the pressure measures: ${Object.keys(PRESSURE_SIGNALS).join(", ")} (default ward); recorded with the estimate`, signal)
    .option("--adjust <terms>", `calendar factors to adjust for: ${CALENDAR_TERMS.join(",")} (default), a subset, or none`, adjust)
    .option("--ed-node <id>", "the model's ED node for the patch (default ed)", nodeId)
    .option("--patch-all", "patch b0, b1 and the reference pressure too, not only b2")
    .option("--out <dir>", "directory for the output files (default results/estimate-drift-<time>)")
    .option("--where <column=value>", "read only the episodes whose column holds the value (repeat for several conditions), e.g. scenario=baseline for a pathflow episodes.csv", where, [])
    .option("--max-file-mb <n>", "largest input file read, MiB (default 256)", number("--max-file-mb", (x) => x > 0, "a number > 0"))
    .option("--quiet", "no summary on stdout")
    .action(async (episodes: string, flags: Flags) => {
      done(await estimateDriftCommand(episodes, flags));
    });
}

async function estimateDriftCommand(episodesFile: string, f: Flags): Promise<number> {
  if (f.bands !== undefined && f.acuityMap !== undefined) {
    throw new PathflowInputError([{ code: "invalid_flag", path: ["--bands"], message: "give --bands or --acuity-map, not both (the map sets the number of bands)" }], "estimate-drift");
  }
  if (f.decisionLagMin !== undefined && f.occupancy === undefined) {
    throw new PathflowInputError([{ code: "invalid_flag", path: ["--decision-lag-min"], message: "applies only with --occupancy" }], "estimate-drift");
  }
  const { data, summary: inputs } = readEpisodes({
    episodesFile,
    occupancyFile: f.occupancy,
    acuityMap: f.acuityMap,
    bands: f.bands,
    decisionLagMin: f.decisionLagMin,
    maxFileBytes: (f.maxFileMb ?? 256) * 2 ** 20,
    where: f.where,
  });
  const estimate = estimateDrift(data, { referencePct: f.reference ?? 92, adjust: f.adjust ?? CALENDAR_TERMS });
  switch (estimate.status) {
    case "separation":
    case "singular":
      throw new PathflowInputError(
        [{ code: "invalid_value", path: [], message: `${estimate.status === "separation" ? "separation" : "a term cannot be estimated"}: ${estimate.reason}. The likelihood has no unique maximum; merge sparse bands (--acuity-map), drop a calendar factor (--adjust) or use more data.` }],
        `estimate-drift: no estimate from ${episodesFile}`,
      );
    case "not_converged":
      process.stderr.write(`pathflow estimate-drift: no estimate: ${estimate.reason}\n`);
      return FAILURE;
    case "estimated":
      break;
  }
  const context = { inputs, pressureSignal: f.pressureSignal ?? "ward", edNode: f.edNode ?? "ed", patchAll: f.patchAll ?? false } as const;
  const out = f.out ?? join("results", `estimate-drift-${timestamp(new Date())}`);
  await ensureDir(out);
  const files = await writeEstimate(out, estimate, context);
  for (const file of [inputs.episodes, inputs.occupancy]) {
    if (file !== null && file.ignoredColumns.length > 0) process.stderr.write(`note: ${file.file}: columns not used: ${file.ignoredColumns.join(", ")}\n`);
  }
  const events = Math.min(estimate.admitted, estimate.n - estimate.admitted);
  if (events < 10 * estimate.fit.parameters) {
    process.stderr.write(`note: ${events} attendances in the rarer outcome for ${estimate.fit.parameters} parameters (fewer than 10 per parameter): intervals may be too narrow; consider --adjust with fewer calendar factors\n`);
  }
  if (estimate.coefficients.b2PerPressurePoint.ciMethod === "Wald") process.stderr.write("note: b2's profile likelihood could not be traced; its interval is Wald\n");
  if (!(f.quiet ?? false)) process.stdout.write(summary(estimate, context, files));
  return OK;
}

function number(flag: string, ok: (x: number) => boolean, expected: string): (value: string) => number {
  return (value) => {
    const x = value.trim() === "" ? NaN : Number(value);
    if (!(Number.isFinite(x) && ok(x))) throw new InvalidArgumentError(`${flag} must be ${expected}, got "${value}".`);
    return x;
  };
}

function where(value: string, previous: { column: string; value: string }[]): { column: string; value: string }[] {
  const at = value.indexOf("=");
  const column = at < 0 ? "" : value.slice(0, at).trim();
  if (at < 0 || !/^[A-Za-z_][A-Za-z0-9_ ]*$/.test(column)) throw new InvalidArgumentError(`--where takes column=value (e.g. scenario=baseline), got "${value}".`);
  return [...previous, { column, value: value.slice(at + 1) }];
}

function signal(value: string): PressureSignal {
  if (!Object.hasOwn(PRESSURE_SIGNALS, value)) throw new InvalidArgumentError(`--pressure-signal must be one of ${Object.keys(PRESSURE_SIGNALS).join(", ")}, got "${value}".`);
  return value as PressureSignal;
}

function adjust(value: string): CalendarTerm[] {
  if (value.trim() === "none") return [];
  const terms = value.split(",").map((t) => t.trim());
  const unknown = terms.filter((t) => !(CALENDAR_TERMS as readonly string[]).includes(t));
  if (unknown.length > 0 || terms.length === 0) throw new InvalidArgumentError(`--adjust takes ${CALENDAR_TERMS.join(", ")} (comma-separated) or none, got "${value}".`);
  return terms as CalendarTerm[];
}

function nodeId(value: string): string {
  if (!ID_PATTERN.test(value)) throw new InvalidArgumentError(`--ed-node must be a node id (letters, digits, '-' or '_', starting with a letter), got "${value}".`);
  return value;
}

function timestamp(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, "0");
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}
