/**
 * The shard format (documented in docs/shards.md): the folder a `--shard K/N` run writes, and the
 * journal an ordinary run keeps while it runs (`<out>/.pathflow-shard/`, the whole run as shard
 * 0 of 1) so that `run --resume` can continue it. Two files:
 *
 * - `shard.json`, the manifest: format name and version, pathflow's version, the model's hash,
 *   seed, run length, replications, scenarios, which slice this is, and the resolved experiment(s)
 *   (model facts and scenario variants) — everything `pathflow merge` needs to write the outputs
 *   without the model file. Written once, atomically, before any replication runs.
 * - `replications.jsonl`: one line per finished replication, appended and flushed to disk the
 *   moment it finishes (in the order replications finish): `{"experiment":E,"replication":R,
 *   "result":{…}}`, the result exactly as a worker returned it. A run killed mid-write can leave
 *   a torn last line: reading ignores it (that replication runs again), and resuming cuts it off.
 *
 * JSON cannot hold typed arrays, NaN, ±Infinity or −0, which results do: they are written as
 * `{"$typed":"Float64Array","values":[…]}` and `{"$number":"NaN"}` (or "Infinity", "-Infinity",
 * "-0"), so every number reads back bit for bit (JSON numbers from JavaScript round-trip exactly).
 * Maps, Sets and Dates (which a result crossing threads may also hold) are `{"$map":[[k,v],…]}`,
 * `{"$set":[…]}` and `{"$date":"…"}`.
 */
import { createHash } from "node:crypto";
import { open, readFile, stat, truncate, type FileHandle } from "node:fs/promises";
import { join } from "node:path";
import { PathflowInputError } from "../errors.js";
import type { ExperimentPlan, MeasuredDrift, ReplicationTaskResult, RunSettings, SweepAxis, Variant } from "../types.js";
import { ensureDir, writeFileAtomic } from "./atomic.js";
import { describeFsError } from "../model/read-file.js";
import { fsErrorCode } from "./output-problem.js";

export const SHARD_FORMAT = "pathflow-shard";
/** Raised when a change to the format means an older pathflow would misread a shard. */
export const SHARD_FORMAT_VERSION = 1;
export const MANIFEST_FILE = "shard.json";
export const RESULTS_FILE = "replications.jsonl";
/** Where an ordinary run keeps its journal inside its output folder (hidden: not an output). */
export const RUN_JOURNAL_DIR = ".pathflow-shard";

/** One experiment of a shard (a run's, or one sweep cell's): its plan, with each scenario's variant as an index into the manifest's `variants`. */
export type ShardExperiment = Omit<ExperimentPlan, "variants"> & {
  readonly variants: readonly number[];
};

/** What a run or sweep asked for, enough to plan it again from the model file (`--resume`). */
export interface ShardRequest {
  readonly modelFile: string;
  readonly dataDirs: readonly string[];
  readonly scenarios: readonly string[] | undefined;
  readonly baseline: string | undefined;
  readonly axes: readonly SweepAxis[];
  /** Output options of the run (an ordinary run's journal): kept so a resumed run writes the same files. */
  /** episodes: whether the run writes episodes.csv (absent in journals of older runs: no). */
  readonly output: { readonly bom: boolean; readonly xlsx: boolean; readonly warmupReport: boolean; readonly events: boolean; readonly episodes?: boolean };
  /** --drift-range strengths, false for --no-drift-range, absent for the model's own. */
  readonly driftRange?: readonly number[] | false | undefined;
  /** The local estimate the drift range was taken from (run --drift-from), kept so a resume or merge says so. */
  readonly measuredDrift?: MeasuredDrift | undefined;
  /** --start-date, absent when not given (the model's run.startDate, if any, holds). */
  readonly startDate?: string | undefined;
}

export interface ShardManifest {
  readonly format: typeof SHARD_FORMAT;
  readonly formatVersion: number;
  readonly pathflowVersion: string;
  readonly kind: "run" | "sweep";
  /** sha256 of every resolved scenario variant (model, scenario changes, sweep values, rate tables). */
  readonly modelHash: string;
  readonly modelName: string;
  readonly seed: number;
  readonly days: number;
  readonly warmupDays: number;
  /** Replications of each experiment (a number; `--reps auto` only in a run's journal). */
  readonly replications: RunSettings["replications"];
  readonly baseline: string;
  readonly scenarios: readonly string[];
  /** A sweep's axes and cells (one experiment per cell, in grid order). */
  readonly sweep: { readonly axes: readonly SweepAxis[]; readonly cells: readonly { readonly index: number; readonly values: readonly unknown[] }[] } | null;
  /** This slice: work unit u = experiment × replications + replication belongs to shard u mod count. */
  readonly shard: { readonly index: number; readonly count: number };
  readonly request: ShardRequest;
  readonly workers: number;
  /** When the shard was first started (ISO 8601). */
  readonly started: string;
  readonly command: string;
  readonly variants: readonly Variant[];
  readonly experiments: readonly ShardExperiment[];
}

/**
 * One replication in a shard, read when its turn comes: a merge or a resumed run holds one
 * replication's full result at a time, whatever the number of replications.
 */
export interface ShardRecord {
  readonly experiment: number;
  readonly replication: number;
  readonly load: () => Promise<ReplicationTaskResult>;
}

/** A shard as read back: its manifest and the replications it holds, keyed `experiment:replication`. */
export interface ShardContents {
  readonly dir: string;
  readonly manifest: ShardManifest;
  readonly results: ReadonlyMap<string, ShardRecord>;
  /** Bytes of replications.jsonl that hold whole lines (a torn last line is past this). */
  readonly validBytes: number;
  /** Whether the last line was torn (a run killed while writing it). */
  readonly torn: boolean;
}

export const unitKey = (experiment: number, replication: number): string => `${experiment}:${replication}`;

// ---------------------------------------------------------------------------------------------
// JSON with typed arrays and every number
// ---------------------------------------------------------------------------------------------

const TYPED: Record<string, new (values: number[]) => ArrayBufferView> = {
  Float64Array,
  Float32Array,
  Int32Array,
  Uint32Array,
  Int16Array,
  Uint16Array,
  Int8Array,
  Uint8Array,
};

function replacer(this: unknown, key: string, value: unknown): unknown {
  // Date's toJSON has already made it a string: the holder still has the Date.
  const original = (this as Record<string, unknown> | null)?.[key];
  if (original instanceof Date) return { $date: original.toISOString() };
  if (value instanceof Map) return { $map: [...value.entries()] };
  if (value instanceof Set) return { $set: [...value.values()] };
  if (typeof value === "number") {
    if (Number.isNaN(value)) return { $number: "NaN" };
    if (value === Infinity) return { $number: "Infinity" };
    if (value === -Infinity) return { $number: "-Infinity" };
    if (Object.is(value, -0)) return { $number: "-0" };
    return value;
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const name = value.constructor.name;
    if (!(name in TYPED)) throw new Error(`cannot write a ${name} in a shard`);
    return { $typed: name, values: Array.from(value as unknown as ArrayLike<number>) };
  }
  return value;
}

const NUMBERS: Record<string, number> = { NaN: Number.NaN, Infinity: Infinity, "-Infinity": -Infinity, "-0": -0 };

function reviver(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    if (typeof v["$number"] === "string" && Object.keys(v).length === 1 && v["$number"] in NUMBERS) return NUMBERS[v["$number"]];
    const keys = Object.keys(v).length;
    if (keys === 1 && Array.isArray(v["$map"])) return new Map(v["$map"] as [unknown, unknown][]);
    if (keys === 1 && Array.isArray(v["$set"])) return new Set(v["$set"] as unknown[]);
    if (keys === 1 && typeof v["$date"] === "string") return new Date(v["$date"]);
    if (typeof v["$typed"] === "string" && Array.isArray(v["values"]) && Object.keys(v).length === 2) {
      const make = TYPED[v["$typed"]];
      if (make !== undefined) return new make(v["values"] as number[]);
    }
  }
  return value;
}

export function encodeJson(value: unknown): string {
  return JSON.stringify(value, replacer);
}

export function decodeJson(text: string): unknown {
  return JSON.parse(text, reviver);
}

/** The model hash: sha256 over the resolved variants, in order. */
export function variantsHash(variants: readonly Variant[]): string {
  const hash = createHash("sha256");
  for (const v of variants) hash.update(encodeJson([v.scenario, v.spec, v.tables])).update("\n");
  return hash.digest("hex");
}

// ---------------------------------------------------------------------------------------------
// Building a manifest from plans
// ---------------------------------------------------------------------------------------------

/** The variants of several plans with identical ones shipped once (as a sweep's pool does), and each plan's indices. */
export function dedupeVariants(plans: readonly ExperimentPlan[]): { variants: Variant[]; indices: number[][] } {
  const variants: Variant[] = [];
  const seen = new Map<string, number>();
  const indices = plans.map((plan) =>
    plan.variants.map((v) => {
      const key = encodeJson([v.scenario, v.spec, v.tables]);
      let i = seen.get(key);
      if (i === undefined) {
        i = variants.push(v) - 1;
        seen.set(key, i);
      }
      return i;
    }),
  );
  return { variants, indices };
}

export function buildManifest(fields: {
  kind: "run" | "sweep";
  plans: readonly ExperimentPlan[];
  sweep: ShardManifest["sweep"];
  shard: { index: number; count: number };
  request: ShardRequest;
  workers: number;
  command: string;
  version: string;
}): ShardManifest {
  const first = fields.plans[0]!;
  const { variants, indices } = dedupeVariants(fields.plans);
  return {
    format: SHARD_FORMAT,
    formatVersion: SHARD_FORMAT_VERSION,
    pathflowVersion: fields.version,
    kind: fields.kind,
    modelHash: variantsHash(variants),
    modelName: first.model.name,
    seed: first.settings.seed,
    days: first.settings.days,
    warmupDays: first.settings.warmupDays,
    replications: first.settings.replications,
    baseline: first.baseline,
    scenarios: first.scenarios,
    sweep: fields.sweep,
    shard: fields.shard,
    request: fields.request,
    workers: fields.workers,
    started: new Date().toISOString(),
    command: fields.command,
    variants,
    experiments: fields.plans.map((p, i) => ({ model: p.model, scenarios: p.scenarios, baseline: p.baseline, comparedWith: p.comparedWith, settings: p.settings, ...(p.driftRange === undefined ? {} : { driftRange: p.driftRange }), variants: indices[i]! })),
  };
}

/** The experiments of a manifest as plans again (what the output writers take). */
export function manifestPlans(m: ShardManifest): ExperimentPlan[] {
  return m.experiments.map((e) => ({
    model: e.model,
    scenarios: e.scenarios,
    baseline: e.baseline,
    comparedWith: e.comparedWith,
    settings: e.settings,
    // The drift range as matched when the shards were planned (its intercepts), so a merge reports the same strengths.
    ...(e.driftRange === undefined ? {} : { driftRange: e.driftRange }),
    variants: e.variants.map((i) => m.variants[i]!),
  }));
}

/** Replications per experiment of a manifest (a shard's replications are a fixed number). */
export function replicationsOf(m: ShardManifest): number {
  return typeof m.replications === "number" ? m.replications : m.replications.maxReplications;
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

function bad(file: string, message: string): PathflowInputError {
  return new PathflowInputError([{ code: "file", path: [], message: `${file}: ${message}` }], "cannot read a shard");
}

/** Whether `dir` holds a shard manifest. */
export async function hasShard(dir: string): Promise<boolean> {
  try {
    return (await stat(join(dir, MANIFEST_FILE))).isFile();
  } catch {
    return false;
  }
}

const MANIFEST_KEYS: readonly (keyof ShardManifest)[] = ["pathflowVersion", "kind", "modelHash", "seed", "days", "warmupDays", "replications", "baseline", "scenarios", "shard", "request", "variants", "experiments"];

export async function readManifest(dir: string): Promise<ShardManifest> {
  const file = join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw bad(file, fsErrorCode(error) === "ENOENT" ? `there is no ${MANIFEST_FILE} in ${dir}: give a folder that pathflow run --shard (or an interrupted run) wrote` : `cannot read it: ${describeFsError(error)}`);
  }
  let m: Partial<ShardManifest>;
  try {
    m = decodeJson(text) as Partial<ShardManifest>;
  } catch (error) {
    throw bad(file, `it is not valid JSON (${(error as Error).message}): the file was damaged or is not a pathflow shard`);
  }
  if (m === null || typeof m !== "object" || m.format !== SHARD_FORMAT) throw bad(file, `it is not a pathflow shard manifest (no "format": "${SHARD_FORMAT}")`);
  if (typeof m.formatVersion !== "number") throw bad(file, "it has no formatVersion");
  if (m.formatVersion > SHARD_FORMAT_VERSION) {
    throw bad(file, `it is in shard format ${m.formatVersion}, written by pathflow ${String(m.pathflowVersion)}; this pathflow reads format ${SHARD_FORMAT_VERSION}: use that pathflow version (or newer) to merge`);
  }
  const missing = MANIFEST_KEYS.filter((k) => m[k] === undefined);
  if (missing.length > 0) throw bad(file, `it lacks ${missing.join(", ")}: the file was damaged or is not a pathflow shard`);
  return m as ShardManifest;
}

/** How pathflow writes a line: its experiment and replication come first, so indexing a file needs no full parse. */
const LINE_HEAD = /^\{"experiment":(\d+),"replication":(\d+),"result":\{/;
const CHUNK_BYTES = 1 << 22;

/**
 * Reads a shard: the manifest, then an index of the whole lines of replications.jsonl (where each
 * replication's line is); each replication's result is read, decoded and checked when loaded.
 */
export async function readShard(dir: string): Promise<ShardContents> {
  const manifest = await readManifest(dir);
  const file = join(dir, RESULTS_FILE);
  const results = new Map<string, ShardRecord>();
  const reps = replicationsOf(manifest);
  let line = 0;
  let validBytes = 0;
  let torn = false;

  const check = (lineNo: number, experiment: number, replication: number): void => {
    if (!Number.isInteger(experiment) || experiment < 0 || experiment >= manifest.experiments.length || !Number.isInteger(replication) || replication < 0 || replication >= reps) {
      throw bad(file, `line ${lineNo}: experiment ${experiment}, replication ${replication} is outside the ${manifest.experiments.length} experiment(s) × ${reps} replications of ${MANIFEST_FILE}`);
    }
  };
  const decodeLine = (text: string, lineNo: number): { experiment: number; replication: number; result: ReplicationTaskResult } => {
    let entry: { experiment?: unknown; replication?: unknown; result?: ReplicationTaskResult };
    try {
      entry = decodeJson(text) as typeof entry;
    } catch (error) {
      throw bad(file, `line ${lineNo} is not valid JSON (${(error as Error).message}): the file was damaged; delete the shard folder and run the shard again`);
    }
    const { experiment, replication, result } = entry;
    if (typeof experiment !== "number" || typeof replication !== "number" || result === null || typeof result !== "object" || result.replication !== replication) {
      throw bad(file, `line ${lineNo} is not a replication record ({"experiment","replication","result"})`);
    }
    check(lineNo, experiment, replication);
    if (result.seed !== manifest.seed) throw bad(file, `line ${lineNo}: replication ${replication} ran with seed ${result.seed}, not the manifest's ${manifest.seed}`);
    return { experiment, replication, result };
  };
  const add = (data: Buffer, start: number, end: number, offset: number, lineNo: number): void => {
    const length = end - start;
    const head = LINE_HEAD.exec(data.subarray(start, Math.min(end, start + 80)).toString("utf8"));
    let record: ShardRecord;
    if (head !== null) {
      const experiment = Number(head[1]);
      const replication = Number(head[2]);
      check(lineNo, experiment, replication);
      record = { experiment, replication, load: async () => decodeLine(await readSlice(file, offset, length), lineNo).result };
    } else {
      // Not as pathflow writes it (another tool, keys in another order): read it now.
      const { experiment, replication, result } = decodeLine(data.subarray(start, end).toString("utf8"), lineNo);
      record = { experiment, replication, load: () => Promise.resolve(result) };
    }
    const key = unitKey(record.experiment, record.replication);
    if (!results.has(key)) results.set(key, record); // a replication written twice: the first stands (both are the same numbers)
  };

  let handle: FileHandle;
  try {
    handle = await open(file, "r");
  } catch (error) {
    if (fsErrorCode(error) === "ENOENT") return { dir, manifest, results, validBytes: 0, torn: false };
    throw bad(file, `cannot read it: ${describeFsError(error)}`);
  }
  try {
    // Scan for whole lines a chunk at a time; only the first bytes of each line are decoded here.
    let pending = Buffer.alloc(0);
    let pendingStart = 0;
    for (let position = 0; ; ) {
      const chunk = Buffer.alloc(CHUNK_BYTES);
      const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      const data = pending.length > 0 ? Buffer.concat([pending, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
      let start = 0;
      for (let end = data.indexOf(0x0a, start); end >= 0; end = data.indexOf(0x0a, start)) {
        line++;
        add(data, start, end, pendingStart + start, line);
        start = end + 1;
      }
      validBytes = pendingStart + start;
      pending = Buffer.from(data.subarray(start));
      pendingStart = validBytes;
    }
    torn = pending.length > 0; // the last line was being written when the run was killed
  } catch (error) {
    if (error instanceof PathflowInputError) throw error;
    throw bad(file, `cannot read it: ${describeFsError(error)}`);
  } finally {
    await handle.close();
  }
  return { dir, manifest, results, validBytes, torn };
}

async function readSlice(file: string, offset: number, length: number): Promise<string> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(file, "r");
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, offset);
    if (bytesRead !== length) throw new Error(`it is shorter than when it was read (${bytesRead} of ${length} bytes at ${offset})`);
    return buffer.toString("utf8");
  } catch (error) {
    throw bad(file, `cannot read it: ${error instanceof Error && !("code" in error) ? error.message : describeFsError(error)}`);
  } finally {
    await handle?.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

/** A shard being written: the manifest in place, replications appended as they finish. */
export class ShardJournal {
  private constructor(
    readonly dir: string,
    private readonly handle: FileHandle,
  ) {}

  /** Writes the manifest (atomically) and opens an empty replications.jsonl. */
  static async create(dir: string, manifest: ShardManifest): Promise<ShardJournal> {
    await ensureDir(dir);
    await writeFileAtomic(join(dir, MANIFEST_FILE), `${JSON.stringify(JSON.parse(encodeJson(manifest)), null, 1)}\n`);
    return new ShardJournal(dir, await open(join(dir, RESULTS_FILE), "w"));
  }

  /** Opens a shard read back to go on appending: a torn last line is cut off first. */
  static async resume(contents: ShardContents): Promise<ShardJournal> {
    const file = join(contents.dir, RESULTS_FILE);
    if (contents.torn) await truncate(file, contents.validBytes);
    return new ShardJournal(contents.dir, await open(file, "a"));
  }

  /** Appends one finished replication and flushes it to disk before returning. */
  async append(experiment: number, result: ReplicationTaskResult): Promise<void> {
    await this.handle.write(`${encodeJson({ experiment, replication: result.replication, result })}\n`);
    await this.handle.datasync();
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
