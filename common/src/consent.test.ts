/** The consent rules: active on a date, withdrawn, expired, the age thresholds; properties with fast-check. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, ageOn } from './dates.js';
import {
  CHILD_CONSENT_FROM_AGE,
  CHILD_VIEW_FROM_AGE,
  ConsentCreate,
  agreementNeeded,
  consentRefusals,
  consentStatus,
  hasActiveConsent,
  type ConsentFacts,
} from './consent.js';

const DAY = '2026-12-04';
const day = (min: string, max: string) =>
  fc.date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

const factsArb = fc
  .record({
    birthDate: day('2008-12-05', '2026-12-04'),
    givenOffset: fc.integer({ min: -2000, max: 30 }),
    validDays: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: null }),
    withdrawOffset: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: null }),
    childAgreement: fc.constantFrom('agreed' as const, 'refused' as const, null),
  })
  .map(({ birthDate, givenOffset, validDays, withdrawOffset, childAgreement }): ConsentFacts => {
    const g = addDays(DAY, givenOffset);
    const givenOn = g < birthDate ? birthDate : g;
    return {
      birthDate,
      givenOn,
      validUntil: validDays === null ? null : addDays(givenOn, validDays),
      withdrawnOn: withdrawOffset === null ? null : addDays(givenOn, withdrawOffset),
      childAgreement,
    };
  });

const young: ConsentFacts = { birthDate: '2022-03-01', givenOn: '2026-11-01', validUntil: null, withdrawnOn: null, childAgreement: null };

describe('consentStatus', () => {
  it('reads active, not yet, expired, withdrawn and the child refusing', () => {
    expect(consentStatus(young, DAY)).toBe('active');
    expect(consentStatus(young, '2026-10-31')).toBe('not_yet');
    expect(consentStatus({ ...young, validUntil: '2026-12-03' }, DAY)).toBe('expired');
    expect(consentStatus({ ...young, validUntil: DAY }, DAY)).toBe('active');
    expect(consentStatus({ ...young, withdrawnOn: DAY }, DAY)).toBe('withdrawn');
    expect(consentStatus({ ...young, withdrawnOn: '2026-12-05' }, DAY)).toBe('active');
    const ten: ConsentFacts = { ...young, birthDate: '2016-01-01' };
    expect(consentStatus(ten, DAY)).toBe('child_refused');
    expect(consentStatus({ ...ten, childAgreement: 'refused' }, DAY)).toBe('child_refused');
    expect(consentStatus({ ...ten, childAgreement: 'agreed' }, DAY)).toBe('active');
  });

  it('active exactly when inside the period, not withdrawn by that day, and agreed from 8', () => {
    fc.assert(
      fc.property(factsArb, day('2020-01-01', '2030-12-31'), (c, d) => {
        const age = ageOn(c.birthDate, c.givenOn);
        const expected =
          d >= c.givenOn &&
          (c.validUntil === null || d <= c.validUntil) &&
          (c.withdrawnOn === null || d < c.withdrawnOn) &&
          (age < CHILD_VIEW_FROM_AGE || c.childAgreement === 'agreed');
        expect(consentStatus(c, d) === 'active').toBe(expected);
      }),
    );
  });

  it('a withdrawal is final: once withdrawn, withdrawn on every later day', () => {
    fc.assert(
      fc.property(factsArb, fc.integer({ min: 0, max: 3000 }), (c, later) => {
        if (c.withdrawnOn === null) return;
        expect(consentStatus(c, addDays(c.withdrawnOn, later))).toBe('withdrawn');
      }),
    );
  });

  it('hasActiveConsent is "any active"; adding a withdrawn consent never makes one active', () => {
    fc.assert(
      fc.property(fc.array(factsArb, { maxLength: 5 }), day('2020-01-01', '2030-12-31'), (cs, d) => {
        expect(hasActiveConsent(cs, d)).toBe(cs.some((c) => consentStatus(c, d) === 'active'));
        const withdrawn = cs.map((c) => ({ ...c, withdrawnOn: c.givenOn }));
        expect(hasActiveConsent(withdrawn, d)).toBe(false);
      }),
    );
  });
});

describe('age thresholds', () => {
  it("guardian always; the child's view from 8; the child's consent from 14", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 17 }), (age) => {
        const n = agreementNeeded(age);
        expect(n.guardian).toBe(true);
        expect(n.childView).toBe(age >= CHILD_VIEW_FROM_AGE);
        expect(n.childConsent).toBe(age >= CHILD_CONSENT_FROM_AGE);
        if (n.childConsent) expect(n.childView).toBe(true);
      }),
    );
    expect(agreementNeeded(7).childView).toBe(false);
    expect(agreementNeeded(8).childView).toBe(true);
    expect(agreementNeeded(13).childConsent).toBe(false);
    expect(agreementNeeded(14).childConsent).toBe(true);
  });

  it("recording asks for the child's view exactly from 8, counted on the day consent was given", () => {
    const base = { today: DAY, validUntil: null, childAgreement: null, purposeNeedsConsent: true, purposeActive: true };
    // born 2018-12-05: 7 on 2026-12-04, 8 on 2026-12-05
    expect(consentRefusals({ ...base, birthDate: '2018-12-05', givenOn: DAY })).toEqual([]);
    expect(consentRefusals({ ...base, birthDate: '2018-12-04', givenOn: DAY }).map((f) => f.path)).toEqual(['childAgreement']);
    expect(consentRefusals({ ...base, birthDate: '2012-01-01', givenOn: DAY })[0]?.message).toContain('14 周岁');
    fc.assert(
      fc.property(day('2008-12-05', '2026-12-04'), day('2008-12-05', '2026-12-04'), (birthDate, givenOn) => {
        const f = consentRefusals({ ...base, birthDate, givenOn });
        const asked = f.some((x) => x.path === 'childAgreement');
        if (givenOn >= birthDate) expect(asked).toBe(ageOn(birthDate, givenOn) >= CHILD_VIEW_FROM_AGE);
        expect(f.some((x) => x.path === 'givenOn')).toBe(givenOn < birthDate);
      }),
    );
  });

  it('refuses a future date, an end before the start, a purpose that is not consent-based', () => {
    const base = { today: DAY, birthDate: '2022-01-01', givenOn: DAY, validUntil: null, childAgreement: null, purposeNeedsConsent: true, purposeActive: true };
    expect(consentRefusals({ ...base, givenOn: '2026-12-05' })[0]?.message).toBe('同意日期不能晚于今天');
    expect(consentRefusals({ ...base, validUntil: '2026-12-03' })[0]?.path).toBe('validUntil');
    expect(consentRefusals({ ...base, purposeNeedsConsent: false })[0]?.message).toContain('无须记录同意');
    expect(consentRefusals({ ...base, purposeActive: false })[0]?.message).toBe('该处理目的已停用');
  });
});

describe('ConsentCreate', () => {
  it('any text with a control character is refused in Chinese', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('\u0000', '\u0007', '\u202e'), fc.string(), (a, bad, b) => {
        const r = ConsentCreate.safeParse({
          purposeCode: 'org_referral',
          guardianMemberId: '00000000-0000-4000-8000-000000000000',
          givenOn: DAY,
          method: 'written',
          scopeNote: a + bad + b,
        });
        expect(r.success).toBe(false);
      }),
    );
  });
});
