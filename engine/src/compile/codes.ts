/**
 * Result codes shared by the batch evaluator and the single-child evaluator, one byte per child
 * and policy: 0 = eligible, 1 + i = not eligible with criterion i (document order) the first that
 * fails, 254 = not eligible because the policy was not yet in force on the as-of date (政策尚未施行:
 * the date is before its first logic version), 255 = undetermined (data missing, a standard not
 * maintained or unverified, a criterion to be verified by hand, or a date after every version).
 */
export const ELIGIBLE = 0;
export const NOT_IN_FORCE = 254;
export const UNDETERMINED = 255;
export const MAX_CRITERIA = 253;
export const notEligible = (firstFailing: number) => 1 + firstFailing;
export const firstFailingOf = (code: number) => (code >= 1 && code <= MAX_CRITERIA ? code - 1 : null);
export type Verdict = 'eligible' | 'not-eligible' | 'undetermined';
export function verdictOf(code: number): Verdict {
  return code === ELIGIBLE ? 'eligible' : code === UNDETERMINED ? 'undetermined' : 'not-eligible';
}
