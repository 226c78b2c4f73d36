/**
 * 协同: a department decides a benefit through the referral by the same separation-of-duties rule
 * as on the entitlement page. Whatever the history of an entitlement's steps, nobody who verified
 * or submitted it decides it, nobody outside the deciding unit does, and a second approval is never
 * the first approver's. And the kind a benefit's referral takes follows the policy's unit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/context.js';
import { mayDecide, stepActorsOf, type Decider } from './policies.js';
import { benefitKindFor } from './referralFlows.js';

const USERS = ['u1', 'u2', 'u3', 'u4'];
const UNITS = ['education', 'civil-affairs', 'disabled-federation'];

function actor(userId: string, unitCode: string): Actor {
  return {
    userId,
    username: userId,
    displayName: userId,
    unitCode,
    unitName: unitCode,
    unitNameEn: unitCode,
    roles: [],
    permissions: new Set(['entitlements.write', 'referrals.handle']),
    adminClasses: [],
    scope: { kind: 'none', streets: [], committees: [], assigned: false },
    totpEnabled: false,
    accessSuspended: false,
    session: { idHash: Buffer.alloc(0), publicId: 'p', csrfToken: 'c', pending: null },
  };
}

const event = fc.record({
  user_id: fc.constantFrom(...USERS),
  to_status: fc.constantFrom('verified', 'submitted', 'submitted'),
  kind: fc.constantFrom('status', 'approval'),
});

describe('deciding a benefit through a referral', () => {
  it('never lets a preparer, another unit, or the first approver (twice) decide', () => {
    fc.assert(
      fc.property(
        fc.array(event, { maxLength: 8 }),
        fc.constantFrom(...USERS),
        fc.constantFrom(...UNITS),
        fc.constantFrom(...UNITS),
        fc.constantFrom('granted' as const, 'refused' as const),
        fc.constantFrom(1, 2),
        (events, user, actorUnit, deciderUnit, to, required) => {
          const steps = stepActorsOf(events);
          const decider: Decider = { code: deciderUnit, name: deciderUnit, onBehalfOf: null };
          const verdict = mayDecide(actor(user, actorUnit), decider, steps, to, required);
          if (actorUnit !== deciderUnit) expect(verdict.ok).toBe(false);
          if (steps.preparers.has(user)) expect(verdict.ok).toBe(false);
          if (to === 'granted' && required > 1 && steps.approvers.has(user)) expect(verdict.ok).toBe(false);
          if (actorUnit === deciderUnit && !steps.preparers.has(user) && !(to === 'granted' && required > 1 && steps.approvers.has(user))) {
            expect(verdict.ok).toBe(true);
          }
          if (!verdict.ok) expect(verdict.error.message).toMatch(/[\u4e00-\u9fff]/);
        },
      ),
    );
  });

  it('a benefit of 区教育局 is a school-fee waiver, any other unit a benefit to administer', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (unit) => {
        expect(benefitKindFor(unit)).toBe(unit === 'education' ? 'fee_waiver' : 'benefit');
      }),
    );
  });
});
