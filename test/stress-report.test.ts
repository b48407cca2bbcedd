import { describe, expect, it } from "vitest";
import { DEFAULT_CI_METHOD, escapeTableCell, renderStressReport, type StressInput } from "../src/io/stress.js";

const input: StressInput = {
  purpose: "Estimate how much acute capacity a virtual ward releases, and how much is absorbed.",
  modelName: "Synthetic ICS",
  modelDescription: "Ambulance, ED, acute wards, community beds and home care for about 1 million people.",
  nodes: [
    { id: "ambulance", type: "ambulance", description: "Conveyance to ED" },
    { id: "ed", type: "ed", description: "Cubicles | majors and minors" },
    { id: "acute", type: "ward", description: "G&A beds" },
  ],
  scenarios: [
    { name: "baseline", description: "As modelled", changes: [] },
    { name: "virtual_ward", description: "60 virtual-ward places", changes: ["nodes.vw.capacity: 0 → 60", "routes.ed.acute.share: 0.3 → 0.27"] },
  ],
  parameters: [
    { path: "nodes.acute.beds", value: "420" },
    { path: "nodes.acute.losDays", value: "type=lognormal, mean=5.2, sd=4" },
    { path: "odd|path", value: "a|b" },
  ],
  outputs: ["kpi_summary.csv — mean, sd, 95% t-interval", "release.csv — release accounting"],
  warmupDays: 60,
  warmupCheck: "MSER-5 on the baseline's mean daily ga_occupancy_pct suggests discarding 0 of 365 results days.",
  runLengthDays: 365,
  replications: 30,
  replicationsRequested: 30,
  software: "pathflow 0.1.0",
  nodeVersion: "v20.19.0",
  generator: "seedrandom xor4096",
  streams: "one stream per (seed, replication, source)",
  seed: 20250101,
  command: "pathflow run models/ics.json --reps 30",
  wallSeconds: 83.456,
  partial: false,
  notes: ["kpi_summary.csv: 2 empty cells"],
};

describe("STRESS-DES report states each item with the values passed in", () => {
  const md = renderStressReport(input);

  it("has the seven item headings in order", () => {
    const headings = [
      "# STRESS-DES report: Synthetic ICS",
      "## 1. Objectives",
      "## 2. Logic",
      "### Nodes",
      "### Scenarios",
      "## 3. Inputs",
      "## 4. Outputs",
      "### Confidence intervals",
      "## 5. Experimentation",
      "## 6. Implementation",
      "## 7. Run",
    ];
    const lines = md.split("\n");
    const positions = headings.map((h) => lines.indexOf(h));
    expect(positions[0]).toBe(0);
    for (let i = 1; i < positions.length; i++) expect(positions[i], headings[i]).toBeGreaterThan(positions[i - 1]!);
    expect(md.endsWith("\n")).toBe(true);
    expect(md.endsWith("\n\n")).toBe(false);
  });

  it("objectives, model, nodes and scenarios", () => {
    expect(md).toContain("\nEstimate how much acute capacity a virtual ward releases, and how much is absorbed.\n");
    expect(md).toContain("### Model: Synthetic ICS\n");
    expect(md).toContain("| Node | Type | Description |\n| --- | --- | --- |\n| ambulance | ambulance | Conveyance to ED |\n");
    expect(md).toContain("| ed | ed | Cubicles \\| majors and minors |\n");
    expect(md).toContain("#### baseline\n\nAs modelled\n\n- no changes to the model as written\n");
    expect(md).toContain("#### virtual_ward\n\n60 virtual-ward places\n\n- nodes.vw.capacity: 0 → 60\n- routes.ed.acute.share: 0.3 → 0.27\n");
  });

  it("inputs table with escaped pipes", () => {
    expect(md).toContain("| Parameter | Value |\n| --- | --- |\n| nodes.acute.beds | 420 |\n");
    expect(md).toContain("| nodes.acute.losDays | type=lognormal, mean=5.2, sd=4 |\n");
    expect(md).toContain("| odd\\|path | a\\|b |\n");
  });

  it("outputs and the CI method", () => {
    expect(md).toContain("- kpi_summary.csv — mean, sd, 95% t-interval\n- release.csv — release accounting\n");
    expect(md).toContain(DEFAULT_CI_METHOD);
    expect(md).toContain("paired differences");
    expect(md).toContain("common random numbers");
    expect(renderStressReport({ ...input, ciMethod: "Bootstrap, 999 resamples." })).toContain("\nBootstrap, 999 resamples.\n");
  });

  it("experimentation: warm-up, run length, replications", () => {
    expect(md).toContain("| Warm-up | 60 days |\n");
    expect(md).toContain("| Warm-up check | MSER-5 on the baseline's mean daily ga_occupancy_pct suggests discarding 0 of 365 results days. |\n");
    expect(md).toContain("| Run length (results period after warm-up) | 365 days |\n");
    expect(md).toContain("| Replications | 30 |\n");
  });

  it("implementation: software, Node.js, generator, streams, seed, command", () => {
    expect(md).toContain("| Software | pathflow 0.1.0 |\n");
    expect(md).toContain("| Node.js | v20.19.0 |\n");
    expect(md).toContain("| Random number generator | seedrandom xor4096 |\n");
    expect(md).toContain("| Stream allocation | one stream per (seed, replication, source) |\n");
    expect(md).toContain("| Seed | 20250101 |\n");
    expect(md).toContain("| Command | pathflow run models/ics.json --reps 30 |\n");
  });

  it("run time, completion and notes", () => {
    expect(md).toContain("| Run time (wall clock) | 83.5 s |\n");
    expect(md).toContain("| Completion | complete |\n");
    expect(md).toContain("### Notes\n\n- kpi_summary.csv: 2 empty cells\n");
  });

  it("a partial run says so, with completed and requested replications", () => {
    const partial = renderStressReport({ ...input, partial: true, replications: 12, notes: [] });
    expect(partial).toContain("| Replications | 12 of 30 requested |\n");
    expect(partial).toContain("| Completion | partial: stopped early; outputs cover 12 of 30 replications |\n");
    expect(partial).not.toContain("### Notes");
  });

  it("table cells are one line with pipes escaped", () => {
    expect(escapeTableCell("a|b\nc\r\nd")).toBe("a\\|b c d");
  });
});
