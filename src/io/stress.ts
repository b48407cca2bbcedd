/**
 * `stress.md`: the STRESS-DES items a run can state about itself (Monks et al. 2019,
 * "Strengthening the reporting of empirical simulation studies: Introducing the STRESS
 * guidelines", Journal of Simulation 13(1)). Sections follow the checklist's order: objectives,
 * logic, inputs, outputs and their confidence intervals, experimentation, implementation, and
 * the run itself. Items that need a modeller's judgement (data sources, assumptions, validation)
 * are left to the study write-up.
 *
 * Pure rendering: the caller gathers every value into a `StressInput`; nothing is read here.
 */
import { formatNumber } from "./csv.js";

/** One node of the pathway network. */
export interface StressNode {
  /** Node id as in the model file, e.g. `ed`. */
  readonly id: string;
  /** Node type, e.g. `ambulance`, `ed`, `ward`, `community_beds`, `home_care`. */
  readonly type: string;
  /** One-line description from the model file; may be empty. */
  readonly description: string;
}

/** A scenario and how it differs from the model as written. */
export interface StressScenario {
  /** Scenario name, e.g. `baseline`, `virtual_ward`. */
  readonly name: string;
  /** One-line description; may be empty. */
  readonly description: string;
  /** Human-readable change lines, e.g. `nodes.acute.beds: 420 → 440`; empty for the baseline. */
  readonly changes: readonly string[];
}

/** One input parameter: a path into the model file and its value as text. */
export interface StressParameter {
  /** e.g. `nodes.acute.beds`, `sources.walk_in.ratePerDay[3]`. */
  readonly path: string;
  /** e.g. `420`, `type=lognormal, mean=5.2, sd=4`. */
  readonly value: string;
}

/** Everything `renderStressReport` prints. All values are plain data, rendered as given. */
export interface StressInput {
  // 1. Objectives
  /** Purpose of the model and of this experiment, one paragraph. */
  readonly purpose: string;

  // 2. Logic
  /** Model name from the model file. */
  readonly modelName: string;
  /** Model description from the model file; may be empty. */
  readonly modelDescription: string;
  /** The network's nodes, in model-file order. */
  readonly nodes: readonly StressNode[];
  /** Scenarios run, baseline first, each with its change lines. */
  readonly scenarios: readonly StressScenario[];

  // 3. Inputs
  /** Input parameters as path → value rows. */
  readonly parameters: readonly StressParameter[];

  // 4. Outputs
  /** Output files or measures, one line each, e.g. `kpi_summary.csv — mean, sd, 95% CI …`. */
  readonly outputs: readonly string[];
  /**
   * How confidence intervals are computed. Default: Student t intervals over independent
   * replications; scenario comparisons by paired differences under common random numbers.
   */
  readonly ciMethod?: string;

  // 5. Experimentation
  /** Warm-up before results start, days (0 = none). */
  readonly warmupDays: number;
  /** The census the run started from, in words; absent for an empty start. */
  readonly census?: string | undefined;
  /** Result of a warm-up check such as MSER-5, one sentence; empty if none was run. */
  readonly warmupCheck: string;
  /** Length of the results period after the warm-up, days. */
  readonly runLengthDays: number;
  /** A dated run's first results day (YYYY-MM-DD); the warm-up runs the days before it. */
  readonly startDate?: string | undefined;
  /** Replications completed and used in the outputs. */
  readonly replications: number;
  /** Replications requested (differs from `replications` when the run was partial). */
  readonly replicationsRequested: number;

  // 6. Implementation
  /** Software name and version, e.g. `pathflow 0.1.0`. */
  readonly software: string;
  /** Node.js version, e.g. `v20.19.0` (`process.version`). */
  readonly nodeVersion: string;
  /** Pseudo-random number generator, e.g. `seedrandom xor4096`. */
  readonly generator: string;
  /** How streams are allocated to replications and random sources. */
  readonly streams: string;
  /** Master seed. */
  readonly seed: number | string;
  /** Command line that produced the run; may be empty. */
  readonly command: string;

  // 7. Run
  /** Wall-clock run time, seconds. */
  readonly wallSeconds: number;
  /** True when the run stopped early (interrupted) and outputs cover completed replications only. */
  readonly partial: boolean;
  /** Notes to the reader, one line each (empty cells, conservation problems …); may be empty. */
  readonly notes: readonly string[];
}

/** Default text of item 4's confidence-interval method. */
export const DEFAULT_CI_METHOD =
  "Each output is summarised over independent replications as mean ± t(0.975, n − 1) · s / √n " +
  "(Student t 95% interval, n replications, s the sample standard deviation). Scenario comparisons " +
  "use the differences scenario − baseline replication by replication, under common random numbers, " +
  "and the same t interval of those paired differences.";

/** Renders the report as GitHub-flavoured Markdown, ending with a newline. */
export function renderStressReport(input: StressInput): string {
  const out: string[] = [];
  const line = (text = ""): void => {
    out.push(text);
  };

  line(`# STRESS-DES report: ${plain(input.modelName)}`);
  line();
  line(
    "Items of the STRESS-DES checklist (Monks et al. 2019) that this run can state. " +
      "Data sources, assumptions and validation belong in the study write-up.",
  );
  line();

  line("## 1. Objectives");
  line();
  line(paragraph(input.purpose));
  line();

  line("## 2. Logic");
  line();
  line(`### Model: ${plain(input.modelName)}`);
  line();
  if (input.modelDescription.trim() !== "") {
    line(paragraph(input.modelDescription));
    line();
  }
  line("### Nodes");
  line();
  if (input.nodes.length === 0) line("(none)");
  else for (const line of table(["Node", "Type", "Description"], input.nodes.map((n) => [n.id, n.type, n.description]))) out.push(line);
  line();
  line("### Scenarios");
  line();
  if (input.scenarios.length === 0) {
    line("(none)");
    line();
  }
  for (const s of input.scenarios) {
    line(`#### ${plain(s.name)}`);
    line();
    if (s.description.trim() !== "") {
      line(paragraph(s.description));
      line();
    }
    if (s.changes.length === 0) line("- no changes to the model as written");
    else for (const c of s.changes) line(`- ${plain(c)}`);
    line();
  }

  line("## 3. Inputs");
  line();
  if (input.parameters.length === 0) line("(none)");
  else for (const line of table(["Parameter", "Value"], input.parameters.map((p) => [p.path, p.value]))) out.push(line);
  line();

  line("## 4. Outputs");
  line();
  if (input.outputs.length === 0) line("(none)");
  else for (const o of input.outputs) line(`- ${oneLine(o)}`);
  line();
  line("### Confidence intervals");
  line();
  line(paragraph(input.ciMethod ?? DEFAULT_CI_METHOD));
  line();

  line("## 5. Experimentation");
  line();
  const replications =
    input.replications === input.replicationsRequested
      ? formatNumber(input.replications)
      : `${formatNumber(input.replications)} of ${formatNumber(input.replicationsRequested)} requested`;
  out.push(
    ...table(
      ["Item", "Value"],
      [
        ["Warm-up", input.census === undefined ? `${formatNumber(input.warmupDays)} days` : `${formatNumber(input.warmupDays)} days after a warm start from the census ${input.census}`],
        ["Warm-up check", input.warmupCheck.trim() === "" ? "none run" : input.warmupCheck],
        ["Run length (results period after warm-up)", `${formatNumber(input.runLengthDays)} days`],
        ...(input.startDate === undefined ? [] : [["Start date (first results day; calendar dates follow it)", input.startDate]]),
        ["Replications", replications],
      ],
    ),
  );
  line();

  line("## 6. Implementation");
  line();
  out.push(
    ...table(
      ["Item", "Value"],
      [
        ["Software", input.software],
        ["Node.js", input.nodeVersion],
        ["Random number generator", input.generator],
        ["Stream allocation", input.streams],
        ["Seed", typeof input.seed === "number" ? formatNumber(input.seed, 0) : input.seed],
        ["Command", input.command.trim() === "" ? "(not recorded)" : input.command],
      ],
    ),
  );
  line();

  line("## 7. Run");
  line();
  out.push(
    ...table(
      ["Item", "Value"],
      [
        ["Run time (wall clock)", `${formatNumber(input.wallSeconds, 1)} s`],
        [
          "Completion",
          input.partial
            ? `partial: stopped early; outputs cover ${formatNumber(input.replications)} of ${formatNumber(input.replicationsRequested)} replications`
            : "complete",
        ],
      ],
    ),
  );
  line();
  if (input.notes.length > 0) {
    line("### Notes");
    line();
    for (const n of input.notes) line(`- ${plain(n)}`);
    line();
  }

  return `${out.join("\n").replace(/\n+$/, "")}\n`;
}

/** A Markdown table; cells escaped. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const lines = [`| ${header.map(escapeTableCell).join(" | ")} |`, `|${header.map(() => " --- ").join("|")}|`];
  for (const r of rows) lines.push(`| ${r.map(escapeTableCell).join(" | ")} |`);
  return lines;
}

/** A table cell: one line of plain text, `|` escaped as `\|` so it does not end the cell. */
export function escapeTableCell(text: string): string {
  return inline(text).replace(/\|/g, "\\|");
}

/** Line breaks collapsed to spaces (for headings, list items and cells). */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ").trim();
}

/** Text from the model file inside a line: on one line. (Raw HTML in it is shown as text by report.html.) */
function inline(text: string): string {
  return oneLine(text);
}

/**
 * Text from the model file (names, descriptions, reasons) as a line of its own: a line break in a
 * description cannot start a heading, a table or a list that breaks the report's structure, nor
 * can its first character.
 */
function plain(text: string): string {
  return inline(text).replace(/^([#>+*=|-]|\d+[.)])/, "\\$1");
}

/** A paragraph of text from the model file: one line of plain text; "(not stated)" if empty. */
function paragraph(text: string): string {
  const t = plain(text);
  return t === "" ? "(not stated)" : t;
}
