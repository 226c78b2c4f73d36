/**
 * The child-file facts the engine needs (migration 0021): adopted, autism, caregiver capacity and
 * HIV infection, each 是 / 否 / 未知. Setting one on the file re-matches the child and turns the
 * policy that needs it from undetermined into a decision; 未知 stays undetermined, never "not
 * eligible". HIV status is restricted like the mental-health note: only children.health reads or
 * writes it, it is stored encrypted, the history masks it, and the results that would disclose it
 * are not shown to anyone else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';

let env: TestEnv;
let district: Agent;
let director: Agent;
beforeAll(async () => {
  env = await testEnv();
  district = await env.login('district');
  director = await env.login('director-dinghai');
});
afterAll(async () => {
  await env?.close();
});

const committee = async (code: string) => (await env.owner.query<{ id: string }>('select id from committees where code = $1', [code])).rows[0]!.id;
const DECEASED_PARENTS = [
  { name: '父', relation: '父亲', role: 'member', status: 'deceased', statusSince: '2023-01-01' },
  { name: '母', relation: '母亲', role: 'member', status: 'deceased', statusSince: '2023-02-01' },
];

async function create(name: string, over: Record<string, unknown>, who: Agent = district): Promise<string> {
  const res = await who.post('/api/children', {
    name,
    birthDate: '2016-05-05',
    sex: 'F',
    noIdNote: '测试',
    hukou: 'local',
    riskLevel: 'low',
    committeeId: await committee('dinghai-01'),
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}
const patch = async (id: string, body: Record<string, unknown>, who: Agent = district) => {
  const version = (await district.get(`/api/children/${id}`)).json().version as number;
  return who.patch(`/api/children/${id}`, { ...body, version });
};
/** The stored result (written by the re-match after each change of the file). */
const stored = async (id: string, policy: string) =>
  (
    await env.owner.query<{ verdict: string; missing: string[]; failed: { id: string }[] }>(
      'select verdict, missing, failed from eligibility_results where child_id = $1 and policy_id = $2',
      [id, policy],
    )
  ).rows[0]!;

describe('免申即享 facts on the child file', () => {
  const cases: { field: string; label: string; policy: string; child: Record<string, unknown>; yes: string; no: string; value: boolean }[] = [
    {
      field: 'adopted',
      label: '被依法收养的孤儿',
      policy: 'basic-living-allowance-adopted-disabled-orphan',
      child: { disabilityType: '肢体', disabilityGrade: 2 },
      value: true,
      yes: 'eligible',
      no: 'not_eligible',
    },
    {
      field: 'autism',
      label: '孤独症',
      policy: 'disability-rehabilitation',
      child: { birthDate: '2022-03-03' },
      value: true,
      yes: 'eligible',
      no: 'undetermined', // "no autism" leaves the disability route open
    },
    {
      field: 'caregiverCanRaise',
      label: '照料人有抚养能力',
      policy: 'extreme-poverty-support',
      child: { monthlyIncomeFen: 0, householdSize: 1, members: [...DECEASED_PARENTS, { name: '祖母', relation: '祖母', role: 'guardian' }] },
      value: false,
      yes: 'eligible',
      no: 'not_eligible',
    },
    { field: 'hivInfected', label: '感染艾滋病病毒', policy: 'basic-living-allowance-hiv', child: {}, value: true, yes: 'eligible', no: 'not_eligible' },
  ];

  for (const c of cases) {
    it(`${c.field}: 未知 → undetermined (data needed), then set → decided; back to 未知 → undetermined again`, async () => {
      const id = await create(`事实${c.field}`, c.child);
      const file = (await district.get(`/api/children/${id}`)).json();
      expect(file[c.field]).toBeNull();
      const before = await stored(id, c.policy);
      expect(before.verdict).toBe('undetermined');
      // HIV status comes from the health authority: never on the caseworker's 待补充信息 list
      if (c.field === 'hivInfected') expect(before.missing.join('、')).not.toContain(c.label);
      else expect(before.missing.join('、')).toContain(c.label);

      expect((await patch(id, { [c.field]: c.value })).statusCode).toBe(200);
      expect((await district.get(`/api/children/${id}`)).json()[c.field]).toBe(c.value);
      expect((await stored(id, c.policy)).verdict).toBe(c.yes);
      const live = (await district.get(`/api/children/${id}/eligibility`)).json().results.find((r: { policy: string }) => r.policy === c.policy);
      expect(live.verdict).toBe(c.yes);

      expect((await patch(id, { [c.field]: !c.value })).statusCode).toBe(200);
      expect((await stored(id, c.policy)).verdict).toBe(c.no);

      expect((await patch(id, { [c.field]: null })).statusCode).toBe(200);
      const again = await stored(id, c.policy);
      expect(again.verdict).toBe('undetermined');
      if (c.field === 'hivInfected') {
        expect(again.missing.join('、')).not.toContain(c.label);
        const shown = (await district.get(`/api/children/${id}/eligibility`)).json().results.find((r: { policy: string }) => r.policy === c.policy);
        expect(shown.missing.map((m: { label: string }) => m.label).join()).toMatch(/感染艾滋病病毒（由卫生健康部门提供）/);
      } else expect(again.missing.join('、')).toContain(c.label);

      const history = (await district.get(`/api/children/${id}/history?pageSize=50`)).json().items.filter((h: { field: string }) => h.field === c.field);
      expect(history).toHaveLength(3);
      if (c.field === 'hivInfected') {
        for (const h of history) expect([h.oldValue, h.newValue].filter((v) => v !== null)).toEqual(expect.arrayContaining(['（已修改，内容不显示）']));
      } else {
        expect(history.map((h: { newValue: string | null }) => h.newValue).sort()).toEqual([String(c.value), String(!c.value), null].sort());
      }
    });
  }

  it('sets the facts when the file is created, and refuses anything but a boolean or null', async () => {
    const id = await create('建档即填', { adopted: false, autism: true, caregiverCanRaise: true, hivInfected: false });
    const f = (await district.get(`/api/children/${id}`)).json();
    expect(f).toMatchObject({ adopted: false, autism: true, caregiverCanRaise: true, hivInfected: false, restricted: [] });
    const bad = await patch(id, { adopted: '是' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('adopted');
  });
});

describe('HIV status is restricted to children.health', () => {
  it('is stored encrypted, and a user without children.health can neither read nor write it', async () => {
    const id = await create('受限测试', { hivInfected: true });
    const raw = (await env.owner.query<{ hiv_infected_enc: string }>('select hiv_infected_enc from children where id = $1', [id])).rows[0]!.hiv_infected_enc;
    expect(raw).toMatch(/^v1\./);
    expect(raw).not.toContain('true');

    // read: the director of the committee sees the file, but not the HIV status
    const seen = (await director.get(`/api/children/${id}`)).json();
    expect(seen.hivInfected).toBeNull();
    expect(seen.restricted).toEqual(expect.arrayContaining(['hivInfected', 'mentalHealthNote']));
    expect((await district.get(`/api/children/${id}`)).json().hivInfected).toBe(true);

    // write: refused (setting, clearing, or on a new file); the other facts are open to the director
    for (const v of [false, true, null]) {
      const res = await patch(id, { hivInfected: v }, director);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toContain('受限健康信息');
    }
    expect((await district.get(`/api/children/${id}`)).json().hivInfected).toBe(true);
    const refused = await director.post('/api/children', {
      name: '主任建档',
      birthDate: '2016-05-05',
      sex: 'F',
      noIdNote: '测试',
      hukou: 'local',
      riskLevel: 'low',
      committeeId: await committee('dinghai-01'),
      hivInfected: false,
    });
    expect(refused.statusCode).toBe(403);
    expect((await patch(id, { adopted: false }, director)).statusCode).toBe(200);

    // the history and the audit log name the change, never the value
    await patch(id, { hivInfected: false });
    const h = (await director.get(`/api/children/${id}/history?pageSize=50`)).json().items.filter((x: { field: string }) => x.field === 'hivInfected');
    expect(h.length).toBeGreaterThan(0);
    for (const x of h) for (const v of [x.oldValue, x.newValue]) expect([null, '（已修改，内容不显示）']).toContain(v);
    const audit = (await env.owner.query<{ summary: unknown }>(`select summary from audit_log where action = 'child.update' and entity_id = $1`, [id])).rows;
    expect(JSON.stringify(audit)).toContain('hivInfected');
    expect(JSON.stringify(audit)).not.toMatch(/"hivInfected":\s*(true|false)/);
  });

  it('does not disclose it through the HIV allowance: results, work lists, entitlements and what-if are hidden without children.health', async () => {
    const id = await create('受限匹配', { hivInfected: true });
    const HIV = 'basic-living-allowance-hiv';
    expect((await stored(id, HIV)).verdict).toBe('eligible');
    // district (children.health) sees it
    const mine = (await district.get(`/api/children/${id}/eligibility`)).json().results.map((r: { policy: string }) => r.policy);
    expect(mine).toContain(HIV);
    const wlDistrict = (await district.get(`/api/eligibility/worklist?kind=eligible-not-receiving&policy=${HIV}&pageSize=200`)).json();
    expect(wlDistrict.items.some((i: { childId: string }) => i.childId === id)).toBe(true);
    // the committee's director (no children.health) does not
    const theirs = (await director.get(`/api/children/${id}/eligibility`)).json().results.map((r: { policy: string }) => r.policy);
    expect(theirs).not.toContain(HIV);
    expect(theirs.length).toBeGreaterThan(5);
    const wl = (await director.get(`/api/eligibility/worklist?kind=eligible-not-receiving&policy=${HIV}&pageSize=200`)).json();
    expect(wl.total).toBe(0);
    const all = (await director.get('/api/eligibility/worklist?kind=eligible-not-receiving&pageSize=200')).json();
    expect(all.items.some((i: { policy: string }) => i.policy === HIV)).toBe(false);
    const ents = (await director.get(`/api/children/${id}/entitlements`)).json().items;
    expect(ents.some((e: { policy: string }) => e.policy === HIV)).toBe(false);
    expect((await district.get(`/api/children/${id}/entitlements`)).json().items.some((e: { policy: string }) => e.policy === HIV)).toBe(true);
    const whatIf = await director.post('/api/eligibility/what-if', { policy: HIV, param: 'allowance', from: '2027-01-01', value: 340000 });
    expect(whatIf.statusCode).toBe(403);
    // a change the director makes still matches with the stored HIV status (the result does not flip to undetermined)
    expect((await patch(id, { autism: false }, director)).statusCode).toBe(200);
    expect((await stored(id, HIV)).verdict).toBe('eligible');
  });
});
