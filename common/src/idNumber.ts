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
import { shanghaiDate, shanghaiToday } from './dates.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/**
 * First two digits of valid region codes: provinces, autonomous regions and municipalities
 * (GB/T 2260), plus 81/82/83 used by residence permits of Hong Kong, Macao and Taiwan residents.
 */
const PROVINCE_CODES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
]);

/** Earliest birth date accepted. */
export const MIN_BIRTH_DATE = '1900-01-01';

export type IdNumberErrorCode = 'length' | 'format' | 'region' | 'birthDate' | 'checksum';

export type IdNumberResult = { ok: true; birthDate: string; sex: 'M' | 'F'; regionCode: string } | { ok: false; code: IdNumberErrorCode; message: string };

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
 * Fold to the form that is stored and indexed: full-width characters, as often found in
 * spreadsheets (１２３…Ｘ), become ASCII; every space is removed (people type the number in groups,
 * "310110 20150101 1234", and spreadsheets pad it); a lowercase x becomes X. Creation, import and the
 * duplicate check all go through this one function, so they agree on what "the same number" is.
 */
export function normaliseIdNumber(s: string): string {
  // NFKC turns the ideographic space (U+3000) into an ASCII space, which \s then removes.
  return String(s ?? '')
    .normalize('NFKC')
    .replace(/\s+/gu, '')
    .toUpperCase();
}

function toDateString(today: string | Date | undefined): string {
  if (today === undefined) return shanghaiToday();
  if (typeof today === 'string') return today.slice(0, 10);
  // A Date: take its calendar day in China Standard Time.
  return shanghaiDate(today.getTime());
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

/**
 * A well-formed number whose date is out of range: the check character is right, so this is not
 * a typing slip — the message says what is wrong with the date itself.
 */
export const birthDateTooEarly = (birthDate: string): string => `身份证号中的出生日期 ${birthDate} 早于 1900 年，请核对第7-14位`;
export const birthDateInFuture = (birthDate: string): string => `身份证号中的出生日期 ${birthDate} 晚于今天，请核对第7-14位`;

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
  if (!isRealDate(y, m, d)) return fail('birthDate', MESSAGES.birthDate);

  // The check character before the date range: a wrong one means a typing slip anywhere in the
  // number, and the date range message would point at the wrong digits.
  if (checkDigit(id.slice(0, 17)) !== id[17]) return fail('checksum', MESSAGES.checksum);

  if (birthDate < MIN_BIRTH_DATE) return fail('birthDate', birthDateTooEarly(birthDate));
  if (birthDate > toDateString(today)) return fail('birthDate', birthDateInFuture(birthDate));

  const sex = (id.charCodeAt(16) - 48) % 2 === 1 ? 'M' : 'F';
  return { ok: true, birthDate, sex, regionCode };
}

/** Full years (周岁): one definition for the whole product, in dates.ts. */
export { ageOn } from './dates.js';

/** Age of majority (民法典 第十七条): a file for someone this old or older needs a stated reason. */
export const ADULT_AGE = 18;

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
 * zod 4 schema for an identity number: accepts spaces, full-width digits and a lowercase x, outputs the
 * normalised form, and reports the Chinese message of the first failed check.
 */
export const idNumberSchema = z
  .string({ error: '请输入身份证号' })
  .overwrite(normaliseIdNumber)
  .superRefine((value, ctx) => {
    const result = validateIdNumber(value);
    if (!result.ok) ctx.addIssue({ code: 'custom', message: result.message, params: { idNumber: result.code } });
  });
