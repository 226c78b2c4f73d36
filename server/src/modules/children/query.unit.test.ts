import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prefixUpperBound, searchCondition } from './repo.js';

describe('prefix search as ranges', () => {
  it('every string starting with the prefix lies in [prefix, upper bound)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 4 }), fc.string({ maxLength: 4 }), (prefix, rest) => {
        fc.pre(!/[\uD800-\uDFFF]/.test(prefix + rest) && [...prefix].every((c) => c.codePointAt(0)! < 0x10ffff));
        const s = prefix + rest;
        expect(s >= prefix).toBe(true);
        expect(s < prefixUpperBound(prefix)).toBe(true);
      }),
    );
  });

  it('reads digits as the end of an identity number, Chinese as a name, letters as pinyin', () => {
    const args: unknown[] = [];
    const arg = (v: unknown) => {
      args.push(v);
      return `$${args.length}`;
    };
    expect(searchCondition('123X', arg)).toContain('c.id_tail_rev');
    expect(args.slice(0, 2)).toEqual(['X321', 'X322']);
    expect(searchCondition('王', arg)).toContain('c.name ~>=~');
    expect(searchCondition('ZXM', arg)).toContain('c.name_initials');
    expect(args.slice(-2)).toEqual(['zxm', 'zxn']);
    expect(searchCondition('  ', arg)).toBeNull();
    expect(searchCondition('!!', arg)).toBe('false');
    // Full-width, as a Chinese input method types them: the same search as ASCII.
    expect(searchCondition('１２３Ｘ', arg)).toContain('c.id_tail_rev');
    expect(args.slice(-2)).toEqual(['X321', 'X322']);
    expect(searchCondition('ｚｘｍ', arg)).toContain('c.name_initials');
    expect(args.slice(-2)).toEqual(['zxm', 'zxn']);
  });
});
