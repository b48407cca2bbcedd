/**
 * The model layer: the model file's schema, loading and validation, scenarios, the published JSON
 * Schema, and compiling a validated model into engine structures.
 */
export * from "./schema.js";
export { loadModel, readRatesCsv, validateModelObject } from "./load.js";
export type { LoadedModel, ValidationResult } from "./load.js";
export { crossCheck, PCT_SUM_TOLERANCE } from "./check.js";
export type { CrossCheckContext, CrossCheckInput } from "./check.js";
export { applyScenario, describeScenario, parseChangePath, resolveScenario, validateScenarios } from "./scenario.js";
export type { AppliedChange } from "./scenario.js";
export { MODEL_SCHEMA_ID, modelJsonSchema, modelJsonSchemaText } from "./json-schema.js";
export * from "./compile.js";
