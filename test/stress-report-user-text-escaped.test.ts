import { describe, expect, it } from "vitest";
import { renderStressReport, type StressInput } from "../src/io/stress.js";

/**
 * Text from the model file — descriptions, reasons for changes, node descriptions — is copied
 * into stress.md as plain text on one line: a newline in it cannot start a heading, a table or a
 * list that breaks the report (nor its first character), and a `|` cannot end a table cell. (Raw
 * HTML is shown as text where stress.md is rendered, in report.html.)
 */
const HOSTILE = "first line\n| a | b |\n|---|---|\n# Injected heading\n\n<img src=x onerror=alert(1)>";

const input: StressInput = {
  purpose: "Purpose.",
  modelName: "m",
  modelDescription: HOSTILE,
  nodes: [{ id: "servers", type: "unit", description: `node | pipe\n${HOSTILE}` }],
  scenarios: [
    { name: "baseline", description: "# not a heading", changes: [] },
    { name: "more", description: "1. not a list\n- nor this", changes: [`nodes.servers.servers: 10 → 11 (${HOSTILE})`] },
  ],
  parameters: [{ path: "description", value: HOSTILE }],
  outputs: ["kpi_summary.csv"],
  warmupDays: 0,
  warmupCheck: "",
  runLengthDays: 1,
  replications: 1,
  replicationsRequested: 1,
  software: "pathflow",
  nodeVersion: "v20",
  generator: "g",
  streams: "s",
  seed: 1,
  command: "pathflow run m.json",
  wallSeconds: 1,
  partial: false,
  notes: [HOSTILE],
};

describe("text from the model file in stress.md", () => {
  const md = renderStressReport(input);
  const lines = md.split("\n");

  it("starts no heading of its own", () => {
    const headings = lines.filter((l) => l.startsWith("#"));
    expect(headings).toEqual([
      "# STRESS-DES report: m",
      "## 1. Objectives",
      "## 2. Logic",
      "### Model: m",
      "### Nodes",
      "### Scenarios",
      "#### baseline",
      "#### more",
      "## 3. Inputs",
      "## 4. Outputs",
      "### Confidence intervals",
      "## 5. Experimentation",
      "## 6. Implementation",
      "## 7. Run",
      "### Notes",
    ]);
  });

  it("starts no table or list of its own", () => {
    expect(lines.filter((l) => l.startsWith("| a"))).toEqual([]);
    expect(lines.filter((l) => /^\d+\. /.test(l))).toEqual([]);
    expect(md).toContain("\\# not a heading");
    expect(md).toContain("\\1. not a list - nor this");
  });

  it("keeps every table row a row: one line, pipes escaped", () => {
    expect(md).toContain("| servers | unit | node \\| pipe first line \\| a \\| b \\| \\|---\\|---\\| # Injected heading <img src=x onerror=alert(1)> |\n");
  });
});
