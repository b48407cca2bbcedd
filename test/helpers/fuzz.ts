/**
 * A seeded generator of malformed inputs, as a hostile user would give them: mutations of the
 * shipped model files (as text and as JSON), of the rates CSV, and sets of command-line flags.
 * Every case is drawn from one seeded stream, so a failing case is the same on every run: its
 * name says how it was made.
 */
import { createStream, type RandomStream } from "../../src/random/streams.js";

export class Fuzz {
  private readonly rng: RandomStream;
  constructor(seed: number, purpose: string) {
    this.rng = createStream(seed, 0, purpose);
  }

  /** A whole number in [0, n). */
  int(n: number): number {
    return Math.floor(this.rng.double() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  chance(p: number): boolean {
    return this.rng.double() < p;
  }
}

/** Values that break the assumptions of a field: wrong types, extremes, names objects inherit. */
export const HOSTILE_VALUES: readonly unknown[] = [
  -1,
  0,
  -0.5,
  1e308,
  -1e308,
  5e-324,
  1e21,
  2 ** 53 + 1,
  "",
  "x",
  "constructor",
  "toString",
  "__proto__",
  "exit",
  "../../etc/passwd",
  "line\nbreak",
  "=HYPERLINK(\"x\")",
  null,
  true,
  [],
  {},
  [1, 2, 3],
  { type: "lognormal", mean: 1e300, sd: 1e300 },
  { type: "weibull", shape: 0.0001, scale: 1 },
  { type: "exponential", mean: -1 },
  { calendar: [] },
  { calendar: [{ fromHour: 0, value: 1e9 }] },
  "unlimited",
];

/** Every path to a value in `json` (objects and arrays included), root excluded. */
export function paths(json: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [];
  if (Array.isArray(json)) json.forEach((v, i) => out.push([...prefix, i], ...paths(v, [...prefix, i])));
  else if (json !== null && typeof json === "object") for (const [k, v] of Object.entries(json)) out.push([...prefix, k], ...paths(v, [...prefix, k]));
  return out;
}

function parentOf(json: unknown, path: readonly (string | number)[]): Record<string | number, unknown> {
  let node = json as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  return node;
}

/** A structural mutation of a parsed model: a value replaced, a key removed, renamed or added. */
export function mutateJson(fuzz: Fuzz, model: unknown): { name: string; json: unknown } {
  const json = structuredClone(model);
  const all = paths(json);
  const path = fuzz.pick(all);
  const parent = parentOf(json, path);
  const key = path[path.length - 1]!;
  const where = path.join(".");
  switch (fuzz.int(5)) {
    case 0:
    case 1: {
      const value = structuredClone(fuzz.pick(HOSTILE_VALUES));
      parent[key] = value;
      return { name: `set ${where} = ${JSON.stringify(value)}`, json };
    }
    case 2:
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      return { name: `remove ${where}`, json };
    case 3: {
      if (Array.isArray(parent)) return { name: `double ${where}`, json: (parent.push(structuredClone(parent[key])), json) };
      const to = fuzz.pick(["constructor", "toString", "valueOf", "hasOwnProperty", "__proto__", "bogus", `${String(key)}x`]);
      Object.defineProperty(parent, to, { value: parent[key], enumerable: true, writable: true, configurable: true });
      delete parent[key];
      return { name: `rename ${where} to ${to}`, json };
    }
    default: {
      const target = Array.isArray(parent) ? parent : parent;
      Object.defineProperty(target, "extra", { value: fuzz.pick(HOSTILE_VALUES), enumerable: true, writable: true, configurable: true });
      return { name: `add extra beside ${where}`, json };
    }
  }
}

/** A textual mutation of a file: characters deleted, inserted or replaced, lines swapped, a cut. */
export function mutateText(fuzz: Fuzz, text: string): { name: string; text: string } {
  const at = fuzz.int(text.length);
  const lines = text.split("\n");
  const line = fuzz.int(lines.length);
  switch (fuzz.int(8)) {
    case 0:
      return { name: `cut at ${at}`, text: text.slice(0, at) };
    case 1:
      return { name: `delete char ${at}`, text: text.slice(0, at) + text.slice(at + 1) };
    case 2: {
      const c = fuzz.pick(["{", "}", "[", "]", ",", ":", '"', "\\", "\u0000", "\t", "x", "'", "\uFEFF", "é"]);
      return { name: `insert ${JSON.stringify(c)} at ${at}`, text: text.slice(0, at) + c + text.slice(at) };
    }
    case 3: {
      const other = fuzz.int(lines.length);
      [lines[line], lines[other]] = [lines[other]!, lines[line]!];
      return { name: `swap lines ${line + 1} and ${other + 1}`, text: lines.join("\n") };
    }
    case 4:
      lines.splice(line, 0, lines[line]!);
      return { name: `repeat line ${line + 1}`, text: lines.join("\n") };
    case 5:
      lines.splice(line, 1);
      return { name: `remove line ${line + 1}`, text: lines.join("\n") };
    case 6:
      return { name: `bare word on line ${line + 1}`, text: lines.map((l, i) => (i === line ? `${l} oops` : l)).join("\n") };
    default:
      return { name: "numbers made NaN", text: text.replace(/(?<=: )\d+(\.\d+)?/, "NaN") };
  }
}

/** A mutation of the rates CSV (header `day,hour,rate_per_hour` and 168 rows). */
export function mutateCsv(fuzz: Fuzz, csv: string): { name: string; text: string } {
  const lines = csv.trimEnd().split("\n");
  const row = 1 + fuzz.int(lines.length - 1);
  const cell = fuzz.pick(["", "-1", "NaN", "1e400", "Mon", "Xyz", "24", "1.5", "=1+1", '"', "0x10", "Infinity", "1,2", " 3 "]);
  switch (fuzz.int(7)) {
    case 0:
      return { name: `row ${row + 1}: rate ${JSON.stringify(cell)}`, text: lines.map((l, i) => (i === row ? l.replace(/[^,]*$/, cell) : l)).join("\n") };
    case 1:
      return { name: `row ${row + 1}: hour ${JSON.stringify(cell)}`, text: lines.map((l, i) => (i === row ? l.replace(/,[^,]*,/, `,${cell},`) : l)).join("\n") };
    case 2:
      return { name: `row ${row + 1} removed`, text: lines.filter((_, i) => i !== row).join("\n") };
    case 3:
      return { name: `row ${row + 1} twice`, text: [...lines.slice(0, row + 1), lines[row]!, ...lines.slice(row + 1)].join("\n") };
    case 4:
      return { name: `header ${JSON.stringify(cell)}`, text: [cell, ...lines.slice(1)].join("\n") };
    case 5:
      return { name: "CRLF and a byte-order mark", text: `\uFEFF${lines.join("\r\n")}\r\n` };
    default:
      return { name: `cut at ${row}`, text: lines.slice(0, row).join("\n") };
  }
}

/** A set of run or sweep flags: each value valid and small three times in four, else invalid or huge. */
export function flagSet(fuzz: Fuzz): string[] {
  const flags: string[] = [];
  const add = (flag: string, valid: readonly string[], invalid: readonly string[]): void => {
    flags.push(flag, fuzz.chance(0.75) ? fuzz.pick(valid) : fuzz.pick(invalid));
  };
  // Replications, days and warm-up are always given, so a valid set runs briefly (never --yes: a
  // huge value must meet the guard).
  add("--reps", ["1", "2", "auto"], ["0", "-1", "abc", "1.5", "1e9", "", "999999999999"]);
  add("--days", ["1", "2", "0.5"], ["0", "-3", "nan", "1e9", "Infinity", ""]);
  add("--warmup-days", ["0", "1"], ["-1", "x", "1e12"]);
  if (flags[1] === "auto") add("--max-reps", ["2", "3"], ["0", "1e9", "x"]);
  if (fuzz.chance(0.3)) add("--seed", ["0", "7"], ["-1", "1.5", "1e30", "x"]);
  if (fuzz.chance(0.3)) add("--workers", ["1", "2", "999"], ["0", "-2", "x"]);
  if (fuzz.chance(0.3)) add("--scenario", ["eleven-servers", "baseline"], ["elevn-servers", "constructor", "__proto__", ",", "toString"]);
  if (fuzz.chance(0.2)) add("--baseline", ["baseline", "eleven-servers"], ["nope", "valueOf"]);
  if (fuzz.chance(0.2)) add("--precision", ["0.5"], ["0", "-1", "x", "1e-300"]);
  if (fuzz.chance(0.2)) flags.push(fuzz.pick(["--bogus", "--events", "--bom", "--warmup-report", "--force", "--quiet", "-x"]));
  return flags;
}
