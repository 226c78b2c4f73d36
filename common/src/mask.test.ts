import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { maskIdNumber, maskName, maskPhone } from './mask.js';

describe('maskIdNumber', () => {
  it('keeps the first 6 and the last 4', () => {
    expect(maskIdNumber('310110201501011234')).toBe('310110********1234');
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber(' 310110201501011234 ')).toBe('310110********1234');
  });
  it('masks short strings entirely', () => {
    expect(maskIdNumber('1234567890')).toBe('**********');
    expect(maskIdNumber('12')).toBe('**');
  });
  it('returns null for null or empty', () => {
    expect(maskIdNumber(null)).toBeNull();
    expect(maskIdNumber(undefined)).toBeNull();
    expect(maskIdNumber('')).toBeNull();
    expect(maskIdNumber('   ')).toBeNull();
  });
  it('never reveals the birth date digits of an 18-character number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}[\dX]$/), (id) => {
        const m = maskIdNumber(id)!;
        expect(m).toHaveLength(18);
        expect(m.slice(6, 14)).toBe('********');
        expect(m.slice(0, 6)).toBe(id.slice(0, 6));
        expect(m.slice(14)).toBe(id.slice(14));
      }),
    );
  });
});

describe('maskPhone', () => {
  it('keeps the first 3 and the last 4 of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
  it('handles landlines and short numbers', () => {
    expect(maskPhone('021-65431234')).toBe('021*****1234');
    expect(maskPhone('110')).toBe('*10');
    expect(maskPhone('12')).toBe('**');
  });
  it('returns null for null or empty', () => {
    expect(maskPhone(null)).toBeNull();
    expect(maskPhone('')).toBeNull();
  });
});

describe('maskName', () => {
  it('masks the middle of a name', () => {
    expect(maskName('张小明')).toBe('张*明');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName('张')).toBe('*');
  });
  it('counts characters outside the BMP as one', () => {
    expect(maskName('张𠈌明')).toBe('张*明');
    expect(maskName('𠈌明')).toBe('𠈌*');
  });
  it('returns null for null or empty', () => {
    expect(maskName(null)).toBeNull();
    expect(maskName(undefined)).toBeNull();
    expect(maskName('')).toBeNull();
  });
  it('keeps the length and never shows the middle', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme-ascii', minLength: 3, maxLength: 20 }).filter((s) => s.trim() === s && s.length >= 3),
        (name) => {
          const m = maskName(name)!;
          expect(m).toHaveLength(name.length);
          expect(m.slice(1, -1)).toBe('*'.repeat(name.length - 2));
        },
      ),
    );
  });
});
