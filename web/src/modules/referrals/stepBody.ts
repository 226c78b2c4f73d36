/**
 * The request body of a referral step from the step dialog's values: a reason for 退回 and 撤回; for
 * 办结, the part the kind's `completion` needs (a benefit decision, the school, the assistance given,
 * the step of the intervention ladder, or the outcome and result) and nothing else. Pure, so it is property-tested.
 */
import dayjs from 'dayjs';
import type { ASSISTANCE_KINDS } from '@common/casework';
import type { OUTCOME_RESULTS, ReferralDetail, ReferralStep, ReferralStepBody } from './api';

/** What the step dialog's form holds. */
export interface StepValues {
  note?: string;
  reason?: string;
  outcome?: string;
  result?: (typeof OUTCOME_RESULTS)[number];
  decision?: 'granted' | 'refused';
  fromDate?: dayjs.Dayjs;
  amountYuan?: number | null;
  refuseReason?: string;
  stage?: string;
  schoolName?: string;
  grade?: string;
  assistanceKind?: (typeof ASSISTANCE_KINDS)[number];
  description?: string;
  givenOn?: dayjs.Dayjs;
  valueYuan?: number | null;
  /** 'intervention' (训诫, 家庭教育指导令, 撤销监护资格/支持起诉): what happened, who, when, sessions ordered. */
  interventionResult?: 'issued' | 'complied' | 'failed';
  decidedOn?: dayjs.Dayjs;
  personName?: string;
  sessionsRequired?: number | null;
}

const trimmed = (v: string | undefined) => (v?.trim() ? v.trim() : null);
const fen = (yuan: number | null | undefined) => (yuan === null || yuan === undefined ? null : Math.round(yuan * 100));

/** The request body of a step from the form's values; the completion form depends on the kind's `completion`. */
export function stepBody(r: Pick<ReferralDetail, 'version' | 'completion'>, step: ReferralStep, v: StepValues): ReferralStepBody {
  const body: ReferralStepBody = { step, version: r.version, note: trimmed(v.note) };
  if (step === 'decline' || step === 'withdraw') body.reason = trimmed(v.reason);
  if (step !== 'complete') return body;
  if (r.completion === 'entitlement') {
    body.entitlement = {
      decision: v.decision ?? 'granted',
      fromDate: v.decision === 'granted' && v.fromDate ? v.fromDate.format('YYYY-MM-DD') : null,
      amountFen: v.decision === 'granted' ? fen(v.amountYuan) : null,
      reason: v.decision === 'refused' ? trimmed(v.refuseReason) : null,
    };
    body.outcome = trimmed(v.outcome);
  } else if (r.completion === 'school') {
    body.school = { stage: v.stage ?? '', schoolName: trimmed(v.schoolName), grade: trimmed(v.grade) };
    body.outcome = trimmed(v.outcome);
  } else if (r.completion === 'assistance') {
    body.assistance = {
      kind: v.assistanceKind ?? 'service',
      description: v.description?.trim() ?? '',
      givenOn: (v.givenOn ?? dayjs()).format('YYYY-MM-DD'),
      valueFen: fen(v.valueYuan),
    };
    body.outcome = trimmed(v.outcome) ?? trimmed(v.description);
  } else if (r.completion === 'intervention') {
    body.intervention = {
      result: v.interventionResult ?? 'issued',
      decidedOn: (v.decidedOn ?? dayjs()).format('YYYY-MM-DD'),
      personName: v.personName?.trim() ?? '',
      sessionsRequired: v.sessionsRequired ?? null,
    };
    body.outcome = trimmed(v.outcome);
  } else {
    body.outcome = trimmed(v.outcome);
    body.result = v.result ?? null;
  }
  return body;
}
