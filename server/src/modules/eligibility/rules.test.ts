/**
 * The domain rules as the platform applies them to stored files: a parent's status that
 * contradicts the recorded disability is refused at entry (nothing changes); 失联 under 6 months
 * is 需人工核实 on the Shanghai allowance with no decided amount, while the national category says
 * no; a child registered elsewhere is referred; 待补充信息 never asks a caseworker for HIV status and
 * is ranked by what is at stake.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '#common/idNumber.js';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';

let env: TestEnv;
let street: Agent;
beforeAll(async () => {
  env = await testEnv();
  street = await env.login('street-dinghai');
});
afterAll(async () => {
  await env?.close();
});

const committee = async (code: string) => (await env.owner.query<{ id: string }>('select id from committees where code = $1', [code])).rows[0]!.id;
let seq = 700 + Math.floor(Math.random() * 200);
async function createChild(over: Record<string, unknown>): Promise<string> {
  const res = await street.post('/api/children', {
    name: '规则测试',
    hukou: 'local',
    committeeId: await committee('dinghai-02'),
    riskLevel: 'low',
    residenceAddress: '上海市杨浦区定海路1号',
    phone: '13812345678',
    idNumber: makeIdNumber('310110', `2015-03-${String(10 + (seq % 18)).padStart(2, '0')}`, seq++, 'F'),
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}
type Result = {
  policy: string;
  verdict: string;
  amountFen: number | null;
  amountText: string;
  summary: string;
  missing: { path: string; label: string }[];
  lines: string[];
  citations: string[];
};
const evaluate = async (id: string, asOf = '2025-03-01') => {
  const res = await street.post('/api/eligibility/evaluate', { childId: id, asOf });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().results as Result[];
};
const of = (rs: Result[], policy: string) => rs.find((r) => r.policy === policy)!;

describe("a parent's status agrees with the recorded facts", () => {
  it('refuses 重残 with a grade-3 physical disability, and 健在 with a grade-1 disability, changing nothing', async () => {
    const id = await createChild({ members: [{ name: '张三', relation: '祖父', role: 'guardian', phone: '13900001111' }] });
    const before = (await env.owner.query('select count(*)::int as n from household_members where child_id = $1', [id])).rows[0].n;
    const bad = await street.post(`/api/children/${id}/members`, {
      name: '张父',
      relation: '父亲',
      role: 'member',
      status: 'severely_disabled',
      disabilityGrade: 3,
      disabilityType: '肢体',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/不符合重残的定义/);
    expect((await env.owner.query('select count(*)::int as n from household_members where child_id = $1', [id])).rows[0].n).toBe(before);
    const ok = await street.post(`/api/children/${id}/members`, {
      name: '张父',
      relation: '父亲',
      role: 'member',
      status: 'severely_disabled',
      disabilityGrade: 3,
      disabilityType: '智力',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const mother = await street.post(`/api/children/${id}/members`, { name: '李母', relation: '母亲', role: 'member', status: 'alive_fit' });
    expect(mother.statusCode, mother.body).toBe(201);
    const edit = await street.patch(`/api/children/${id}/members/${mother.json().id}`, { disabilityGrade: 1, disabilityType: '肢体' });
    expect(edit.statusCode).toBe(400);
    expect(edit.body).toMatch(/属于重残/);
    const row = (await env.owner.query('select status, disability_grade from household_members where id = $1', [mother.json().id])).rows[0];
    expect(row).toMatchObject({ status: 'alive_fit', disability_grade: null });
  });
});

describe('answers on stored files', () => {
  it('失联 under 6 months: 事实无人抚养 says no, the Shanghai allowance is 需人工核实 with no decided amount', async () => {
    const id = await createChild({
      members: [
        { name: '王奶奶', relation: '祖母', role: 'guardian', phone: '13900002222' },
        { name: '王父', relation: '父亲', role: 'member', status: 'imprisoned', statusUntil: '2029-01-01' },
        { name: '王母', relation: '母亲', role: 'member', status: 'out_of_contact', statusSince: '2025-01-01' },
      ],
    });
    const rs = await evaluate(id);
    expect(of(rs, 'defacto-unsupported').verdict).toBe('not_eligible');
    const sh = of(rs, 'basic-living-allowance-guardianship');
    expect(sh.verdict).toBe('undetermined');
    expect(sh.amountFen).toBeNull();
    expect(sh.amountText).toMatch(/^若符合，标准为每月 3,200 元/);
    expect(sh.summary).toMatch(/^尚无法判断：.*需人工核实/);
    expect(sh.missing.map((m) => m.label).join()).toMatch(/需人工核实：.*上海市困境儿童基本生活费保障制度（2018）.*民发〔2019〕62号/);
    // no field path or parameter key reaches the user
    expect(sh.lines.join('\n')).not.toMatch(/child\.|father\.|mother\.|param\./);
    const stored = (
      await env.owner.query('select verdict, amount_fen, missing from eligibility_results where child_id = $1 and policy_id = $2', [
        id,
        'basic-living-allowance-guardianship',
      ])
    ).rows[0];
    expect(stored.amount_fen).toBeNull();
    expect(JSON.stringify(stored.missing)).toMatch(/需人工核实/);
  });

  it('a child registered elsewhere: 不符合 with a referral to the place of registration', async () => {
    const id = await createChild({
      hukou: 'other',
      categories: [{ category: 'orphan_scattered', since: '2024-01-10', sourceNote: '测试' }],
      members: [
        { name: '赵爷爷', relation: '祖父', role: 'guardian', phone: '13900003333' },
        { name: '赵父', relation: '父亲', role: 'member', status: 'deceased', statusSince: '2022-01-01' },
        { name: '赵母', relation: '母亲', role: 'member', status: 'declared_dead', statusSince: '2023-05-01' },
      ],
    });
    const r = of(await evaluate(id), 'basic-living-allowance-orphan-scattered');
    expect(r.verdict).toBe('not_eligible');
    expect(r.summary).toMatch(/本市户籍.*转介其户籍地/);
    expect(r.amountFen).toBeNull();
  });

  it('cites only documents in force on the as-of date', async () => {
    const id = await createChild({
      categories: [{ category: 'orphan_scattered', since: '2020-01-10', sourceNote: '测试' }],
      members: [
        { name: '钱爷爷', relation: '祖父', role: 'guardian', phone: '13900004444' },
        { name: '钱父', relation: '父亲', role: 'member', status: 'deceased', statusSince: '2019-01-01' },
        { name: '钱母', relation: '母亲', role: 'member', status: 'missing', statusSince: '2019-05-01' },
      ],
    });
    const r = of(await evaluate(id, '2023-09-01'), 'basic-living-allowance-orphan-scattered');
    expect(r).toMatchObject({ verdict: 'eligible', amountFen: 250000 });
    expect(r.citations.join(' ')).not.toMatch(/2025/);
  });
});

describe('待补充信息', () => {
  it('never asks for HIV status, and ranks monthly allowances first', async () => {
    const id = await createChild({ members: [{ name: '孙奶奶', relation: '祖母', role: 'guardian', phone: '13900005555' }] });
    await evaluate(id);
    const hiv = (
      await env.owner.query('select verdict, missing from eligibility_results where child_id = $1 and policy_id = $2', [id, 'basic-living-allowance-hiv'])
    ).rows[0];
    expect(JSON.stringify(hiv.missing)).not.toMatch(/艾滋病/);
    const health = await env.login('district');
    const all = (await health.get('/api/eligibility/worklist?kind=undetermined&pageSize=200')).json().items as {
      childId: string;
      policy: string;
      missing: string[];
    }[];
    for (const i of all) expect(i.missing.join()).not.toMatch(/感染艾滋病病毒/);
    const mine = all.filter((i) => i.childId === id);
    expect(mine.length).toBeGreaterThan(0);
    const kinds = mine.map((i) => i.policy);
    const firstOther = kinds.findIndex((p) => !p.startsWith('basic-living-allowance-'));
    const lastAllowance = kinds.map((p) => p.startsWith('basic-living-allowance-')).lastIndexOf(true);
    if (firstOther >= 0 && lastAllowance >= 0) expect(lastAllowance).toBeLessThan(firstOther);
  });
});
