/** Which roles may hold which permissions (三权分立), as property tests over every permission set. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ADMIN_CLASSES, ANY_ADMIN_PERMISSIONS, PERMISSION_CLASS, PERMISSION_CODES, permissionsOutsideClass, type AdminClass } from './permissions.js';

const perms = fc.subarray([...PERMISSION_CODES]);
const cls = fc.constantFrom<AdminClass | null>(null, ...ADMIN_CLASSES);

describe('permissionsOutsideClass', () => {
  it('the approval of acts on administrator accounts sits on any administrator role, never on a business role', () => {
    fc.assert(
      fc.property(perms, cls, (ps, c) => {
        const bad = permissionsOutsideClass(ps, c);
        for (const p of ANY_ADMIN_PERMISSIONS) {
          if (ps.includes(p)) expect(bad.includes(p)).toBe(c === null);
        }
      }),
    );
  });

  it('a class-owned permission is refused exactly on roles of another class (or business roles); others are always allowed', () => {
    fc.assert(
      fc.property(perms, cls, (ps, c) => {
        const bad = new Set(permissionsOutsideClass(ps, c));
        for (const p of ps) {
          const owner = PERMISSION_CLASS[p];
          const anyAdmin = ANY_ADMIN_PERMISSIONS.includes(p);
          const expected = anyAdmin ? c === null : owner !== undefined && owner !== c;
          expect(bad.has(p), `${p} on ${c}`).toBe(expected);
        }
        expect([...bad].every((p) => ps.includes(p as (typeof ps)[number]))).toBe(true);
      }),
    );
  });
});
