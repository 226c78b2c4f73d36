/**
 * 家庭监护能力评估 against a real database: the workflow with its refusals, THE CHAIN as one
 * transaction (grade → risk high → next visit earlier → dated category → eligibility re-run), a new
 * instrument version leaving old assessments alone, each role's depth, the area's work lists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate, addDays } from '#common/dates.js';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';

let env: TestEnv;
let street: Agent;
let district: Agent;
let director: Agent;
let police: Agent;
let edu: Agent;
let today: string;

interface Item {
  code: string;
  options: { score: number }[];
}
let items: Item[] = [];

beforeAll(async () => {
  env = await testEnv();
  street = await env.login('street-dinghai');
  district = await env.login('district');
  director = await env.login('director-dinghai');
  police = await env.login('police');
  edu = await env.login('edu');
  today = shanghaiDate(env.clock.now);
  const list = (await district.get('/api/guardianship/instruments')).json();
  const active = list.items.find((i: { active: boolean }) => i.active);
  const ins = (await district.get(`/api/guardianship/instruments/${active.code}/${active.version}`)).json();
  items = ins.definition.dimensions.flatMap((d: { items: Item[] }) => d.items);
});
afterAll(async () => {
  await env?.close();
});

/** A child of 定海 at low risk in the director's committee (so the summary depth can be checked). */
async function lowRiskChild(skip: string[] = [], anyCommittee = false): Promise<{ id: string; next: string | null }> {
  const dir = (
    await env.owner.query(
      `select array_agg(uc.committee_id) as committee_ids from users u join user_committees uc on uc.user_id = u.id where u.username = 'director-dinghai'`,
    )
  ).rows[0];
  const r = await env.owner.query(
    `select c.id, c.next_visit_due::text as next from children c
      where c.street_code = 'dinghai' and c.status = 'active' and c.risk_level = 'low'
        and not exists (select 1 from child_categories k where k.child_id = c.id and k.category in ('guardianship_improper', 'guardianship_missing') and k.until is null)
        and ($1::uuid[] is null or c.committee_id = any ($1::uuid[])) and not (c.id = any ($2::uuid[]))
      order by c.next_visit_due desc nulls last, c.id limit 1`,
    [anyCommittee ? null : (dir?.committee_ids ?? null), skip],
  );
  return r.rows[0] ?? (anyCommittee ? r.rows[0] : lowRiskChild(skip, true));
}

/** Answers giving about 50 of 100 with the default instrument: 监护失当. */
const improperAnswers = () => Object.fromEntries(items.map((it, i) => [it.code, i % 2 === 0 ? 0 : it.options.length - 1]));
const normalAnswers = () => Object.fromEntries(items.map((it) => [it.code, 0]));

async function commission(childId: string, body: Record<string, unknown> = {}) {
  return street.post(`/api/children/${childId}/guardianship/assessments`, {
    reason: '走访发现监护人长期酗酒，孩子经常独自在家',
    assessorOrg: '杨浦区未成年人保护工作站',
    dueOn: addDays(today, 14),
    ...body,
  });
}
const result = (answers: Record<string, number>, version: number, extra: Record<string, unknown> = {}) => ({
  version,
  methods: ['observation', 'interview', 'questionnaire'],
  assessorName: '王评估',
  assessedOn: today,
  answers,
  narrative: '监护人有酗酒行为，孩子放学后无人照料，家中存在安全隐患。',
  measures: '建议开展家庭教育指导，每月走访。',
  reassessOn: addDays(today, 180),
  ...extra,
});

describe('the chain: an improper grade', () => {
  it('raises the risk to high, moves the next visit earlier, adds the dated category and re-runs matching — in one transaction', async () => {
    const child = await lowRiskChild();
    const before = (await env.owner.query('select risk_level, next_visit_due::text as next from children where id = $1', [child.id])).rows[0];
    expect(before.risk_level).toBe('low');
    await env.owner.query('delete from eligibility_results where child_id = $1', [child.id]);

    const c = await commission(child.id);
    expect(c.statusCode, c.body).toBe(201);
    const rec = await street.post(`/api/guardianship/assessments/${c.json().id}/result`, result(improperAnswers(), 1));
    expect(rec.statusCode, rec.body).toBe(200);
    const a = rec.json();
    expect(a).toMatchObject({ status: 'assessed', gradeEffect: 'improper', gradeName: '监护失当', depth: 'full' });
    expect(a.totalScore).toBeGreaterThanOrEqual(40);
    expect(a.totalScore).toBeLessThan(60);
    expect(a.dimensionScores).toHaveLength(3);
    expect(a.chain).toEqual({ riskRaised: true, categoryAdded: 'guardianship_improper', rematched: true });

    const after = (await env.owner.query('select risk_level, risk_reason, next_visit_due::text as next from children where id = $1', [child.id])).rows[0];
    expect(after.risk_level).toBe('high');
    expect(after.risk_reason).toContain('家庭监护能力评估');
    expect(after.risk_reason).toContain(a.id.slice(0, 8));
    expect(after.next < before.next).toBe(true);
    const cat = (
      await env.owner.query(
        `select since::text, source_note from child_categories where child_id = $1 and category = 'guardianship_improper' and until is null`,
        [child.id],
      )
    ).rows;
    expect(cat).toHaveLength(1);
    expect(cat[0].since).toBe(today);
    expect(cat[0].source_note).toContain(a.id.slice(0, 8));
    const elig = (await env.owner.query('select count(*)::int as n from eligibility_results where child_id = $1', [child.id])).rows[0].n;
    expect(elig).toBeGreaterThan(0);
    // the narrative is stored encrypted, and read back in full
    const raw = (await env.owner.query('select narrative from guardianship_assessments where id = $1', [a.id])).rows[0].narrative;
    expect(raw).not.toContain('酗酒');
    expect(a.narrative).toContain('酗酒');
    // audited: the record, the chain, the child's update and the category
    const actions = (await env.owner.query(`select action from audit_log where entity_id in ($1, $2)`, [a.id, child.id])).rows.map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['guardianship.assessment.record', 'guardianship.assessment.chain', 'child.update', 'child.category.add']));

    // through the file: risk 高 and the category shown
    const file = (await street.get(`/api/children/${child.id}`)).json();
    expect(file.riskLevel).toBe('high');

    // return, archive — in order only
    expect((await street.post(`/api/guardianship/assessments/${a.id}/archive`, { version: a.version })).json().error.message).toMatch(/不能归档/);
    const ret = await street.post(`/api/guardianship/assessments/${a.id}/return`, { version: a.version });
    expect(ret.statusCode, ret.body).toBe(200);
    expect(ret.json()).toMatchObject({ status: 'returned', returnedOn: today });
    expect((await street.post(`/api/guardianship/assessments/${a.id}/cancel`, { version: ret.json().version, reason: '误录' })).statusCode).toBe(409);
    const arc = await street.post(`/api/guardianship/assessments/${a.id}/archive`, { version: ret.json().version });
    expect(arc.statusCode, arc.body).toBe(200);
    expect(arc.json().status).toBe('archived');
  });

  it('a normal grade leaves the risk and the categories alone', async () => {
    const child = await lowRiskChild();
    const c = await commission(child.id);
    const rec = await street.post(`/api/guardianship/assessments/${c.json().id}/result`, result(normalAnswers(), 1));
    expect(rec.statusCode, rec.body).toBe(200);
    expect(rec.json()).toMatchObject({ gradeEffect: 'normal', totalScore: 100, chain: { riskRaised: false, categoryAdded: null, rematched: false } });
    expect((await env.owner.query('select risk_level from children where id = $1', [child.id])).rows[0].risk_level).toBe('low');
  });
});

describe('the workflow refuses', () => {
  it('bad input in Chinese with nothing written, a stale version with 409, an incomplete questionnaire, steps out of order', async () => {
    const child = await lowRiskChild();
    const count = async () => (await env.owner.query('select count(*)::int as n from guardianship_assessments where child_id = $1', [child.id])).rows[0].n;
    const n0 = await count();
    const bad = await commission(child.id, { reason: '', dueOn: '2020-01-01' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toMatch(/请填写委托事由/);
    const past = await commission(child.id, { dueOn: addDays(today, -1) });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.fields[0].message).toBe('评估完成期限不能早于今天');
    expect(await count()).toBe(n0);

    const id = (await commission(child.id)).json().id;
    const answers = improperAnswers();
    delete answers[items[0]!.code];
    const inc = await street.post(`/api/guardianship/assessments/${id}/result`, result(answers, 1));
    expect(inc.statusCode).toBe(400);
    expect(inc.json().error.message).toMatch(/问卷未答完/);
    const badMethod = await street.post(`/api/guardianship/assessments/${id}/result`, result(improperAnswers(), 1, { methods: ['telepathy'] }));
    expect(badMethod.statusCode).toBe(400);
    expect(JSON.stringify(badMethod.json())).toMatch(/评估方法只能是观察、访谈、问卷/);
    expect((await env.owner.query('select status from guardianship_assessments where id = $1', [id])).rows[0].status).toBe('commissioned');
    expect((await env.owner.query('select risk_level from children where id = $1', [child.id])).rows[0].risk_level).toBe('low');

    const stale = await street.post(`/api/guardianship/assessments/${id}/result`, result(normalAnswers(), 7));
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const early = await street.post(`/api/guardianship/assessments/${id}/return`, { version: 1 });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toMatch(/当前为"已委托"，不能反馈评估结果/);
    const noReason = await street.post(`/api/guardianship/assessments/${id}/cancel`, { version: 1, reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    const cancelled = await street.post(`/api/guardianship/assessments/${id}/cancel`, { version: 1, reason: '家庭已迁出本区' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelReason: '家庭已迁出本区' });
    expect((await street.post(`/api/guardianship/assessments/${id}/result`, result(normalAnswers(), 2))).statusCode).toBe(409);
  });
});

describe('instrument versions', () => {
  it('a new version changes neither the scores nor the instrument of old assessments; new commissions use it', async () => {
    const child = await lowRiskChild();
    const id = (await commission(child.id)).json().id;
    const old = (await street.post(`/api/guardianship/assessments/${id}/result`, result(normalAnswers(), 1))).json();
    const list = (await district.get('/api/guardianship/instruments')).json();
    const active = list.items.find((i: { active: boolean }) => i.active);
    const cur = (await district.get(`/api/guardianship/instruments/${active.code}/${active.version}`)).json();

    // refused: a street may not edit the instrument; invalid thresholds answer in Chinese
    const body = { code: cur.code, name: `${cur.name}（修订）`, definition: cur.definition, grades: cur.grades, note: '提高正常线', activate: true };
    expect((await street.post('/api/guardianship/instruments', body)).statusCode).toBe(403);
    const invalid = await district.post('/api/guardianship/instruments', { ...body, grades: cur.grades.map((g: { min: number }) => ({ ...g, min: 10 })) });
    expect(invalid.statusCode).toBe(400);
    expect(JSON.stringify(invalid.json())).toMatch(/等级下限须严格递增/);

    // the new version: the best answer of every item now scores 0 → everything graded 监护缺失
    const harsh = {
      ...body,
      definition: {
        dimensions: cur.definition.dimensions.map((d: { items: { options: { label: string; score: number }[] }[] }) => ({
          ...d,
          items: d.items.map((it) => ({ ...it, options: [{ ...it.options[0]!, score: 0 }, ...it.options.slice(1), { label: '另一项', score: 5 }] })),
        })),
      },
    };
    const created = await district.post('/api/guardianship/instruments', harsh);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ code: cur.code, version: cur.version + 1, active: true, placeholder: false });

    const again = (await street.get(`/api/guardianship/assessments/${id}`)).json();
    expect(again).toMatchObject({ instrumentVersion: cur.version, totalScore: old.totalScore, gradeName: old.gradeName, grade: old.grade });
    expect(again.instrument.version).toBe(cur.version);

    const next = (await commission(child.id)).json().id;
    const rec = (await street.post(`/api/guardianship/assessments/${next}/result`, result(normalAnswers(), 1))).json();
    expect(rec).toMatchObject({ instrumentVersion: cur.version + 1, gradeEffect: 'missing' });
    // put the default back for the other tests
    expect((await district.post(`/api/guardianship/instruments/${cur.code}/${cur.version}/activate`, {})).statusCode).toBe(200);
  });
});

describe('access per role', () => {
  it('the child director sees status and dates only; departments without a referral see nothing (404); every view audited', async () => {
    const child = await lowRiskChild();
    const id = (await commission(child.id)).json().id;
    await street.post(`/api/guardianship/assessments/${id}/result`, result(improperAnswers(), 1));

    const full = (await street.get(`/api/children/${child.id}/guardianship/assessments`)).json();
    expect(full).toMatchObject({ depth: 'full', canWrite: true });
    expect(full.items[0].narrative).toContain('酗酒');

    const sum = await director.get(`/api/children/${child.id}/guardianship/assessments`);
    expect(sum.statusCode, sum.body).toBe(200);
    expect(sum.json()).toMatchObject({ depth: 'summary', canWrite: false });
    const it0 = sum.json().items.find((i: { id: string }) => i.id === id);
    expect(it0).toMatchObject({
      status: 'assessed',
      assessedOn: today,
      grade: null,
      gradeName: null,
      totalScore: null,
      narrative: null,
      dimensionScores: null,
      reason: null,
    });
    const one = (await director.get(`/api/guardianship/assessments/${id}`)).json();
    expect(one).toMatchObject({ depth: 'summary', narrative: null, instrument: null, answers: null });
    expect((await director.post(`/api/guardianship/assessments/${id}/return`, { version: 2 })).statusCode).toBe(403);
    expect(
      (await director.post(`/api/children/${child.id}/guardianship/assessments`, { reason: '试', assessorOrg: '某机构', dueOn: addDays(today, 3) })).statusCode,
    ).toBe(403);

    for (const dept of [police, edu]) {
      expect((await dept.get(`/api/children/${child.id}/guardianship/assessments`)).statusCode).toBe(404);
      expect((await dept.get(`/api/guardianship/assessments/${id}`)).statusCode).toBe(404);
    }
    const views = (await env.owner.query(`select count(*)::int as n from audit_log where action = 'guardianship.assessment.view' and entity_id = $1`, [id]))
      .rows[0].n;
    expect(views).toBeGreaterThanOrEqual(1);
  });

  it('a receiving unit of a referral opening guardianship (训诫 to the police) reads the assessment in full', async () => {
    const child = await lowRiskChild();
    const id = (await commission(child.id)).json().id;
    const ref = await street.post('/api/referrals', { childId: child.id, kind: 'reprimand', toUnit: 'police', reason: '监护人酗酒后打骂孩子，请予训诫' });
    if (ref.statusCode !== 201) return expect.soft(ref.statusCode, ref.body).toBe(201);
    const seen = await police.get(`/api/guardianship/assessments/${id}`);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json()).toMatchObject({ depth: 'full', canWrite: false });
  });
});

describe('the area work lists', () => {
  it('lists commissions past their due day and re-assessments due', async () => {
    const child = await lowRiskChild([], true);
    const id = (await commission(child.id, { dueOn: today })).json().id;
    await env.owner.query(`update guardianship_assessments set due_on = $2::date - 3, commissioned_on = $2::date - 20 where id = $1`, [id, today]);
    const overdue = await street.get('/api/guardianship/assessments?view=overdue');
    expect(overdue.statusCode, overdue.body).toBe(200);
    const row = overdue.json().items.find((i: { id: string }) => i.id === id);
    expect(row).toMatchObject({ status: 'commissioned', days: 3 });
    expect(row.childName).toBeTruthy();

    const other = await lowRiskChild([child.id], true);
    const a2 = (await commission(other.id)).json().id;
    await street.post(`/api/guardianship/assessments/${a2}/result`, result(normalAnswers(), 1, { reassessOn: addDays(today, 10) }));
    const due = (await street.get('/api/guardianship/assessments?view=reassess')).json();
    expect(due.items.find((i: { id: string }) => i.id === a2)).toMatchObject({ days: 10, gradeName: '监护正常' });
    expect((await director.get('/api/guardianship/assessments?view=overdue')).statusCode).toBe(403);
  });
});
