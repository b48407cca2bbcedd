/**
 * What the names in an output folder mean and which unit they carry, for the report's labels,
 * axis titles and glossary and for the workbook's data dictionary.
 *
 * The source is the folder's glossary.csv (columns file, column, kind, name, unit, description:
 * one row per output column, KPI and release measure) when it is there. A folder written before
 * glossary.csv existed falls back to the `unit` columns of its own CSVs and to the column and
 * release-measure meanings glossary.csv is written from (src/io/glossary.ts).
 */
import { RELEASE_MEASURES, columnMeaning } from "../io/glossary.js";
import type { OutputFolder, Table } from "./folder.js";

export interface GlossaryEntry {
  /** The file the entry belongs to ("" for every file). */
  readonly file: string;
  /** The column it describes, or the column whose values it names (e.g. "kpi"). */
  readonly column: string;
  /** e.g. "column", "kpi", "release_measure", "daily_metric". */
  readonly kind: string;
  /** The column's name, or the value's name (e.g. "ga_occupancy_pct"). */
  readonly name: string;
  readonly unit: string;
  readonly description: string;
}

/** Descriptions of the release measures, for folders without glossary.csv. */
const MEASURE_MEANINGS: Record<string, string> = Object.fromEntries(RELEASE_MEASURES.map((m) => [m.name, m.description]));

/** Unit words in a name's last part, for a daily metric no file gives a unit for. */
const SUFFIX_UNITS: [RegExp, string][] = [
  [/_pct$/, "%"],
  [/_min$/, "minutes"],
  [/_hours$/, "hours"],
  [/bed_days$/, "bed-days"],
  [/_per_day$/, "per day"],
  [/_(people|patients)$/, "people"],
  [/_calls$/, "calls"],
];

export class Glossary {
  /** Whether the entries come from the folder's glossary.csv. */
  readonly fromFile: boolean;
  readonly entries: readonly GlossaryEntry[];
  private readonly byName = new Map<string, GlossaryEntry>();
  private readonly byColumn = new Map<string, GlossaryEntry>();

  private constructor(entries: readonly GlossaryEntry[], fromFile: boolean) {
    this.entries = entries;
    this.fromFile = fromFile;
    for (const e of entries) {
      if (e.kind === "column") {
        this.byColumn.set(`${e.file}|${e.column}`, e);
        if (!this.byColumn.has(`|${e.column}`)) this.byColumn.set(`|${e.column}`, e);
      } else if (!this.byName.has(e.name)) this.byName.set(e.name, e);
    }
  }

  static of(folder: OutputFolder): Glossary {
    const file = folder.tables.get("glossary.csv");
    if (file !== undefined && file.rows.length > 0) {
      const entries = file.rows.map((r) => {
        const column = r["column"] ?? "";
        const kind = r["kind"] ?? "";
        // A row for a column names the column; a row for a value (KPI, measure) names the value.
        return { file: r["file"] ?? "", column, kind: kind === "" ? "column" : kind, name: r["name"] || column, unit: r["unit"] ?? "", description: r["description"] ?? "" };
      });
      return new Glossary(entries, true);
    }
    return new Glossary(fallbackEntries(folder), false);
  }

  /** The entry for a value named in a file: a KPI, a release measure or resource, a daily metric. */
  term(name: string): GlossaryEntry | undefined {
    return this.byName.get(name);
  }

  /** The entry for a column of a file (or of any file). */
  column(file: string, column: string): GlossaryEntry | undefined {
    return this.byColumn.get(`${file}|${column}`) ?? this.byColumn.get(`|${column}`);
  }

  /** The unit of a named value: the glossary's, else the one its row carries, else the name's suffix. */
  unitOf(name: string, rowUnit?: string): string {
    const unit = this.term(name)?.unit;
    if (unit !== undefined && unit !== "") return unit;
    if (rowUnit !== undefined && rowUnit !== "") return rowUnit;
    return SUFFIX_UNITS.find(([re]) => re.test(name))?.[1] ?? "";
  }
}

function fallbackEntries(folder: OutputFolder): GlossaryEntry[] {
  const entries: GlossaryEntry[] = [];
  const seen = new Set<string>();
  const add = (e: GlossaryEntry): void => {
    const key = `${e.kind}|${e.kind === "column" ? `${e.file}|` : ""}${e.name}`;
    if (seen.has(key)) return;
    seen.add(key);
    entries.push(e);
  };
  const values = (table: Table | undefined, column: string, kind: string, unitColumn: string | null, meanings: Record<string, string> = {}): void => {
    for (const r of table?.rows ?? []) {
      const name = r[column] ?? "";
      if (name !== "") add({ file: table!.file, column, kind, name, unit: unitColumn === null ? "" : (r[unitColumn] ?? ""), description: meanings[name] ?? "" });
    }
  };
  const summary = folder.tables.get("kpi_summary.csv") ?? folder.tables.get("kpi_difference.csv");
  values(summary, "kpi", "kpi", "unit");
  const release = folder.tables.get("release.csv");
  values(release, "measure", "release_measure", null, MEASURE_MEANINGS);
  values(release, "resource", "resource", "unit");
  const kpiUnits = new Map((summary?.rows ?? []).map((r) => [r["kpi"] ?? "", r["unit"] ?? ""]));
  const daily = folder.tables.get("timeseries_daily.csv");
  for (const r of daily?.rows ?? []) {
    const name = r["metric"] ?? "";
    if (name === "" || seen.has(`daily_metric|${name}`)) continue;
    const unit = r["unit"] || kpiUnits.get(name) || (SUFFIX_UNITS.find(([re]) => re.test(name))?.[1] ?? "");
    add({ file: "timeseries_daily.csv", column: "metric", kind: "daily_metric", name, unit, description: "" });
  }
  for (const table of folder.tables.values()) {
    for (const column of table.columns) {
      const [unit, description] = columnMeaning(table.file, column) ?? ["", ""];
      add({ file: table.file, column, kind: "column", name: column, unit, description });
    }
  }
  return entries;
}

/** Words planners use for the headline names; other names are spelt out by `label`. */
const LABELS: Record<string, string> = {
  ga_occupancy_pct: "G&A bed occupancy",
  ed_4h_pct: "ED 4-hour performance",
  ed_12h_pct: "ED 12-hour waits",
  nctr_patients: "Patients with no criteria to reside",
  nctr_pct_of_beds: "NCTR share of beds",
  homecare_waiting_people: "Home-care waiting list",
  homecare_waiting_mean_people: "Home-care waiting list (mean)",
  handover_hours_lost_over_15: "Handover hours lost beyond 15 min",
  handover_hours_lost_over_60: "Handover hours lost beyond 60 min",
  ambulance_hours: "Ambulance crew hours",
  ed_cubicle_hours: "ED cubicle hours",
  acute_bed_days: "Acute bed-days",
  community_bed_days: "Community bed-days",
  homecare_hours: "Home-care hours",
  expected_release: "Expected release",
  realised_as_spare_capacity: "Realised as spare capacity",
};

const TOKENS: Record<string, string> = { ga: "G&A", ed: "ED", amb: "ambulance", nctr: "NCTR", homecare: "home-care", p90: "90th centile", p10: "10th centile", "4h": "4-hour", "12h": "12-hour", pct: "%", c1: "C1", c2: "C2", c3: "C3", c4: "C4", los: "LOS" };
const UNIT_TOKENS = new Set(["pct", "min", "hours", "people", "patients"]);

/** A readable label for a snake_case name: `amb_c2_mean_min` → "Ambulance C2 mean". */
export function label(name: string): string {
  const known = LABELS[name];
  if (known !== undefined) return known;
  const tokens = name.split(/[_\s]+/).filter((t) => t !== "");
  if (tokens.length > 1 && UNIT_TOKENS.has(tokens.at(-1)!)) tokens.pop();
  const text = tokens.map((t) => TOKENS[t] ?? t).join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}
