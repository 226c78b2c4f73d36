/**
 * Names shown to other users (people, committees, units, roles, plans, files) must be plain text:
 * no control characters (U+0000–U+001F, U+007F: line breaks and tabs break lists, exports and logs)
 * and no bidirectional overrides or isolates (U+202A–U+202E, U+2066–U+2069), which make a name
 * display differently from what it is ("Trojan Source"-style spoofing). Every name field refines
 * with `plainName`; HTML-like text such as `<script>` stays allowed and is escaped on output.
 */
import { type z } from 'zod';

export const NAME_FORBIDDEN = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

export const NAME_FORBIDDEN_MESSAGE = '不能含有控制字符（如换行、制表符）或文字方向控制符';

export function isPlainName(v: string): boolean {
  return !NAME_FORBIDDEN.test(v);
}

/** Adds the check to a string schema (after its trim, min and max). */
export function plainName<T extends z.ZodString>(s: T, label = ''): T {
  return s.refine(isPlainName, label ? `${label}${NAME_FORBIDDEN_MESSAGE}` : NAME_FORBIDDEN_MESSAGE) as T;
}

/**
 * Free text (a visit's findings, a help plan's measures, a work log): line breaks and tabs are
 * the writer's, so they stay; the other control characters and the bidi overrides do not.
 */
export const TEXT_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

export const TEXT_FORBIDDEN_MESSAGE = '不能含有控制字符或文字方向控制符';

export function plainText<T extends z.ZodString>(s: T, label = ''): T {
  return s.refine((v) => !TEXT_FORBIDDEN.test(v), label ? `${label}${TEXT_FORBIDDEN_MESSAGE}` : TEXT_FORBIDDEN_MESSAGE) as T;
}
