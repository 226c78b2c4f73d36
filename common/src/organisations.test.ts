/** The 统一社会信用代码 check (GB 32100-2015): examples and properties (fast-check). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CREDIT_CODE_CHARS, CreditCode, creditCheckChar, creditCodeProblem, isCreditCode } from './organisations.js';

const body = fc.array(fc.constantFrom(...CREDIT_CODE_CHARS.split('')), { minLength: 17, maxLength: 17 }).map((a) => a.join(''));

describe('creditCodeProblem', () => {
  it('accepts published codes and refuses a wrong check character, length or letter in Chinese', () => {
    expect(isCreditCode('91350100M000100Y43')).toBe(true);
    expect(isCreditCode('91110000600037341L')).toBe(true);
    expect(creditCodeProblem('91350100M000100Y44')).toBe('统一社会信用代码校验位不正确，请核对');
    expect(creditCodeProblem('91350100M000100Y4')).toBe('统一社会信用代码应为 18 位');
    expect(creditCodeProblem('91350100M00010OY43')).toMatch(/不含 I、O、Z、S、V/);
  });
  it('the computed check character makes any body valid, and every other character makes it invalid', () => {
    fc.assert(
      fc.property(body, fc.constantFrom(...CREDIT_CODE_CHARS.split('')), (b, other) => {
        const check = creditCheckChar(b);
        expect(check).not.toBeNull();
        expect(isCreditCode(`${b}${check}`)).toBe(true);
        if (other !== check) expect(isCreditCode(`${b}${other}`)).toBe(false);
      }),
    );
  });
  it('catches any single changed character of a valid code', () => {
    fc.assert(
      fc.property(body, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 30 }), (b, i, shift) => {
        const code = `${b}${creditCheckChar(b)}`;
        const ch = CREDIT_CODE_CHARS.charAt((CREDIT_CODE_CHARS.indexOf(code.charAt(i)) + shift) % 31);
        expect(isCreditCode(code.slice(0, i) + ch + code.slice(i + 1))).toBe(false);
      }),
    );
  });
  it('the contract upper-cases and trims, and says what is wrong in Chinese', () => {
    expect(CreditCode.parse(' 91350100m000100y43 ')).toBe('91350100M000100Y43');
    const r = CreditCode.safeParse('91350100M000100Y44');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/校验位/);
  });
});
