/** The pure rules of 安全防护: the remit of a unit, overdue, and who may report, confirm or send back a fix (property tests). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DISTRICT_SAFETY_UNIT, isOverdue, withinRemit } from '#common/safety.js';
import { confirmRefusal, inspectRefusal, reportFixRefusal, type Caller } from './policies.js';

const unitCode = fc.constantFrom('civil-affairs', 'education', 'water', 'police', 'street-dinghai', 'street-pingliang', 'health');
const street = fc.constantFrom('dinghai', 'pingliang', 'kongjiang');
const streetOf = (u: string) => (u.startsWith('street-') ? u.slice(7) : null);
const site = fc.record({ streetCode: street, responsibleUnitCode: unitCode, inspectingUnits: fc.uniqueArray(unitCode, { maxLength: 3 }) });
const day = fc.integer({ min: 0, max: 3000 }).map((n) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
const ALL = new Set(['safety.read', 'safety.inspect', 'safety.rectify']);

describe('withinRemit', () => {
  it('is exactly: district civil affairs, the street office of the site, a listed unit, or the responsible unit', () => {
    fc.assert(
      fc.property(unitCode, site, (u, s) => {
        const expected = u === DISTRICT_SAFETY_UNIT || streetOf(u) === s.streetCode || s.inspectingUnits.includes(u) || s.responsibleUnitCode === u;
        expect(withinRemit({ code: u, streetCode: streetOf(u) }, s)).toBe(expected);
      }),
    );
  });
  it('a department never gains a street by having none', () => {
    expect(withinRemit({ code: 'water', streetCode: null }, { streetCode: null, responsibleUnitCode: 'education', inspectingUnits: [] })).toBe(false);
  });
});

describe('isOverdue', () => {
  it('holds when not confirmed and the deadline is before today, whatever the days', () => {
    fc.assert(
      fc.property(day, day, fc.constantFrom('open', 'fix_reported', 'confirmed'), (deadline, today, status) => {
        expect(isOverdue({ status, deadline }, today)).toBe(status !== 'confirmed' && deadline < today);
      }),
    );
    expect(isOverdue({ status: 'open', deadline: '2026-06-30' }, '2026-06-30')).toBe(false); // due today is not overdue yet
  });
});

describe('rectification', () => {
  const caller = (userId: string, unit: string, perms = ALL): Caller => ({ userId, unitCode: unit, unitStreet: streetOf(unit), permissions: perms });
  it('never lets the person who reported a fix confirm it; the inspecting unit and a reported fix are required', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('u1', 'u2', 'u3'),
        fc.constantFrom('u1', 'u2', null),
        unitCode,
        unitCode,
        fc.constantFrom('open', 'fix_reported', 'confirmed'),
        (me, reporter, myUnit, inspUnit, status) => {
          const refusal = confirmRefusal(
            caller(me, myUnit),
            { status, responsible_unit_code: 'x', inspecting_unit_code: inspUnit, fix_reported_by: reporter },
            'confirm',
          );
          expect(refusal === null).toBe(status === 'fix_reported' && myUnit === inspUnit && reporter !== me);
        },
      ),
    );
  });
  it('lets only the responsible unit with safety.rectify report a fix of an open hazard', () => {
    const h = { status: 'open', responsible_unit_code: 'street-dinghai', inspecting_unit_code: 'water', fix_reported_by: null };
    expect(reportFixRefusal(caller('a', 'street-dinghai'), h)).toBeNull();
    expect(reportFixRefusal(caller('a', 'street-pingliang'), h)).toContain('整改责任单位');
    expect(reportFixRefusal(caller('a', 'street-dinghai', new Set(['safety.read'])), h)).toContain('权限');
    expect(reportFixRefusal(caller('a', 'street-dinghai'), { ...h, status: 'fix_reported' })).toContain('等待检查单位确认');
  });
  it('refuses an inspection of an inactive site or one outside the remit', () => {
    const s = { active: true, street_code: 'dinghai', responsible_unit_code: 'street-dinghai', inspecting_units: ['water'] };
    expect(inspectRefusal(caller('a', 'water'), s)).toBeNull();
    expect(inspectRefusal(caller('a', 'education'), s)).toContain('职责范围');
    expect(inspectRefusal(caller('a', 'water'), { ...s, active: false })).toContain('停用');
  });
});
