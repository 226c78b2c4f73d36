/**
 * Home visits against a real PostgreSQL: the visit plan (rules → next due date), overdue work
 * lists, drafts and submission (problems become problem records), area isolation, optimistic
 * concurrency, and checklist changes that leave past visits as they were recorded.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testEnv, type Agent, type TestEnv } from '../../../test/harness.js';
import { addDays, shanghaiDate } from '#common/dates.js';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(async () => {
  await env?.close();
});

const today = () => shanghaiDate(env.clock.now);
const SERVICE = ['living', 'safety', 'health', 'schooling', 'guardianship', 'psychology', 'policy'];
const allOk = (codes = SERVICE) => codes.map((code) => ({ code, status: 'ok' as const }));

/**
 * A child of the demo director's committee, older than three years, with no visits, not used by
 * another test yet; made low risk with no categories, so its interval is the low-risk rule's.
 */
const used = new Set<string>();
async function freshChild(committee = 'dinghai-01'): Promise<string> {
  const row = (
    await env.owner.query(
      `select c.id from children c join committees m on m.id = c.committee_id
     where m.code = $1 and c.status = 'active' and c.birth_date < current_date - 1100
       and not exists (select 1 from visits v where v.child_id = c.id) and not (c.id = any($2::uuid[]))
     order by c.id limit 1`,
      [committee, [...used]],
    )
  ).rows[0];
  if (!row) throw new Error(`no fresh child left in ${committee}`);
  used.add(row.id);
  await env.owner.query(`update children set risk_level = 'low' where id = $1`, [row.id]);
  await env.owner.query('delete from child_categories where child_id = $1', [row.id]);
  return row.id as string;
}

const childDates = async (id: string) =>
  (
    await env.owner.query<{ last_visit_on: string | null; next_visit_due: string | null; registered_on: string }>(
      'select last_visit_on, next_visit_due, registered_on from children where id = $1',
      [id],
    )
  ).rows[0]!;

async function submitVisit(agent: Agent, childId: string, visitedOn: string, extra: Record<string, unknown> = {}) {
  return agent.post('/api/visits', {
    childId,
    visitedOn,
    kind: 'home',
    peopleMet: '祖母',
    checklist: allOk(),
    findings: '生活情况稳定。',
    submit: true,
    ...extra,
  });
}

let defaultRules: string[] = [];
let defaultItems: { id: string; label: string; sort: number; active: boolean }[] = [];
beforeAll(async () => {
  // The demo director's committee holds only a handful of children in the test data set: give it
  // more from the same street, so every test below works on a child of its own.
  await env.owner.query(
    `update children set committee_id = (select id from committees where code = 'dinghai-01')
     where id in (select c.id from children c join committees m on m.id = c.committee_id
                  where c.street_code = 'dinghai' and m.code not in ('dinghai-01', 'dinghai-02') order by c.id limit 30)`,
  );
  defaultRules = (await env.owner.query('select id from visit_rules where active')).rows.map((r) => r.id);
  defaultItems = (await env.owner.query('select id, label, sort, active from checklist_items')).rows;
});
beforeEach(async () => {
  // Every test starts from the default rules and checklists (some tests below change them).
  await env.owner.query('update visit_rules set active = (id = any($1::uuid[]))', [defaultRules]);
  await env.owner.query(
    `update checklist_items ci set label = d.label, sort = d.sort, active = d.active
     from unnest($1::uuid[], $2::text[], $3::int[], $4::bool[]) as d(id, label, sort, active) where ci.id = d.id`,
    [defaultItems.map((i) => i.id), defaultItems.map((i) => i.label), defaultItems.map((i) => i.sort), defaultItems.map((i) => i.active)],
  );
  await env.owner.query(`update checklist_items set active = false where not (id = any($1::uuid[]))`, [defaultItems.map((i) => i.id)]);
});

describe('the visit plan (rules → next due date)', () => {
  it('high risk → 30 days; low risk → 90 days; a scattered orphan with low risk → 30 days (the shortest matching rule wins)', async () => {
    const director = await env.login('director-dinghai');
    const high = await freshChild();
    await env.owner.query(`update children set risk_level = 'high' where id = $1`, [high]);
    const low = await freshChild();
    const orphan = await freshChild();
    await env.owner.query(`insert into child_categories (child_id, category, since) values ($1, 'orphan_scattered', '2020-01-01')`, [orphan]);

    const on = addDays(today(), -3);
    for (const id of [high, low, orphan]) expect((await submitVisit(director, id, on)).statusCode).toBe(201);
    expect(await childDates(high)).toMatchObject({ last_visit_on: on, next_visit_due: addDays(on, 30) });
    expect(await childDates(low)).toMatchObject({ last_visit_on: on, next_visit_due: addDays(on, 90) });
    expect(await childDates(orphan)).toMatchObject({ last_visit_on: on, next_visit_due: addDays(on, 30) });
  });

  it('changing the rules recomputes every active child in scope in one request; only checklists.manage may change them', async () => {
    const director = await env.login('director-dinghai');
    const child = await freshChild();
    await env.owner.query(`update children set risk_level = 'high' where id = $1`, [child]);
    const on = addDays(today(), -5);
    expect((await submitVisit(director, child, on)).statusCode).toBe(201);
    const never = await freshChild();

    const rules = [
      { riskLevel: 'high', intervalDays: 14, label: '高风险儿童每两周走访一次' },
      { riskLevel: 'medium', intervalDays: 60, label: '中风险儿童每两个月走访一次' },
      { riskLevel: 'low', intervalDays: 120, label: '低风险儿童每四个月走访一次' },
      { category: 'orphan_scattered', intervalDays: 30, label: '散居孤儿每月走访一次' },
    ];
    expect((await director.put('/api/visit-rules', { rules })).statusCode).toBe(403);
    const street = await env.login('street-dinghai');
    expect((await street.put('/api/visit-rules', { rules })).statusCode).toBe(403);

    const district = await env.login('district');
    const res = await district.put('/api/visit-rules', { rules });
    expect(res.statusCode).toBe(200);
    const active = (await env.owner.query<{ n: number }>(`select count(*)::int as n from children where status = 'active'`)).rows[0]!.n;
    expect(res.json().recomputed).toBe(active);
    expect(res.json().items).toHaveLength(4);
    expect(await childDates(child)).toMatchObject({ last_visit_on: on, next_visit_due: addDays(on, 14) });
    const n = await childDates(never);
    expect(n.last_visit_on).toBeNull();
    expect(n.next_visit_due).toBe(addDays(n.registered_on, 120));
    // Every active child has a due date now; the answer matches the SQL function, child by child.
    const mismatched = (
      await env.owner.query<{ n: number }>(
        `select count(*)::int as n from children c where c.status = 'active' and c.next_visit_due is distinct from
         (select coalesce(max(v.visited_on), c.registered_on) from visits v where v.child_id = c.id and v.status = 'submitted')
         + (select min(interval_days) from visit_rules r where r.active and (r.risk_level = c.risk_level
              or r.category in (select category from child_categories cc where cc.child_id = c.id and cc.until is null)))`,
      )
    ).rows[0]!.n;
    expect(mismatched).toBe(0);
    expect(
      (await district.get('/api/visit-rules'))
        .json()
        .items.map((r: { intervalDays: number }) => r.intervalDays)
        .sort(),
    ).toEqual([120, 14, 30, 60]);
    const audit = (await env.owner.query(`select summary from audit_log where action = 'visit.rules.update' order by id desc limit 1`)).rows[0];
    expect(audit.summary.recomputed).toBe(active);
  });

  it('refuses duplicate or empty rule conditions with a Chinese message', async () => {
    const district = await env.login('district');
    const dup = await district.put('/api/visit-rules', {
      rules: [
        { riskLevel: 'high', intervalDays: 30, label: '高风险每月' },
        { riskLevel: 'high', intervalDays: 20, label: '高风险二十天' },
      ],
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.fields[0]).toMatchObject({ path: 'rules.1.riskLevel' });
    expect(dup.json().error.fields[0].message).toContain('第 1 条');
    const empty = await district.put('/api/visit-rules', { rules: [{ intervalDays: 30, label: '没有条件' }] });
    expect(empty.statusCode).toBe(400);
    expect(JSON.stringify(empty.json())).toContain('风险等级或儿童类别');
  });
});

describe('work lists', () => {
  it('lists overdue children by how long, counts them on the home page, and moves a child out when a visit is submitted', async () => {
    const director = await env.login('director-dinghai');
    await env.owner.query('select recompute_next_visit(id) from children');
    const longAgo = await freshChild();
    const lessAgo = await freshChild();
    // Low risk, 90 days: visited 200 days ago → 110 days overdue; 120 days ago → 30 days overdue.
    expect((await submitVisit(director, longAgo, addDays(today(), -200))).statusCode).toBe(201);
    expect((await submitVisit(director, lessAgo, addDays(today(), -120))).statusCode).toBe(201);
    const dueSoon = await freshChild();
    expect((await submitVisit(director, dueSoon, addDays(today(), -87))).statusCode).toBe(201);

    const overdue = (await director.get('/api/visits/worklist?kind=overdue&scope=mine&pageSize=200')).json();
    expect(overdue.total).toBeLessThanOrEqual(200); // the whole list is on this one page
    const days = new Map(overdue.items.map((i: { childId: string; daysOverdue: number }) => [i.childId, i.daysOverdue]));
    expect(days.get(longAgo)).toBe(110);
    expect(days.get(lessAgo)).toBe(30);
    expect(days.has(dueSoon)).toBe(false);
    const order = overdue.items.map((i: { daysOverdue: number }) => i.daysOverdue);
    expect(order).toEqual([...order].sort((a: number, b: number) => b - a));

    const week = (await director.get('/api/visits/worklist?kind=due-this-week&scope=committee&pageSize=200')).json();
    const soon = week.items.find((i: { childId: string }) => i.childId === dueSoon);
    expect(soon).toMatchObject({ daysOverdue: -3, nextVisitDue: addDays(today(), 3) });

    const summary = (await director.get('/api/visits/summary')).json();
    expect(summary.overdue).toBe(overdue.total);
    expect(summary.dueThisWeek).toBe(week.total);
    // The director's summary counts only their committee; the street's counts at least as many.
    const street = await env.login('street-dinghai');
    const streetSummary = (await street.get('/api/visits/summary')).json();
    expect(streetSummary.overdue).toBeGreaterThanOrEqual(summary.overdue);
    expect((await street.get('/api/visits/worklist?kind=overdue&scope=street')).json().total).toBe(streetSummary.overdue);
    const pingliang = await env.login('street-pingliang');
    const foreign = (await pingliang.get('/api/visits/worklist?kind=overdue&scope=street&streetCode=dinghai')).json();
    expect(foreign.total).toBe(0);

    expect((await submitVisit(director, longAgo, today())).statusCode).toBe(201);
    const after = (await director.get('/api/visits/worklist?kind=overdue&scope=mine&pageSize=200')).json();
    expect(after.items.some((i: { childId: string }) => i.childId === longAgo)).toBe(false);
    expect((await director.get('/api/visits/summary')).json().overdue).toBe(summary.overdue - 1);
  });

  it("lists the caller's own drafts only", async () => {
    const director = await env.login('director-dinghai');
    const child = await freshChild();
    const draft = await director.post('/api/visits', { childId: child, visitedOn: today(), kind: 'phone', checklist: [], submit: false });
    expect(draft.statusCode).toBe(201);
    const mine = (await director.get('/api/visits/worklist?kind=drafts')).json();
    expect(mine.items.map((i: { draftId: string }) => i.draftId)).toContain(draft.json().id);
    expect((await director.get('/api/visits/summary')).json().drafts).toBe(mine.total);
    const street = await env.login('street-dinghai');
    expect((await street.get('/api/visits/worklist?kind=drafts')).json().items.map((i: { draftId: string }) => i.draftId)).not.toContain(draft.json().id);
    // Another person's draft does not exist for them, not even on the child's page.
    expect((await street.get(`/api/visits/${draft.json().id}`)).statusCode).toBe(404);
    expect((await street.get(`/api/children/${child}/visits`)).json().total).toBe(0);
    expect((await director.get(`/api/children/${child}/visits`)).json().total).toBe(1);
  });
});

describe('recording a visit', () => {
  it('a draft keeps everything and does not move the due date; submitting moves it', async () => {
    const director = await env.login('director-dinghai');
    const child = await freshChild();
    await env.owner.query('select recompute_next_visit($1)', [child]);
    const before = await childDates(child);
    const on = addDays(today(), -1);
    const res = await director.post('/api/visits', {
      childId: child,
      visitedOn: on,
      kind: 'home',
      peopleMet: '母亲',
      findings: '孩子近期情绪低落。',
      checklist: [
        { code: 'living', status: 'ok' },
        { code: 'psychology', status: 'attention', note: '情绪低落，睡眠不好' },
      ],
      submit: false,
    });
    expect(res.statusCode).toBe(201);
    const draft = res.json();
    expect(draft).toMatchObject({ status: 'draft', version: 1, editable: true, deletable: true, visitorName: '张丽华' });
    expect(draft.checklist).toEqual([
      { code: 'living', label: '基本生活', status: 'ok', note: null },
      { code: 'psychology', label: '心理关爱', status: 'attention', note: '情绪低落，睡眠不好' },
    ]);
    expect(await childDates(child)).toEqual(before);

    // Submitting an incomplete record is refused, naming what is missing.
    const incomplete = await director.post(`/api/visits/${draft.id}/submit`, { version: 1 });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().error.fields.map((f: { path: string }) => f.path)).toContain('checklist.safety');

    const answers = [...allOk().filter((a) => a.code !== 'psychology'), { code: 'psychology', status: 'attention', note: '情绪低落，睡眠不好' }];
    const patched = await director.patch(`/api/visits/${draft.id}`, {
      version: 1,
      visitedOn: on,
      kind: 'home',
      peopleMet: '母亲',
      findings: '孩子近期情绪低落。',
      checklist: answers,
      submit: true,
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ status: 'submitted', version: 2, editable: true, deletable: false });
    expect(await childDates(child)).toMatchObject({ last_visit_on: on, next_visit_due: addDays(on, 90) });
    const audit = (await env.owner.query(`select action, summary from audit_log where entity = 'visit' and entity_id = $1 order by id`, [draft.id])).rows;
    expect(audit.map((a) => a.action)).toEqual(['visit.create', 'visit.submit']);
    expect(JSON.stringify(audit)).not.toContain('情绪低落');
  });

  it('refuses a visit dated in the future or before the child was born, writing nothing', async () => {
    const director = await env.login('director-dinghai');
    const child = await freshChild();
    const future = await submitVisit(director, child, addDays(today(), 1));
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields[0]).toMatchObject({ path: 'visitedOn' });
    expect(future.json().error.fields[0].message).toContain('不能晚于今天');
    const birth = (await env.owner.query('select birth_date from children where id = $1', [child])).rows[0].birth_date as string;
    const early = await submitVisit(director, child, addDays(birth, -1));
    expect(early.statusCode).toBe(400);
    expect(early.json().error.fields[0].message).toContain('出生日期');
    expect((await env.owner.query('select count(*)::int as n from visits where child_id = $1', [child])).rows[0].n).toBe(0);
    const unknownCode = await submitVisit(director, child, today(), { checklist: [...allOk(), { code: 'nonsense', status: 'ok' }] });
    expect(unknownCode.statusCode).toBe(400);
    const attentionWithoutNote = await submitVisit(director, child, today(), {
      checklist: [...allOk(SERVICE.slice(1)), { code: 'living', status: 'attention' }],
    });
    expect(attentionWithoutNote.statusCode).toBe(400);
    expect(attentionWithoutNote.json().error.fields[0].message).toContain('请写明');
  });

  it("answers 404 for another street's child: its visits, its form, and recording a visit", async () => {
    const director = await env.login('director-dinghai');
    const street = await env.login('street-dinghai');
    const foreign = (await env.owner.query(`select id from children where street_code = 'pingliang' limit 1`)).rows[0].id as string;
    const otherCommittee = (
      await env.owner.query(
        `select c.id from children c join committees m on m.id = c.committee_id where c.street_code = 'dinghai' and m.code <> 'dinghai-01' limit 1`,
      )
    ).rows[0].id as string;
    for (const [agent, id] of [
      [street, foreign],
      [director, foreign],
      [director, otherCommittee],
    ] as const) {
      expect((await agent.get(`/api/children/${id}/visits`)).statusCode).toBe(404);
      expect((await agent.get(`/api/children/${id}/visit-form`)).statusCode).toBe(404);
      expect((await submitVisit(agent, id, today())).statusCode).toBe(404);
    }
    expect((await env.owner.query('select count(*)::int as n from visits where child_id = any($1::uuid[])', [[foreign, otherCommittee]])).rows[0].n).toBe(0);
    // A visit of a pingliang child is not found from dinghai either.
    const pingliang = await env.login('street-pingliang');
    const theirs = await submitVisit(pingliang, foreign, today());
    expect(theirs.statusCode).toBe(201);
    expect((await street.get(`/api/visits/${theirs.json().id}`)).statusCode).toBe(404);
    expect((await street.patch(`/api/visits/${theirs.json().id}`, { version: 1, visitedOn: today(), kind: 'home', checklist: allOk() })).statusCode).toBe(404);
  });

  it('a draft keeps its problems; submitting turns each into a problem record linked to the visit', async () => {
    const director = await env.login('director-dinghai');
    const child = await freshChild();
    const problems = [
      { description: '监护人长期外出务工，祖母年迈照料吃力', category: 'guardianship', severity: 'high', responsibleUnit: null, dueOn: null },
      { description: '低保待遇尚未落实', category: 'policy', severity: 'medium', responsibleUnit: 'civil-affairs', dueOn: addDays(today(), 20) },
    ];
    const draft = (
      await director.post('/api/visits', { childId: child, visitedOn: today(), kind: 'home', checklist: allOk(), problems, submit: false })
    ).json();
    expect(draft.draftProblems).toHaveLength(2);
    expect(draft.checklist.map((c: { code: string }) => c.code)).not.toContain('__problems');
    expect((await env.owner.query('select count(*)::int as n from problems where child_id = $1', [child])).rows[0].n).toBe(0);
    const stored = (await env.owner.query('select checklist, draft_problems from visits where id = $1', [draft.id])).rows[0];
    expect(stored.draft_problems).toHaveLength(2);
    expect(stored.checklist.some((e: { code: string }) => e.code === '__problems')).toBe(false);

    const badUnit = await director.patch(`/api/visits/${draft.id}`, {
      version: 1,
      visitedOn: today(),
      kind: 'home',
      checklist: allOk(),
      problems: [{ ...problems[0], responsibleUnit: 'no-such-unit' }],
    });
    expect(badUnit.statusCode).toBe(400);
    expect(badUnit.json().error.fields[0].path).toBe('problems.0.responsibleUnit');

    const submitted = await director.post(`/api/visits/${draft.id}/submit`, { version: 1 });
    expect(submitted.statusCode).toBe(200);
    const v = submitted.json();
    expect(v.draftProblems).toEqual([]);
    expect(v.problems).toHaveLength(2);
    const rows = (
      await env.owner.query(
        'select description, category, severity, responsible_unit, due_on, visit_id, status from problems where child_id = $1 order by severity',
        [child],
      )
    ).rows;
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.visit_id === draft.id && r.status === 'open')).toBe(true);
    expect(rows.find((r) => r.category === 'policy')).toMatchObject({ responsible_unit: 'civil-affairs', due_on: addDays(today(), 20) });
    expect(rows.find((r) => r.category === 'guardianship')!.due_on).toBeTruthy();
    const after = (await env.owner.query('select checklist, draft_problems from visits where id = $1', [draft.id])).rows[0];
    expect(after.draft_problems).toEqual([]);
    expect(after.checklist.some((e: { code: string }) => e.code === '__problems')).toBe(false);
    // Submitting twice is refused.
    expect((await director.post(`/api/visits/${draft.id}/submit`, { version: 2 })).statusCode).toBe(409);
  });

  it('refuses a stale version with 409 and loses nothing; exactly one of two simultaneous edits wins', async () => {
    const tab1 = await env.login('director-dinghai');
    const tab2 = await env.login('director-dinghai');
    const child = await freshChild();
    const draft = (await tab1.post('/api/visits', { childId: child, visitedOn: today(), kind: 'home', findings: '第一版', submit: false })).json();
    const body = (findings: string, version: number) => ({ version, visitedOn: today(), kind: 'home', findings, checklist: [] });
    expect((await tab1.patch(`/api/visits/${draft.id}`, body('第二版（标签页一）', 1))).statusCode).toBe(200);
    const stale = await tab2.patch(`/api/visits/${draft.id}`, body('第二版（标签页二）', 1));
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toBe('该记录已被他人修改，请刷新后再改');
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const row = (await env.owner.query('select findings, version from visits where id = $1', [draft.id])).rows[0];
    expect(row).toEqual({ findings: '第二版（标签页一）', version: 2 });

    const [a, b] = await Promise.all([tab1.patch(`/api/visits/${draft.id}`, body('甲', 2)), tab2.patch(`/api/visits/${draft.id}`, body('乙', 2))]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect((a.statusCode === 409 ? a : b).json().error.code).toBe('VERSION_CONFLICT');
    const final = (await env.owner.query('select findings, version from visits where id = $1', [draft.id])).rows[0];
    expect(final.version).toBe(3);
    expect(final.findings).toBe(a.statusCode === 200 ? '甲' : '乙');
    // Deleting: drafts only, by their author.
    const street = await env.login('street-dinghai');
    expect((await street.delete(`/api/visits/${draft.id}`)).statusCode).toBe(404);
    expect((await tab2.delete(`/api/visits/${draft.id}`)).statusCode).toBe(204);
    expect((await env.owner.query('select count(*)::int as n from visits where id = $1', [draft.id])).rows[0].n).toBe(0);
  });

  it('lets the author correct a submitted visit for 7 days, not others, not later; submitted visits cannot be deleted', async () => {
    const director = await env.login('director-dinghai');
    const child = await freshChild();
    const v = (await submitVisit(director, child, addDays(today(), -2))).json();
    const street = await env.login('street-dinghai');
    const edit = (version: number, visitedOn: string) => ({ version, visitedOn, kind: 'home', checklist: allOk(), findings: '更正' });
    expect((await street.patch(`/api/visits/${v.id}`, edit(1, today()))).statusCode).toBe(403);
    expect((await director.delete(`/api/visits/${v.id}`)).statusCode).toBe(409);
    const corrected = await director.patch(`/api/visits/${v.id}`, edit(1, addDays(today(), -1)));
    expect(corrected.statusCode).toBe(200);
    expect(await childDates(child)).toMatchObject({ last_visit_on: addDays(today(), -1) });
    // Submitted eight days ago: too late to change.
    await env.owner.query(`update visits set submitted_at = submitted_at - interval '8 days' where id = $1`, [v.id]);
    const late = await director.patch(`/api/visits/${v.id}`, edit(2, addDays(today(), -1)));
    expect(late.statusCode).toBe(403);
    expect(late.json().error.message).toContain('7 天');
    expect((await director.get(`/api/visits/${v.id}`)).json()).toMatchObject({ editable: false, version: 2 });
  });
});

describe('checklists', () => {
  it('administrators add, rename, reorder and deactivate items; the form follows the current list; old visits keep their snapshot', async () => {
    const director = await env.login('director-dinghai');
    const child = await freshChild();
    const old = (await submitVisit(director, child, addDays(today(), -10))).json();
    expect(old.checklist.map((c: { label: string }) => c.label)).toContain('基本生活');

    const district = await env.login('district');
    expect((await director.post('/api/checklists', { list: 'service', code: 'digital', label: '网络安全' })).statusCode).toBe(403);
    const added = await district.post('/api/checklists', { list: 'service', code: 'digital', label: '网络安全', hint: '上网时长、网络欺凌' });
    expect(added.statusCode).toBe(201);
    expect((await district.post('/api/checklists', { list: 'service', code: 'digital', label: '重复' })).statusCode).toBe(409);
    expect((await district.post('/api/checklists', { list: 'service', code: '__problems', label: '保留代码' })).statusCode).toBe(400);
    const items = (await district.get('/api/checklists?list=service')).json().items as { id: string; code: string }[];
    const living = items.find((i) => i.code === 'living')!;
    const policy = items.find((i) => i.code === 'policy')!;
    expect((await district.patch(`/api/checklists/${living.id}`, { label: '基本生活保障' })).statusCode).toBe(200);
    expect((await district.patch(`/api/checklists/${policy.id}`, { active: false })).statusCode).toBe(200);
    const reordered = await district.post('/api/checklists/reorder', {
      list: 'service',
      ids: [added.json().id, ...items.filter((i) => i.code !== 'policy' && i.code !== 'digital').map((i) => i.id)],
    });
    expect(reordered.statusCode).toBe(200);
    expect(reordered.json().items[0].code).toBe('digital');

    const form = (await director.get(`/api/children/${child}/visit-form`)).json();
    expect(form.checklist.map((c: { code: string }) => c.code)).toEqual(['digital', 'living', 'safety', 'health', 'schooling', 'guardianship', 'psychology']);
    expect(form.checklist[1].label).toBe('基本生活保障');

    // The old visit reads exactly as recorded.
    const again = (await director.get(`/api/visits/${old.id}`)).json();
    expect(again.checklist).toEqual(old.checklist);
    expect(again.checklist.find((c: { code: string }) => c.code === 'policy').label).toBe('政策落实');

    // A new visit must follow the current list: the deactivated item is refused, the new one required.
    const withPolicy = await submitVisit(director, child, today());
    expect(withPolicy.statusCode).toBe(400);
    expect(JSON.stringify(withPolicy.json())).toContain('policy');
    const current = ['digital', ...SERVICE.filter((c) => c !== 'policy')];
    const missingNew = await submitVisit(director, child, today(), { checklist: allOk(current.slice(1)) });
    expect(missingNew.statusCode).toBe(400);
    expect(missingNew.json().error.fields[0].path).toBe('checklist.digital');
    const ok = await submitVisit(director, child, today(), { checklist: allOk(current) });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().checklist.map((c: { label: string }) => c.label)).toEqual([
      '网络安全',
      '基本生活保障',
      '安全保护',
      '医疗康复',
      '教育就学',
      '监护照料',
      '心理关爱',
    ]);

    // Correcting the old visit keeps its own items and labels (including the item deactivated since).
    const fix = await director.patch(`/api/visits/${old.id}`, {
      version: old.version,
      visitedOn: old.visitedOn,
      kind: 'home',
      checklist: allOk(),
      findings: '补充',
    });
    expect(fix.statusCode).toBe(200);
    expect(fix.json().checklist.map((c: { label: string }) => c.label)).toEqual(old.checklist.map((c: { label: string }) => c.label));
    const audit = (await env.owner.query(`select action from audit_log where action like 'checklist.%' order by id`)).rows.map((r) => r.action);
    expect(audit).toEqual(['checklist.create', 'checklist.update', 'checklist.update', 'checklist.reorder']);
  });
});
