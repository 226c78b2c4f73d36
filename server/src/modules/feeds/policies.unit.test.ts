/**
 * Property tests of a feed's row parsing (fast-check): identity numbers however typed (full-width
 * digits, a lower-case x, spaces) read as the same number; a source word in the mapping's values
 * becomes ours, any other is a Chinese row error naming it; arbitrary cells never throw and every
 * refusal is in Chinese; the same person twice is a duplicate.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DISABILITY_TYPES } from '#common/values.js';
import { makeIdNumber } from '#common/idNumber.js';
import type { FeedMapping } from '#common/feeds.js';
import { mappingProblems, normaliseHeader, parseRows, proposedValue, sameValue, type SourceRow } from './policies.js';

const TODAY = '2026-12-05';
const mapping = (values: Record<string, string>): FeedMapping => ({
  columns: [
    { header: '姓名', field: 'name' },
    { header: '公民身份号码', field: 'idNumber' },
    { header: '残疾类别', field: 'disabilityType', values },
    { header: '残疾等级', field: 'disabilityGrade' },
  ],
});
const row = (rowNo: number, cells: Record<string, string | number | null>): SourceRow => ({
  rowNo,
  cells: new Map(Object.entries(cells).map(([k, v]) => [normaliseHeader(k), v])),
});
const birth = fc.date({ min: new Date('1990-01-01'), max: new Date('2025-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const idNumber = fc
  .tuple(birth, fc.integer({ min: 1, max: 999 }), fc.constantFrom<'M' | 'F'>('M', 'F'))
  .map(([b, s, sex]) => makeIdNumber('310110', b, s, sex));
const fullWidth = (s: string) => s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const CJK = /[\u4e00-\u9fff]/;

describe('parseRows (property)', () => {
  it('reads an identity number typed in full-width digits, lower-case x or with spaces as the same number', () => {
    fc.assert(
      fc.property(idNumber, fc.constantFrom('plain', 'full', 'lower', 'spaced'), (id, how) => {
        const typed = how === 'full' ? fullWidth(id) : how === 'lower' ? id.toLowerCase() : how === 'spaced' ? `${id.slice(0, 6)} ${id.slice(6)}` : id;
        const [r] = parseRows([row(2, { 姓名: '张三', 公民身份号码: typed, 残疾类别: '肢体', 残疾等级: '2' })], 'child.disability', mapping({}), TODAY);
        expect(r?.outcome).toBe('ok');
        expect(r?.idNumber).toBe(id);
        expect(r?.idTail).toBe(id.slice(-4));
      }),
    );
  });

  it('maps the source’s own words through the values, and names a word outside them in Chinese', () => {
    const word = fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim() === s && s.length > 0 && !/[\u0000-\u001f]/.test(s));
    fc.assert(
      fc.property(fc.dictionary(word, fc.constantFrom(...DISABILITY_TYPES), { minKeys: 1, maxKeys: 5 }), word, idNumber, (values, other, id) => {
        const [known, ours] = Object.entries(values)[0] ?? ['', ''];
        const ok = parseRows([row(2, { 姓名: '李四', 公民身份号码: id, 残疾类别: known, 残疾等级: '一级' })], 'child.disability', mapping(values), TODAY)[0];
        expect(ok?.outcome).toBe('ok');
        expect(ok?.facts).toEqual({ disabilityType: ours, disabilityGrade: 1 });
        if (!(other in values) && !(other.normalize('NFKC').trim() in values)) {
          const bad = parseRows([row(3, { 姓名: '李四', 公民身份号码: id, 残疾类别: other, 残疾等级: '1' })], 'child.disability', mapping(values), TODAY)[0];
          expect(bad?.outcome).toBe('error');
          expect(bad?.messages.join()).toContain(`“${other}”不在该数据源的映射中`);
        }
      }),
    );
  });

  it('never throws on arbitrary cells, and every refusal is in Chinese', () => {
    const cell = fc.oneof(fc.string({ maxLength: 30 }), fc.integer(), fc.double(), fc.constant(null), fc.date({ noInvalidDate: true }));
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell, cell, cell), { maxLength: 20 }), (cells) => {
        const rows = cells.map(([a, b, c, d], i) =>
          row(i + 2, {
            姓名: a instanceof Date ? a.toISOString() : a,
            公民身份号码: b instanceof Date ? null : b,
            残疾类别: c instanceof Date ? null : c,
            残疾等级: d instanceof Date ? null : d,
          }),
        );
        for (const r of parseRows(rows, 'child.disability', mapping({}), TODAY)) {
          if (r.outcome !== 'ok') for (const m of r.messages) expect(m).toMatch(CJK);
        }
      }),
    );
  });

  it('marks the same person twice as a duplicate and a future date as an error', () => {
    fc.assert(
      fc.property(idNumber, (id) => {
        const m: FeedMapping = { columns: [...mapping({}).columns, { header: '发证日期', field: 'since' }] };
        const rs = parseRows(
          [
            row(2, { 姓名: '王五', 公民身份号码: id, 残疾类别: '视力', 残疾等级: '3', 发证日期: '2025-01-01' }),
            row(3, { 姓名: '王五', 公民身份号码: id.toLowerCase(), 残疾类别: '视力', 残疾等级: '3', 发证日期: '2025-01-01' }),
            row(4, { 姓名: '王五', 公民身份号码: id, 残疾类别: '视力', 残疾等级: '3', 发证日期: '2026-12-06' }),
          ],
          'child.disability',
          m,
          TODAY,
        );
        expect(rs.map((r) => r.outcome)).toEqual(['ok', 'duplicate', 'error']);
        expect(rs[2]?.messages.join()).toMatch(/晚于今天/);
      }),
    );
  });
});

describe('values and mappings', () => {
  it('compares stored values whatever the key order, and proposes nothing for the value on file', () => {
    expect(sameValue({ status: 'deceased', since: null, until: null }, { until: null, since: null, status: 'deceased' })).toBe(true);
    const cur = { status: 'imprisoned', since: '2023-01-01', until: '2027-01-01' };
    expect(proposedValue('member.status', { status: 'imprisoned' }, cur)).toBeNull();
    expect(proposedValue('member.status', { status: 'alive_fit', since: '2026-11-02' }, cur)).toEqual({
      status: 'alive_fit',
      since: '2026-11-02',
      until: null,
    });
  });

  it('names what a mapping lacks for its fact', () => {
    const p = mappingProblems('member.status', {
      columns: [
        { header: '姓名', field: 'name' },
        { header: '状态', field: 'status', values: { 在押: 'jailed' } },
      ],
    });
    expect(p.map((x) => x.message)).toEqual(['“在押”对应的“jailed”不是状态的有效取值', '该数据源须映射“身份证号”']);
  });
});
