/**
 * The loader refuses an invalid policy file with the file, line, column and reason — unknown keys,
 * unknown profile fields, type and unit errors, unknown parameters, overlapping dated values,
 * test cases that do not fit — so an invalid pack stops the start.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPack, loadPackFromSources, PolicyLoadError } from './load.js';

const VALID = `id: sample-allowance
name: { zh: 示例补贴, en: Sample allowance }
issuer: 测试
unit: civil-affairs
kind: monthly-allowance
legalBasis:
  - doc: 测试文件
parameters:
  standard:
    label: 标准
    unit: fen/month
    values:
      - from: 2024-01-01
        to: 2024-12-31
        value: 1000 yuan
        source: 测试
        verified: true
      - from: 2025-01-01
        value: 1200 yuan
        source: 测试
        verified: false
logic:
  - version: '1'
    from: 2024-01-01
    basis: 测试文件
    criteria:
      all:
        - id: local
          label: 本市户籍
          clause: 第一条
          expr: child.hukou == 'local'
        - id: poor
          label: 人均收入不高于标准
          clause: 第二条
          expr: household.monthlyIncome / household.size <= param.standard
amount:
  formula: param.standard
tests:
  - name: 符合
    date: 2024-06-01
    profile:
      child: { hukou: local }
      household: { size: 2, monthlyIncome: 100000 }
    expect: { result: eligible, amount: 1000 yuan }
`;

/** The load error of a variant of the valid file (a replacement applied to its text). */
function failure(
  from: string,
  to: string,
  extra: { file: string; text: string }[] = [],
): { line: number; col: number; reason: string; file: string; lineText: string } {
  expect(VALID.includes(from), `fixture contains ${from}`).toBe(true);
  const text = VALID.replace(from, to);
  try {
    loadPackFromSources([{ file: 'policies/sample-allowance.yaml', text }, ...extra]);
  } catch (e) {
    if (!(e instanceof PolicyLoadError)) throw e;
    expect(e.message).toMatch(/^policies\/sample-allowance\.yaml:\d+:\d+: /);
    return { line: e.line, col: e.col, reason: e.reason, file: e.file, lineText: text.split('\n')[e.line - 1]! };
  }
  throw new Error('the variant loaded without error');
}

describe('policy loader', () => {
  it('loads a valid file', () => {
    const pack = loadPackFromSources([{ file: 'policies/sample-allowance.yaml', text: VALID }]);
    expect(pack.policies[0]!.id).toBe('sample-allowance');
    expect(pack.policies[0]!.parameters.get('standard')!.values.map((v) => v.end)).toEqual([expect.any(Number), null]);
  });

  it('names file, line and column of an unknown field inside an expression', () => {
    const f = failure("expr: child.hukou == 'local'", "expr: child.hukuo == 'local'");
    expect(f.reason).toMatch(/criterion local: unknown field child\.hukuo.*child\.hukou/);
    expect(f.lineText.slice(f.col - 1)).toMatch(/^child\.hukuo/);
  });

  it('refuses a type error (a date compared with money) at the operator', () => {
    const f = failure('expr: household.monthlyIncome / household.size <= param.standard', 'expr: child.birthDate <= param.standard');
    expect(f.reason).toMatch(/cannot compare date with money/);
    expect(f.lineText.slice(f.col - 1)).toMatch(/^<= param/);
  });

  it('refuses a unit error (adding fen to days)', () => {
    const f = failure('expr: household.monthlyIncome / household.size <= param.standard', 'expr: household.monthlyIncome + 30 days <= param.standard');
    expect(f.reason).toMatch(/cannot add days to money/);
    expect(f.lineText.slice(f.col - 1)).toMatch(/^\+ 30 days/);
  });

  it('refuses an unknown parameter name', () => {
    const f = failure('<= param.standard', '<= param.standrad');
    expect(f.reason).toMatch(/unknown parameter param\.standrad.*standard/);
    expect(f.lineText.slice(f.col - 1)).toMatch(/^param\.standrad/);
  });

  it('points into a multi-line expression', () => {
    const f = failure("expr: child.hukou == 'local'", "expr: >-\n            child.hukou == 'local'\n            and child.agee < 18");
    expect(f.reason).toMatch(/unknown field child\.agee/);
    expect(f.lineText.slice(f.col - 1)).toMatch(/^child\.agee/);
  });

  it('refuses unknown keys, wrong kinds and missing parts of the file', () => {
    expect(failure('issuer: 测试', 'issuer: 测试\nissuedBy: 测试').reason).toMatch(/unknown key 'issuedBy'/);
    expect(failure('unit: civil-affairs', 'unit: civil-affair').reason).toMatch(/unit 'civil-affair' is not one of/);
    expect(failure('        verified: true', '        verified: yes').reason).toMatch(/verified should be true or false/);
    expect(failure('          clause: 第一条\n', '').reason).toMatch(/a criterion is missing 'clause'/);
    expect(failure('id: sample-allowance', 'id: other-id').reason).toMatch(/should match the file name/);
    const syntax = failure('name: { zh: 示例补贴, en: Sample allowance }', 'name: { zh: 示例补贴, en: Sample allowance');
    expect(syntax.reason).toMatch(/^YAML: /);
  });

  it('refuses a money value without its unit, and overlapping dated values', () => {
    expect(failure('value: 1000 yuan', 'value: 1000').reason).toMatch(/needs a unit/);
    const overlap = failure('        to: 2024-12-31', '        to: 2025-03-31');
    expect(overlap.reason).toMatch(/values of standard overlap/);
    expect(overlap.lineText).toMatch(/- from: 2025-01-01/);
  });

  it('refuses test cases that do not fit: a profile with a wrong type, a criterion that does not exist', () => {
    const bad = failure('household: { size: 2, monthlyIncome: 100000 }', "household: { size: 2, monthlyIncome: '1000' }");
    expect(bad.reason).toMatch(/test profile: household\.monthlyIncome: 家庭月收入应为以分为单位的整数/);
    expect(bad.lineText).toMatch(/monthlyIncome: '1000'/);
    const ghost = failure('expect: { result: eligible, amount: 1000 yuan }', 'expect: { result: not-eligible, failed: [local, rich] }');
    expect(ghost.reason).toMatch(/no criterion 'rich'/);
  });

  it('refuses a reference to a policy that does not exist, at the reference', () => {
    const f = failure('tests:', 'exclusions:\n  - policy: extreme-poverty\ntests:');
    expect(f.reason).toMatch(/unknown policy 'extreme-poverty'/);
    expect(f.lineText).toMatch(/policy: extreme-poverty/);
  });

  it('stops loading a folder with one invalid file, naming that file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policies-'));
    fs.writeFileSync(path.join(dir, 'sample-allowance.yaml'), VALID.replace("expr: child.hukou == 'local'", "expr: child.hukou == 'locl'"));
    try {
      expect(() => loadPack(dir)).toThrow(/sample-allowance\.yaml:3\d:\d+: criterion local: 'locl' is not a value of hukou/);
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });

  it('loads the real pack', () => {
    const pack = loadPack();
    expect(pack.policyIds).toContain('basic-living-allowance-orphan-scattered');
    // exclusions generate the "not chosen" criterion in the excluded policy
    const ep = pack.byId.get('extreme-poverty-support')!;
    expect(ep.logic[0]!.leaves.map((l) => l.id)).toEqual(
      expect.arrayContaining(['not-chosen-basic-living-allowance-orphan-scattered', 'not-chosen-basic-living-allowance-guardianship']),
    );
    expect(ep.excludedBy.map((r) => r.policy).sort()).toEqual(['basic-living-allowance-guardianship', 'basic-living-allowance-orphan-scattered']);
  });
});
