/**
 * The step dialog's request bodies: for any values the form can hold, every step and every kind of
 * completion gives a body the server's contract accepts, carrying the version seen and only the part
 * the completion needs.
 */
import fc from 'fast-check';
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { ReferralStepBody, REFERRAL_COMPLETIONS, REFERRAL_STEP_CODES, OUTCOME_RESULTS } from '../../../../common/src/referrals.js';
import { ASSISTANCE_KINDS } from '../../../../common/src/casework.js';
import { SCHOOL_STAGES } from '../../../../common/src/values.js';
import { stepBody, type StepValues } from './stepBody';

const text = fc.string({ minLength: 1, maxLength: 40 }).map((s) => `说明${s.replace(/[<>]/g, '')}`);
const day = fc.integer({ min: 0, max: 3000 }).map((n) => dayjs('2024-01-01').add(n, 'day'));
const yuan = fc.option(
  fc.integer({ min: 0, max: 10_000_00 }).map((n) => n / 100),
  { nil: null },
);

/** What a filled-in dialog holds: the fields the rules require are there, the others may be. */
const values: fc.Arbitrary<StepValues> = fc.record(
  {
    note: fc.option(text, { nil: undefined }),
    reason: text,
    outcome: text,
    result: fc.constantFrom(...OUTCOME_RESULTS),
    decision: fc.constantFrom('granted' as const, 'refused' as const),
    fromDate: day,
    amountYuan: yuan,
    refuseReason: text,
    stage: fc.constantFrom(...SCHOOL_STAGES),
    schoolName: fc.option(fc.constantFrom('定海路小学', '杨浦初级中学'), { nil: undefined }),
    grade: fc.option(fc.constantFrom('三年级', '初二'), { nil: undefined }),
    assistanceKind: fc.constantFrom(...ASSISTANCE_KINDS),
    description: text,
    givenOn: day,
    valueYuan: yuan,
    interventionResult: fc.constantFrom('issued' as const, 'complied' as const, 'failed' as const),
    decidedOn: day,
    personName: fc.constantFrom('钱卫东', ' 郑雅琴 '),
    sessionsRequired: fc.option(fc.integer({ min: 1, max: 100 }), { nil: null }),
  },
  {
    requiredKeys: [
      'reason',
      'outcome',
      'decision',
      'fromDate',
      'refuseReason',
      'stage',
      'assistanceKind',
      'description',
      'givenOn',
      'interventionResult',
      'decidedOn',
      'personName',
    ],
  },
);

describe('stepBody', () => {
  it('gives a body the contract accepts, with the version seen and only the completion’s own part', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...REFERRAL_STEP_CODES),
        fc.constantFrom(...REFERRAL_COMPLETIONS),
        fc.integer({ min: 1, max: 1000 }),
        values,
        (step, completion, version, v) => {
          const body = stepBody({ version, completion }, step, v);
          const parsed = ReferralStepBody.safeParse(body);
          expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
          expect(body.step).toBe(step);
          expect(body.version).toBe(version);
          if (step === 'decline' || step === 'withdraw') expect(body.reason).toBe(v.reason?.trim());
          else expect(body.reason).toBeUndefined();
          const parts = [body.entitlement, body.school, body.assistance, body.intervention].filter(Boolean).length;
          if (step !== 'complete') {
            expect(parts).toBe(0);
            return;
          }
          expect(body.outcome).toBeTruthy();
          expect(parts).toBe(completion === 'entitlement' || completion === 'school' || completion === 'assistance' || completion === 'intervention' ? 1 : 0);
          if (completion === 'intervention') {
            expect(body.intervention).toEqual({
              result: v.interventionResult,
              decidedOn: v.decidedOn?.format('YYYY-MM-DD'),
              personName: v.personName?.trim(),
              sessionsRequired: v.sessionsRequired ?? null,
            });
          }
          if (completion === 'entitlement') {
            const e = body.entitlement;
            expect(e?.decision).toBe(v.decision);
            if (v.decision === 'refused') expect(e).toMatchObject({ fromDate: null, amountFen: null, reason: v.refuseReason?.trim() });
            else expect(e).toMatchObject({ fromDate: v.fromDate?.format('YYYY-MM-DD'), reason: null });
          }
          if (completion === 'problem' || completion === 'response') expect(body.result).toBe(v.result ?? null);
        },
      ),
    );
  });

  it('turns yuan into whole fen', () => {
    const body = stepBody({ version: 3, completion: 'entitlement' }, 'complete', {
      decision: 'granted',
      fromDate: dayjs('2026-12-04'),
      amountYuan: 1200.1,
      outcome: '同意减免',
    });
    expect(body.entitlement).toEqual({ decision: 'granted', fromDate: '2026-12-04', amountFen: 120010, reason: null });
  });
});
