/**
 * The feeds pages' pure parts: the mapping editor's rows to and from the contract's mapping, the
 * server's messages placed under the cells they name, and what 确认应用 announces.
 */
import { describe, expect, it } from 'vitest';
import { confirmSplit, curlExample, mappingErrors, newFileLink, percent, toMapping, toRows } from './logic';
import type { FeedMapping, RunCounts } from './types';

const mapping: FeedMapping = {
  columns: [
    { header: '公民身份号码', field: 'idNumber' },
    { header: '残疾类别', field: 'disabilityType', values: { 听力残疾: '听力' } },
    { header: '残疾等级', field: 'disabilityGrade', values: { 一级: '1', 二级: '2' } },
  ],
};

describe('mapping rows', () => {
  it('round-trips a mapping through the form rows', () => {
    expect(toMapping(toRows(mapping))).toEqual(mapping);
  });

  it('trims headers and words, drops empty value pairs and rows without a field', () => {
    const out = toMapping([
      { header: ' 姓名 ', field: 'name', values: [{ from: ' ', to: '' }] },
      { header: '状态', field: 'status', values: [{ from: ' 刑满释放 ', to: 'alive_fit ' }] },
      { header: '备注', field: undefined, values: [] },
    ]);
    expect(out).toEqual({
      columns: [
        { header: '姓名', field: 'name' },
        { header: '状态', field: 'status', values: { 刑满释放: 'alive_fit' } },
      ],
    });
  });
});

describe('mappingErrors', () => {
  it('puts a column’s header and field messages under their cells, the rest above the table', () => {
    const r = mappingErrors([
      { path: 'mapping.columns.1.header', message: '源表头重复' },
      { path: 'body.mapping.columns.1.header', message: '最多 60 个字' },
      { path: 'mapping.columns.0.field', message: '字段不正确' },
      { path: 'mapping.columns.2.values.一级', message: '取值过长' },
      { path: 'mapping', message: '残疾类别数据源须映射“残疾等级”' },
      { path: 'rateLimitPerMinute', message: '每分钟最多 600 次' },
    ]);
    expect(r.cells).toEqual([
      { name: ['columns', 1, 'header'], errors: ['源表头重复', '最多 60 个字'] },
      { name: ['columns', 0, 'field'], errors: ['字段不正确'] },
    ]);
    expect(r.other).toEqual(['3: 取值过长', '残疾类别数据源须映射“残疾等级”']);
    expect(r.top).toEqual([{ name: 'rateLimitPerMinute', errors: ['每分钟最多 600 次'] }]);
  });
});

describe('confirmSplit', () => {
  const counts = { matched: 3, matchedByName: 1 } as RunCounts;
  it('sends every matched record to review unless the feed applies automatically', () => {
    expect(confirmSplit({ counts }, { autoApply: false })).toEqual({ total: 4, auto: 0, review: 4 });
    expect(confirmSplit({ counts }, { autoApply: true })).toEqual({ total: 4, auto: 4, review: 0 });
  });
});

describe('the example call and rates', () => {
  it('names the feed’s push address, the key and the feed’s own headers', () => {
    const text = curlExample('https://nuanyang.example', { code: 'police-death', mapping }, 'fk_abc');
    expect(text).toContain("'https://nuanyang.example/api/feeds/police-death/push'");
    expect(text).toContain('Authorization: Bearer fk_abc');
    expect(text).toContain('"公民身份号码":"…"');
  });

  it('shows a rate as a percentage with one decimal, none as a dash', () => {
    expect(percent(0.8765)).toBe('87.7%');
    expect(percent(1)).toBe('100%');
    expect(percent(null)).toBe('—');
  });
});

describe('newFileLink (主动发现)', () => {
  it('starts a child file from the source name and birth date, escaped; a parent record starts none', () => {
    expect(newFileLink({ name: '张&小=明', birthDate: '2021-03-04' }, 'child.disability')).toBe(
      '/children/new?name=%E5%BC%A0%26%E5%B0%8F%3D%E6%98%8E&birthDate=2021-03-04',
    );
    expect(newFileLink({ name: null, birthDate: null }, 'child.schoolStage')).toBe('/children/new');
    expect(newFileLink({ name: '李某', birthDate: '1985-01-01' }, 'member.status')).toBeNull();
    expect(newFileLink({ name: '李某', birthDate: null }, undefined)).toBeNull();
  });
});
