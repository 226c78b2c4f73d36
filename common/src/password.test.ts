import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkPassword, PASSWORD_MESSAGES } from './password.js';
import { COMMON_PASSWORDS } from './commonPasswords.js';

const refused = (password: string, username = 'zhangsan') => {
  const r = checkPassword(password, username);
  return r.ok ? null : r.message;
};

describe('checkPassword', () => {
  it('accepts good passwords', () => {
    for (const p of ['Yangpu#Care7x', 'k9$Lm2!pQz', 'correct horse battery staple', 'Q7w!rT5y#uI9', '暖杨关爱儿童Kx9!']) {
      expect(checkPassword(p, 'zhangsan')).toEqual({ ok: true });
    }
  });

  it('requires at least 10 characters', () => {
    expect(refused('Ab1!xyz')).toBe('密码至少 10 位');
    expect(refused('Ab1!xyzQw')).toBe('密码至少 10 位');
    expect(refused('Ab1!xyzQwe')).toBeNull();
  });

  it('allows at most 128 characters', () => {
    const base = 'Ab1!xyzQwe';
    expect(refused(base.repeat(12).slice(0, 128))).toBeNull();
    expect(refused(base.repeat(13).slice(0, 129))).toBe(PASSWORD_MESSAGES.tooLong);
  });

  it('refuses the username, case-insensitively, in any position', () => {
    expect(refused('zhangsan', 'zhangsan')).toBe('密码至少 10 位');
    expect(refused('ZhangSan#2024x', 'zhangsan')).toBe('密码不能包含用户名');
    expect(refused('x9!ZHANGSAN', 'zhangsan')).toBe('密码不能包含用户名');
    expect(refused('Zhangsanzhangsan', 'ZhangSan')).toBe('密码不能包含用户名');
    // separators in the username do not help
    expect(refused('ZhangSan#2024x', 'zhang.san')).toBe('密码不能包含用户名');
    // no username: no check
    expect(checkPassword('ZhangSan#2024x')).toEqual({ ok: true });
    expect(checkPassword('ZhangSan#2024x', '')).toEqual({ ok: true });
  });

  it('refuses common passwords, also with digits and symbols added at the end or start', () => {
    for (const p of [
      'password123!',
      'Password2024',
      'Shanghai2024!',
      'woaini1314520',
      'Qwertyuiop1',
      'P@ssw0rd!!!!',
      '1qaz2wsx3edc',
      'iloveyou!!',
      '!!Admin12345',
      'a123456!!!',
      '147258369!',
      'WoAiNi1314!',
    ]) {
      expect(refused(p), p).toBe('该密码过于常见，请换一个');
    }
  });

  it('requires three character classes unless the password is 16 or longer', () => {
    const msg = '密码需包含大小写字母、数字、符号中的至少三类，或长度不少于16位';
    expect(refused('yangpucare')).toBe(msg);
    expect(refused('yangpucare93')).toBe(msg);
    expect(refused('Yangpucaretwo')).toBe(msg);
    expect(refused('Yangpucare93')).toBeNull();
    expect(refused('yangpucare93!')).toBeNull();
    expect(refused('yangpu care nine')).toBeNull();
    expect(refused('yangpucarenineyy')).toBeNull();
  });

  it('refuses 6 identical or consecutive characters', () => {
    const msg = PASSWORD_MESSAGES.run;
    expect(refused('Xq!aaaaaa9')).toBe(msg);
    expect(refused('Xq!123456z')).toBe(msg);
    expect(refused('Xq!987654z')).toBe(msg);
    expect(refused('Xq9!abcdef')).toBe(msg);
    expect(refused('Xq9!ABCDEF')).toBe(msg);
    expect(refused('Xq9!fedcba')).toBe(msg);
    expect(refused('Xq!!!!!!!9')).toBe(msg);
    // five is fine
    expect(refused('Xq!12345z!a')).toBeNull();
    expect(refused('Xq!aaaaa9bb')).toBeNull();
    // digits then letters do not form a sequence
    expect(refused('Wt!789abcQ')).toBeNull();
  });

  it('refuses the demo password (seeded directly, never through this check)', () => {
    expect(checkPassword('nuanyang-demo', 'demo').ok).toBe(false);
  });

  it('every entry of the common list is refused', () => {
    for (const p of COMMON_PASSWORDS) {
      // pad short entries to the minimum length with digits so that the common-list rule is reached
      const padded = p.length >= 10 ? p : p + '1234567890'.slice(0, 10 - p.length);
      expect(checkPassword(padded, 'nobody-here').ok, padded).toBe(false);
    }
  });

  it('property: a password containing the username is always refused', () => {
    const username = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{2,20}$/);
    const text = fc.string({ maxLength: 60 });
    fc.assert(
      fc.property(username, text, text, fc.boolean(), (u, before, after, upper) => {
        const password = before + (upper ? u.toUpperCase() : u) + after;
        const r = checkPassword(password, u);
        expect(r.ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: passwords shorter than 10 or longer than 128 are always refused', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 9 }), fc.string({ minLength: 129, maxLength: 300 })), (p) => {
        fc.pre(Array.from(p).length < 10 || Array.from(p).length > 128);
        expect(checkPassword(p, 'someone').ok).toBe(false);
      }),
    );
  });
});
