/**
 * 入职查询 / 从业限制 (未成年人保护法 Art. 62; 上海市未成年人保护条例 Art. 47): a person working with
 * children is checked against the police records before appointment and every year after. This
 * module decides, for one person on one day, whether their check is valid, when it lapses, which
 * reminders are due and whether their access to children's files must be suspended. Pure: the
 * server, the daily job and the web read the same answer.
 */
import { addDays, addMonths, daysBetween } from './dates.js';

export const CHECK_KINDS = ['pre_appointment', 'annual'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];
export const CHECK_RESULTS = ['pending', 'clear', 'restricted'] as const;
export type CheckResult = (typeof CHECK_RESULTS)[number];

export interface CheckRecord {
  kind: CheckKind;
  /** The day the request went to the police (YYYY-MM-DD). */
  requestedOn: string;
  /** The day of the police's answer; null while pending. */
  answeredOn: string | null;
  result: CheckResult;
}

export interface CheckSettings {
  /** How long a clear answer is valid (12: the yearly re-check). */
  validityMonths: number;
  /** Lead times of the reminders, in days before the lapse (e.g. [30, 7]). */
  remindDays: number[];
  /** Before this day a lapse only reminds; null: enforced from the start. */
  enforceFrom: string | null;
}

export const DEFAULT_CHECK_SETTINGS: CheckSettings = { validityMonths: 12, remindDays: [30, 7], enforceFrom: null };

/**
 * - valid: a clear answer within its validity;
 * - expiring: valid, but the lapse is within the longest reminder lead time;
 * - lapsed: the last clear answer is older than its validity;
 * - pending: asked, never answered clear yet (before appointment);
 * - none: never asked;
 * - restricted: the police answered that the person has a record that bars child-facing work.
 */
export type CheckState = 'valid' | 'expiring' | 'lapsed' | 'pending' | 'none' | 'restricted';

export interface CheckStatus {
  state: CheckState;
  /** The day of the last clear answer. */
  lastClearOn: string | null;
  /** The last day the check is valid (null without a clear answer). */
  validUntil: string | null;
  /** Days from `today` to `validUntil` (negative once lapsed). */
  daysLeft: number | null;
  /** A re-check has been asked and not yet answered. */
  renewalPending: boolean;
  /** Access to children's files must be suspended today. */
  suspend: boolean;
}

/** The status of one person's record check on `today`. */
export function checkStatus(checks: readonly CheckRecord[], today: string, settings: CheckSettings = DEFAULT_CHECK_SETTINGS): CheckStatus {
  const answered = checks.filter((c) => c.answeredOn !== null && c.answeredOn <= today);
  const restricted = answered.some((c) => c.result === 'restricted');
  const lastClearOn = answered.reduce<string | null>(
    (last, c) => (c.result === 'clear' && c.answeredOn !== null && (last === null || c.answeredOn > last) ? c.answeredOn : last),
    null,
  );
  const pending = checks.some((c) => c.result === 'pending' && c.requestedOn <= today);
  const enforced = settings.enforceFrom === null || today >= settings.enforceFrom;
  const validUntil = lastClearOn === null ? null : addDays(addMonths(lastClearOn, settings.validityMonths), -1);
  const daysLeft = validUntil === null ? null : daysBetween(today, validUntil);
  const renewalPending = pending && lastClearOn !== null && checks.some((c) => c.result === 'pending' && c.requestedOn >= lastClearOn);

  let state: CheckState;
  if (restricted) state = 'restricted';
  else if (validUntil === null) state = pending ? 'pending' : 'none';
  else if (today > validUntil) state = 'lapsed';
  else if ((daysLeft ?? 0) <= Math.max(0, ...settings.remindDays)) state = 'expiring';
  else state = 'valid';

  const suspend = state === 'restricted' || (enforced && (state === 'lapsed' || state === 'pending' || state === 'none'));
  return { state, lastClearOn, validUntil, daysLeft, renewalPending, suspend };
}

/** A valid check (valid or expiring): what a child-facing role needs to be granted. */
export function checkAllowsAccess(status: CheckStatus): boolean {
  return status.state === 'valid' || status.state === 'expiring';
}

/**
 * The reminders due on `today`: each lead time whose day has come and the check has not lapsed yet.
 * The caller keeps which (validUntil, lead time) pairs it already sent, so each goes once.
 */
export function remindersDue(status: CheckStatus, settings: CheckSettings = DEFAULT_CHECK_SETTINGS): { dueOn: string; daysBefore: number }[] {
  const { validUntil, daysLeft } = status;
  if (validUntil === null || daysLeft === null || daysLeft < 0 || status.state === 'restricted') return [];
  return [...new Set(settings.remindDays)]
    .filter((d) => d >= 0 && daysLeft <= d)
    .sort((a, b) => b - a)
    .map((daysBefore) => ({ dueOn: validUntil, daysBefore }));
}

/** Chinese labels of the states, for lists and messages. */
export const CHECK_STATE_ZH: Record<CheckState, string> = {
  valid: '有效',
  expiring: '即将到期',
  lapsed: '已过期',
  pending: '查询中',
  none: '未查询',
  restricted: '存在从业限制',
};
