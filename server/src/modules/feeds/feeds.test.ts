/**
 * 数据共享比对 on a real PostgreSQL: hand-made feeds in the sources' own layouts (full-width digits,
 * a lower-case x), the row-by-row Chinese report (wrong layout, duplicates, a bad check digit, a
 * date in the future, a value outside the mapping) with nothing applied before confirmation,
 * idempotent uploads and re-runs, review by the street (own area only) and automatic application,
 * the file's history naming the source, re-matching: a release from prison moves a child to
 * 可能不再符合, a death makes a child eligible (可享未享); the API push with its key, its audit and
 * its rate limit.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate, addDays } from '#common/dates.js';
import { makeIdNumber } from '#common/idNumber.js';
import { inScope } from '../../core/context.js';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';
import { seedFeedDefinitions } from '../../seed/feedDefinitions.js';
import { rematch } from '../children/commands/rematch.js';
import { systemCtx } from '../eligibility/scheduler.js';
import { paramsFor } from '../supervision/indicators/compute.js';
import { indicator } from '../supervision/indicators/registry.js';

let env: TestEnv;
let district: Agent;
let dinghai: Agent;
let pingliang: Agent;
let today: string;
const quiet = { warn: () => undefined };

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const csv = (header: string[], rows: string[][]) => [header.join(','), ...rows.map((r) => r.join(','))].join('\r\n');
const FULL = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
const bidx = (id: string) => env.deps.crypto.blindIndex(id, 'id_number');

/** An identity number whose check character is X (to send it as a lower-case x). */
function idWithX(birth: string, sex: 'M' | 'F'): string {
  for (let s = 1; s < 999; s++) {
    const id = makeIdNumber('310110', birth, s, sex);
    if (id.endsWith('X')) return id;
  }
  throw new Error('no X');
}

interface Kid {
  id: string;
  name: string;
  birth: string;
}
/** An active child of a street, aged within [minAge, maxAge], not yet used by this file. */
const used = new Set<string>();
async function kid(street: string, minAge: number, maxAge: number): Promise<Kid> {
  const { rows } = await env.owner.query<{ id: string; name: string; birth: string }>(
    `select c.id, c.name, to_char(c.birth_date, 'YYYY-MM-DD') as birth from children c
      where c.street_code = $1 and c.status = 'active' and c.birth_date between $3::date - make_interval(years => $4) and $3::date - make_interval(years => $2)
        and not (c.id = any ($5::uuid[]))
        and (select count(*) from children x where x.name = c.name and x.birth_date = c.birth_date) = 1
      order by c.name_pinyin, c.id limit 1`,
    [street, minAge, today, maxAge + 1, [...used]],
  );
  const k = rows[0];
  if (!k) throw new Error(`no child in ${street}`);
  used.add(k.id);
  return k;
}

/** Gives a child two parents of known states (and no other parents), then matches the file again. */
async function parents(childId: string, father: { status: string; until?: string; id: string }, mother: { status: string; since?: string; id: string }) {
  await env.owner.query(`update household_members set relation = '其他亲属' where child_id = $1 and relation in ('父亲', '母亲')`, [childId]);
  for (const [relation, p, name] of [
    ['父亲', father, '测父'],
    ['母亲', mother, '测母'],
  ] as const) {
    await env.owner.query(
      `insert into household_members (child_id, name, relation, role, status, status_since, status_until, id_number_bidx, birth_date, sex)
       values ($1, $2, $3, 'member', $4, $5, $6, $7, $8, $9)`,
      [
        childId,
        name,
        relation,
        p.status,
        'since' in p ? (p.since ?? null) : null,
        'until' in p ? (p.until ?? null) : null,
        bidx(p.id),
        `${p.id.slice(6, 10)}-${p.id.slice(10, 12)}-${p.id.slice(12, 14)}`,
        relation === '父亲' ? 'M' : 'F',
      ],
    );
  }
  await rematchAs(childId);
}

async function rematchAs(childId: string) {
  await inScope(env.deps.db, await systemCtx(env.deps), (tx) => rematch(tx, env.deps, childId, quiet));
}

const verdict = async (childId: string, policy: string) =>
  (await env.owner.query<{ verdict: string }>(`select verdict from eligibility_results where child_id = $1 and policy_id = $2`, [childId, policy])).rows[0]
    ?.verdict;

async function upload(agent: Agent, feed: string, filename: string, content: string) {
  return agent.post(`/api/feeds/${feed}/runs`, { filename, contentBase64: b64(content) });
}

beforeAll(async () => {
  env = await testEnv();
  today = shanghaiDate(env.clock.now);
  await seedFeedDefinitions(env.owner);
  [district, dinghai, pingliang] = await Promise.all([env.login('district'), env.login('street-dinghai'), env.login('street-pingliang')]);
}, 120_000);
afterAll(async () => {
  await env?.close();
});

const CERT = ['姓名', '公民身份号码', '出生日期', '残疾类别', '残疾等级', '残疾人证号', '发证日期'];

describe('a 残联 feed uploaded, reviewed and applied', () => {
  let a: Kid;
  let b: Kid;
  let idA: string;
  let runId: string;
  let content: string;

  it('reads the source layout row by row in Chinese and applies nothing before confirmation', async () => {
    a = await kid('dinghai', 2, 5);
    b = await kid('pingliang', 2, 5);
    idA = idWithX(a.birth, 'M');
    await env.owner.query(`update children set id_number_bidx = $2, disability_type = null, disability_grade = null where id = $1`, [a.id, bidx(idA)]);
    await env.owner.query(`update children set disability_type = null, disability_grade = null where id = $1`, [b.id]);
    const unknown = makeIdNumber('310110', '2019-04-04', 901, 'F');
    const bad = makeIdNumber('310110', '2019-05-05', 902, 'M');
    const badCheck = bad.slice(0, 17) + (bad.endsWith('1') ? '2' : '1');
    const tomorrow = addDays(today, 1);
    content = csv(CERT, [
      [a.name, FULL(idA.slice(0, 17)) + 'x', a.birth, '肢体残疾', '二级', 'CJR-001', '2025-01-10'],
      [b.name, makeIdNumber('310110', b.birth, 903, 'F'), b.birth, '听力残疾', '三级', 'CJR-002', '2025-02-10'],
      ['无档案', unknown, '2019-04-04', '视力残疾', '一级', 'CJR-003', '2025-03-10'],
      ['错号码', badCheck, '2019-05-05', '视力残疾', '一级', 'CJR-004', '2025-03-10'],
      ['未来日', makeIdNumber('310110', '2019-06-06', 904, 'M'), '2019-06-06', '视力残疾', '一级', 'CJR-005', tomorrow],
      ['超映射', makeIdNumber('310110', '2019-07-07', 905, 'M'), '2019-07-07', '视力残疾', '五级', 'CJR-006', '2025-03-10'],
      [a.name, idA, a.birth, '肢体残疾', '二级', 'CJR-001', '2025-01-10'],
    ]);
    const res = await upload(district, 'disabled-federation-cert', '残联202612.csv', content);
    expect(res.statusCode, res.body).toBe(200);
    const run = res.json();
    runId = run.id;
    expect(run).toMatchObject({ state: 'checked', source: 'upload', feedCode: 'disabled-federation-cert' });
    expect(run.counts).toMatchObject({ records: 7, matched: 1, matchedByName: 1, unmatched: 1, errors: 3, duplicates: 1, applied: 0, waiting: 0 });
    const recs = (await district.get(`/api/feed-runs/${runId}/records?pageSize=50`)).json().items as {
      rowNo: number;
      outcome: string;
      confidence: number | null;
      messages: string[];
      childId: string | null;
      idTail: string | null;
    }[];
    const byRow = new Map(recs.map((r) => [r.rowNo, r]));
    expect(byRow.get(2)).toMatchObject({ outcome: 'matched', confidence: 1, childId: a.id, idTail: idA.slice(-4) });
    expect(byRow.get(3)).toMatchObject({ outcome: 'matched-by-name', confidence: 0.8, childId: b.id });
    expect(byRow.get(4)?.outcome).toBe('unmatched');
    expect(byRow.get(5)?.messages.join()).toMatch(/身份证号无效/);
    expect(byRow.get(6)?.messages.join()).toMatch(/晚于今天/);
    expect(byRow.get(7)?.messages.join()).toMatch(/“残疾等级”的取值“五级”不在该数据源的映射中/);
    expect(byRow.get(8)?.outcome).toBe('duplicate');
    // nothing applied, no number stored
    expect((await env.owner.query(`select disability_type from children where id = $1`, [a.id])).rows[0].disability_type).toBeNull();
    expect(JSON.stringify((await env.owner.query(`select * from feed_records where run_id = $1`, [runId])).rows)).not.toContain(idA.slice(0, 17));
    expect((await env.owner.query(`select count(*)::int as n from feed_changes`)).rows[0].n).toBe(0);
  });

  it('refuses a file in the wrong layout as a whole, naming the missing columns, and writes nothing', async () => {
    const res = await upload(
      district,
      'disabled-federation-cert',
      'wrong.csv',
      csv(['姓名', '身份证号', '残疾类别'], [['张三', '310110201901010011', '肢体']]),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/缺少列.*“公民身份号码”.*“残疾等级”/);
    expect((await env.owner.query(`select count(*)::int as n from feed_runs`)).rows[0].n).toBe(1);
  });

  it('answers the same file again with the run already received (idempotent)', async () => {
    const res = await upload(district, 'disabled-federation-cert', '再次上传.csv', content);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: runId, duplicateOf: runId });
    expect((await env.owner.query(`select count(*)::int as n from feed_runs`)).rows[0].n).toBe(1);
  });

  it('confirms: changes wait for the street, which sees only its own area', async () => {
    const res = await district.post(`/api/feed-runs/${runId}/confirm`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().counts).toMatchObject({ waiting: 2, applied: 0 });
    const mine = (await dinghai.get('/api/feed-changes?state=waiting')).json();
    expect(mine.items.map((c: { childId: string }) => c.childId)).toEqual([a.id]);
    expect(mine.items[0].summary).toBe('残疾：无 → 肢体 2级');
    expect(mine.items[0]).toMatchObject({ evidence: 'CJR-001', effectiveDate: '2025-01-10', state: 'waiting', auto: false });
    const theirs = (await pingliang.get('/api/feed-changes?state=waiting')).json();
    expect(theirs.items.map((c: { childId: string }) => c.childId)).toEqual([b.id]);
    // another street's change: not found
    expect((await dinghai.post(`/api/feed-changes/${theirs.items[0].id}/apply`, {})).statusCode).toBe(404);
    expect((await district.get('/api/feed-changes?state=waiting')).json().total).toBe(2);
  });

  it('applies through the file: history names the source, the child is matched again and appears in 可享未享', async () => {
    const change = (await dinghai.get('/api/feed-changes?state=waiting')).json().items[0];
    const res = await dinghai.post(`/api/feed-changes/${change.id}/apply`, { note: '已核对残疾人证' });
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json();
    expect(out.state).toBe('applied');
    expect(out.newlyEligible.map((p: { policyId: string }) => p.policyId)).toContain('disability-rehabilitation');
    const file = (await env.owner.query(`select disability_type, disability_grade from children where id = $1`, [a.id])).rows[0];
    expect(file).toEqual({ disability_type: '肢体', disability_grade: 2 });
    const hist = (await env.owner.query(`select action, field, new_value from child_history where child_id = $1 and action like '数据共享%'`, [a.id])).rows;
    expect(hist).toEqual(
      expect.arrayContaining([
        { action: '数据共享：区残联·残疾人证', field: 'disabilityType', new_value: '肢体' },
        { action: '数据共享：区残联·残疾人证', field: 'disabilityGrade', new_value: '2' },
      ]),
    );
    expect(await verdict(a.id, 'disability-rehabilitation')).toBe('eligible');
    const list = (await district.get('/api/eligibility/worklist?kind=eligible-not-receiving&policy=disability-rehabilitation&pageSize=200')).json();
    expect(JSON.stringify(list)).toContain(a.id);
    expect((await env.owner.query(`select count(*)::int as n from audit_log where action = 'feeds.change.apply'`)).rows[0].n).toBe(1);
  });

  it('a reject needs a note', async () => {
    const change = (await pingliang.get('/api/feed-changes?state=waiting')).json().items[0];
    expect((await pingliang.post(`/api/feed-changes/${change.id}/reject`, {})).statusCode).toBe(400);
    const res = await pingliang.post(`/api/feed-changes/${change.id}/reject`, { note: '姓名相同但不是同一人' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ state: 'rejected', note: '姓名相同但不是同一人' });
  });

  it('re-running the same facts changes nothing', async () => {
    const again = content + '\r\n'; // other bytes, same facts
    const up = await upload(district, 'disabled-federation-cert', '残联202612-2.csv', again);
    expect(up.statusCode).toBe(200);
    expect(up.json().duplicateOf).toBeUndefined();
    const conf = await district.post(`/api/feed-runs/${up.json().id}/confirm`);
    expect(conf.json().counts).toMatchObject({ unchanged: 1, applied: 0 });
    // the rejected name match is proposed again (nothing on file changed); the applied one is unchanged
    const waitingA = (await district.get('/api/feed-changes?state=waiting')).json().items.filter((c: { childId: string }) => c.childId === a.id);
    expect(waitingA).toEqual([]);
  });

  it('a change whose fact changed on file meanwhile answers 409; a newer change supersedes a waiting one', async () => {
    const c = await kid('dinghai', 3, 5);
    const id = makeIdNumber('310110', c.birth, 911, 'F');
    await env.owner.query(`update children set id_number_bidx = $2, disability_type = null, disability_grade = null where id = $1`, [c.id, bidx(id)]);
    const one = await upload(district, 'disabled-federation-cert', 'c1.csv', csv(CERT, [[c.name, id, c.birth, '智力残疾', '三级', 'X1', '2025-01-01']]));
    await district.post(`/api/feed-runs/${one.json().id}/confirm`);
    const two = await upload(district, 'disabled-federation-cert', 'c2.csv', csv(CERT, [[c.name, id, c.birth, '智力残疾', '二级', 'X2', '2025-02-01']]));
    await district.post(`/api/feed-runs/${two.json().id}/confirm`);
    const all = (await district.get(`/api/feed-changes?pageSize=50`)).json().items.filter((x: { childId: string }) => x.childId === c.id);
    expect(all.map((x: { state: string }) => x.state).sort()).toEqual(['superseded', 'waiting']);
    const waiting = all.find((x: { state: string }) => x.state === 'waiting');
    await env.owner.query(`update children set disability_type = '肢体', disability_grade = 4 where id = $1`, [c.id]);
    const res = await dinghai.post(`/api/feed-changes/${waiting.id}/apply`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/已被修改/);
  });
});

describe('member facts move children between the work lists', () => {
  it('a release from prison moves a receiving child to 可能不再符合', async () => {
    const c = await kid('dinghai', 8, 12);
    const fatherId = makeIdNumber('310110', '1985-03-03', 11, 'M');
    await parents(
      c.id,
      { status: 'imprisoned', until: addDays(today, 700), id: fatherId },
      { status: 'deceased', since: '2020-01-01', id: makeIdNumber('310110', '1986-04-04', 12, 'F') },
    );
    expect(await verdict(c.id, 'defacto-unsupported')).toBe('eligible');
    // receiving it: the matching's suggestion granted (or a granted one recorded)
    const granted = await env.owner.query(
      `update entitlements set status = 'granted', from_date = '2024-01-01' where child_id = $1 and policy_id = 'defacto-unsupported' and status not in ('refused', 'ended')`,
      [c.id],
    );
    if (!granted.rowCount)
      await env.owner.query(
        `insert into entitlements (child_id, street_code, committee_id, policy_id, status, from_date)
         select id, street_code, committee_id, 'defacto-unsupported', 'granted', '2024-01-01' from children where id = $1`,
        [c.id],
      );
    const released = addDays(today, -3);
    const file = csv(
      ['姓名', '身份证号', '出生日期', '人员状态', '变动日期', '刑期止日', '文书编号'],
      [['测父', fatherId, '1985-03-03', '刑满释放', released, '', '释字2026-1']],
    );
    const up = await upload(district, 'prison-release', '释放.csv', file);
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json().counts).toMatchObject({ matched: 1 });
    await district.post(`/api/feed-runs/${up.json().id}/confirm`);
    const change = (await dinghai.get('/api/feed-changes?state=waiting&feed=prison-release')).json().items[0];
    expect(change.summary).toBe(`父亲 测父 状态：服刑在押 → 健在且有监护能力（${released} 起）`);
    const res = await dinghai.post(`/api/feed-changes/${change.id}/apply`, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().noLongerEligible).toEqual([{ policyId: 'defacto-unsupported', policyName: '事实无人抚养儿童认定' }]);
    expect(await verdict(c.id, 'defacto-unsupported')).toBe('not_eligible');
    const list = (await district.get('/api/eligibility/worklist?kind=no-longer-eligible&policy=defacto-unsupported&pageSize=200')).json();
    expect(JSON.stringify(list)).toContain(c.id);
    const hist = (await env.owner.query(`select action from child_history where child_id = $1 and field = 'member.status'`, [c.id])).rows;
    expect(hist).toEqual([{ action: '数据共享：区司法局·刑满释放与在押人员' }]);
    const run = (await district.get(`/api/feed-runs/${up.json().id}`)).json();
    expect(run.counts).toMatchObject({ applied: 1, noLongerEligible: 1 });
  });

  it('a death makes a child eligible and puts it in 可享未享', async () => {
    const c = await kid('dinghai', 8, 12);
    const motherId = makeIdNumber('310110', '1987-05-05', 21, 'F');
    await parents(
      c.id,
      { status: 'imprisoned', until: addDays(today, 900), id: makeIdNumber('310110', '1984-02-02', 22, 'M') },
      { status: 'alive_fit', id: motherId },
    );
    expect(await verdict(c.id, 'defacto-unsupported')).not.toBe('eligible');
    const died = addDays(today, -10);
    const file = csv(['姓名', '公民身份号码', '出生日期', '注销原因', '死亡日期', '注销证明编号'], [['测母', motherId, '1987-05-05', '死亡', died, 'SW-9']]);
    const up = await upload(district, 'police-death', '死亡注销.csv', file);
    await district.post(`/api/feed-runs/${up.json().id}/confirm`);
    const change = (await dinghai.get('/api/feed-changes?state=waiting&feed=police-death')).json().items[0];
    const res = await dinghai.post(`/api/feed-changes/${change.id}/apply`, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().newlyEligible.map((p: { policyId: string }) => p.policyId)).toContain('defacto-unsupported');
    expect(await verdict(c.id, 'defacto-unsupported')).toBe('eligible');
    const list = (await district.get('/api/eligibility/worklist?kind=eligible-not-receiving&policy=defacto-unsupported&pageSize=200')).json();
    expect(JSON.stringify(list)).toContain(c.id);
  });
});

describe('the API push', () => {
  const SCHOOL = ['学生姓名', '身份证件号', '出生日期', '学段', '学校名称', '学籍号'];
  let key: string;
  let c: Kid;
  let id: string;

  it('a good key pushes, confirms at once and applies an automatic feed (history names the source)', async () => {
    const k = await district.post('/api/feeds/education-enrolment/key');
    expect(k.statusCode).toBe(200);
    key = k.json().key;
    expect(k.json().keyPrefix).toBe(key.slice(0, 8));
    expect(JSON.stringify((await env.owner.query(`select * from data_feeds where code = 'education-enrolment'`)).rows)).not.toContain(key);
    c = await kid('dinghai', 7, 10);
    id = makeIdNumber('310110', c.birth, 931, 'M');
    await env.owner.query(`update children set id_number_bidx = $2, school_stage = '未入学' where id = $1`, [c.id, bidx(id)]);
    const res = await env
      .agent()
      .post(
        '/api/feeds/education-enrolment/push',
        { records: [Object.fromEntries(SCHOOL.map((h, i) => [h, [c.name, id, c.birth, '小学', '杨浦小学', 'XJ-1'][i]]))] },
        { authorization: `Bearer ${key}` },
      );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ source: 'api', state: 'confirmed', counts: { matched: 1, applied: 1, waiting: 0 } });
    expect((await env.owner.query(`select school_stage, school_name from children where id = $1`, [c.id])).rows[0]).toEqual({
      school_stage: '小学',
      school_name: '杨浦小学',
    });
    const hist = (await env.owner.query(`select action from child_history where child_id = $1 and field = 'schoolStage'`, [c.id])).rows;
    expect(hist).toEqual([{ action: '数据共享：区教育局·学籍' }]);
    const change = (await district.get('/api/feed-changes?feed=education-enrolment')).json().items[0];
    expect(change).toMatchObject({ auto: true, state: 'applied', decidedBy: '系统（自动应用）' });
  });

  it('a bad or missing key answers 401 and is audited', async () => {
    const body = { records: [{ 学生姓名: 'x' }] };
    const bad = await env.agent().post('/api/feeds/education-enrolment/push', body, { authorization: 'Bearer nyf_wrong' });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.message).toBe('数据接口密钥无效');
    expect((await env.agent().post('/api/feeds/education-enrolment/push', body)).statusCode).toBe(401);
    const audit = (await env.owner.query(`select outcome, summary from audit_log where action = 'feeds.push.denied' order by id`)).rows;
    expect(audit.map((r) => r.outcome)).toEqual(['denied', 'denied']);
  });

  it('over the per-minute limit answers 429', async () => {
    const put = await district.put('/api/feeds/education-enrolment', {
      mapping: (await district.get('/api/feeds/education-enrolment')).json().mapping,
      frequency: 'monthly',
      autoApply: true,
      reviewer: 'street',
      rateLimitPerMinute: 3,
    });
    expect(put.statusCode, put.body).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const rec = Object.fromEntries(SCHOOL.map((h, j) => [h, [c.name, id, c.birth, '小学', '杨浦小学', `XJ-${i + 2}`][j]]));
      statuses.push((await env.agent().post('/api/feeds/education-enrolment/push', { records: [rec] }, { authorization: `Bearer ${key}` })).statusCode);
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(3);
  });
});

describe('feeds and their definitions', () => {
  it('lists the feeds with their figures and keeps every saved mapping as a version', async () => {
    const list = (await district.get('/api/feeds')).json();
    expect(list.items.map((f: { code: string }) => f.code)).toEqual(['disabled-federation-cert', 'education-enrolment', 'police-death', 'prison-release']);
    const cert = list.items.find((f: { code: string }) => f.code === 'disabled-federation-cert');
    expect(cert).toMatchObject({ providerUnitName: '区残联', fact: 'child.disability', onTime: true });
    expect(typeof cert.matchRate).toBe('number');
    const versions = (await env.owner.query(`select version from data_feed_versions where feed_code = 'education-enrolment' order by version`)).rows;
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
  });

  it('refuses a mapping without the fact’s fields, with duplicate headers, or auto-applying member facts', async () => {
    const res = await district.put('/api/feeds/prison-release', {
      mapping: {
        columns: [
          { header: '姓名', field: 'name' },
          { header: '姓名', field: 'idNumber' },
        ],
      },
      frequency: 'monthly',
      autoApply: true,
      reviewer: 'street',
      rateLimitPerMinute: 10,
    });
    expect(res.statusCode).toBe(400);
    const msgs = res
      .json()
      .error.fields.map((f: { message: string }) => f.message)
      .join('；');
    expect(msgs).toMatch(/源表头“姓名”重复/);
    expect(msgs).toMatch(/须映射“状态”/);
    expect((await dinghai.get('/api/feeds')).statusCode).toBe(403);
  });
});

describe('the 督办 indicators', () => {
  it('count feeds on time, the match rate of the last runs, changes waiting and benefits found', async () => {
    // as the indicator runner calls them
    const run = async (code: string) => {
      const spec = indicator(code);
      if (!spec) throw new Error(code);
      const { rows } = await env.owner.query<{ street_code: string | null; num: string; den: string | null }>(
        spec.sql,
        paramsFor(spec.sql, [today, ['dinghai', 'pingliang'], true]),
      );
      return rows;
    };
    const total = (rows: { street_code: string | null; num: string; den: string | null }[]) => rows.find((r) => r.street_code === null);
    // every feed had a run today (this file's uploads and pushes)
    expect(total(await run('feeds.onTime'))).toMatchObject({ num: '4', den: '4' });
    const rate = total(await run('feeds.matchRate'));
    expect(Number(rate?.num)).toBeGreaterThan(0);
    expect(Number(rate?.num)).toBeLessThanOrEqual(Number(rate?.den));
    const waiting = (await env.owner.query<{ n: number }>(`select count(*)::int as n from feed_changes where state = 'waiting'`)).rows[0]?.n;
    expect(Number(total(await run('feeds.waiting'))?.num)).toBe(waiting);
    // the 残联 change (rehabilitation) and the death (事实无人抚养 …) at least
    expect(Number(total(await run('feeds.benefitsFound'))?.num)).toBeGreaterThanOrEqual(2);
    const dash = (await district.get('/api/indicators')).json();
    const codes = dash.items.map((i: { code: string }) => i.code);
    expect(codes).toEqual(expect.arrayContaining(['feeds.onTime', 'feeds.matchRate', 'feeds.waiting', 'feeds.benefitsFound']));
  });
});

describe('files as departments send them', () => {
  it('reads an .xlsx, and a person resolves an unmatched record to a child', async () => {
    const c = await kid('dinghai', 3, 5);
    await env.owner.query(`update children set disability_type = null, disability_grade = null where id = $1`, [c.id]);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('残疾人证');
    ws.addRow(CERT);
    // a number the file does not have, and a birth date that is not the child's: unmatched
    ws.addRow([
      '某某',
      makeIdNumber('310110', '2020-02-02', 941, 'M'),
      new Date(Date.UTC(2020, 1, 2)),
      '言语残疾',
      '三级',
      'CJR-X',
      new Date(Date.UTC(2025, 5, 1)),
    ]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await district.post('/api/feeds/disabled-federation-cert/runs', { filename: 'cert.xlsx', contentBase64: buf.toString('base64') });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ filename: 'cert.xlsx', counts: { records: 1, unmatched: 1 } });
    const runId = res.json().id;
    await district.post(`/api/feed-runs/${runId}/confirm`);
    const rec = (await district.get(`/api/feed-runs/${runId}/records?outcome=unmatched`)).json().items[0];
    expect(rec.messages.join()).toMatch(/未找到此人/);
    const resolved = await district.post(`/api/feed-records/${rec.id}/resolve`, { childId: c.id });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json()).toMatchObject({ outcome: 'matched', childId: c.id, change: { state: 'waiting', summary: '残疾：无 → 言语 3级' } });
    // a street supervisor may not resolve (feeds.manage)
    expect((await dinghai.post(`/api/feed-records/${rec.id}/resolve`, { childId: c.id })).statusCode).toBe(403);
  });
});

describe('two records of one run about the same fact', () => {
  it('propose one change: the identity-number record; the other is a duplicate', async () => {
    const c = await kid('jiangpu', 1, 6);
    const id = makeIdNumber('310110', c.birth, 951, 'F');
    await env.owner.query(`update children set id_number_bidx = $2, disability_type = null, disability_grade = null where id = $1`, [c.id, bidx(id)]);
    const up = await upload(
      district,
      'disabled-federation-cert',
      'twice.csv',
      csv(CERT, [
        [c.name, makeIdNumber('310110', c.birth, 952, 'M'), c.birth, '视力残疾', '四级', 'T-2', '2025-04-01'],
        [c.name, id, c.birth, '视力残疾', '三级', 'T-1', '2025-04-01'],
      ]),
    );
    const conf = await district.post(`/api/feed-runs/${up.json().id}/confirm`);
    expect(conf.statusCode, conf.body).toBe(200);
    expect(conf.json().counts).toMatchObject({ waiting: 1, duplicates: 1 });
    const recs = (await district.get(`/api/feed-runs/${up.json().id}/records`)).json().items;
    expect(recs.map((r: { outcome: string }) => r.outcome)).toEqual(['duplicate', 'matched']);
    expect(recs[1].change.summary).toBe('残疾：无 → 视力 3级');
  });
});
