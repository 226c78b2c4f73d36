/**
 * The expression language: parse errors and type errors with their positions, unit checking,
 * and three-valued evaluation (a missing input makes a leaf unknown unless the logic is decided
 * anyway).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../dates.js';
import { domainsFor, INPUT_BY_PATH, INPUTS, type FactValue } from '../profile.js';
import type { ParamValue } from '../policy.js';
import { checkExpression, type ParamInfo, type TExpr } from './check.js';
import { describe as describeExpr, explain } from './describe.js';
import { evaluate, needed, type Env } from './eval.js';
import { ExprError, parse } from './parse.js';
import { T } from './types.js';

const domains = domainsFor([
  { id: 'minimum-livelihood', name: { zh: '低保' } },
  { id: 'extreme-poverty-support', name: { zh: '特困供养' } },
]);
const params = new Map<string, ParamInfo>([
  ['standard', { type: T.num('fen'), label: '低保标准' }],
  ['minAge', { type: T.num('years'), label: '最低年龄' }],
]);
const ctx = { domains, params };
const check = (src: string) => checkExpression(src, ctx);

/** The error of an expression, with the text its position points at. */
function errorOf(src: string): { message: string; at: string; start: number } {
  try {
    check(src);
  } catch (e) {
    if (e instanceof ExprError) return { message: e.message, at: src.slice(e.pos.start, e.pos.end), start: e.pos.start };
    throw e;
  }
  throw new Error(`no error for ${src}`);
}

const ASOF = dayFromIso('2025-03-01')!;
function env(values: Record<string, FactValue>, paramValues: Record<string, number | null> = {}): Env {
  const v: FactValue[] = INPUTS.map(() => null);
  for (const [k, x] of Object.entries(values)) v[INPUT_BY_PATH.get(k)!.index] = typeof x === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(x) ? dayFromIso(x) : x;
  const ps = new Map<string, ParamValue | null>(
    Object.entries(paramValues).map(([k, x]) => [k, x === null ? null : { from: 0, to: null, end: null, value: x, source: 'test', verified: true }]),
  );
  return { values: v, asOf: ASOF, params: ps, slot: -1, birthIndex: INPUT_BY_PATH.get('child.birthDate')!.index };
}
const run = (src: string, e: Env) => evaluate(check(src), e);

describe('parser', () => {
  it('parses precedence: comparison below arithmetic, and below comparison, or below and', () => {
    const n = parse('a.b + 1 * 2 < 3 and not c.d or e.f');
    expect(n.k).toBe('bin');
    expect((n as { op: string }).op).toBe('or');
  });

  it('reports syntax errors at their position', () => {
    const cases: [string, string, RegExp][] = [
      ["child.hukou = 'local'", '=', /use '=='/],
      ['child.age < ', '', /expected a value/],
      ['(child.age < 18', '', /expected '\)'/],
      ["child.hukou in ['local'", '', /expected '\]'/],
      ['child.age < 18 18', '18', /unexpected '18'/],
      ["child.hukou == 'local", "'local", /unterminated string/],
      ['child.age # 3', '#', /unexpected character/],
      ['all parents status', 'status', /expected '\('/],
    ];
    for (const [src, at, msg] of cases) {
      const e = errorOf(src);
      expect(e.message, src).toMatch(msg);
      expect(e.at, src).toBe(at);
    }
  });
});

describe('type checker', () => {
  it('refuses unknown fields and parameters, suggesting the nearest name', () => {
    expect(errorOf("child.hukuo == 'local'")).toMatchObject({ at: 'child.hukuo', message: expect.stringMatching(/unknown field child.hukuo.*child.hukou/) });
    expect(errorOf('household.monthlyIncome <= param.standrd')).toMatchObject({
      at: 'param.standrd',
      message: expect.stringMatching(/unknown parameter.*standard/),
    });
    expect(errorOf('foo(1)')).toMatchObject({ at: 'foo', message: expect.stringMatching(/unknown function/) });
  });

  it('refuses type errors: comparing a date with money, money with an age, a set with a value', () => {
    expect(errorOf('child.birthDate < household.monthlyIncome')).toMatchObject({ at: '<', message: 'cannot compare date with money' });
    expect(errorOf('child.age >= param.standard')).toMatchObject({ at: '>=', message: 'cannot compare years with money' });
    expect(errorOf("child.categories == 'disabled'").message).toMatch(/cannot compare|sets are compared/);
    expect(errorOf('child.hukou < child.hukou').message).toMatch(/orders numbers and dates/);
    expect(errorOf('child.age').message).toMatch(/expected bool, found years/);
    expect(errorOf('not child.age').message).toMatch(/needs a condition/);
  });

  it('refuses unit errors: adding money to days, a money literal without its unit', () => {
    expect(errorOf('household.monthlyIncome + 30 days > 0 yuan')).toMatchObject({ at: '+', message: 'cannot add days to money (fen)' });
    expect(errorOf('household.monthlyIncome <= 1100')).toMatchObject({ at: '1100', message: expect.stringMatching(/needs a unit: write yuan or fen/) });
    expect(errorOf('child.birthDate + 3 > asOf').message).toMatch(/say which period/);
    expect(errorOf('months_since(child.birthDate) > 6 days').message).toBe('cannot compare months with days');
    expect(errorOf('household.monthlyIncome * household.monthlyIncome > 0 yuan').message).toMatch(/cannot multiply money \(fen\) by money \(fen\)/);
  });

  it('checks enum values against their domain', () => {
    expect(errorOf("child.hukou == 'locl'")).toMatchObject({ at: "'locl'", message: expect.stringMatching(/not a value of hukou.*local/) });
    expect(errorOf("any parents (status in ['dead'])")).toMatchObject({
      at: "'dead'",
      message: expect.stringMatching(/not a value of memberStatus.*deceased/),
    });
    expect(errorOf("benefits.receiving contains 'minimum-livelyhood'").message).toMatch(/not a value of policy.*minimum-livelihood/);
    expect(errorOf('child.hukou in [1, 2]').message).toMatch(/expected a value of hukou in quotes/);
  });

  it('scopes parent fields to parents aggregates', () => {
    expect(errorOf("status == 'deceased'").message).toMatch(/parent's field/);
    expect(errorOf("all parents (any parents (status == 'deceased'))").message).toMatch(/nested/);
    expect(check("count(parents where status in ['deceased', 'missing']) == 2").t).toEqual(T.bool);
    expect(check('sum(parents where disabilityGrade <= 2, disabilityGrade) >= 2').t).toEqual(T.bool);
  });

  it('accepts the sugar: ages, months since, date arithmetic, units on literals', () => {
    for (const src of [
      'child.age < 18',
      'age_at(asOf - 6 months) >= 18 years',
      'months_since(child.birthDate) >= 6',
      'days_between(child.birthDate, asOf) > 365 days',
      'household.monthlyIncome / household.size <= param.standard',
      'max(param.standard - household.monthlyIncome, 0 yuan) > 100 yuan',
      "if(child.hukou == 'local', 1 yuan, 2 yuan) > 0 fen",
      'child.age >= param.minAge',
      "child.birthDate < date('2010-01-01')",
      'size(child.categories) >= 2',
    ])
      expect(() => check(src), src).not.toThrow();
  });
});

describe('three-valued evaluation', () => {
  it('a missing input makes a comparison unknown, never false', () => {
    expect(run('child.age < 18', env({}))).toBeNull();
    expect(run('household.monthlyIncome / household.size <= param.standard', env({ 'household.size': 3 }, { standard: 110000 }))).toBeNull();
    expect(
      run('household.monthlyIncome / household.size <= param.standard', env({ 'household.size': 3, 'household.monthlyIncome': 360000 }, { standard: null })),
    ).toBeNull();
    expect(run("child.hukou == 'local'", env({ 'child.hukou': 'other' }))).toBe(false);
    expect(run("child.categories intersects ['disabled']", env({}))).toBeNull();
    expect(run("child.categories intersects ['disabled']", env({ 'child.categories': [] }))).toBe(false);
  });

  it('and / or are decided by a false / true operand whatever is unknown', () => {
    expect(run("child.age < 18 and child.hukou == 'local'", env({ 'child.hukou': 'other' }))).toBe(false);
    expect(run("child.age < 18 or child.hukou == 'local'", env({ 'child.hukou': 'local' }))).toBe(true);
    expect(run("child.age < 18 and child.hukou == 'local'", env({ 'child.hukou': 'local' }))).toBeNull();
    expect(run("not (child.hukou == 'local')", env({}))).toBeNull();
  });

  it('all / any parents are Kleene over the two slots; count and sum need every parent', () => {
    const both = "all parents (status in ['deceased', 'missing'])";
    expect(run(both, env({ 'father.status': 'deceased' }))).toBeNull();
    expect(run(both, env({ 'father.status': 'alive_fit' }))).toBe(false);
    expect(run(both, env({ 'father.status': 'deceased', 'mother.status': 'missing' }))).toBe(true);
    expect(run("any parents (status == 'deceased')", env({ 'mother.status': 'deceased' }))).toBe(true);
    expect(run("count(parents where status == 'deceased') >= 1", env({ 'mother.status': 'deceased' }))).toBeNull();
    expect(run("count(parents where status == 'deceased') >= 1", env({ 'mother.status': 'deceased', 'father.status': 'alive_fit' }))).toBe(true);
    expect(run('sum(parents, disabilityGrade) == 3', env({ 'father.disabilityGrade': 1, 'mother.disabilityGrade': 2 }))).toBe(true);
  });

  it('dates: ages in full years (29 February counts from 1 March), months since, division by zero unknown', () => {
    expect(evaluate(check('child.age < 18'), { ...env({ 'child.birthDate': '2007-03-01' }) })).toBe(false);
    expect(evaluate(check('child.age < 18'), { ...env({ 'child.birthDate': '2007-03-02' }) })).toBe(true);
    const e = { ...env({ 'child.birthDate': '2008-02-29' }), asOf: dayFromIso('2026-02-28')! };
    expect(evaluate(check('child.age < 18'), e)).toBe(true);
    expect(evaluate(check('child.age < 18'), { ...e, asOf: dayFromIso('2026-03-01')! })).toBe(false);
    expect(
      run(
        "any parents (status == 'out_of_contact' and months_since(statusSince) >= 6)",
        env({ 'father.status': 'out_of_contact', 'father.statusSince': '2024-09-01', 'mother.status': 'alive_fit' }),
      ),
    ).toBe(true);
    expect(
      run(
        "any parents (status == 'out_of_contact' and months_since(statusSince) >= 6)",
        env({ 'father.status': 'out_of_contact', 'father.statusSince': '2024-09-02', 'mother.status': 'alive_fit' }),
      ),
    ).toBe(false);
    expect(run('household.monthlyIncome / household.size <= 1 yuan', env({ 'household.monthlyIncome': 0, 'household.size': 0 }))).toBeNull();
  });

  it('names exactly the data still needed: only the unknown operands that could decide', () => {
    const need = (src: string, e: Env) => {
      const f = new Set<string>(),
        p = new Set<string>();
      needed(check(src), e, f, p);
      return [[...f].sort(), [...p]];
    };
    expect(need("child.age < 18 or child.hukou == 'local'", env({ 'child.hukou': 'other' }))).toEqual([['child.birthDate'], []]);
    expect(need('household.monthlyIncome / household.size <= param.standard', env({ 'household.size': 2 }))).toEqual([
      ['household.monthlyIncome'],
      ['standard'],
    ]);
    expect(need("all parents (status in ['deceased', 'missing'])", env({ 'father.status': 'deceased' }))).toEqual([['mother.status'], []]);
  });

  it('is monotone: filling in missing inputs never contradicts a known answer', () => {
    const exprs = [
      "child.age < 18 and (child.hukou == 'local' or child.institutionalCare)",
      "all parents (status in ['deceased', 'missing']) or any parents (status == 'imprisoned' and months_until(statusUntil) >= 6)",
      'household.monthlyIncome / household.size <= 1330 yuan or household.receivesDibao',
      "not (child.categories intersects ['disabled', 'seriously_ill']) and child.schoolStage in ['小学', '初中']",
    ].map(check);
    const paths = [
      'child.birthDate',
      'child.hukou',
      'child.institutionalCare',
      'father.status',
      'mother.status',
      'father.statusUntil',
      'mother.statusUntil',
      'household.monthlyIncome',
      'household.size',
      'household.receivesDibao',
      'child.categories',
      'child.schoolStage',
    ];
    const full = fc.record({
      'child.birthDate': fc.integer({ min: dayFromIso('2000-01-01')!, max: dayFromIso('2025-01-01')! }),
      'child.hukou': fc.constantFrom('local', 'other'),
      'child.institutionalCare': fc.boolean(),
      'father.status': fc.constantFrom('deceased', 'missing', 'imprisoned', 'alive_fit'),
      'mother.status': fc.constantFrom('deceased', 'alive_fit', 'imprisoned'),
      'father.statusUntil': fc.integer({ min: dayFromIso('2024-01-01')!, max: dayFromIso('2027-01-01')! }),
      'mother.statusUntil': fc.integer({ min: dayFromIso('2024-01-01')!, max: dayFromIso('2027-01-01')! }),
      'household.monthlyIncome': fc.integer({ min: 0, max: 600000 }),
      'household.size': fc.integer({ min: 1, max: 5 }),
      'household.receivesDibao': fc.boolean(),
      'child.categories': fc.subarray(['disabled', 'seriously_ill', 'left_behind']),
      'child.schoolStage': fc.constantFrom('小学', '初中', '高中'),
    });
    fc.assert(
      fc.property(full, fc.array(fc.boolean(), { minLength: paths.length, maxLength: paths.length }), (values, drop) => {
        const complete = env(values);
        const partial = env(Object.fromEntries(Object.entries(values).filter((_, i) => !drop[i])));
        for (const e of exprs) {
          const coarse = evaluate(e, partial),
            fine = evaluate(e, complete);
          expect(fine).not.toBeNull();
          if (coarse !== null) expect(coarse).toBe(fine);
        }
      }),
    );
  });
});

describe('explanations', () => {
  it('states values, the comparison and the parameter with its source and date', () => {
    const e = checkExpression('household.monthlyIncome / household.size <= param.standard', ctx);
    const en = env({ 'household.monthlyIncome': 360000, 'household.size': 3 });
    (en.params as Map<string, ParamValue | null>).set('standard', {
      from: dayFromIso('2025-07-01')!,
      to: null,
      end: null,
      value: 110000,
      source: '《上海市社会救助条例》',
      verified: true,
    });
    const text = explain(
      e,
      { env: en, domains, params: new Map([['standard', { name: 'standard', label: '低保标准', unit: 'fen/month', type: T.num('fen'), values: [] }]]) },
      '家庭人均月收入',
    );
    expect(text).toBe('家庭人均月收入 1,200 元（家庭月收入 3,600 元 ÷ 家庭人口 3 人），高于 低保标准 1,100 元（《上海市社会救助条例》，2025-07-01 起）');
    expect(
      describeExpr(check('child.age < 18').k === 'cmp' ? (check('child.age < 18') as { left: TExpr }).left : check('child.age < 18'), {
        env: env({ 'child.birthDate': '2010-05-01' }),
        domains,
        params: new Map(),
      }),
    ).toBe('年龄 14 周岁');
    expect(explain(check("child.hukou == 'local'"), { env: env({ 'child.hukou': 'other' }), domains, params: new Map() })).toBe(
      '户籍为外省市户籍，不是本市户籍',
    );
    expect(explain(check("child.hukou == 'local'"), { env: env({}), domains, params: new Map() })).toBe('户籍未知');
  });
});
