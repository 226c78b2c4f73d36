/**
 * Home visits (走访): visit records with drafts, a child's visit history, the visit form's context,
 * the work lists (due this week, overdue, my drafts) and the home-page counts; plus the visit plan
 * rules and checklists (rules.ts). Reading needs `children.read`, recording `visits.write`.
 * Every query runs under the caller's scope: a child or visit outside it is "not found".
 */
import { z } from 'zod';
import { ErrorBody, IdParam } from '#common/api.js';
import {
  ChecklistItem, ChildVisitsQuery, Visit, VISIT_EDIT_DAYS, VisitCreate, VisitForm, VisitPage, VisitSubmit, VisitSummary, VisitUpdate, Worklist,
  WorklistQuery, type WorklistItem,
} from '#common/visits.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { can } from '../../http/access.js';
import { inScope } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { shanghaiDate } from '#common/dates.js';
import { rulesRoutes } from './rules.js';
import {
  CONFLICT_MESSAGE, editableBy, loadChild, loadVisit, presentVisits, saveVisit, storedContent, VISIBLE_TO_CALLER, VISIT_SELECT, type VisitContent,
  type VisitRow,
} from './visitRecords.js';

const tags = ['走访 visits'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

type Body = z.infer<typeof VisitCreate> | z.infer<typeof VisitUpdate>;
const contentOf = (b: Body): VisitContent => ({
  visitedOn: b.visitedOn,
  kind: b.kind,
  peopleMet: b.peopleMet || null,
  checklist: b.checklist.map((a) => ({ code: a.code, status: a.status, note: a.note || null })),
  findings: b.findings || null,
  problems: b.problems.map((p) => ({ description: p.description, category: p.category, severity: p.severity, responsibleUnit: p.responsibleUnit || null, dueOn: p.dueOn || null })),
});

interface WorkRow {
  child_id: string; child_name: string; street_name: string; committee_name: string; risk_level: WorklistItem['riskLevel'];
  next_visit_due: string | null; last_visit_on: string | null; days_overdue: number | null;
  draft_id: string | null; draft_visited_on: string | null; draft_updated_at: Date | null; draft_kind: WorklistItem['draftKind'];
}
const presentWork = (r: WorkRow): WorklistItem => ({
  childId: r.child_id, childName: r.child_name, streetName: r.street_name, committeeName: r.committee_name, riskLevel: r.risk_level,
  nextVisitDue: r.next_visit_due, lastVisitOn: r.last_visit_on, daysOverdue: r.days_overdue, draftId: r.draft_id,
  draftVisitedOn: r.draft_visited_on, draftUpdatedAt: r.draft_updated_at?.toISOString() ?? null, draftKind: r.draft_kind,
});

export function visitRoutes(app: ZApp, deps: AppDeps): void {
  rulesRoutes(app, deps);

  app.get('/api/children/:id/visits', {
    config: { access: can('children.read') },
    schema: { tags, summary: '儿童的走访记录（新的在前；他人的草稿不显示）', params: IdParam, querystring: ChildVisitsQuery, response: { 200: VisitPage, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    await loadChild(tx, req.params.id);
    const { page, pageSize } = req.query;
    const where = `where v.child_id = $1 and ${VISIBLE_TO_CALLER}`;
    const total = (await tx.client.query<{ n: number }>(`select count(*)::int as n from visits v ${where}`, [req.params.id])).rows[0]!.n;
    const { rows } = await tx.client.query<VisitRow>(
      `${VISIT_SELECT} ${where} order by v.visited_on desc, v.created_at desc limit $2 offset $3`, [req.params.id, pageSize, (page - 1) * pageSize]);
    return { items: await presentVisits(tx, rows, deps.clock()), total, page, pageSize };
  }));

  app.get('/api/children/:id/visit-form', {
    config: { access: can('visits.write') },
    schema: { tags, summary: '记录走访所需：儿童概况、当前服务内容清单、本人未提交的草稿', params: IdParam, response: { 200: VisitForm, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const child = (await tx.client.query<{
      id: string; name: string; birth_date: string; street_name: string; committee_name: string; risk_level: 'high' | 'medium' | 'low';
      status: string; last_visit_on: string | null; next_visit_due: string | null;
    }>(`select c.id, c.name, c.birth_date, s.name as street_name, m.name as committee_name, c.risk_level, c.status, c.last_visit_on, c.next_visit_due
        from children c join streets s on s.code = c.street_code join committees m on m.id = c.committee_id where c.id = $1`, [req.params.id])).rows[0];
    if (!child) throw errors.notFound('未找到该儿童档案，或不在您的辖区内');
    const checklist = (await tx.client.query<z.infer<typeof ChecklistItem>>(
      `select id, list, code, label, hint, sort, active from checklist_items where list = 'service' and active order by sort, code`)).rows;
    const draft = (await tx.client.query<{ id: string; visited_on: string; updated_at: Date }>(
      `select id, visited_on, updated_at from visits where child_id = $1 and status = 'draft' and visitor_id = app_user_id() order by updated_at desc limit 1`,
      [child.id])).rows[0];
    return {
      child: {
        id: child.id, name: child.name, birthDate: child.birth_date, streetName: child.street_name, committeeName: child.committee_name,
        riskLevel: child.risk_level, status: child.status, lastVisitOn: child.last_visit_on, nextVisitDue: child.next_visit_due,
      },
      checklist,
      draft: draft ? { id: draft.id, visitedOn: draft.visited_on, updatedAt: draft.updated_at.toISOString() } : null,
      today: shanghaiDate(deps.clock()),
    };
  }));

  app.get('/api/visits/summary', {
    config: { access: can('children.read') },
    schema: { tags, summary: '工作台计数：本周应访、已逾期、我的草稿（本人工作范围内）', response: { 200: VisitSummary, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const today = shanghaiDate(deps.clock());
    const r = (await tx.client.query<{ due: number; overdue: number; drafts: number }>(
      `select count(*) filter (where c.next_visit_due >= $1::date)::int as due,
              count(*) filter (where c.next_visit_due < $1::date)::int as overdue,
              (select count(*)::int from visits v where v.status = 'draft' and v.visitor_id = app_user_id()) as drafts
       from children c where c.status = 'active' and c.next_visit_due < $1::date + 7`, [today])).rows[0]!;
    return { dueThisWeek: r.due, overdue: r.overdue, drafts: r.drafts };
  }));

  app.get('/api/visits/worklist', {
    config: { access: can('children.read') },
    schema: {
      tags,
      summary: '走访工作清单：本周应访 / 已逾期（按逾期天数）/ 我的草稿；范围：本人负责、居民区、街道',
      querystring: WorklistQuery,
      response: { 200: Worklist, ...errs },
    },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const { page, pageSize, scope, kind, committeeId, streetCode } = req.query;
    const today = shanghaiDate(deps.clock());
    const args: unknown[] = [today];
    const offset = (page - 1) * pageSize;
    if (kind === 'drafts') {
      const from = `from visits v join children c on c.id = v.child_id join streets s on s.code = c.street_code join committees m on m.id = c.committee_id
                    where v.status = 'draft' and v.visitor_id = app_user_id()`;
      const total = (await tx.client.query<{ n: number }>(`select count(*)::int as n ${from}`)).rows[0]!.n;
      const { rows } = await tx.client.query<WorkRow>(
        `select c.id as child_id, c.name as child_name, s.name as street_name, m.name as committee_name, c.risk_level, c.next_visit_due, c.last_visit_on,
                case when c.status = 'active' then $1::date - c.next_visit_due end as days_overdue,
                v.id as draft_id, v.visited_on as draft_visited_on, v.updated_at as draft_updated_at, v.kind as draft_kind
         ${from} order by v.updated_at desc, v.id limit $2 offset $3`, [today, pageSize, offset]);
      return { items: rows.map(presentWork), total, page, pageSize, today };
    }
    const where = [`c.status = 'active'`];
    where.push(kind === 'overdue' ? 'c.next_visit_due < $1::date' : 'c.next_visit_due >= $1::date and c.next_visit_due < $1::date + 7');
    if (scope === 'mine') {
      // Children the caller carries: their committees, children assigned to them, and children whose
      // visits they have recorded.
      args.push(req.ctx.actor!.scope.committees);
      where.push(`(c.committee_id = any($${args.length}::uuid[])
        or exists (select 1 from child_assignments ca where ca.child_id = c.id and ca.user_id = app_user_id())
        or exists (select 1 from visits mv where mv.child_id = c.id and mv.visitor_id = app_user_id() and mv.status = 'submitted'))`);
    } else if (scope === 'committee' && committeeId) {
      args.push(committeeId);
      where.push(`c.committee_id = $${args.length}`);
    } else if (scope === 'street' && streetCode) {
      args.push(streetCode);
      where.push(`c.street_code = $${args.length}`);
    }
    const w = `where ${where.join(' and ')}`;
    const total = (await tx.client.query<{ n: number }>(`select count(*)::int as n from children c ${w}`, args)).rows[0]!.n;
    const n = args.length;
    const { rows } = await tx.client.query<WorkRow>(
      `select c.id as child_id, c.name as child_name, s.name as street_name, m.name as committee_name, c.risk_level, c.next_visit_due, c.last_visit_on,
              ($1::date - c.next_visit_due) as days_overdue,
              d.id as draft_id, d.visited_on as draft_visited_on, d.updated_at as draft_updated_at, d.kind as draft_kind
       from children c join streets s on s.code = c.street_code join committees m on m.id = c.committee_id
       left join lateral (select id, visited_on, updated_at, kind from visits dv
                          where dv.child_id = c.id and dv.status = 'draft' and dv.visitor_id = app_user_id() order by dv.updated_at desc limit 1) d on true
       ${w}
       order by c.next_visit_due, array_position(array['high','medium','low'], c.risk_level), c.name, c.id
       limit $${n + 1} offset $${n + 2}`, [...args, pageSize, offset]);
    return { items: rows.map(presentWork), total, page, pageSize, today };
  }));

  app.get('/api/visits/:id', {
    config: { access: can('children.read') },
    schema: { tags, summary: '一次走访记录', params: IdParam, response: { 200: Visit, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => (await presentVisits(tx, [await loadVisit(tx, req.params.id)], deps.clock()))[0]!));

  app.post('/api/visits', {
    config: { access: can('visits.write') },
    schema: { tags, summary: '记录走访：保存草稿，或直接提交（发现的问题生成问题记录，下次应访日期随之更新）', body: VisitCreate, response: { 201: Visit, ...errs } },
  }, async (req, reply) => {
    const visit = await inScope(deps.db, req.ctx, async (tx) => {
      const child = await loadChild(tx, req.body.childId);
      if (child.status !== 'active') throw errors.validation([{ path: 'childId', message: '该儿童档案已结案，不能再记录走访；如需继续服务，请先恢复档案' }]);
      const saved = await saveVisit(tx, deps, { existing: null, child, content: contentOf(req.body), submit: req.body.submit });
      await tx.audit({
        action: saved.submitted ? 'visit.submit' : 'visit.create', entity: 'visit', entityId: saved.id,
        summary: { childId: child.id, status: saved.submitted ? 'submitted' : 'draft', kind: req.body.kind, problemIds: saved.problemIds },
      });
      return (await presentVisits(tx, [await loadVisit(tx, saved.id)], deps.clock()))[0]!;
    });
    return reply.code(201).send(visit);
  });

  app.patch('/api/visits/:id', {
    config: { access: can('visits.write') },
    schema: {
      tags,
      summary: '修改走访：本人的草稿，或本人提交后 7 天内的记录（须带 version；他人已修改则 409）。submit=true 时一并提交草稿',
      params: IdParam, body: VisitUpdate, response: { 200: Visit, ...errs },
    },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const old = await loadVisit(tx, req.params.id, true);
    const userId = req.ctx.actor!.userId;
    if (old.visitor_id !== userId) throw errors.forbidden('只能修改本人记录的走访；如发现记录有误，请联系记录人更正');
    if (old.version !== req.body.version) throw errors.conflict(CONFLICT_MESSAGE);
    if (!editableBy(old, userId, deps.clock())) throw errors.forbidden(`走访记录提交超过 ${VISIT_EDIT_DAYS} 天后不能再修改；如需补充，请新增一次走访记录`);
    const child = await loadChild(tx, old.child_id);
    const saved = await saveVisit(tx, deps, { existing: old, child, content: contentOf(req.body), submit: req.body.submit });
    const submittedNow = saved.submitted && old.status === 'draft';
    await tx.audit({
      action: submittedNow ? 'visit.submit' : 'visit.update', entity: 'visit', entityId: old.id,
      summary: { childId: old.child_id, status: saved.submitted ? 'submitted' : 'draft', version: old.version + 1, problemIds: saved.problemIds },
    });
    return (await presentVisits(tx, [await loadVisit(tx, old.id)], deps.clock()))[0]!;
  }));

  app.post('/api/visits/:id/submit', {
    config: { access: can('visits.write') },
    schema: { tags, summary: '提交草稿（发现的问题生成问题记录，下次应访日期随之更新）', params: IdParam, body: VisitSubmit, response: { 200: Visit, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const old = await loadVisit(tx, req.params.id, true);
    if (old.visitor_id !== req.ctx.actor!.userId) throw errors.forbidden('只能提交本人的走访草稿');
    if (old.version !== req.body.version) throw errors.conflict(CONFLICT_MESSAGE);
    if (old.status !== 'draft') throw errors.conflict('该走访记录已提交，无需再次提交');
    const child = await loadChild(tx, old.child_id);
    const saved = await saveVisit(tx, deps, { existing: old, child, content: storedContent(old), submit: true });
    await tx.audit({ action: 'visit.submit', entity: 'visit', entityId: old.id, summary: { childId: old.child_id, status: 'submitted', problemIds: saved.problemIds } });
    return (await presentVisits(tx, [await loadVisit(tx, old.id)], deps.clock()))[0]!;
  }));

  app.delete('/api/visits/:id', {
    config: { access: can('visits.write') },
    schema: { tags, summary: '删除本人的走访草稿（已提交的记录不能删除）', params: IdParam, response: { 204: z.null(), ...errs } },
  }, async (req, reply) => {
    await inScope(deps.db, req.ctx, async (tx) => {
      const old = await loadVisit(tx, req.params.id, true);
      if (old.visitor_id !== req.ctx.actor!.userId) throw errors.forbidden('只能删除本人的走访草稿');
      if (old.status !== 'draft') throw errors.conflict('已提交的走访记录不能删除；如有错误，请在 7 天内修改');
      await tx.client.query('delete from visits where id = $1', [old.id]);
      await tx.client.query('select recompute_next_visit($1)', [old.child_id]);
      await tx.audit({ action: 'visit.delete', entity: 'visit', entityId: old.id, summary: { childId: old.child_id, status: 'draft' } });
    });
    return reply.code(204).send(null);
  });
}
