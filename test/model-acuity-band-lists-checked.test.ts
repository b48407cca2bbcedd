import { describe } from "vitest";
import { itReportsEachCase, type CrossCheckCase } from "./helpers/cross-checks.js";

/**
 * Lists given per acuity band have one entry per band, and band names differ; a list of the wrong
 * length is one issue at the list, naming the bands.
 */

const cases: CrossCheckCase[] = [
  {
    name: "an acuity mix with too few bands",
    change: (m) => (m.segments.adults.acuityPct = [50, 50]),
    expected: [{ path: ["segments", "adults", "acuityPct"], code: "invalid_value", message: "acuityPct needs one entry per acuity band (3: 1, 2, 3), got 2" }],
  },
  {
    name: "per-band lists of the wrong length",
    change: (m) => {
      m.nodes.ambulance.categoryByAcuity = ["C4", "C3", "C2", "C1"];
      m.nodes.acute.losMultiplierByAcuity = [1, 1];
      m.nodes.ed.assessmentMultiplierByAcuity = [1];
      m.segments["care-home"].demandMultiplierByAcuity = [1, 1, 1, 1, 1];
    },
    expected: [
      { path: ["segments", "care-home", "demandMultiplierByAcuity"], code: "invalid_value", message: "demandMultiplierByAcuity needs one entry per acuity band (3: 1, 2, 3), got 5" },
      { path: ["nodes", "ambulance", "categoryByAcuity"], code: "invalid_value", message: "categoryByAcuity needs one entry per acuity band (3: 1, 2, 3), got 4" },
      { path: ["nodes", "ed", "assessmentMultiplierByAcuity"], code: "invalid_value", message: "assessmentMultiplierByAcuity needs one entry per acuity band (3: 1, 2, 3), got 1" },
      { path: ["nodes", "acute", "losMultiplierByAcuity"], code: "invalid_value", message: "losMultiplierByAcuity needs one entry per acuity band (3: 1, 2, 3), got 2" },
    ],
  },
  {
    name: "two acuity bands with the same name",
    change: (m) => (m.acuityBands = ["low", "mid", "low"]),
    expected: [{ path: ["acuityBands", 2], code: "invalid_value", message: 'acuity band "low" is listed twice (also acuityBands[0]); band names must differ' }],
  },
];

describe("per-band lists match the acuity bands", () => {
  itReportsEachCase(cases);
});
