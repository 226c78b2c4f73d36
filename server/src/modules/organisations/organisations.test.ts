/**
 * 社会组织 against real PostgreSQL: the register (credit-code check, unique names and codes, version
 * conflicts), projects, the children served (a street adds a child of its own area only; the
 * district-wide count for everyone; masked names without children.read), hostile input, and the
 * task 40 indicators equal to hand-computed figures and on the dashboard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '#common/dates.js';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';
import { addUser } from '../../../test/users.js';
import { indicator } from '../supervision/indicators/registry.js';

let env: TestEnv;
let district: Agent;
let streetD: Agent;
let streetP: Agent;
let leader: Agent;
let viewer: Agent;
let today: string;

const childOf = async (street: string, n = 0): Promise<{ id: string; name: string }> => {
  const r = (
    await env.owner.query<{ id: string; name: string }>(
      `select id, name from children where street_code = $1 and status = 'active' order by id offset $2 limit 1`,
      [street, n],
    )
  ).rows[0];
  if (!r) throw new Error(`no child in ${street}`);
  return r;
};
const count = async (table: string) => Number((await env.owner.query(`select count(*)::int as n from ${table}`)).rows[0]?.n);

const ORG = {
  name: '杨浦区测试社工服务社',
  kind: 'social_work_agency',
  creditCode: '91350100M000100Y43',
  registeredOn: '2020-05-01',
  registrationAuthority: '杨浦区民政局',
  staffCount: 12,
  serviceStreets: ['dinghai', 'pingliang'],
  contactName: '陈联系',
  contactPhone: '021-55550000',
  incubated: true,
  incubatedOn: '2019-09-01',
};

beforeAll(async () => {
  env = await testEnv();
  await env.owner.query(
    `insert into roles (code, name, scope_kind, permissions) values ('org_viewer', '组织查看（无档案权限）', 'street', '{org.read,organisations.read}')`,
  );
  await addUser(env, 'orgviewer', '组织查看员', 'street-dinghai', ['org_viewer']);
  [district, streetD, streetP, leader, viewer] = await Promise.all([
    env.login('district'),
    env.login('street-dinghai'),
    env.login('street-pingliang'),
    env.login('leader'),
    env.login('orgviewer'),
  ]);
  today = shanghaiDate(env.clock.now);
});
afterAll(async () => {
  await env?.close();
});

describe('the register', () => {
  it('registers an organisation, refuses a wrong check character in Chinese, a duplicate, a stale version', async () => {
    const wrong = await district.post('/api/organisations', { ...ORG, creditCode: '91350100M000100Y44' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields).toEqual([{ path: 'creditCode', message: '统一社会信用代码校验位不正确，请核对' }]);
    const res = await district.post('/api/organisations', { ...ORG, creditCode: '91350100m000100y43' });
    expect(res.statusCode, res.body).toBe(201);
    const o = res.json();
    expect(o).toMatchObject({ creditCode: '91350100M000100Y43', serviceStreets: ['dinghai', 'pingliang'], incubated: true, active: true, version: 1 });
    const dup = await district.post('/api/organisations', { ...ORG, name: '另一家' });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.fields[0]).toMatchObject({ path: 'creditCode' });
    expect((await streetD.post('/api/organisations', { ...ORG, name: '街道登记', creditCode: null })).statusCode).toBe(403);
    // incubated without a date
    const noDate = await district.post('/api/organisations', { ...ORG, name: '孵化无日期', creditCode: null, incubatedOn: null });
    expect(noDate.json().error.fields[0]).toMatchObject({ path: 'incubatedOn', message: '请填写孵化日期' });

    const up = await district.put(`/api/organisations/${o.id}`, { ...ORG, staffCount: 15, version: 1 });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toMatchObject({ staffCount: 15, version: 2 });
    expect((await district.put(`/api/organisations/${o.id}`, { ...ORG, version: 1 })).statusCode).toBe(409);

    // lists with filters and pagination, for every organisations.read holder
    const list = (await leader.get('/api/organisations?kind=social_work_agency&street=dinghai&pageSize=5')).json();
    expect(list).toMatchObject({ total: 1, page: 1, pageSize: 5 });
    expect((await leader.get('/api/organisations?street=jiangpu')).json().total).toBe(0);
    expect((await leader.get('/api/organisations?q=91350100M000100Y43')).json().total).toBe(1);
    expect((await leader.get('/api/organisations?incubated=false')).json().total).toBe(0);
  });
});

describe('projects and the children they serve', () => {
  it('the district adds a commissioned project; a street adds a child of its own area only; masked names without children.read', async () => {
    const orgId = (await district.get('/api/organisations')).json().items[0].id;
    const body = {
      organisationId: orgId,
      name: '困境儿童关爱服务项目',
      kind: 'commissioned',
      commissioningUnitCode: 'civil-affairs',
      budget: 360000,
      startsOn: addDays(today, -30),
      endsOn: addDays(today, 300),
      deliverables: '个案服务 40 例',
      childrenTarget: 40,
      streets: ['dinghai', 'pingliang'],
      planTasks: [40, 12, 40],
    };
    const noUnit = await district.post('/api/organisations/projects', { ...body, commissioningUnitCode: null });
    expect(noUnit.json().error.fields[0]).toMatchObject({ path: 'commissioningUnitCode' });
    const backwards = await district.post('/api/organisations/projects', { ...body, endsOn: addDays(today, -31) });
    expect(backwards.json().error.fields[0]).toMatchObject({ path: 'endsOn', message: '结束日期不能早于开始日期' });
    const res = await district.post('/api/organisations/projects', body);
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({ budget: 360000, planTasks: [12, 40], status: 'running', childrenServed: 0, commissioningUnitName: expect.any(String) });
    expect((await streetD.post('/api/organisations/projects', body)).statusCode).toBe(403);

    const d1 = await childOf('dinghai');
    const p1 = await childOf('pingliang');
    const add = await streetD.post(`/api/organisations/projects/${p.id}/children`, { childId: d1.id, since: today });
    expect(add.statusCode, add.body).toBe(200);
    expect(add.json().children).toMatchObject([{ childId: d1.id, name: d1.name, canOpen: true }]);
    // another street's child: as if it did not exist; nothing written
    const other = await streetD.post(`/api/organisations/projects/${p.id}/children`, { childId: p1.id, since: today });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.fields[0].message).toMatch(/不在您的辖区/);
    expect(await count('project_children')).toBe(1);
    // twice: a conflict; a day outside the project: refused
    expect((await streetD.post(`/api/organisations/projects/${p.id}/children`, { childId: d1.id, since: today })).statusCode).toBe(409);
    const early = await streetP.post(`/api/organisations/projects/${p.id}/children`, { childId: p1.id, since: addDays(today, -60) });
    expect(early.json().error.fields[0]).toMatchObject({ path: 'since' });
    expect((await streetP.post(`/api/organisations/projects/${p.id}/children`, { childId: p1.id, since: today })).statusCode).toBe(200);

    // each street sees its own child; everyone sees the district-wide count
    const asP = (await streetP.get(`/api/organisations/projects/${p.id}`)).json();
    expect(asP.children.map((c: { childId: string }) => c.childId)).toEqual([p1.id]);
    expect(asP.project.childrenServed).toBe(2);
    expect((await district.get(`/api/organisations/projects/${p.id}`)).json().children).toHaveLength(2);
    // no children.read: the name is masked
    const v = await viewer.get(`/api/organisations/projects/${p.id}`);
    expect(v.statusCode, v.body).toBe(200);
    const vc = v.json().children;
    expect(vc).toHaveLength(1);
    expect(vc[0]).toMatchObject({ childId: d1.id, canOpen: false });
    expect(vc[0].name).not.toBe(d1.name);
    expect(vc[0].name).toContain('*');
    expect((await viewer.post(`/api/organisations/projects/${p.id}/children`, { childId: d1.id, since: today })).statusCode).toBe(403);

    // ending a child's service keeps the row
    const end = await streetD.post(`/api/organisations/projects/${p.id}/children/${d1.id}/end`, { until: today });
    expect(end.statusCode, end.body).toBe(200);
    expect(end.json().children[0].until).toBe(today);
    expect(end.json().project.childrenServed).toBe(1);
    expect((await streetP.post(`/api/organisations/projects/${p.id}/children/${d1.id}/end`, { until: today })).statusCode).toBe(404);

    // the list with filters; update with the version
    expect((await leader.get('/api/organisations/projects?kind=commissioned&status=running&street=pingliang')).json().total).toBe(1);
    expect((await leader.get(`/api/organisations/projects?organisationId=${orgId}&kind=incubated`)).json().total).toBe(0);
    const up = await district.put(`/api/organisations/projects/${p.id}`, { ...body, status: 'finished', version: p.version });
    expect(up.statusCode, up.body).toBe(200);
    expect((await district.put(`/api/organisations/projects/${p.id}`, { ...body, version: p.version })).statusCode).toBe(409);
    const late = await streetD.post(`/api/organisations/projects/${p.id}/children`, { childId: d1.id, since: today });
    expect(late.json().error.fields[0].message).toMatch(/已结项/);
  });

  it('refuses hostile input in Chinese and writes nothing', async () => {
    const orgId = (await district.get('/api/organisations')).json().items[0].id;
    const projectId = (await district.get('/api/organisations/projects')).json().items[0].id;
    const before = [await count('organisations'), await count('org_projects'), await count('project_children')];
    const cases: [string, Record<string, unknown>][] = [
      ['/api/organisations', { ...ORG, name: "=cmd|' /C calc'!A0", creditCode: null }],
      ['/api/organisations', { ...ORG, name: '组织\u0000', creditCode: null }],
      ['/api/organisations', { ...ORG, name: '组'.repeat(1_000_000), creditCode: null }],
      ['/api/organisations', { ...ORG, name: '新组织', creditCode: 'ＡＢＣ' }],
      ['/api/organisations', { ...ORG, name: '新组织', creditCode: null, staffCount: '十二' }],
      ['/api/organisations', { ...ORG, name: '新组织', creditCode: null, kind: 'club' }],
      ['/api/organisations', { ...ORG, name: '新组织', creditCode: null, serviceStreets: ['mars'] }],
      ['/api/organisations', { ...ORG, name: '新组织', creditCode: null, contactName: '@SUM(1+1)' }],
      ['/api/organisations/projects', { organisationId: orgId, name: '+cmd', kind: 'incubated', startsOn: today, endsOn: today }],
      ['/api/organisations/projects', { organisationId: 'x', name: '项目', kind: 'incubated', startsOn: today, endsOn: today }],
      ['/api/organisations/projects', { organisationId: orgId, name: '项目', kind: 'incubated', startsOn: '２０２６-０１-０１', endsOn: today }],
      ['/api/organisations/projects', { organisationId: orgId, name: '项目', kind: 'incubated', startsOn: today, endsOn: today, budget: -1 }],
      ['/api/organisations/projects', { organisationId: orgId, name: '项目', kind: 'incubated', startsOn: today, endsOn: today, planTasks: [99] }],
      ['/api/organisations/projects', { organisationId: orgId, name: '项目', kind: 'incubated', startsOn: today, endsOn: today, deliverables: 'a\u0000b' }],
      [`/api/organisations/projects/${projectId}/children`, { childId: 'not-an-id', since: today }],
      [`/api/organisations/projects/${projectId}/children`, { childId: (await childOf('dinghai', 1)).id, since: '2026-02-30' }],
    ];
    for (const [url, body] of cases) {
      const res = await district.post(url, body);
      expect([400, 413], `${url} ${res.body.slice(0, 200)}`).toContain(res.statusCode);
      expect(res.body).toMatch(/[\u4e00-\u9fff]/);
      expect(res.body).not.toMatch(/at .*\.ts:\d+|stack/i);
    }
    expect([await count('organisations'), await count('org_projects'), await count('project_children')]).toEqual(before);
  });
});

describe('hostile input on the edit and end routes', () => {
  it('refuses each in Chinese and changes nothing', async () => {
    const org = (await district.get('/api/organisations')).json().items[0];
    const project = (await district.get('/api/organisations/projects')).json().items[0];
    const snapshot = async () =>
      (
        await env.owner.query(
          `select (select json_agg(o order by o.id)::text from organisations o) || (select json_agg(p order by p.id)::text from org_projects p)
                  || coalesce((select json_agg(c order by c.child_id)::text from project_children c), '') as s`,
        )
      ).rows[0]?.s;
    const before = await snapshot();
    const orgBody = { ...ORG, version: org.version };
    for (const bad of [{ name: '-2+3' }, { note: '注\u0000' }, { creditCode: '91350100M000100Y4３' }, { version: '１' }, { registeredOn: '2026-02-29' }]) {
      const res = await district.put(`/api/organisations/${org.id}`, { ...orgBody, ...bad });
      expect(res.statusCode, res.body.slice(0, 200)).toBe(400);
      expect(res.body).toMatch(/[\u4e00-\u9fff]/);
    }
    const projectBody = {
      organisationId: project.organisationId,
      name: project.name,
      kind: project.kind,
      commissioningUnitCode: project.commissioningUnitCode,
      startsOn: project.startsOn,
      endsOn: project.endsOn,
      version: project.version,
    };
    for (const bad of [
      { name: '=HYPERLINK("x")' },
      { deliverables: '产'.repeat(1_000_000) },
      { status: 'paused' },
      { streets: 'dinghai' },
      { budget: '1e3' },
    ]) {
      const res = await district.put(`/api/organisations/projects/${project.id}`, { ...projectBody, ...bad });
      expect([400, 413], res.body.slice(0, 200)).toContain(res.statusCode);
      expect(res.body).toMatch(/[\u4e00-\u9fff]/);
    }
    const child = await childOf('dinghai');
    for (const [url, body] of [
      [`/api/organisations/projects/${project.id}/children/${child.id}/end`, { until: '2026-02-30' }],
      [`/api/organisations/projects/${project.id}/children/not-an-id/end`, { until: today }],
      [`/api/organisations/projects/${project.id}/children/${child.id}/end`, { until: `${today}\u0000` }],
    ] as const) {
      const res = await streetD.post(url, body);
      expect(res.statusCode, res.body.slice(0, 200)).toBe(400);
      expect(res.body).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await snapshot()).toBe(before);
  });
});

describe('task 40 indicators', () => {
  it('equal hand-computed figures and appear on the dashboard', async () => {
    await env.owner.query(`delete from project_children; delete from org_projects; delete from organisations`);
    const org = async (name: string, streets: string[], active: boolean) =>
      (
        await env.owner.query<{ id: string }>(
          `insert into organisations (name, kind, service_streets, active, created_at) values ($1, 'other', $2, $3, '2025-01-01') returning id`,
          [name, streets, active],
        )
      ).rows[0]?.id;
    const a = await org('甲', ['dinghai', 'pingliang'], true);
    await org('乙', ['dinghai'], true);
    await org('丙', [], true);
    await org('丁', ['dinghai'], false);
    const proj = async (streets: string[], status: string, starts: string, ends: string) =>
      (
        await env.owner.query<{ id: string }>(
          `insert into org_projects (organisation_id, name, kind, starts_on, ends_on, streets, status) values ($1, 'p', 'incubated', $2, $3, $4, $5) returning id`,
          [a, starts, ends, streets, status],
        )
      ).rows[0]?.id;
    const running = await proj(['dinghai'], 'running', addDays(today, -10), addDays(today, 10));
    const second = await proj(['dinghai', 'pingliang'], 'running', addDays(today, -10), today);
    await proj(['dinghai'], 'planned', addDays(today, 5), addDays(today, 30));
    await proj(['pingliang'], 'cancelled', addDays(today, -10), addDays(today, 10));
    await proj(['pingliang'], 'running', addDays(today, -100), addDays(today, -1)); // over
    const d1 = await childOf('dinghai', 0);
    const d2 = await childOf('dinghai', 1);
    const p1 = await childOf('pingliang', 0);
    const pc = (project: string | undefined, child: string, since: string, until: string | null) =>
      env.owner.query(
        `insert into project_children (project_id, child_id, street_code, committee_id, since, until) select $1, id, street_code, committee_id, $3, $4 from children where id = $2`,
        [project, child, since, until],
      );
    await pc(running, d1.id, addDays(today, -5), null);
    await pc(second, d1.id, addDays(today, -5), null); // the same child twice: counted once
    await pc(second, d2.id, addDays(today, -5), today); // ended today: not served today
    await pc(second, p1.id, addDays(today, -5), null);
    const fig = async (code: string) => {
      const spec = indicator(code);
      if (!spec) throw new Error(code);
      const { rows } = await env.owner.query(spec.sql, [today, ['dinghai', 'pingliang']]);
      const pick = (s: string | null) => {
        const r = rows.find((x) => x.street_code === s);
        return r ? Number(r.num) : null;
      };
      return { all: pick(null), dinghai: pick('dinghai'), pingliang: pick('pingliang') };
    };
    expect(await fig('organisations.active')).toEqual({ all: 3, dinghai: 2, pingliang: 1 });
    expect(await fig('organisations.projectsRunning')).toEqual({ all: 2, dinghai: 2, pingliang: 1 });
    expect(await fig('organisations.childrenServed')).toEqual({ all: 2, dinghai: 1, pingliang: 1 });

    const dash = await district.get('/api/dashboard');
    expect(dash.statusCode, dash.body.slice(0, 300)).toBe(200);
    const value = (code: string) => dash.json().indicators.find((i: { code: string }) => i.code === code)?.value;
    expect(['organisations.active', 'organisations.projectsRunning', 'organisations.childrenServed'].map(value)).toEqual([3, 2, 2]);
  });
});
