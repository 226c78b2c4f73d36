/**
 * The pure decisions of the record checks: which dates an answer may carry, and what a person's
 * check state means for their linked account (the rule itself is common/src/vetting.ts).
 */
import type { FieldError } from '../../core/errors.js';
import type { CheckState } from '#common/vetting.js';

/** An answer comes after its request and not after today (the police cannot answer tomorrow). */
export function answerDateErrors(requestedOn: string, answeredOn: string, today: string): FieldError[] {
  if (answeredOn < requestedOn) return [{ path: 'answeredOn', message: `查询结果日期不能早于申请查询日期（${requestedOn}）` }];
  if (answeredOn > today) return [{ path: 'answeredOn', message: '查询结果日期不能晚于今天' }];
  return [];
}

/** A request is not dated in the future. */
export function requestDateErrors(requestedOn: string, today: string): FieldError[] {
  return requestedOn > today ? [{ path: 'requestedOn', message: '申请查询日期不能晚于今天' }] : [];
}

export type SuspensionReason = 'lapsed' | 'no_check' | 'restricted' | 'pending';

/**
 * The suspension an account must carry: none when the person's check allows access (or the rule
 * does not suspend yet, before enforce_from), else the reason named after the check state.
 */
export function suspensionReason(state: CheckState, suspend: boolean): SuspensionReason | null {
  if (!suspend) return null;
  switch (state) {
    case 'restricted':
      return 'restricted';
    case 'lapsed':
      return 'lapsed';
    case 'pending':
      return 'pending';
    default:
      return 'no_check';
  }
}

export const SUSPENSION_REASON_ZH: Record<SuspensionReason, string> = {
  lapsed: '入职查询已过期',
  no_check: '未进行入职查询',
  restricted: '存在从业限制',
  pending: '入职查询尚无结果',
};
