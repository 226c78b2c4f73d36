/**
 * The policy engine's public interface (a pure library: no database, no HTTP).
 *
 *   const pack = loadPack();                                   // validates engine/policies/*.yaml
 *   const facts = checkProfile(json, pack.policyIds);          // field errors, or facts
 *   evaluateChild(pack, facts, dayFromIso('2025-03-01')!)      // full Chinese trace per policy
 *   compileBatch(pack, asOf).run(table)                        // result codes for a column table
 *   packSql(pack, asOf).select()                               // SQL returning 1 / 0 / NULL
 *   whatIf(pack, table, asOf, [{ policy, param, from, value }]) // who becomes eligible, the cost
 */
export { loadPack, loadPackFromSources, PolicyLoadError, POLICY_DIR, type LoadIssue } from './load.js';
export { checkProfile, factsOf, FIELDS, INPUTS, INPUT_BY_PATH, DERIVED, PARENT_FIELDS, type Profile, type Facts, type FieldError } from './profile.js';
export { profileFromChildFile, type ChildFileFacts, type DeriveOptions } from './fromChildFile.js';
export {
  evaluateChild,
  evaluatePolicy,
  evaluatePolicyStored,
  type PolicyResult,
  type StoredPolicyResult,
  type CriterionTrace,
  type AmountResult,
} from './compile/single.js';
export { compileBatch, type BatchPlan, type BatchResult, type Backend } from './compile/batch.js';
export { ELIGIBLE, NOT_IN_FORCE, UNDETERMINED, verdictOf, firstFailingOf, type Verdict } from './compile/codes.js';
export { packSql, policySql, type PackSql } from './compile/sql.js';
export { PROFILE_VIEW, PROFILE_VIEW_COLUMNS, profileViewDefinition, valuesSource } from './sql.js';
export { ProfileTable, codecFor, type Codec } from './columns.js';
export { whatIf, type WhatIfResult, type PolicyWhatIf } from './whatif.js';
export { renderAll, renderPolicy } from './render.js';
export {
  logicAt,
  paramAt,
  withOverrides,
  withMaintainedValues,
  type MaintainedValue,
  type Pack,
  type Policy,
  type Override,
  type ParamDef,
  type ParamValue,
  type LogicVersion,
} from './policy.js';
export { dayFromIso, isoFromDay } from './dates.js';
