/**
 * As-of dates: parameters and logic versions are resolved for the date; a date before a policy's
 * first version gives "not eligible: 政策尚未施行" with the start date, a date after every version
 * "undetermined" with the reason, never a crash; only documents in force are cited; what-if
 * overrides a value from a date.
 */
import { describe, expect, it } from 'vitest';
import { codecFor, ProfileTable } from './columns.js';
import { compileBatch } from './compile/batch.js';
import { NOT_IN_FORCE, UNDETERMINED } from './compile/codes.js';
import { packSql } from './compile/sql.js';
import { evaluateChild, evaluatePolicy } from './compile/single.js';
import { addMonths, dayFromIso, isoFromDay, monthsBetween, yearsBetween } from './dates.js';
import { loadPack } from './load.js';
import { logicAt, paramAt, withMaintainedValues } from './policy.js';
import { factsOf } from './profile.js';
import { whatIf } from './whatif.js';

const pack = loadPack();
const d = (s: string) => dayFromIso(s)!;
const scattered = pack.byId.get('basic-living-allowance-orphan-scattered')!;
const orphan = factsOf(
  {
    child: { birthDate: '2014-06-01', hukou: 'local', institutionalCare: false },
    parents: [
      { relation: 'father', status: 'deceased' },
      { relation: 'mother', status: 'deceased' },
    ],
    benefits: { receiving: [] },
  },
  pack.policyIds,
);

describe('dates', () => {
  it('computes full years and months, clamps month ends, refuses impossible dates', () => {
    expect(yearsBetween(d('2008-02-29'), d('2026-02-28'))).toBe(17);
    expect(yearsBetween(d('2008-02-29'), d('2026-03-01'))).toBe(18);
    expect(monthsBetween(d('2024-01-31'), d('2024-02-29'))).toBe(0);
    expect(monthsBetween(d('2024-09-01'), d('2025-03-01'))).toBe(6);
    expect(monthsBetween(d('2025-03-15'), d('2025-01-20'))).toBe(-2);
    expect(isoFromDay(addMonths(d('2024-01-31'), 1))).toBe('2024-02-29');
    expect(isoFromDay(addMonths(d('2025-03-31'), -1))).toBe('2025-02-28');
    expect(dayFromIso('2025-02-29')).toBeNull();
    expect(dayFromIso('2025-2-1')).toBeNull();
    expect(isoFromDay(d('1970-01-01'))).toBe('1970-01-01');
  });
});

describe('as-of resolution', () => {
  it('resolves each dated value for the date, and nothing outside every range', () => {
    const std = scattered.parameters.get('allowance')!;
    const at = (s: string) => paramAt(std, d(s))?.value ?? null;
    expect(at('2017-12-31')).toBeNull();
    expect(at('2018-01-01')).toBe(180000);
    expect(at('2023-05-31')).toBe(180000);
    expect(at('2023-06-01')).toBe(250000);
    expect(at('2024-12-31')).toBe(250000);
    expect(at('2025-01-01')).toBe(320000);
    expect(at('2030-12-31')).toBe(320000);
    expect(at('2031-01-01')).toBeNull();
    const dibao = pack.byId.get('minimum-livelihood')!.parameters.get('standard')!;
    expect(paramAt(dibao, d('2023-09-01'))).toBeNull(); // 2023 unconfirmed: a gap, not the 2022 value
    expect(paramAt(dibao, d('2025-09-01'))).toMatchObject({ value: 165000, verified: false });
  });

  it('chooses the logic version in force', () => {
    expect(logicAt(scattered, d('2025-12-24'))!.version).toBe('2018');
    expect(logicAt(scattered, d('2025-12-25'))!.version).toBe('2025');
    expect(logicAt(scattered, d('2017-12-31'))).toBeNull();
    const waiver = pack.byId.get('school-fee-waiver')!;
    expect(logicAt(waiver, d('2026-12-31'))!.version).toBe('2024');
    expect(logicAt(waiver, d('2027-01-01'))).toBeNull();
  });

  it('answers "not eligible: 政策尚未施行" with the start date before the first version, in all three paths', () => {
    const r = evaluatePolicy(pack, scattered, orphan, d('2017-06-01'));
    expect(r).toMatchObject({ result: 'not-eligible', code: NOT_IN_FORCE, logic: null, amount: { status: 'not-applicable' } });
    expect(r.reason).toMatch(/政策尚未施行：本政策自 2018-01-01 起施行/);
    expect(r.explanation).toMatch(/^不符合「散居孤儿基本生活费」：政策尚未施行/);
    for (const backend of ['codegen', 'closures'] as const) {
      const batch = compileBatch(pack, d('2017-06-01'), { backend }).run(ProfileTable.fromFacts([orphan], codecFor(pack.domains)));
      expect(batch.codes[batch.policies.indexOf(scattered.id)]![0]).toBe(NOT_IN_FORCE);
    }
    expect(packSql(pack, d('2017-06-01')).expressions.get(scattered.id)).toBe('0::smallint');
  });

  it('answers "undetermined" with the reason for a date after every version, in all three paths', () => {
    const waiver = pack.byId.get('school-fee-waiver')!;
    const r = evaluatePolicy(pack, waiver, orphan, d('2027-03-01'));
    expect(r).toMatchObject({ result: 'undetermined', code: UNDETERMINED, logic: null });
    const batch = compileBatch(pack, d('2027-03-01')).run(ProfileTable.fromFacts([orphan], codecFor(pack.domains)));
    expect(batch.codes[batch.policies.indexOf(waiver.id)]![0]).toBe(UNDETERMINED);
    expect(packSql(pack, d('2027-03-01')).expressions.get(waiver.id)).toBe('NULL::smallint');
  });

  it('cites only the documents in force on the as-of date', () => {
    const docs = (date: string) => evaluatePolicy(pack, scattered, orphan, d(date)).legalBasis.map((b) => b.doc);
    // 2023: neither 2025 document (沪民规〔2025〕9号 applies from 2025-01-01, 沪府规〔2025〕11号 from 2025-12-25)
    expect(docs('2023-09-01')).toEqual(['上海市困境儿童基本生活费保障制度（2018）', '沪民规〔2023〕5号']);
    // published 2025-04-09 but in force back to 2025-01-01
    expect(docs('2025-03-01')).toContain('沪民规〔2025〕9号');
    expect(docs('2025-03-01')).not.toContain('沪府规〔2025〕11号');
    expect(docs('2026-01-10')).toContain('沪府规〔2025〕11号');
    for (const p of pack.policies) {
      for (const b of evaluatePolicy(pack, p, orphan, d('2019-06-01')).legalBasis)
        expect(b.from ?? b.date ?? '0000', `${p.id} ${b.doc}`).not.toMatch(/^202[0-9]/);
    }
  });

  it('reports the amount as 标准待维护 when the date has no value or only an unverified one, saying which', () => {
    expect(evaluatePolicy(pack, scattered, orphan, d('2031-03-01')).amount).toMatchObject({
      status: 'not-maintained',
      reason: '「散居孤儿基本生活费标准」在 2031-03-01 无有效值',
    });
    const dibao = evaluatePolicy(
      pack,
      pack.byId.get('minimum-livelihood')!,
      factsOf({ child: { hukou: 'local' }, household: { size: 2, monthlyIncome: 100000, assets: 0 } }),
      d('2025-09-01'),
    );
    expect(dibao.amount.status).toBe('not-maintained');
    expect(dibao.amount.text).toMatch(/仅有未核实的值：「城乡低保标准（每人每月）」1,650 元\/月/);
    // the unverified value decides nothing: the criterion is open (待核实), the value shown and flagged
    const income = dibao.criteria.find((c) => c.id === 'income')!;
    expect(income.value).toBeNull();
    expect(dibao.result).toBe('undetermined');
    expect(dibao.missingParams.find((p) => p.name === 'standard')!.reason).toMatch(/仅有未核实的值 1,650 元\/月.*待核实/);
    expect(income.params[0]).toMatchObject({ name: 'standard', value: 165000, verified: false, from: '2025-07-01' });
    expect(income.explanation).toMatch(/1,650 元（.*2025-07-01 起.*未核实.*待核实/);
  });
});

describe('administrator-maintained values', () => {
  it('fill a gap (the 2023 低保 standard) and correct a file value for its period only', () => {
    const patched = withMaintainedValues(pack, [
      {
        policy: 'minimum-livelihood',
        param: 'standard',
        from: d('2023-07-01'),
        to: d('2024-06-30'),
        value: 151000,
        source: '管理员维护：测试来源',
        verified: true,
      },
      {
        policy: scattered.id,
        param: 'allowance',
        from: d('2019-07-01'),
        to: d('2023-05-31'),
        value: 190000,
        source: '管理员维护：沪民规〔2019〕11号（测试）',
        verified: true,
      },
    ]);
    const dibao = patched.byId.get('minimum-livelihood')!.parameters.get('standard')!;
    expect(paramAt(dibao, d('2023-09-01'))).toMatchObject({ value: 151000, source: '管理员维护：测试来源' });
    expect(paramAt(dibao, d('2022-09-01'))).toMatchObject({ value: 142000 });
    const allowance = patched.byId.get(scattered.id)!.parameters.get('allowance')!;
    expect(paramAt(allowance, d('2019-06-30'))!.value).toBe(180000);
    expect(paramAt(allowance, d('2019-07-01'))!.value).toBe(190000);
    expect(paramAt(allowance, d('2023-06-01'))!.value).toBe(250000);
    expect(evaluatePolicy(patched, patched.byId.get(scattered.id)!, orphan, d('2020-01-01')).amount).toMatchObject({ fen: 190000 });
    // the file's pack is unchanged
    expect(paramAt(scattered.parameters.get('allowance')!, d('2020-01-01'))!.value).toBe(180000);
    expect(() => withMaintainedValues(pack, [{ policy: scattered.id, param: 'standard', from: 0, to: null, value: 1, source: 'x', verified: true }])).toThrow(
      /no parameter standard/,
    );
  });
});

describe('what-if', () => {
  it('evaluates with a value changed from a date: the amount, and for a means test who becomes eligible', () => {
    const plus = [{ policy: scattered.id, param: 'allowance', from: d('2026-07-01'), value: 340000 }];
    expect(evaluatePolicy(pack, scattered, orphan, d('2026-07-01')).amount).toMatchObject({ fen: 320000 });
    const r = evaluateChild(pack, orphan, d('2026-07-01'), { overrides: plus }).find((x) => x.policy === scattered.id)!;
    expect(r.amount).toMatchObject({ status: 'computed', fen: 340000 });
    expect(r.amount.text).toMatch(/假设情景/);
    // before the change's date nothing changes
    expect(evaluateChild(pack, orphan, d('2026-06-30'), { overrides: plus }).find((x) => x.policy === scattered.id)!.amount).toMatchObject({ fen: 320000 });
  });

  it('counts who becomes eligible and the monthly cost over a table, agreeing with the single evaluator', () => {
    const codec = codecFor(pack.domains);
    const rows = [0, 120000, 140000, 160000, 200000].map((perCapita) =>
      factsOf({
        child: { hukou: 'local', birthDate: '2012-01-01' },
        household: { size: 2, monthlyIncome: perCapita * 2, assets: 0 },
      }),
    );
    rows.push(orphan);
    const table = ProfileTable.fromFacts(rows, codec);
    const asOf = d('2022-01-01'); // standard 1,330 yuan (verified); asset limit not maintained
    const overrides = [
      { policy: 'minimum-livelihood', param: 'standard', from: d('2021-10-01'), value: 150000 },
      { policy: 'minimum-livelihood', param: 'assetLimitPerPerson', from: d('2021-10-01'), value: 5_000_000 },
      { policy: scattered.id, param: 'allowance', from: d('2021-10-01'), value: 200000 },
    ];
    const w = whatIf(pack, table, asOf, overrides);
    const dibao = w.policies.find((p) => p.policy === 'minimum-livelihood')!;
    const single = rows.map((f) => evaluateChild(pack, f, asOf, { overrides }).find((x) => x.policy === 'minimum-livelihood')!);
    const before = rows.map((f) => evaluateChild(pack, f, asOf).find((x) => x.policy === 'minimum-livelihood')!);
    expect([...dibao.newlyEligible]).toEqual(single.flatMap((r, i) => (r.result === 'eligible' && before[i]!.result !== 'eligible' ? [i] : [])));
    expect([...dibao.newlyEligible]).toEqual([0, 1, 2]);
    // 1,500 − 0, 1,500 − 1,200, 1,500 − 1,400 yuan a month
    expect(dibao.after.monthlyFen).toBe(150000 + 30000 + 10000);
    expect(dibao.monthlyDeltaFen).toBe(190000);
    expect(dibao.text).toMatch(/新增符合 3 人/);
    const orphanAllowance = w.policies.find((p) => p.policy === scattered.id)!;
    expect(orphanAllowance.newlyEligible.length).toBe(0);
    expect(orphanAllowance.monthlyDeltaFen).toBe(200000 - 180000);
  });
});
