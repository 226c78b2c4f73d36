/** The pure rules of training: yearly coverage and the certificate a pass gives (property tests). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CERT_LEVELS, coverageRequired, EXAM_LEVELS, raisedCertLevel, ROLE_KINDS, trainedInYear, TRAINING_KINDS, type AttendedSession } from './training.js';

const day = fc.integer({ min: 0, max: 3 * 366 }).map((n) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
const person = fc.record({ roleKind: fc.constantFrom(...ROLE_KINDS), appointedOn: fc.option(day), leftOn: fc.option(day) });
const session = fc.record({ kind: fc.constantFrom(...TRAINING_KINDS), heldOn: day, attended: fc.boolean() });

describe('coverageRequired', () => {
  it('covers exactly the directors and supervisors serving on the day', () => {
    fc.assert(
      fc.property(person, day, (p, asOf) => {
        const serving = (p.appointedOn === null || p.appointedOn <= asOf) && (p.leftOn === null || p.leftOn > asOf);
        expect(coverageRequired(p, asOf)).toBe((p.roleKind === 'child_director' || p.roleKind === 'street_supervisor') && serving);
      }),
    );
  });
});

describe('trainedInYear', () => {
  it('needs an attended annual training of the year up to the day, or an induction when appointed that year', () => {
    fc.assert(
      fc.property(person, fc.array(session, { maxLength: 6 }), day, (p, sessions, asOf) => {
        const got = trainedInYear(p, sessions, asOf);
        const inYear = (s: AttendedSession) => s.attended && s.heldOn.slice(0, 4) === asOf.slice(0, 4) && s.heldOn <= asOf;
        const newcomer = p.appointedOn?.slice(0, 4) === asOf.slice(0, 4);
        expect(got).toBe(sessions.some((s) => inYear(s) && (s.kind === 'annual' || (s.kind === 'induction' && newcomer))));
      }),
    );
  });
  it('is monotone: attending one more session never untrains', () => {
    fc.assert(
      fc.property(person, fc.array(session, { maxLength: 5 }), session, day, (p, sessions, extra, asOf) => {
        if (trainedInYear(p, sessions, asOf)) expect(trainedInYear(p, [...sessions, extra], asOf)).toBe(true);
      }),
    );
  });
  it('ignores specialised and social-work sessions and sessions not attended', () => {
    const p = { roleKind: 'child_director' as const, appointedOn: '2026-03-01', leftOn: null };
    expect(trainedInYear(p, [{ kind: 'specialised', heldOn: '2026-04-01', attended: true }], '2026-12-01')).toBe(false);
    expect(trainedInYear(p, [{ kind: 'annual', heldOn: '2026-04-01', attended: false }], '2026-12-01')).toBe(false);
    expect(trainedInYear(p, [{ kind: 'induction', heldOn: '2026-04-01', attended: true }], '2026-12-01')).toBe(true);
    expect(trainedInYear({ ...p, appointedOn: '2025-03-01' }, [{ kind: 'induction', heldOn: '2026-04-01', attended: true }], '2026-12-01')).toBe(false);
    expect(trainedInYear(p, [{ kind: 'annual', heldOn: '2025-12-31', attended: true }], '2026-12-01')).toBe(false);
  });
});

describe('raisedCertLevel', () => {
  it('only ever raises the level, to the level passed', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CERT_LEVELS), fc.constantFrom(...EXAM_LEVELS), (cur, passed) => {
        const after = raisedCertLevel(cur, passed);
        expect(CERT_LEVELS.indexOf(after)).toBe(Math.max(CERT_LEVELS.indexOf(cur), CERT_LEVELS.indexOf(passed)));
      }),
    );
  });
});
