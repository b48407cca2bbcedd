/**
 * The validation cases, in the order of the issue that asked for them. Each is data (its
 * configurations and references) plus a `run` that builds model objects — or loads the shipped
 * model files — through the public model path and returns one row per check (see harness.ts).
 *
 * Run them with `npm run validate` (all, full settings; writes docs/VALIDATION.md), with
 * `npm run validate -- --case N` (one case) or `--quick` (the settings the tests use).
 */
import { blockingCase } from "./blocking.js";
import { conservationCase } from "./conservation.js";
import { dischargeToAssessCase } from "./discharge-to-assess.js";
import { driftCase } from "./drift.js";
import { driftEstimateCase } from "./drift-estimate.js";
import { electivesCase } from "./electives.js";
import { erlangBCase } from "./erlang-b.js";
import { erlangCCase } from "./erlang-c.js";
import type { ValidationCase } from "./harness.js";
import { jacksonCase } from "./jackson.js";
import { littlesLawCase } from "./littles-law.js";
import { monksCase } from "./monks.js";
import { releaseCase } from "./release.js";
import { erlangACase } from "./erlang-a.js";
import { priorityCase } from "./priority.js";
import { tandemFiniteCase } from "./tandem-finite.js";
import { treatmentCentreCase } from "./treatment-centre.js";
import { censusCase } from "./census.js";

/** Every case, in order. Conservation (9) is last: it reports on every run before it; the network cases of issue 15 (11–14) come before it. */
export const CASES: readonly ValidationCase[] = [
  erlangCCase,
  erlangBCase,
  jacksonCase,
  littlesLawCase,
  monksCase,
  dischargeToAssessCase,
  blockingCase,
  driftCase,
  releaseCase,
  erlangACase,
  priorityCase,
  tandemFiniteCase,
  treatmentCentreCase,
  driftEstimateCase,
  censusCase,
  electivesCase,
  conservationCase,
];

export function caseById(id: number): ValidationCase | undefined {
  return CASES.find((c) => c.id === id);
}

export { releaseCase, blockingCase, conservationCase, dischargeToAssessCase, driftCase, erlangBCase, erlangCCase, jacksonCase, littlesLawCase, monksCase, erlangACase, priorityCase, tandemFiniteCase, treatmentCentreCase, driftEstimateCase, censusCase, electivesCase };
export type { CaseResult, RunSettings, ValidationCase, ValidationRow, Verdict } from "./harness.js";
