import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CommitteeCreate, CommitteeRename, RoleCreate, UnitCreate, UserCreate } from './api.js';
import { MemberInput } from './children.js';
import { isPlainName, NAME_FORBIDDEN_MESSAGE, plainName } from './text.js';
import { z } from 'zod';

const FORBIDDEN = [...Array.from({ length: 32 }, (_, i) => i), 0x7f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069].map((c) =>
  String.fromCharCode(c),
);

describe('plain names', () => {
  it('refuse any control character or bidi override anywhere in the name', () => {
    const schema = plainName(z.string().trim().min(1).max(200));
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.constantFrom(...FORBIDDEN), fc.string({ maxLength: 20 }), (pre, bad, post) => {
        const r = schema.safeParse(`名${pre}${bad}${post}字`);
        expect(r.success).toBe(false);
        if (!r.success) expect(r.error.issues[0]!.message).toBe(NAME_FORBIDDEN_MESSAGE);
      }),
    );
  });

  it('accept everything else, including HTML- and SQL-like text (escaped on output)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (s) => {
        expect(isPlainName(s)).toBe(!FORBIDDEN.some((c) => s.includes(c)));
      }),
    );
    for (const s of ['<script>alert(1)</script>', "张三'; drop table users; --", '欧阳娜娜', "O'Brien & Co."]) expect(isPlainName(s)).toBe(true);
  });

  it('apply to the name fields of committees, units, roles, users and family members', () => {
    const evil = '定海\u202e居民区';
    expect(CommitteeCreate.safeParse({ streetCode: 'dinghai', name: evil }).success).toBe(false);
    expect(CommitteeRename.safeParse({ name: '定海\n居民区' }).success).toBe(false);
    const unit = UnitCreate.safeParse({ code: 'u-1', name: evil, kind: 'department' });
    expect(unit.success).toBe(false);
    if (!unit.success) expect(unit.error.issues.find((i) => i.path[0] === 'name')?.message).toContain('单位名称');
    expect(RoleCreate.safeParse({ code: 'r-1', name: '角色\u0007名', scopeKind: 'none', permissions: [] }).success).toBe(false);
    const user = UserCreate.safeParse({ username: 'someone', displayName: '张\u2066三', unitCode: 'education', roles: [], password: 'x' });
    expect(user.success).toBe(false);
    if (!user.success) expect(user.error.issues.map((i) => i.path[0])).toContain('displayName');
    expect(MemberInput.safeParse({ name: '李\u0000四', relation: '父亲', role: 'guardian' }).success).toBe(false);
    expect(CommitteeCreate.safeParse({ streetCode: 'dinghai', name: '<script>alert(1)</script>' }).success).toBe(true);
  });
});

describe('free text', () => {
  it('keeps line breaks and tabs, refuses the other control characters and bidi overrides', async () => {
    const { plainText } = await import('./text.js');
    const { CarePlanCreate } = await import('./casework.js');
    const schema = plainText(z.string());
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.constantFrom('\n', '\r\n', '\t'), fc.string({ maxLength: 20 }), (a, sep, b) => {
        const s = `${a}${sep}${b}`;
        expect(schema.safeParse(s).success).toBe(!FORBIDDEN.filter((c) => !'\n\r\t'.includes(c)).some((c) => s.includes(c)));
      }),
    );
    expect(schema.safeParse('一、入户\n二、学校\u202e').success).toBe(false);
    // A help plan's measures are several lines; its responsible person is a name.
    const plan = {
      childId: '00000000-0000-4000-8000-000000000000',
      goals: '目标',
      measures: '一、每月入户\n二、联系学校',
      responsible: '李娟',
      reviewOn: '2027-01-01',
    };
    const parsed = CarePlanCreate.safeParse(plan);
    expect(parsed.success || parsed.error.issues.every((i) => i.path[0] !== 'measures')).toBe(true);
    expect(CarePlanCreate.safeParse({ ...plan, responsible: '李\n娟' }).success).toBe(false);
  });
});
