/** The template fill function and template checks (pure): examples and properties. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BLANK,
  fillTemplate,
  letterDate,
  orderProgress,
  PLACEHOLDER_NAMES,
  placeholdersIn,
  SAMPLE_VALUES,
  templateProblems,
  type FillValues,
} from './guidance.js';

describe('fillTemplate', () => {
  it('fills the placeholders from the file, on hand-written examples', () => {
    expect(
      fillTemplate('{{监护人姓名}}：经{{街道}}{{居委}}了解，{{儿童姓名}}……', {
        监护人姓名: '张建国',
        街道: '定海路街道',
        居委: '凤南一村',
        儿童姓名: '张小明',
      }),
    ).toBe('张建国：经定海路街道凤南一村了解，张小明……');
    expect(fillTemplate('共 {{指导次数}} 次', { 指导次数: 6 })).toBe('共 6 次');
    expect(fillTemplate('{{ 儿童姓名 }}', { 儿童姓名: '李四' })).toBe('李四');
  });

  it('prints a missing value as a blank line, never "undefined" or "null"', () => {
    expect(fillTemplate('监护人：{{监护人姓名}}，单位：{{单位}}，经办人：{{经办人}}', { 单位: null, 经办人: '   ' })).toBe(
      `监护人：${BLANK}，单位：${BLANK}，经办人：${BLANK}`,
    );
  });

  it('does not expand a value that holds a placeholder, and keeps markup as text', () => {
    expect(fillTemplate('{{儿童姓名}}/{{监护人姓名}}', { 儿童姓名: '{{监护人姓名}}', 监护人姓名: '<script>alert(1)</script>' })).toBe(
      '{{监护人姓名}}/<script>alert(1)</script>',
    );
  });

  it('property: every placeholder is replaced, by its value or the blank line; no undefined/null appears', () => {
    const name = fc.constantFrom(...PLACEHOLDER_NAMES);
    const plain = fc.string({ maxLength: 8 }).filter((s) => !s.includes('{') && !s.includes('}') && !/undefined|null/.test(s));
    const part = fc.oneof(
      plain,
      name.map((n) => `{{${n}}}`),
    );
    const values = fc.dictionary(name, fc.option(fc.oneof(plain, fc.integer({ min: 0, max: 99 })), { nil: undefined }));
    fc.assert(
      fc.property(fc.array(part, { maxLength: 12 }), values, (parts, vals) => {
        const body = parts.join('');
        const out = fillTemplate(body, vals as FillValues);
        expect(placeholdersIn(out)).toEqual([]);
        expect(out).not.toMatch(/undefined|null/);
        // the same as replacing part by part
        const expected = parts
          .map((p) => {
            const m = /^\{\{(.*)\}\}$/.exec(p);
            if (!m) return p;
            const v = (vals as Record<string, unknown>)[m[1]!];
            const s = v === undefined || v === null ? '' : String(v).trim();
            return s || BLANK;
          })
          .join('');
        expect(out).toBe(expected);
      }),
    );
  });

  it('property: a body without placeholders is left exactly as it was', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !/\{\{[^{}]*\}\}/.test(s)),
        (s) => fillTemplate(s, SAMPLE_VALUES) === s,
      ),
    );
  });
});

describe('templateProblems', () => {
  it('refuses an unknown placeholder, naming it in Chinese', () => {
    const p = templateProblems('尊敬的{{家长姓名}}：{{儿童姓名}}');
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/未知的占位符「\{\{家长姓名\}\}」/);
  });
  it('refuses an unpaired brace and an empty placeholder', () => {
    expect(templateProblems('{{儿童姓名')[0]).toMatch(/不成对/);
    expect(templateProblems('{{}}')[0]).toMatch(/空的占位符/);
  });
  it('accepts every declared placeholder', () => {
    expect(templateProblems(PLACEHOLDER_NAMES.map((n) => `{{${n}}}`).join('\n'))).toEqual([]);
  });
  it('property: the sample values fill every declared placeholder without a blank', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PLACEHOLDER_NAMES), { minLength: 1 }), (names) => {
        const out = fillTemplate(names.map((n) => `{{${n}}}`).join(' '), SAMPLE_VALUES);
        expect(out).not.toContain(BLANK);
      }),
    );
  });
});

describe('letterDate and orderProgress', () => {
  it('prints a date as in a letter', () => {
    expect(letterDate('2026-03-08')).toBe('2026年3月8日');
    expect(letterDate(null)).toBeNull();
  });
  it('counts required, attended, missed and planned sessions', () => {
    expect(orderProgress(3, [{ attended: true }, { attended: false }, { attended: null }, { attended: true }])).toEqual({
      required: 3,
      attended: 2,
      missed: 1,
      planned: 1,
      complete: false,
    });
    expect(orderProgress(2, [{ attended: true }, { attended: true }]).complete).toBe(true);
    expect(orderProgress(null, []).complete).toBe(false);
  });
  it('property: attended + missed + planned is the number of sessions', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(true, false, null)), fc.integer({ min: 0, max: 20 }), (xs, req) => {
        const p = orderProgress(
          req,
          xs.map((attended) => ({ attended })),
        );
        expect(p.attended + p.missed + p.planned).toBe(xs.length);
        expect(p.complete).toBe(req > 0 && p.attended >= req);
      }),
    );
  });
});
