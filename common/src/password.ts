/**
 * Password policy for accounts created or changed in the platform.
 * The first failed rule is reported, with a message shown to the user as is.
 */
import { COMMON_PASSWORDS } from './commonPasswords.js';

export type PasswordCheck = { ok: true } | { ok: false; message: string };

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
/** From this length on, character-class variety is not required. */
export const PASSWORD_PASSPHRASE_LENGTH = 16;
/** Runs of this many identical or consecutive characters are refused. */
export const PASSWORD_MAX_RUN = 6;

export const PASSWORD_MESSAGES = {
  tooShort: `密码至少 ${PASSWORD_MIN_LENGTH} 位`,
  tooLong: `密码最多 ${PASSWORD_MAX_LENGTH} 位`,
  username: '密码不能包含用户名',
  common: '该密码过于常见，请换一个',
  classes: '密码需包含大小写字母、数字、符号中的至少三类，或长度不少于16位',
  run: `密码不能包含 ${PASSWORD_MAX_RUN} 个及以上连续或重复的字符（如 aaaaaa、123456、abcdef）`,
} as const;

/**
 * The forms of a lowercased password compared with the list: as typed, and with digits and symbols
 * stripped from its end and/or its start ("password123!" → "password", "a123456!!" → "a123456").
 */
function candidates(lower: string): string[] {
  return [
    lower,
    lower.replace(/[^a-z0-9]+$/, ''),
    lower.replace(/[^a-z]+$/, ''),
    lower.replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, ''),
    lower.replace(/^[^a-z]+|[^a-z]+$/g, ''),
  ];
}

function isCommon(lower: string): boolean {
  return candidates(lower).some((c) => c !== '' && COMMON_PASSWORDS.has(c));
}

function containsUsername(lower: string, username: string | null | undefined): boolean {
  const u = (username ?? '').trim().toLowerCase();
  if (u === '') return false;
  if (lower.includes(u)) return true;
  // "zhang.san" also catches "ZhangSan2024!"
  const compact = u.replace(/[._\-\s@]+/g, '');
  return compact.length >= 3 && compact !== u && lower.replace(/[._\-\s@]+/g, '').includes(compact);
}

function classCount(chars: string[]): number {
  let lower = false;
  let upper = false;
  let digit = false;
  let symbol = false;
  for (const c of chars) {
    if (c >= 'a' && c <= 'z') lower = true;
    else if (c >= 'A' && c <= 'Z') upper = true;
    else if (c >= '0' && c <= '9') digit = true;
    else symbol = true;
  }
  return Number(lower) + Number(upper) + Number(digit) + Number(symbol);
}

function kind(c: string): 'digit' | 'letter' | null {
  if (c >= '0' && c <= '9') return 'digit';
  if (c >= 'a' && c <= 'z') return 'letter';
  return null;
}

/** True when there are `PASSWORD_MAX_RUN` identical characters, or ascending/descending digits or letters, in a row. */
function hasRun(chars: string[]): boolean {
  const lower = chars.map((c) => c.toLowerCase());
  let same = 1;
  let up = 1;
  let down = 1;
  for (let i = 1; i < lower.length; i++) {
    const a = lower[i - 1]!;
    const b = lower[i]!;
    same = a === b ? same + 1 : 1;
    const sequenceable = kind(a) !== null && kind(a) === kind(b);
    const delta = b.codePointAt(0)! - a.codePointAt(0)!;
    up = sequenceable && delta === 1 ? up + 1 : 1;
    down = sequenceable && delta === -1 ? down + 1 : 1;
    if (same >= PASSWORD_MAX_RUN || up >= PASSWORD_MAX_RUN || down >= PASSWORD_MAX_RUN) return true;
  }
  return false;
}

/**
 * Check a new password against the policy.
 * @param username the account's username (the password may not contain it, case-insensitively)
 */
export function checkPassword(password: string, username?: string | null): PasswordCheck {
  const chars = Array.from(password);
  if (chars.length < PASSWORD_MIN_LENGTH) return { ok: false, message: PASSWORD_MESSAGES.tooShort };
  if (chars.length > PASSWORD_MAX_LENGTH) return { ok: false, message: PASSWORD_MESSAGES.tooLong };
  const lower = password.toLowerCase();
  if (containsUsername(lower, username)) return { ok: false, message: PASSWORD_MESSAGES.username };
  if (isCommon(lower)) return { ok: false, message: PASSWORD_MESSAGES.common };
  if (classCount(chars) < 3 && chars.length < PASSWORD_PASSPHRASE_LENGTH) {
    return { ok: false, message: PASSWORD_MESSAGES.classes };
  }
  if (hasRun(chars)) return { ok: false, message: PASSWORD_MESSAGES.run };
  return { ok: true };
}
