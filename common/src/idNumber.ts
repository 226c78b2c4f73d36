/**
 * Chinese resident identity numbers (居民身份证号码), GB 11643-1999.
 *
 * Layout of the 18 characters:
 *   1-6   administrative region code of the place of first registration (e.g. 310110 = 杨浦区)
 *   7-14  birth date YYYYMMDD
 *   15-17 sequence code; the 17th digit is odd for men, even for women
 *   18    check character (ISO 7064 MOD 11-2): 0-9 or X
 */
import { z } from 'zod';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/**
 * First two digits of valid region codes: provinces, autonomous regions and municipalities
 * (GB/T 2260), plus 81/82/83 used by residence permits of Hong Kong, Macao and Taiwan residents.
 */
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

/** Earliest birth date accepted. */
export const MIN_BIRTH_DATE = '1900-01-01';

export type IdNumberErrorCode = 'length' | 'format' | 'region' | 'birthDate' | 'checksum';

export type IdNumberResult =
  | { ok: true; birthDate: string; sex: 'M' | 'F'; regionCode: string }
  | { ok: false; code: IdNumberErrorCode; message: string };

/**
 * The check character for the first 17 digits.
 * @throws if `first17` is not exactly 17 ASCII digits.
 */
export function checkDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new Error('checkDigit expects exactly 17 digits');
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  }
  return CHECK_CHARS[sum % 11]!;
}

/**
 * Trim and uppercase (so a lowercase x is accepted). Full-width characters, as often found in
 * spreadsheets (１２３…Ｘ), are folded to their ASCII forms as well.
 */
export function normaliseIdNumber(s: string): string {
  return String(s ?? '').normalize('NFKC').trim().toUpperCase();
}

/** Today's date (YYYY-MM-DD) in China Standard Time (UTC+8, no daylight saving). */
function todayInShanghai(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

function toDateString(today: string | Date | undefined): string {
  if (today === undefined) return todayInShanghai();
  if (typeof today === 'string') return today.slice(0, 10);
  // A Date: take its calendar day in China Standard Time.
  return new Date(today.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= daysInMonth;
}

const MESSAGES = {
  format: '身份证号格式错误：前17位应为数字，第18位应为数字或X',
  region: '身份证号前6位（地区码）无效，请核对',
  birthDate: '身份证号中的出生日期（第7-14位）无效',
  checksum: '身份证号校验位错误，请核对第18位',
} as const;

function fail(code: IdNumberErrorCode, message: string): IdNumberResult {
  return { ok: false, code, message };
}

/**
 * Validate an identity number. The input is normalised first (trim, uppercase).
 * @param today the reference date for "birth date not in the future" (YYYY-MM-DD or a Date);
 *   defaults to the current date in Shanghai.
 */
export function validateIdNumber(s: string, today?: string | Date): IdNumberResult {
  const id = normaliseIdNumber(s);
  const length = Array.from(id).length;
  if (length !== 18) {
    const hint = length === 15 ? '（15位旧号码请换用18位身份证号）' : '';
    return fail('length', `身份证号应为18位，当前为${length}位${hint}`);
  }
  if (!/^\d{17}[\dX]$/.test(id)) return fail('format', MESSAGES.format);

  const regionCode = id.slice(0, 6);
  if (!PROVINCE_CODES.has(regionCode.slice(0, 2))) return fail('region', MESSAGES.region);

  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isRealDate(y, m, d) || birthDate < MIN_BIRTH_DATE || birthDate > toDateString(today)) {
    return fail('birthDate', MESSAGES.birthDate);
  }

  if (checkDigit(id.slice(0, 17)) !== id[17]) return fail('checksum', MESSAGES.checksum);

  const sex = (id.charCodeAt(16) - 48) % 2 === 1 ? 'M' : 'F';
  return { ok: true, birthDate, sex, regionCode };
}

/** True when `s` is a valid identity number. */
export function isValidIdNumber(s: string, today?: string | Date): boolean {
  return validateIdNumber(s, today).ok;
}

/**
 * Build a valid identity number from its parts (used by the demo-data generator and tests).
 * @param regionCode 6 digits
 * @param birthDate YYYY-MM-DD
 * @param sequence 0-999; its last digit must be odd for 'M', even for 'F' (it is adjusted if not)
 */
export function makeIdNumber(regionCode: string, birthDate: string, sequence: number, sex: 'M' | 'F'): string {
  if (!/^\d{6}$/.test(regionCode)) throw new Error('regionCode must be 6 digits');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) throw new Error('birthDate must be YYYY-MM-DD');
  let seq = Math.trunc(sequence) % 1000;
  if (seq < 0) seq += 1000;
  const wantOdd = sex === 'M';
  if ((seq % 2 === 1) !== wantOdd) seq = seq === 999 ? 998 : seq + 1;
  const first17 = regionCode + birthDate.replace(/-/g, '') + String(seq).padStart(3, '0');
  return first17 + checkDigit(first17);
}

/**
 * zod 4 schema for an identity number: accepts surrounding spaces and a lowercase x, outputs the
 * normalised form, and reports the Chinese message of the first failed check.
 */
export const idNumberSchema = z
  .string({ error: '请输入身份证号' })
  .overwrite(normaliseIdNumber)
  .superRefine((value, ctx) => {
    const result = validateIdNumber(value);
    if (!result.ok) ctx.addIssue({ code: 'custom', message: result.message, params: { idNumber: result.code } });
  });
