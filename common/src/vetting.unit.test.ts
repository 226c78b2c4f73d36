/**
 * The record-check rule (未成年人保护法 Art. 62): hand-made cases across a year boundary and a leap
 * day, the reminders 30 and 7 days before a lapse, and properties over random histories.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths } from './dates.js';
import { checkAllowsAccess, checkStatus, remindersDue, type CheckRecord, type CheckSettings } from './vetting.js';

const clear = (answeredOn: string, requestedOn = answeredOn): CheckRecord => ({ kind: 'annual', requestedOn, answeredOn, result: 'clear' });
const S: CheckSettings = { validityMonths: 12, remindDays: [30, 7], enforceFrom: null };

describe('checkStatus by hand', () => {
  it('a check answered 2025-12-31 is valid through 2026-12-30 and lapsed on 2026-12-31', () => {
    expect(checkStatus([clear('2025-12-31')], '2026-12-30', S)).toMatchObject({ state: 'expiring', validUntil: '2026-12-30', daysLeft: 0, suspend: false });
    expect(checkStatus([clear('2025-12-31')], '2026-12-31', S)).toMatchObject({ state: 'lapsed', daysLeft: -1, suspend: true });
    expect(checkStatus([clear('2025-12-31')], '2026-11-29', S).state).toBe('valid');
    expect(checkStatus([clear('2025-12-31')], '2026-11-30', S).state).toBe('expiring');
  });

  it('a check answered on a leap day runs to the end of February of the next year', () => {
    const st = checkStatus([clear('2024-02-29')], '2025-02-27', S);
    expect(st.validUntil).toBe(addDays(addMonths('2024-02-29', 12), -1));
    expect(checkStatus([clear('2024-02-29')], addDays(st.validUntil ?? '', 1), S).state).toBe('lapsed');
  });

  it('reminders 30 and 7 days before the lapse, none after it', () => {
    const st = (today: string) => checkStatus([clear('2025-12-31')], today, S);
    expect(remindersDue(st('2026-11-29'), S)).toEqual([]);
    expect(remindersDue(st('2026-11-30'), S)).toEqual([{ dueOn: '2026-12-30', daysBefore: 30 }]);
    expect(remindersDue(st('2026-12-23'), S)).toEqual([
      { dueOn: '2026-12-30', daysBefore: 30 },
      { dueOn: '2026-12-30', daysBefore: 7 },
    ]);
    expect(remindersDue(st('2026-12-31'), S)).toEqual([]);
  });

  it('pending, none and restricted; enforce_from delays the suspension of a lapse but never of a restriction', () => {
    expect(checkStatus([], '2026-01-01', S)).toMatchObject({ state: 'none', suspend: true });
    expect(checkStatus([{ kind: 'pre_appointment', requestedOn: '2026-01-01', answeredOn: null, result: 'pending' }], '2026-01-02', S).state).toBe('pending');
    const late = { ...S, enforceFrom: '2027-01-01' };
    expect(checkStatus([clear('2025-01-01')], '2026-06-01', late)).toMatchObject({ state: 'lapsed', suspend: false });
    expect(
      checkStatus([{ kind: 'annual', requestedOn: '2026-01-01', answeredOn: '2026-01-05', result: 'restricted' }, clear('2026-02-01')], '2026-06-01', late),
    ).toMatchObject({ state: 'restricted', suspend: true });
  });
});

const day = fc.integer({ min: 0, max: 3000 }).map((n) => addDays('2020-01-01', n));
const record = fc
  .tuple(day, fc.integer({ min: 0, max: 60 }), fc.constantFrom('pending', 'clear', 'restricted'))
  .map(([requestedOn, wait, result]): CheckRecord =>
    result === 'pending'
      ? { kind: 'annual', requestedOn, answeredOn: null, result: 'pending' }
      : { kind: 'annual', requestedOn, answeredOn: addDays(requestedOn, wait), result: result === 'clear' ? 'clear' : 'restricted' },
  );

describe('checkStatus properties', () => {
  it('access is allowed exactly when a clear answer of the last validity period exists and nothing restricts', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 6 }), day, (checks, today) => {
        const st = checkStatus(checks, today, S);
        const answered = checks.filter((c) => c.answeredOn !== null && c.answeredOn <= today);
        const restricted = answered.some((c) => c.result === 'restricted');
        const fresh = answered.some((c) => c.result === 'clear' && c.answeredOn !== null && addDays(addMonths(c.answeredOn, 12), -1) >= today);
        expect(checkAllowsAccess(st)).toBe(!restricted && fresh);
        // a suspension (enforced from the start) is exactly the absence of access
        expect(st.suspend).toBe(!checkAllowsAccess(st));
      }),
    );
  });

  it('a new clear answer today never reduces access; the reminders are a subset of the lead times, only while valid', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 6 }), day, (checks, today) => {
        const before = checkAllowsAccess(checkStatus(checks, today, S));
        const after = checkStatus([...checks, clear(today)], today, S);
        if (before) expect(checkAllowsAccess(after)).toBe(true);
        const st = checkStatus(checks, today, S);
        for (const r of remindersDue(st, S)) {
          expect(S.remindDays).toContain(r.daysBefore);
          expect(checkAllowsAccess(st)).toBe(true);
        }
      }),
    );
  });
});
