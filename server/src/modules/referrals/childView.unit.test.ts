/**
 * The presenter of the child as a receiving unit sees it: for any set of sections a kind may
 * declare, exactly those sections come out (identity always), and no name, identity number or phone
 * in clear — whatever the rows hold.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName } from '#common/mask.js';
import { REFERRAL_SECTIONS } from '#common/referrals.js';
import { presentChildView, sectionsOf, type ChildViewRows } from './childView.js';

const OPTIONAL = ['school', 'health', 'family', 'benefits', 'problems', 'assistance'] as const;
const hanzi = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((n) => String.fromCharCode(n));
const name = fc.array(hanzi, { minLength: 2, maxLength: 4 }).map((a) => a.join(''));
const idNumber = fc.stringMatching(/^31011[0-9]{12}[0-9X]$/);
const phone = fc.stringMatching(/^1[3-9][0-9]{9}$/);
const uuid = fc.uuid();

const rowsArb = fc.record({
  childName: name,
  idNumber: fc.option(idNumber, { nil: null }),
  members: fc.array(fc.record({ id: uuid, name, phone: fc.option(phone, { nil: null }) }), { maxLength: 4 }),
});

/** Test "sealing": the value itself, tagged, so that decrypt can tell a sealed value from a plain one. */
const seal = (v: string | null) => (v === null ? null : `sealed:${v}`);
const decrypt = (v: string | null) => (v === null ? null : v.replace(/^sealed:/, ''));

interface Input {
  childName: string;
  idNumber: string | null;
  members: { id: string; name: string; phone: string | null }[];
}

function rowsOf(r: Input): ChildViewRows {
  return {
    child: {
      id: '00000000-0000-4000-8000-000000000001',
      name: r.childName,
      sex: 'F',
      birth_date: '2015-06-01',
      id_number_enc: seal(r.idNumber),
      street_name: '定海路街道',
      committee_name: '测试居委',
      school_stage: '小学',
      school_name: '测试小学',
      school_grade: '三年级',
      disability_type: '肢体',
      disability_grade: 2,
      serious_illness: null,
    },
    categories: [{ category: 'left_behind', since: '2024-01-01' }],
    members: r.members.map((m) => ({ id: m.id, name: m.name, relation: '母亲', role: 'guardian', status: 'alive_fit', phone_enc: seal(m.phone) })),
    entitlements: [{ id: 'e1', policy_id: 'p1', policy_name: null, status: 'submitted', from_date: null, version: 1 }],
    problems: [{ id: 'p1', category: 'guardianship', description: '监护人外出', status: 'open', due_on: null }],
    assistance: [{ id: 'a1', kind: 'material', description: '冬衣', given_on: '2026-11-01', provider_name: '社工站' }],
  };
}

describe('presentChildView', () => {
  it('shows exactly the declared sections, identity always, nothing in clear', () => {
    fc.assert(
      fc.property(fc.subarray([...OPTIONAL]), rowsArb, (declared, r) => {
        const sections = sectionsOf(['identity', ...declared]);
        const v = presentChildView(decrypt, 'r1', sections, null, rowsOf(r), '2026-12-04');
        const shown = Object.keys(v).filter((k) => !['referralId', 'sections', 'accessUntil', 'identity'].includes(k));
        expect(shown.sort()).toEqual([...declared].sort());
        expect(v.identity.name).toBe(maskName(r.childName));
        expect(v.identity.idNumber).toBe(maskIdNumber(r.idNumber));
        expect(v.identity.age).toBe(11);
        const body = JSON.stringify(v);
        expect(body).not.toContain('sealed:');
        expect(body).not.toContain(`"${r.childName}"`);
        if (r.idNumber) expect(body).not.toContain(r.idNumber);
        for (const m of r.members) {
          expect(body).not.toContain(`"${m.name}"`);
          if (m.phone) expect(body).not.toContain(m.phone);
        }
        if (v.family) expect(v.family.map((m) => m.name)).toEqual(r.members.map((m) => maskName(m.name)));
      }),
    );
  });

  it('a section not declared is absent even when its rows were read', () => {
    const v = presentChildView(decrypt, 'r1', ['identity'], null, rowsOf({ childName: '张小明', idNumber: null, members: [] }), '2026-12-04');
    expect(Object.keys(v).sort()).toEqual(['accessUntil', 'identity', 'referralId', 'sections']);
  });
});

describe('sectionsOf', () => {
  it('keeps the canonical order, drops unknown codes, and is idempotent', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...REFERRAL_SECTIONS), fc.string({ maxLength: 8 }))), (codes) => {
        const s = sectionsOf(codes);
        expect(s).toEqual(REFERRAL_SECTIONS.filter((x) => codes.includes(x)));
        expect(sectionsOf(s)).toEqual(s);
      }),
    );
  });
});
