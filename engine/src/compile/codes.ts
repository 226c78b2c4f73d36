/**
 * Result codes shared by the batch evaluator and the single-child evaluator, one byte per child
 * and policy: 0 = eligible, 1 + i = not eligible with criterion i (document order) the first that
 * fails, 255 = undetermined (data missing, a standard not maintained, or no logic version in force).
 */
export const ELIGIBLE = 0;
export const UNDETERMINED = 255;
export const MAX_CRITERIA = 254;
export const notEligible = (firstFailing: number) => 1 + firstFailing;
export const firstFailingOf = (code: number) => (code >= 1 && code <= MAX_CRITERIA ? code - 1 : null);
export type Verdict = 'eligible' | 'not-eligible' | 'undetermined';
export function verdictOf(code: number): Verdict {
  return code === ELIGIBLE ? 'eligible' : code === UNDETERMINED ? 'undetermined' : 'not-eligible';
}
