/**
 * `pathflow init DIR [--model ics|stroke|mmc]`: a folder to start an ICS's own model in — a copy
 * of a shipped model, the JSON Schema beside it (the model's `"$schema": "./schema.json"` keeps
 * working, so an editor still autocompletes), templates for the ICS's own figures (targets.csv: the
 * KPIs to calibrate against; rates-week.csv: a week of hourly arrival rates in the format
 * `ratesCsv` reads) and a short README. It never overwrites: if any of those files exists, it
 * writes nothing and exits 2 naming them.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { Option, type Command } from "commander";
import { PathflowInputError } from "../errors.js";
import { ensureDir, writeFileAtomic } from "../io/atomic.js";
import { toCsv } from "../io/csv.js";
import { weeklyRates } from "../model/compile.js";
import { modelJsonSchemaText } from "../model/json-schema.js";
import { loadModel, type LoadedModel } from "../model/load.js";
import { DAYS } from "../model/schema.js";
import { KPIS, UNIT_KPIS, kpiId, type KpiService } from "../pathway/kpis.js";
import { HOURS_PER_DAY } from "../time.js";
import { PACKAGE_DIR, VERSION } from "../version.js";
import { OK } from "./exit.js";

/** The shipped models `--model` chooses from. */
export const INIT_MODELS: Readonly<Record<string, string>> = {
  ics: "ics-default.json",
  stroke: "stroke-monks2016.json",
  mmc: "mmc.json",
};

/** Adds the `init` command to `program`; `done` receives its exit code. */
export function addInitCommand(program: Command, done: (code: number) => void): void {
  program
    .command("init")
    .description("start a model of your own: copy a shipped model, its schema, CSV templates for your own figures and a README into DIR")
    .argument("<dir>", "folder to create (or an empty one); nothing in it is overwritten")
    .addOption(new Option("--model <name>", "the model to start from").choices(Object.keys(INIT_MODELS)).default("ics"))
    .action(async (dir: string, flags: { model: string }) => {
      const written = await initFolder(dir, flags.model);
      process.stdout.write(`${written.map((f) => join(dir, f)).join("\n")}\n\nNext: pathflow validate ${join(dir, written[0]!)}\n`);
      done(OK);
    });
}

/** Writes the starting files into `dir` and returns their names (the model first). */
export async function initFolder(dir: string, model: string): Promise<string[]> {
  const file = INIT_MODELS[model];
  if (file === undefined || PACKAGE_DIR === null) throw new PathflowInputError([{ code: "invalid_flag", path: ["--model"], message: `no shipped model "${model}"` }], "init");
  const source = join(PACKAGE_DIR, "models", file);
  const text = await readFile(source, "utf8");
  const loaded = await loadModel(source);
  const rates = ratesTemplate(loaded);
  const files: [string, string][] = [
    [file, text],
    ["schema.json", modelJsonSchemaText()],
    ["targets.csv", targetsTemplate(loaded)],
    ["rates-week.csv", rates.csv],
    ["README.md", readme(loaded, file, rates.from)],
  ];
  const existing = files.map(([name]) => name).filter((name) => existsSync(join(dir, name)));
  if (existing.length > 0) {
    const message = `${dir} already has ${existing.join(", ")}: pathflow init never overwrites a file (choose another folder, or move ${existing.length === 1 ? "it" : "them"} away); nothing was written`;
    throw new PathflowInputError([{ code: "file", path: [], message }], "pathflow init");
  }
  await ensureDir(dir);
  for (const [name, content] of files) await writeFileAtomic(join(dir, name), content);
  return files.map(([name]) => name);
}

/** The KPIs the model reports (system KPIs of the services it has, unit KPIs of its generic units), with a blank for the ICS's own figure. */
function targetsTemplate(loaded: LoadedModel): string {
  const nodes = Object.entries(loaded.model.nodes);
  const has = (service: KpiService): boolean =>
    nodes.some(([, n]) => (service === "acute" || service === "community" ? n.type === "unit" && n.role === service : n.type === service));
  const rows: string[][] = KPIS.filter((k) => has(k.service)).map((k) => [k.name, k.unit, k.description, "", "", ""]);
  for (const [id, n] of nodes) {
    if (n.type !== "unit" || n.role !== "generic") continue;
    for (const k of UNIT_KPIS) rows.push([`${kpiId(id)}_${k.suffix}`, k.unit, `${id}: ${k.description}`, "", "", ""]);
  }
  return toCsv(["kpi", "unit", "description", "your_value", "source", "period"], rows);
}

/**
 * A week of hourly arrival rates (day, hour, rate_per_hour: the format `ratesCsv` reads) — the
 * model's own rates for its first walk-in stream (else its first stream), so that pointing that
 * stream at the file changes nothing until the rates are replaced.
 */
function ratesTemplate(loaded: LoadedModel): { csv: string; from: string } {
  const streams = Object.entries(loaded.model.segments).flatMap(([id, s]) => s.arrivals.map((a, i) => ({ at: `segments.${id}.arrivals[${i}]`, a })));
  const chosen = streams.find((s) => s.a.route === "walk-in") ?? streams[0]!;
  const rates = weeklyRates(chosen.a, loaded.tables);
  const rows = Array.from(rates, (rate, i) => [DAYS[Math.floor(i / HOURS_PER_DAY)]!, i % HOURS_PER_DAY, rate]);
  return { csv: toCsv(["day", "hour", "rate_per_hour"], rows), from: `${chosen.at} (route ${chosen.a.route}, to ${chosen.a.to})` };
}

function readme(loaded: LoadedModel, file: string, ratesFrom: string): string {
  return `# ${loaded.model.name}: a model to make your own

Copied by \`pathflow init\` (pathflow ${VERSION}) from the shipped model \`${basename(file)}\`.

| File | What it is |
| --- | --- |
| \`${file}\` | The model. Edit it: its \`"$schema": "./schema.json"\` points at the schema beside it, so an editor that understands JSON Schema (VS Code, JetBrains) autocompletes keys and flags mistakes as you type. |
| \`schema.json\` | The JSON Schema of model files for pathflow ${VERSION} (\`pathflow schema\` prints it). |
| \`targets.csv\` | The KPIs this model reports, with unit and meaning. Fill in \`your_value\` with your system's own figure, its \`source\` and \`period\`, then compare with \`kpi_summary.csv\` of a baseline run to calibrate. |
| \`rates-week.csv\` | A week of hourly arrival rates (\`day\`, \`hour\` 0–23, \`rate_per_hour\`): the format a stream's \`ratesCsv\` reads. It holds the model's own rates for ${ratesFrom}. Replace them with your own mean arrivals per hour for each hour of the week, then in that stream replace \`ratePerDay\`, \`hourOfDayPct\` and \`dayOfWeekMultiplier\` with \`"ratesCsv": "rates-week.csv"\`. |

Then:

\`\`\`sh
pathflow validate ${file}    # every problem, with its path
pathflow run ${file} --scenario baseline --reps 10 --warmup-report
\`\`\`

What every parameter means, and where the shipped figures come from: \`models/README.md\` in pathflow's
repository (and package). Each run's output folder has \`report.html\` (open it in a browser) and
\`glossary.csv\` (every column, KPI and unit).
`;
}
