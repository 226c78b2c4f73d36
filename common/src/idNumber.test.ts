import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ageOn, checkDigit, idNumberSchema, isValidIdNumber, makeIdNumber, normaliseIdNumber, validateIdNumber } from './idNumber.js';

const TODAY = '2026-11-29';

/** Region codes used by the generators (Yangpu, other Shanghai districts, other provinces). */
const REGIONS = ['310110', '310101', '310115', '320102', '340104', '510104', '410102', '110105', '440305', '650102', '810000'];

/** Days from 1900-01-01 to TODAY inclusive. */
const MIN_DAY = Date.UTC(1900, 0, 1) / 86_400_000;
const MAX_DAY = Date.UTC(2026, 10, 29) / 86_400_000;
const dayToDate = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);

const arbParts = fc.record({
  region: fc.constantFrom(...REGIONS),
  birthDate: fc.integer({ min: MIN_DAY, max: MAX_DAY }).map(dayToDate),
  sequence: fc.integer({ min: 0, max: 999 }),
  sex: fc.constantFrom<'M' | 'F'>('M', 'F'),
});
const arbValidId = arbParts.map((p) => ({ ...p, id: makeIdNumber(p.region, p.birthDate, p.sequence, p.sex) }));

describe('checkDigit', () => {
  it('matches the worked examples of GB 11643', () => {
    expect(checkDigit('11010519491231002')).toBe('X');
    expect(checkDigit('44052418800101001')).toBe('4');
  });

  it('rejects input that is not 17 digits', () => {
    expect(() => checkDigit('1234')).toThrow();
    expect(() => checkDigit('1101051949123100X')).toThrow();
  });
});

describe('validateIdNumber', () => {
  it('accepts a valid number and extracts birth date, sex and region', () => {
    expect(validateIdNumber('11010519491231002X', TODAY)).toEqual({
      ok: true,
      birthDate: '1949-12-31',
      sex: 'F',
      regionCode: '110105',
    });
  });

  it('accepts a lowercase x and surrounding spaces', () => {
    const r = validateIdNumber('  11010519491231002x ', TODAY);
    expect(r.ok).toBe(true);
    expect(normaliseIdNumber(' 11010519491231002x ')).toBe('11010519491231002X');
  });

  it('accepts full-width digits from spreadsheets', () => {
    expect(validateIdNumber('１１０１０５１９４９１２３１００２ｘ', TODAY).ok).toBe(true);
  });

  it('reports the length with the current count', () => {
    expect(validateIdNumber('3101102015', TODAY)).toEqual({
      ok: false,
      code: 'length',
      message: '身份证号应为18位，当前为10位',
    });
    const r = validateIdNumber('310110150101123', TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe('length');
      expect(r.message).toContain('当前为15位');
    }
    expect(validateIdNumber('', TODAY)).toMatchObject({ ok: false, code: 'length', message: '身份证号应为18位，当前为0位' });
  });

  it('reports a format error for letters or X outside position 18', () => {
    expect(validateIdNumber('3101102015O1011234', TODAY)).toMatchObject({ ok: false, code: 'format' });
    expect(validateIdNumber('31011020150101123Y', TODAY)).toMatchObject({ ok: false, code: 'format' });
    expect(validateIdNumber('X10110201501011234', TODAY)).toMatchObject({ ok: false, code: 'format' });
  });

  it('reports an unknown province as a region error', () => {
    const id = makeIdNumber('990110', '2015-01-01', 123, 'M');
    expect(validateIdNumber(id, TODAY)).toMatchObject({ ok: false, code: 'region' });
    const zero = makeIdNumber('000000', '2015-01-01', 123, 'M');
    expect(validateIdNumber(zero, TODAY)).toMatchObject({ ok: false, code: 'region' });
  });

  it('rejects impossible dates, and says what is wrong with a pre-1900 or future date', () => {
    const withDate = (ymd: string) => {
      const first17 = `310110${ymd}123`;
      return first17 + checkDigit(first17);
    };
    for (const bad of ['20150230', '20151301', '20150001', '20150100', '20230229']) {
      expect(validateIdNumber(withDate(bad), TODAY)).toEqual({
        ok: false,
        code: 'birthDate',
        message: '身份证号中的出生日期（第7-14位）无效',
      });
    }
    // The check character is right: not a typing slip, so the message names the date and the problem.
    expect(validateIdNumber(withDate('18990501'), TODAY)).toEqual({
      ok: false,
      code: 'birthDate',
      message: '身份证号中的出生日期 1899-05-01 早于 1900 年，请核对第7-14位',
    });
    expect(validateIdNumber(withDate('20261130'), TODAY)).toEqual({
      ok: false,
      code: 'birthDate',
      message: '身份证号中的出生日期 2026-11-30 晚于今天，请核对第7-14位',
    });
    // A wrong check character on such a number is reported as the typing slip it most likely is.
    const early = withDate('18991231');
    expect(validateIdNumber(early.slice(0, 17) + (early[17] === '0' ? '1' : '0'), TODAY)).toMatchObject({ code: 'checksum' });
    expect(validateIdNumber(withDate('20240229'), TODAY).ok).toBe(true);
    expect(validateIdNumber(withDate('19000101'), TODAY).ok).toBe(true);
    expect(validateIdNumber(withDate('20261129'), TODAY).ok).toBe(true);
    // the same number is valid once the date has come
    expect(validateIdNumber(withDate('20261130'), '2026-11-30').ok).toBe(true);
    expect(validateIdNumber(withDate('20261130'), new Date('2026-11-30T00:30:00+08:00')).ok).toBe(true);
  });

  it('accepts inner spaces (grouped digits) and ideographic spaces', () => {
    const id = makeIdNumber('310110', '2015-01-01', 123, 'M');
    const grouped = `${id.slice(0, 6)} ${id.slice(6, 14)}\u3000${id.slice(14)}`;
    expect(normaliseIdNumber(grouped)).toBe(id);
    expect(validateIdNumber(grouped, TODAY).ok).toBe(true);
  });

  it('reports a wrong check character', () => {
    const id = makeIdNumber('310110', '2015-01-01', 123, 'M');
    const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    expect(validateIdNumber(wrong, TODAY)).toEqual({
      ok: false,
      code: 'checksum',
      message: '身份证号校验位错误，请核对第18位',
    });
  });

  it('defaults "today" to the current date', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    const future = makeIdNumber('310110', '2999-01-01', 1, 'M');
    expect(validateIdNumber(future)).toMatchObject({ ok: false, code: 'birthDate', message: expect.stringContaining('晚于今天') });
  });
});

describe('property tests', () => {
  it('every generated valid number validates, with birth date, sex and region round-tripping', () => {
    fc.assert(
      fc.property(arbValidId, ({ id, region, birthDate, sex }) => {
        const r = validateIdNumber(id, TODAY);
        expect(r).toEqual({ ok: true, birthDate, sex, regionCode: region });
        // lowercase x is accepted too
        expect(validateIdNumber(id.toLowerCase(), TODAY).ok).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('changing any single character of a valid number makes it invalid', () => {
    const arb = fc.record({
      v: arbValidId,
      pos: fc.integer({ min: 0, max: 17 }),
      shift: fc.integer({ min: 1, max: 10 }),
    });
    fc.assert(
      fc.property(arb, ({ v, pos, shift }) => {
        const alphabet = pos === 17 ? '0123456789X' : '0123456789';
        const current = alphabet.indexOf(v.id[pos]!);
        const replacement = alphabet[(current + shift) % alphabet.length]!;
        fc.pre(replacement !== v.id[pos]);
        const mutated = v.id.slice(0, pos) + replacement + v.id.slice(pos + 1);
        const r = validateIdNumber(mutated, TODAY);
        expect(r.ok).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });

  it('swapping in any single digit anywhere always fails the checksum when the rest stays valid', () => {
    // exhaustive over positions 15-17 (sequence digits) which never affect region or date
    fc.assert(
      fc.property(arbValidId, fc.integer({ min: 14, max: 16 }), fc.integer({ min: 1, max: 9 }), (v, pos, shift) => {
        const digit = (Number(v.id[pos]) + shift) % 10;
        const mutated = v.id.slice(0, pos) + String(digit) + v.id.slice(pos + 1);
        expect(validateIdNumber(mutated, TODAY)).toMatchObject({ ok: false, code: 'checksum' });
      }),
    );
  });
});

/** Writes a valid number the way people and spreadsheets do: full-width, spaced, lower-case x. */
const arbWritten = fc
  .record({
    v: arbValidId,
    fullWidth: fc.array(fc.boolean(), { minLength: 18, maxLength: 18 }),
    spaces: fc.array(fc.constantFrom('', '', '', ' ', '  ', '\u3000', '\t'), { minLength: 19, maxLength: 19 }),
    lower: fc.boolean(),
  })
  .map(({ v, fullWidth, spaces, lower }) => {
    const chars = Array.from(lower ? v.id.toLowerCase() : v.id).map((c, i) => (fullWidth[i] ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c));
    return { v, written: spaces[0] + chars.map((c, i) => c + spaces[i + 1]).join('') };
  });

describe('normaliser and validator (properties)', () => {
  it('any way of writing a valid number normalises to the number itself, and validates the same', () => {
    fc.assert(
      fc.property(arbWritten, ({ v, written }) => {
        expect(normaliseIdNumber(written)).toBe(v.id);
        expect(validateIdNumber(written, TODAY)).toEqual(validateIdNumber(v.id, TODAY));
        expect(idNumberSchema.parse(written)).toBe(v.id);
      }),
      { numRuns: 2000 },
    );
  });

  it('normalising is idempotent and never leaves spaces or a lower-case x', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40, unit: fc.constantFrom(...'0123456789xX \u3000１２ｘＸ-a') }), (s) => {
        const n = normaliseIdNumber(s);
        expect(normaliseIdNumber(n)).toBe(n);
        expect(n).not.toMatch(/[\sx]/u);
      }),
    );
  });

  it('the validator never throws and always answers a Chinese message on failure', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 30 }), fc.stringMatching(/^\d{17}[\dXx]$/)), (s) => {
        const r = validateIdNumber(s, TODAY);
        if (!r.ok) expect(r.message).toMatch(/身份证号/);
        else expect(r.birthDate >= '1900-01-01' && r.birthDate <= TODAY).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('a number with a right check character and an out-of-range date names that date', () => {
    const arb = fc.oneof(
      fc.integer({ min: Date.UTC(1800, 0, 1) / 86_400_000, max: MIN_DAY - 1 }).map((d) => ({ date: dayToDate(d), words: '早于 1900 年' })),
      fc.integer({ min: MAX_DAY + 1, max: Date.UTC(2999, 11, 31) / 86_400_000 }).map((d) => ({ date: dayToDate(d), words: '晚于今天' })),
    );
    fc.assert(
      fc.property(arb, fc.integer({ min: 0, max: 999 }), ({ date, words }, seq) => {
        const id = makeIdNumber('310110', date, seq, 'F');
        expect(validateIdNumber(id, TODAY)).toEqual({ ok: false, code: 'birthDate', message: `身份证号中的出生日期 ${date} ${words}，请核对第7-14位` });
      }),
    );
  });
});

describe('ageOn', () => {
  it('counts full years (周岁), a 29 February birthday falling on 1 March', () => {
    expect(ageOn('2008-11-29', TODAY)).toBe(18);
    expect(ageOn('2008-11-30', TODAY)).toBe(17);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });

  it('agrees with counting birthdays one by one', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_DAY, max: MAX_DAY }), fc.integer({ min: 0, max: 40_000 }), (b, span) => {
        const birth = dayToDate(b);
        const today = dayToDate(b + span);
        let n = 0;
        while (true) {
          const y = Number(birth.slice(0, 4)) + n + 1;
          const md = birth.slice(5) === '02-29' && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) ? '03-01' : birth.slice(5);
          if (`${y}-${md}` > today) break;
          n++;
        }
        expect(ageOn(birth, today)).toBe(n);
      }),
    );
  });
});

describe('idNumberSchema', () => {
  it('outputs the normalised number', () => {
    expect(idNumberSchema.parse(' 11010519491231002x')).toBe('11010519491231002X');
  });

  it('yields the Chinese message on failure', () => {
    const r = idNumberSchema.safeParse('11010519491231002');
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]?.message).toBe('身份证号应为18位，当前为17位');
    const c = idNumberSchema.safeParse('110105194912310021');
    expect(c.success).toBe(false);
    if (!c.success) expect(c.error.issues[0]?.message).toBe('身份证号校验位错误，请核对第18位');
  });

  it('rejects non-strings with a Chinese message', () => {
    const r = idNumberSchema.safeParse(12345);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]?.message).toBe('请输入身份证号');
  });
});

describe('makeIdNumber', () => {
  it('adjusts the sequence parity to the sex', () => {
    const m = makeIdNumber('310110', '2015-01-01', 122, 'M');
    const f = makeIdNumber('310110', '2015-01-01', 999, 'F');
    expect(validateIdNumber(m, TODAY)).toMatchObject({ ok: true, sex: 'M' });
    expect(validateIdNumber(f, TODAY)).toMatchObject({ ok: true, sex: 'F' });
  });
});
