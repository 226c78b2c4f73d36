/**
 * The entry points of 免申即享 that other modules and tools use, under the names they have always
 * had: the children module re-matches a child after a change of its file (`rematchChild`, or
 * `packFor` + `evaluateChildFile` + `storeResults`); the benchmarks and tests read the pack and
 * evaluate. The module itself imports the files named here, never this one.
 */
export { BASE_PACK, invalidatePack, packFor, restrictedPolicies, stakeRank, todayShanghai, toFillIn, VERDICT_OF, type MaintainedRow } from './pack.js';
export { evaluateChildFile, whatIfInScope } from './queries.js';
export { rematchChild, storeResults, suggestDue, suggestEntitlement, writeResults } from './commands/results.js';
export { runMatchingOneByOne } from './commands/matching.js';
export { hiddenPolicies, visibleResults } from './policies.js';
export { presentResult } from './presenters.js';
