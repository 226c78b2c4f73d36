/**
 * Masking of personal data for display to users without the `children.unmask` permission.
 * Every function returns null for null, undefined, or a blank string.
 */

/** Shown instead of an encrypted value whose integrity check failed (see server/src/crypto/integrity.ts). */
export const INTEGRITY_MARK = '数据校验失败';

function clean(s: string | null | undefined): string[] | null {
  if (s === null || s === undefined) return null;
  const t = String(s).trim();
  return t === '' ? null : Array.from(t);
}

/**
 * Identity number: keep the first 6 (region) and the last 4, mask the rest.
 * `'310110201501011234'` → `'310110********1234'`. Strings of 10 characters or fewer are masked entirely.
 */
export function maskIdNumber(s: string | null | undefined): string | null {
  if (s === INTEGRITY_MARK) return s;
  const c = clean(s);
  if (!c) return null;
  if (c.length <= 10) return '*'.repeat(c.length);
  return c.slice(0, 6).join('') + '*'.repeat(c.length - 10) + c.slice(-4).join('');
}

/**
 * Phone number: keep the first 3 and the last 4. `'13812345678'` → `'138****5678'`.
 * Shorter numbers (fewer than 8 characters) keep only their last 2.
 */
export function maskPhone(s: string | null | undefined): string | null {
  if (s === INTEGRITY_MARK) return s;
  const c = clean(s);
  if (!c) return null;
  if (c.length >= 8) return c.slice(0, 3).join('') + '*'.repeat(c.length - 7) + c.slice(-4).join('');
  if (c.length <= 2) return '*'.repeat(c.length);
  return '*'.repeat(c.length - 2) + c.slice(-2).join('');
}

/**
 * Personal name: keep the first and the last character, mask the middle.
 * `'张小明'` → `'张*明'`, `'欧阳娜娜'` → `'欧**娜'`; two characters keep the first: `'张三'` → `'张*'`;
 * one character is masked entirely.
 */
export function maskName(s: string | null | undefined): string | null {
  const c = clean(s);
  if (!c) return null;
  if (c.length === 1) return '*';
  if (c.length === 2) return c[0] + '*';
  return c[0] + '*'.repeat(c.length - 2) + c[c.length - 1];
}
