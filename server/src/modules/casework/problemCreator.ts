/**
 * The visits module imports `createProblem` from this path; it lives in `commands/problems.ts` now.
 * Kept so visits keeps working until it imports the command directly (then this file goes).
 */
export { createProblem, defaultDueOn, DEFAULT_DUE_DAYS, type NewProblem, type ProblemCategory, type ProblemSeverity } from './commands/problems.js';
