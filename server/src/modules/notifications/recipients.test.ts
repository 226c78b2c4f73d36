/**
 * A notice goes only to people who can act on it (issue 9, item 3): for every kind of notification
 * the platform sends, each recipient opens the record it links to — the target API answers 200 as
 * that recipient — and administrators, auditors, leaders and departments without access to child
 * records receive none of the casework notices.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';
import { addUser } from '../../../test/users.js';

let env: TestEnv;
const agents = new Map<string, Agent>();
async function as(username: string): Promise<Agent> {
  let a = agents.get(username);
  if (!a) {
    a = await env.login(username);
    agents.set(username, a);
  }
  return a;
}
beforeAll(async () => {
  env = await testEnv();
  await addUser(env, 'district-2', '刘洋', 'civil-affairs', ['district_civil']);
});
afterAll(async () => {
  await env?.close();
});

/** The API a notification's link opens (web: NotificationBell targetOf → the page that calls it). */
function targetApi(entity: string, id: string): string {
  switch (entity) {
    case 'entitlement':
      return `/api/entitlements/${id}`;
    case 'child':
      return `/api/children/${id}`;
    case 'problem':
      return `/api/problems/${id}`;
    case 'plan_report':
      return `/api/plan/reports/${id}`;
    case 'referral':
      return `/api/referrals/${id}`;
    default:
      throw new Error(`no target for ${entity}`);
  }
}
const NEVER_CASEWORK = ['admin', 'secadmin', 'auditor', 'leader', 'edu'];

/** Every recipient of the notices of `kind` about `entityId` opens the linked record; returns their usernames. */
async function everyRecipientOpens(kind: string, entityId: string): Promise<string[]> {
  const rows = (
    await env.owner.query<{ username: string; entity: string; entity_id: string }>(
      `select u.username, n.entity, n.entity_id from notifications n join users u on u.id = n.user_id where n.kind = $1 and n.entity_id = $2 order by u.username`,
      [kind, entityId],
    )
  ).rows;
  expect(rows.length, `${kind}: someone is told`).toBeGreaterThan(0);
  for (const r of rows) {
    const res = await (await as(r.username)).get(targetApi(r.entity, r.entity_id));
    expect(`${kind} → ${r.username}: ${res.statusCode}`).toBe(`${kind} → ${r.username}: 200`);
  }
  return rows.map((r) => r.username);
}

async function child(street: Agent, committee: string, over: Record<string, unknown> = {}): Promise<string> {
  const committeeId = (await env.owner.query(`select id from committees where code = $1`, [committee])).rows[0].id;
  const res = await street.post('/api/children', {
    name: '通知对象',
    birthDate: '2014-05-05',
    sex: 'F',
    noIdNote: '测试',
    hukou: 'local',
    riskLevel: 'low',
    committeeId,
    categories: [{ category: 'orphan_scattered', since: '2024-01-01' }],
    members: [
      { name: '父', relation: '父亲', role: 'member', status: 'deceased', statusSince: '2023-01-01' },
      { name: '母', relation: '母亲', role: 'member', status: 'deceased', statusSince: '2023-02-01' },
    ],
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

describe('entitlement notices', () => {
  it("submitted → the deciding unit's deciders; approval → the other deciders; granted / refused → the child's street office", async () => {
    const street = await as('street-dinghai');
    const district = await as('district');
    // In 定海一居民区, so the committee's child director is a recipient of the decision.
    const id = await child(street, 'dinghai-01');
    const ents = (await street.get(`/api/children/${id}/entitlements`)).json().items as { id: string; policy: string; version: number }[];
    let e = ents.find((x) => x.policy === 'basic-living-allowance-orphan-scattered')!;
    e = (await street.post(`/api/entitlements/${e.id}/transition`, { to: 'verified', version: e.version })).json();
    e = (await street.post(`/api/entitlements/${e.id}/transition`, { to: 'submitted', version: e.version })).json();
    const deciders = await everyRecipientOpens('entitlement.submitted', e.id);
    expect(deciders.sort()).toEqual(['district', 'district-2']);

    await district.put('/api/entitlement-review-rules', { policy: 'basic-living-allowance-orphan-scattered', approvals: 2 });
    e = (await district.post(`/api/entitlements/${e.id}/transition`, { to: 'granted', fromDate: '2026-12-01', version: e.version })).json();
    expect(await everyRecipientOpens('entitlement.approval', e.id)).toEqual(['district-2']);
    e = (await (await as('district-2')).post(`/api/entitlements/${e.id}/transition`, { to: 'granted', fromDate: '2026-12-01', version: e.version })).json();
    await district.put('/api/entitlement-review-rules', { policy: 'basic-living-allowance-orphan-scattered', approvals: 1 });
    expect((await everyRecipientOpens('entitlement.granted', e.id)).sort()).toEqual(['director-dinghai', 'street-dinghai']);

    // A refusal: another child, another entitlement.
    const other = await child(street, 'dinghai-02');
    let r = ((await street.get(`/api/children/${other}/entitlements`)).json().items as { id: string; policy: string; version: number }[]).find(
      (x) => x.policy === 'basic-living-allowance-orphan-scattered',
    )!;
    r = (await district.post(`/api/entitlements/${r.id}/transition`, { to: 'refused', reason: '监护人放弃申请', version: r.version })).json();
    expect(await everyRecipientOpens('entitlement.refused', r.id)).toEqual(['street-dinghai']);

    const all = (
      await env.owner.query<{ username: string }>(
        `select distinct u.username from notifications n join users u on u.id = n.user_id where n.kind like 'entitlement.%'`,
      )
    ).rows.map((x) => x.username);
    for (const u of NEVER_CASEWORK) expect(all).not.toContain(u);
    expect(all).not.toContain('street-pingliang');
  });
});

describe('problem escalation', () => {
  const newProblem = async (who: Agent, childId: string) =>
    (await who.post('/api/problems', { childId, description: '连续两周未到校', category: 'schooling', severity: 'medium' })).json();

  it('to the street office: its users who can act on it', async () => {
    const director = await as('director-dinghai');
    const id = await child(await as('street-dinghai'), 'dinghai-01', { categories: [], members: [] });
    const p = await newProblem(director, id);
    expect((await director.post(`/api/problems/${p.id}/escalate`, { toUnit: 'street-dinghai', note: '请街道协调', version: p.version })).statusCode).toBe(200);
    const got = await everyRecipientOpens('problem.escalated', p.id);
    expect(got).toContain('street-dinghai');
  });

  it('to 区民政局: its caseworkers, not its administrators, auditor or leader', async () => {
    const street = await as('street-dinghai');
    const id = await child(street, 'dinghai-02', { categories: [], members: [] });
    const p = await newProblem(street, id);
    expect((await street.post(`/api/problems/${p.id}/escalate`, { toUnit: 'civil-affairs', note: '请民政局协调', version: p.version })).statusCode).toBe(200);
    const got = await everyRecipientOpens('problem.escalated', p.id);
    expect(got.sort()).toEqual(['district', 'district-2']);
  });

  it('to a department: it receives a referral (协同) and its handlers are told by it; nothing is relayed through 区民政局', async () => {
    const street = await as('street-dinghai');
    const id = await child(street, 'dinghai-02', { categories: [], members: [] });
    const p = await newProblem(street, id);
    const res = await street.post(`/api/problems/${p.id}/escalate`, { toUnit: 'education', note: '请教育局协调复学', version: p.version });
    expect(res.statusCode, res.body).toBe(200);
    expect((await env.owner.query(`select 1 from notifications where entity_id = $1`, [p.id])).rowCount).toBe(0);
    const ref = (await env.owner.query<{ id: string }>(`select id from referrals where source_kind = 'problem' and source_id = $1`, [p.id])).rows[0]!.id;
    const got = await everyRecipientOpens('referral.new', ref);
    expect(got).toContain('edu');
    expect(got).not.toContain('district');
  });
});

describe('控辍保学 alert', () => {
  it('goes to those who can open the file; education, police and civil affairs each receive a referral (协同)', async () => {
    const street = await as('street-dinghai');
    const id = await child(street, 'dinghai-01', { categories: [], members: [], birthDate: '2015-04-04', schoolStage: '小学' });
    expect((await street.patch(`/api/children/${id}`, { version: 1, schoolStage: '辍学' })).statusCode).toBe(200);
    const got = await everyRecipientOpens('dropout', id);
    expect(got.sort()).toEqual(['director-dinghai', 'district', 'district-2', 'street-dinghai']);
    for (const u of NEVER_CASEWORK) expect(got).not.toContain(u);
    const body = (await env.owner.query(`select body from notifications where entity_id = $1 and kind = 'dropout' limit 1`, [id])).rows[0].body as string;
    expect(body).not.toContain('暂不能在平台查看儿童档案');
    const refs = (
      await env.owner.query<{ id: string; to_unit: string }>(`select id, to_unit from referrals where child_id = $1 and kind = 'dropout' order by to_unit`, [
        id,
      ])
    ).rows;
    expect(refs.map((r) => r.to_unit)).toEqual(['civil-affairs', 'education', 'police']);
    const edu = await everyRecipientOpens('referral.new', refs[1]!.id);
    expect(edu).toContain('edu');
    // 区民政局's caseworkers were told by the alert: not a second time by the referral.
    expect((await env.owner.query(`select 1 from notifications where entity_id = $1`, [refs[0]!.id])).rowCount).toBe(0);
  });
});

describe('督办 report notices', () => {
  it('a submitted report reaches its reviewers, who open it', async () => {
    const edu = await as('edu');
    const task = (await env.owner.query<{ id: string }>(`select id from plan_tasks where plan_id = 'yangpu-2024-2026' and no = 4`)).rows[0]!.id;
    const r = (
      await edu.put('/api/plan/reports', {
        taskId: task,
        period: '2026Q4',
        progress: 'in-progress',
        done: '已配备导师',
        figures: '',
        problems: '',
        nextSteps: '',
      })
    ).json();
    expect((await edu.post(`/api/plan/reports/${r.id}/submit`, { version: r.version })).statusCode).toBe(200);
    const got = await everyRecipientOpens('plan.report.submitted', r.id);
    expect(got).toContain('district');
  });
});
