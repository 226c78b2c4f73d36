/** The ledger's pure decisions: placement by scope, committees of the person's street, the Art. 62 refusal. */
import { describe, expect, it } from 'vitest';
import { checkStatus } from '#common/vetting.js';
import { NO_VALID_CHECK_MESSAGE } from '#common/workforce.js';
import { accountRefusal, committeeErrors, placementErrors } from './policies.js';

const street = { kind: 'street' as const, streets: ['dinghai'], committees: [], assigned: false };
const district = { kind: 'district' as const, streets: ['dinghai', 'pingliang'], committees: [], assigned: false };
const office = (s: string) => ({ kind: 'street', street_code: s, active: true });

describe('placementErrors', () => {
  it('a street places people in its own street, with its own office; the district anywhere', () => {
    const p = { streetCode: 'dinghai', unit: office('dinghai'), roleKind: 'child_director' as const, appointedOn: null, leftOn: null };
    expect(placementErrors(street, p)).toEqual([]);
    expect(placementErrors(street, { ...p, streetCode: 'pingliang', unit: office('pingliang') })[0]?.path).toBe('streetCode');
    expect(placementErrors(street, { ...p, unit: office('pingliang') })[0]?.path).toBe('unitCode');
    expect(placementErrors(district, { ...p, streetCode: null, unit: { kind: 'district', street_code: null, active: true }, roleKind: 'other' })).toEqual([]);
    expect(placementErrors(district, { ...p, streetCode: null, unit: { kind: 'district', street_code: null, active: true } })[0]?.message).toContain(
      '儿童主任',
    );
    expect(placementErrors(street, { ...p, appointedOn: '2026-05-01', leftOn: '2026-04-30' })[0]?.path).toBe('leftOn');
  });
});

describe('committeeErrors and accountRefusal', () => {
  it('committees of the person’s street only, from the appointment on', () => {
    const person = { streetCode: 'dinghai', appointedOn: '2026-01-01', leftOn: null };
    expect(committeeErrors(person, { street_code: 'dinghai', active: true }, '2026-02-01')).toEqual([]);
    expect(committeeErrors(person, { street_code: 'pingliang', active: true }, '2026-02-01')[0]?.message).toContain('所在街道');
    expect(committeeErrors(person, { street_code: 'dinghai', active: false }, '2026-02-01')[0]?.path).toBe('committeeId');
    expect(committeeErrors(person, { street_code: 'dinghai', active: true }, '2025-12-31')[0]?.path).toBe('since');
  });

  it('an account only with a valid check, for a child-facing kind, not after leaving', () => {
    const valid = checkStatus([{ kind: 'annual', requestedOn: '2026-01-01', answeredOn: '2026-01-02', result: 'clear' }], '2026-06-01');
    const none = checkStatus([], '2026-06-01');
    const p = { roleKind: 'child_director' as const, leftOn: null, userId: null };
    expect(accountRefusal(p, valid, '2026-06-01')).toBeNull();
    expect(accountRefusal(p, none, '2026-06-01')).toBe(NO_VALID_CHECK_MESSAGE);
    expect(accountRefusal({ ...p, roleKind: 'other' }, valid, '2026-06-01')).toContain('只有');
    expect(accountRefusal({ ...p, leftOn: '2026-05-01' }, valid, '2026-06-01')).toContain('离任');
    expect(accountRefusal({ ...p, userId: 'u' }, valid, '2026-06-01')).toContain('已关联');
  });
});
