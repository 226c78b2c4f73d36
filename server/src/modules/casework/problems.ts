/**
 * Problems found about a child (发现问题和解决方案) and their timeline:
 * open → in_progress → resolved; any unresolved → escalated (to the street office or a district
 * department, who are notified); escalated → in_progress / resolved; resolved → open (reopened).
 */
import { z } from 'zod';
import { IdParam } from '#common/api.js';
import {
  ChildIdParam, Problem, ProblemComment, ProblemCreate, ProblemDetail, ProblemEscalate, ProblemEscalated, ProblemEvent, ProblemList, ProblemQuery,
  ProblemStats, ProblemStatusChange, type ProblemCategory, type ProblemSeverity, type ProblemStatus, PROBLEM_CATEGORY_ZH, SEVERITY_ZH as SEVERITY_WORDS,
} from '#common/casework.js';
import { maskName } from '#common/mask.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { can } from '../../http/access.js';
import { inScope, type Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { notify, recipientsWhoCan, routeToThoseWhoCan } from '../notifications/notify.js';
import { shanghaiDate } from '#common/dates.js';
import { createProblem, defaultDueOn } from './problemCreator.js';
import { activeUnit, errs, iso, notInFuture, STALE, todayOf, visibleChild } from './shared.js';

const tags = ['个案工作 casework'];

// One vocabulary with the visit form and the interface (common/casework.ts).
export const CATEGORY_ZH: Record<ProblemCategory, string> = PROBLEM_CATEGORY_ZH;
export const SEVERITY_ZH: Record<ProblemSeverity, string> = SEVERITY_WORDS;
export const STATUS_ZH: Record<ProblemStatus, string> = { open: '待处理', in_progress: '处理中', escalated: '已上报', resolved: '已解决' };

interface ProblemRow {
  id: string; child_id: string; child_name: string; street_code: string; street_name: string; committee_id: string; committee_name: string;
  description: string; category: ProblemCategory; severity: ProblemSeverity; responsible_unit: string | null; responsible_unit_name: string | null;
  due_on: string | null; status: ProblemStatus; resolution: string | null; resolved_on: string | null; escalated_to: string | null;
  escalated_to_name: string | null; visit_id: string | null; created_at: Date; updated_at: Date; version: number;
}
const SELECT = `select p.id, p.child_id, c.name as child_name, p.street_code, s.name as street_name, p.committee_id, m.name as committee_name,
  p.description, p.category, p.severity, p.responsible_unit, ru.name as responsible_unit_name, p.due_on, p.status, p.resolution, p.resolved_on,
  p.escalated_to, eu.name as escalated_to_name, p.visit_id, p.created_at, p.updated_at, p.version
  from problems p join children c on c.id = p.child_id join streets s on s.code = p.street_code join committees m on m.id = p.committee_id
  left join units ru on ru.code = p.responsible_unit left join units eu on eu.code = p.escalated_to`;

const present = (r: ProblemRow, today: string): Problem => ({
  id: r.id, childId: r.child_id, childName: r.child_name, streetCode: r.street_code, streetName: r.street_name, committeeId: r.committee_id,
  committeeName: r.committee_name, description: r.description, category: r.category, severity: r.severity, responsibleUnit: r.responsible_unit,
  responsibleUnitName: r.responsible_unit_name, dueOn: r.due_on, status: r.status, resolution: r.resolution, resolvedOn: r.resolved_on,
  escalatedTo: r.escalated_to, escalatedToName: r.escalated_to_name, visitId: r.visit_id,
  overdue: r.status !== 'resolved' && r.due_on !== null && r.due_on < today,
  createdAt: iso(r.created_at), updatedAt: iso(r.updated_at), version: r.version,
});

interface EventRow { id: number; at: Date; user_id: string | null; username: string | null; display_name: string | null; kind: ProblemEvent['kind']; from_status: string | null; to_status: string | null; note: string | null }
const presentEvent = (e: EventRow): ProblemEvent => ({
  id: Number(e.id), at: iso(e.at), userId: e.user_id, username: e.username, userDisplayName: e.display_name ?? e.username, kind: e.kind, fromStatus: e.from_status, toStatus: e.to_status, note: e.note,
});

async function loadProblem(tx: Tx, id: string, lock = false): Promise<ProblemRow> {
  const row = (await tx.client.query<ProblemRow>(`${SELECT} where p.id = $1 ${lock ? 'for update of p' : ''}`, [id])).rows[0];
  if (!row) throw errors.notFound('未找到该问题，或不在您的辖区内');
  return row;
}

async function detail(tx: Tx, id: string, today: string): Promise<ProblemDetail> {
  const row = await loadProblem(tx, id);
  const events = (await tx.client.query<EventRow>(
    `select e.id, e.at, e.user_id, e.username, u.display_name, e.kind, e.from_status, e.to_status, e.note
     from problem_events e left join users u on u.id = e.user_id where e.problem_id = $1 order by e.at, e.id`, [id])).rows;
  return { ...present(row, today), events: events.map(presentEvent) };
}

async function addEvent(tx: Tx, p: { id: string; child_id: string }, kind: ProblemEvent['kind'], from: string | null, to: string | null, note: string | null) {
  const a = tx.ctx.actor;
  await tx.client.query(
    `insert into problem_events (problem_id, child_id, user_id, username, kind, from_status, to_status, note) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [p.id, p.child_id, a?.userId ?? null, a?.username ?? null, kind, from, to, note]);
}

function checkVersion(row: { version: number }, version: number): void {
  if (row.version !== version) throw errors.conflict(STALE);
}

/** Which status changes are allowed, and how each is recorded on the timeline. */
const TRANSITIONS: Record<'in_progress' | 'resolved' | 'open', { from: ProblemStatus[]; event: ProblemEvent['kind'] }> = {
  in_progress: { from: ['open', 'escalated'], event: 'status' },
  resolved: { from: ['open', 'in_progress', 'escalated'], event: 'resolved' },
  open: { from: ['resolved'], event: 'reopened' },
};

export function problemRoutes(app: ZApp, deps: AppDeps): void {
  app.get('/api/problems', {
    config: { access: can('children.read') },
    schema: { tags, summary: '辖区内的问题列表（可按状态、逾期、街道、居民区筛选）', querystring: ProblemQuery, response: { 200: ProblemList, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const { page, pageSize, status, overdue, severity, category, street, committee } = req.query;
    const today = todayOf(deps);
    const args: unknown[] = [];
    const where: string[] = [];
    const add = (sql: string, v: unknown) => { args.push(v); where.push(sql.replace('?', `$${args.length}`)); };
    if (status === 'unresolved') where.push(`p.status <> 'resolved'`);
    else if (status) add('p.status = ?', status);
    if (overdue === 'true') add(`p.status <> 'resolved' and p.due_on < ?`, today);
    if (severity) add('p.severity = ?', severity);
    if (category) add('p.category = ?', category);
    if (street) add('p.street_code = ?', street);
    if (committee) add('p.committee_id = ?', committee);
    const w = where.length ? `where ${where.join(' and ')}` : '';
    const total = (await tx.client.query<{ n: number }>(`select count(*)::int as n from problems p ${w}`, args)).rows[0]!.n;
    const { rows } = await tx.client.query<ProblemRow>(
      `${SELECT} ${w} order by (p.status = 'resolved'), p.due_on nulls last, p.created_at desc, p.id limit $${args.length + 1} offset $${args.length + 2}`,
      [...args, pageSize, (page - 1) * pageSize]);
    return { items: rows.map((r) => present(r, today)), total, page, pageSize };
  }));

  app.get('/api/problems/stats', {
    config: { access: can('children.read') },
    schema: { tags, summary: '辖区内问题数（待处理、处理中、已上报、逾期）', response: { 200: ProblemStats, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const r = (await tx.client.query<{ open: number; in_progress: number; escalated: number; overdue: number; unresolved: number }>(
      `select count(*) filter (where status = 'open')::int as open, count(*) filter (where status = 'in_progress')::int as in_progress,
              count(*) filter (where status = 'escalated')::int as escalated, count(*) filter (where status <> 'resolved' and due_on < $1)::int as overdue,
              count(*) filter (where status <> 'resolved')::int as unresolved
       from problems`, [todayOf(deps)])).rows[0]!;
    return { open: r.open, inProgress: r.in_progress, escalated: r.escalated, overdue: r.overdue, unresolved: r.unresolved };
  }));

  app.get('/api/children/:id/problems', {
    config: { access: can('children.read') },
    schema: { tags, summary: '某儿童的问题（未解决在前）', params: ChildIdParam, response: { 200: z.object({ items: z.array(Problem) }), ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    await visibleChild(tx, req.params.id);
    const today = todayOf(deps);
    const { rows } = await tx.client.query<ProblemRow>(
      `${SELECT} where p.child_id = $1 order by (p.status = 'resolved'), p.due_on nulls last, p.created_at desc limit 500`, [req.params.id]);
    return { items: rows.map((r) => present(r, today)) };
  }));

  app.get('/api/problems/:id', {
    config: { access: can('children.read') },
    schema: { tags, summary: '问题详情与处理经过', params: IdParam, response: { 200: ProblemDetail, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, (tx) => detail(tx, req.params.id, todayOf(deps))));

  app.post('/api/problems', {
    config: { access: can('casework.write') },
    schema: { tags, summary: '登记发现的问题（未填期限时：高 7 天、中 14 天、低 30 天）', body: ProblemCreate, response: { 201: ProblemDetail, ...errs } },
  }, async (req, reply) => {
    const b = req.body;
    const today = todayOf(deps);
    if (b.dueOn && b.dueOn < today) throw errors.validation([{ path: 'dueOn', message: `解决期限不能早于今天（${today}）` }]);
    const created = await inScope(deps.db, req.ctx, async (tx) => {
      await visibleChild(tx, b.childId);
      if (b.responsibleUnit) await activeUnit(tx, b.responsibleUnit, 'responsibleUnit');
      const { id } = await createProblem(tx, {
        childId: b.childId, description: b.description, category: b.category, severity: b.severity,
        responsibleUnit: b.responsibleUnit || null, dueOn: b.dueOn ?? null, today,
      });
      return detail(tx, id, today);
    });
    return reply.code(201).send(created);
  });

  app.post('/api/problems/:id/status', {
    config: { access: can('casework.write') },
    schema: { tags, summary: '变更问题状态（开始处理、解决、重新打开）', params: IdParam, body: ProblemStatusChange, response: { 200: ProblemDetail, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const b = req.body;
    const today = todayOf(deps);
    const p = await loadProblem(tx, req.params.id, true);
    checkVersion(p, b.version);
    const rule = TRANSITIONS[b.to];
    if (!rule.from.includes(p.status)) {
      const hint = p.status === 'resolved' ? '已解决的问题只能重新打开' : b.to === 'open' ? '只有已解决的问题才能重新打开' : '请刷新后查看问题的当前状态';
      throw errors.validation([{ path: 'to', message: `问题当前为「${STATUS_ZH[p.status]}」，不能改为「${STATUS_ZH[b.to]}」：${hint}` }], `不能从「${STATUS_ZH[p.status]}」改为「${STATUS_ZH[b.to]}」`);
    }
    let resolution: string | null = null;
    let resolvedOn: string | null = null;
    let dueOn = p.due_on;
    if (b.to === 'resolved') {
      resolution = b.resolution!;
      resolvedOn = b.resolvedOn ?? today;
      notInFuture(resolvedOn, today, 'resolvedOn', '解决日期');
      const created = shanghaiDate(p.created_at.getTime());
      if (resolvedOn < created) throw errors.validation([{ path: 'resolvedOn', message: `解决日期不能早于问题登记日期（${created}）` }]);
    } else if (b.to === 'open' && (!dueOn || dueOn < today)) {
      // A reopened problem gets a fresh deadline, otherwise it would be overdue at once.
      dueOn = defaultDueOn(p.severity, today);
    }
    await tx.client.query(
      `update problems set status = $2, resolution = $3, resolved_on = $4, due_on = $5, updated_at = now(), version = version + 1 where id = $1`,
      [p.id, b.to, resolution, resolvedOn, dueOn]);
    await addEvent(tx, p, rule.event, p.status, b.to, b.to === 'resolved' ? (b.note ? `${resolution}\n${b.note}` : resolution) : (b.note ?? null));
    await tx.audit({ action: 'problem.status', entity: 'problem', entityId: p.id, summary: { childId: p.child_id, status: { from: p.status, to: b.to }, resolvedOn } });
    return detail(tx, p.id, today);
  }));

  app.post('/api/problems/:id/escalate', {
    config: { access: can('casework.write') },
    schema: { tags, summary: '上报问题到街道办事处或区职能部门（通知该单位人员）', params: IdParam, body: ProblemEscalate, response: { 200: ProblemEscalated, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const b = req.body;
    const today = todayOf(deps);
    const p = await loadProblem(tx, req.params.id, true);
    checkVersion(p, b.version);
    if (p.status === 'resolved') throw errors.validation([{ path: 'toUnit', message: '问题已解决，无需上报；如问题再次出现，请先重新打开' }], '已解决的问题不能上报');
    const unit = await activeUnit(tx, b.toUnit, 'toUnit');
    const ownStreetOffice = unit.kind === 'street' && unit.street_code === p.street_code;
    if (!ownStreetOffice && unit.kind !== 'department') {
      throw errors.validation([{ path: 'toUnit', message: '只能上报到该儿童所在街道的办事处或区职能部门' }]);
    }
    if (p.status === 'escalated' && p.escalated_to === unit.code) {
      throw errors.validation([{ path: 'toUnit', message: `问题已上报至${unit.name}，请勿重复上报` }]);
    }
    await tx.client.query(
      `update problems set status = 'escalated', escalated_to = $2, updated_at = now(), version = version + 1 where id = $1`, [p.id, unit.code]);
    await addEvent(tx, p, 'escalated', p.status, 'escalated', `上报至${unit.name}：${b.note}`);

    // Only people who can act on the problem (casework.write over the child) are told; a department
    // none of whose staff can open it yet is reached through 区民政局, and the text says so.
    const area = { childId: p.child_id, streetCode: p.street_code, committeeId: p.committee_id };
    const { users, unreachable } = ownStreetOffice
      ? { users: await recipientsWhoCan(tx, { streetOffices: [p.street_code], permission: 'casework.write', area }), unreachable: [] as string[] }
      : await routeToThoseWhoCan(tx, { units: [unit.code], permission: 'casework.write', area });
    const relay = unreachable.length ? `（${unit.name}暂不能在平台查看儿童档案，已转区民政局协调，请向${unit.name}通报）` : '';
    const masked = maskName(p.child_name) ?? '*';
    // The note is free text addressed to the unit: the child's full name, if typed, is masked there too.
    const note = b.note.split(p.child_name).join(masked);
    const notified = await notify(tx, users, {
      kind: 'problem.escalated',
      title: `问题上报：${p.street_name} ${masked}（${CATEGORY_ZH[p.category]}）`,
      body: `${p.street_name}${p.committee_name} ${masked} 的${CATEGORY_ZH[p.category]}问题（严重程度：${SEVERITY_ZH[p.severity]}${p.due_on ? `，期限 ${p.due_on}` : ''}）已上报至${unit.name}${relay}，请协调处理。上报说明：${note}`,
      entity: 'problem', entityId: p.id, streetCode: p.street_code,
    });
    await tx.audit({ action: 'problem.escalate', entity: 'problem', entityId: p.id, summary: { childId: p.child_id, from: p.status, toUnit: unit.code, notified } });
    return { ...(await detail(tx, p.id, today)), notified };
  }));

  app.post('/api/problems/:id/comments', {
    config: { access: can('casework.write') },
    schema: { tags, summary: '添加跟进记录', params: IdParam, body: ProblemComment, response: { 201: ProblemDetail, ...errs } },
  }, async (req, reply) => {
    const result = await inScope(deps.db, req.ctx, async (tx) => {
      const p = await loadProblem(tx, req.params.id);
      await addEvent(tx, p, 'comment', null, null, req.body.note);
      await tx.audit({ action: 'problem.comment', entity: 'problem', entityId: p.id, summary: { childId: p.child_id } });
      return detail(tx, p.id, todayOf(deps));
    });
    return reply.code(201).send(result);
  });
}
