/**
 * Work logs (工作日志): each worker writes their own; a street supervisor reads the logs of the
 * workers of their street (RLS on work_logs: own rows, or the street / committee in scope).
 */
import { z } from 'zod';
import { IdParam } from '#common/api.js';
import { WorkLog, WorkLogCreate, WorkLogList, WorkLogQuery, WorkLogUpdate } from '#common/casework.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { can } from '../../http/access.js';
import { inScope, type Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { errs, iso, notInFuture, todayOf } from './shared.js';

const tags = ['个案工作 casework'];

interface Row {
  id: string; user_id: string; user_name: string; worked_on: string; hours: string; content: string;
  children: { id: string; name: string }[]; created_at: Date; updated_at: Date;
}
const SELECT = `select w.id, w.user_id, coalesce(u.display_name, '') as user_name, w.worked_on, w.hours::text as hours, w.content,
  coalesce((select json_agg(json_build_object('id', c.id, 'name', c.name) order by c.name)
            from work_log_children wc join children c on c.id = wc.child_id where wc.work_log_id = w.id), '[]'::json) as children,
  w.created_at, w.updated_at
  from work_logs w left join users u on u.id = w.user_id`;

/** Oldest date a log may carry: a year back (older work belongs in the paper archive). */
const OLDEST_DAYS = 366;

export function workLogRoutes(app: ZApp, deps: AppDeps): void {
  const present = (r: Row, me: string): WorkLog => ({
    id: r.id, userId: r.user_id, userName: r.user_name, mine: r.user_id === me, workedOn: r.worked_on, hours: Number(r.hours), content: r.content,
    children: r.children, createdAt: iso(r.created_at), updatedAt: iso(r.updated_at),
  });

  const checkDate = (workedOn: string) => {
    const today = todayOf(deps);
    notInFuture(workedOn, today, 'workedOn', '工作日期');
    const oldest = new Date(deps.clock() - OLDEST_DAYS * 86_400_000).toISOString().slice(0, 10);
    if (workedOn < oldest) throw errors.validation([{ path: 'workedOn', message: '工作日期不能早于一年前，请核对日期' }]);
  };

  /** Every child must be visible to the caller; otherwise nothing is written. */
  const checkChildren = async (tx: Tx, ids: string[]) => {
    const unique = [...new Set(ids)];
    if (!unique.length) return unique;
    const n = (await tx.client.query<{ n: number }>('select count(*)::int as n from children where id = any($1::uuid[])', [unique])).rows[0]!.n;
    if (n !== unique.length) throw errors.notFound('所选儿童中有不存在或不在您辖区内的，请重新选择');
    return unique;
  };

  const load = async (tx: Tx, id: string): Promise<Row> => {
    const row = (await tx.client.query<Row>(`${SELECT} where w.id = $1`, [id])).rows[0];
    if (!row) throw errors.notFound('未找到该工作日志');
    return row;
  };

  /** The log, if it is the caller's own (others' logs can be read by a supervisor, never changed). */
  const loadOwn = async (tx: Tx, id: string): Promise<Row> => {
    const row = await load(tx, id);
    if (row.user_id !== tx.ctx.actor!.userId) throw errors.forbidden('只能修改或删除本人的工作日志');
    return row;
  };

  app.get('/api/work-logs', {
    config: { access: can('children.read') },
    schema: { tags, summary: '工作日志（本人的；街道督导员可看本街道工作人员的）', querystring: WorkLogQuery, response: { 200: WorkLogList, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const { page, pageSize, mine, from, to } = req.query;
    const me = req.ctx.actor!.userId;
    const args: unknown[] = [];
    const where: string[] = [];
    const add = (sql: string, v: unknown) => { args.push(v); where.push(sql.replace('?', `$${args.length}`)); };
    if (mine !== 'false') add('w.user_id = ?', me);
    if (from) add('w.worked_on >= ?', from);
    if (to) add('w.worked_on <= ?', to);
    const w = where.length ? `where ${where.join(' and ')}` : '';
    const sums = (await tx.client.query<{ n: number; hours: string | null }>(`select count(*)::int as n, sum(hours)::text as hours from work_logs w ${w}`, args)).rows[0]!;
    const { rows } = await tx.client.query<Row>(
      `${SELECT} ${w} order by w.worked_on desc, w.created_at desc limit $${args.length + 1} offset $${args.length + 2}`,
      [...args, pageSize, (page - 1) * pageSize]);
    return { items: rows.map((r) => present(r, me)), total: sums.n, totalHours: Number(sums.hours ?? 0), page, pageSize };
  }));

  app.post('/api/work-logs', {
    config: { access: can('casework.write') },
    schema: { tags, summary: '写工作日志', body: WorkLogCreate, response: { 201: WorkLog, ...errs } },
  }, async (req, reply) => {
    const b = req.body;
    checkDate(b.workedOn);
    const actor = req.ctx.actor!;
    const created = await inScope(deps.db, req.ctx, async (tx) => {
      const childIds = await checkChildren(tx, b.childIds);
      // The worker's area: the street of their unit (null for district staff), their committee if they have exactly one.
      const street = (await tx.client.query<{ street_code: string | null }>('select street_code from units where code = $1', [actor.unitCode])).rows[0]?.street_code ?? null;
      const committee = actor.scope.kind === 'committee' && actor.scope.committees.length === 1 ? actor.scope.committees[0]! : null;
      const { rows } = await tx.client.query<{ id: string }>(
        `insert into work_logs (user_id, street_code, committee_id, worked_on, hours, content) values ($1, $2, $3, $4, $5, $6) returning id`,
        [actor.userId, street, committee, b.workedOn, b.hours, b.content]);
      const id = rows[0]!.id;
      if (childIds.length) {
        await tx.client.query('insert into work_log_children (work_log_id, child_id) select $1, unnest($2::uuid[])', [id, childIds]);
      }
      await tx.audit({ action: 'worklog.create', entity: 'work_log', entityId: id, summary: { workedOn: b.workedOn, hours: b.hours, children: childIds.length } });
      return present(await load(tx, id), actor.userId);
    });
    return reply.code(201).send(created);
  });

  app.patch('/api/work-logs/:id', {
    config: { access: can('casework.write') },
    schema: { tags, summary: '修改本人的工作日志', params: IdParam, body: WorkLogUpdate, response: { 200: WorkLog, ...errs } },
  }, async (req) => {
    const b = req.body;
    if (b.workedOn) checkDate(b.workedOn);
    return inScope(deps.db, req.ctx, async (tx) => {
      const old = await loadOwn(tx, req.params.id);
      await tx.client.query(
        `update work_logs set worked_on = coalesce($2, worked_on), hours = coalesce($3, hours), content = coalesce($4, content), updated_at = now() where id = $1`,
        [old.id, b.workedOn ?? null, b.hours ?? null, b.content ?? null]);
      let children: { from: number; to: number } | undefined;
      if (b.childIds) {
        const ids = await checkChildren(tx, b.childIds);
        await tx.client.query('delete from work_log_children where work_log_id = $1', [old.id]);
        if (ids.length) await tx.client.query('insert into work_log_children (work_log_id, child_id) select $1, unnest($2::uuid[])', [old.id, ids]);
        children = { from: old.children.length, to: ids.length };
      }
      const summary: Record<string, unknown> = {};
      if (b.workedOn && b.workedOn !== old.worked_on) summary.workedOn = { from: old.worked_on, to: b.workedOn };
      if (b.hours !== undefined && b.hours !== Number(old.hours)) summary.hours = { from: Number(old.hours), to: b.hours };
      if (b.content !== undefined && b.content !== old.content) summary.content = 'changed';
      if (children) summary.children = children;
      await tx.audit({ action: 'worklog.update', entity: 'work_log', entityId: old.id, summary });
      return present(await load(tx, old.id), req.ctx.actor!.userId);
    });
  });

  app.delete('/api/work-logs/:id', {
    config: { access: can('casework.write') },
    schema: { tags, summary: '删除本人的工作日志', params: IdParam, response: { 204: z.null(), ...errs } },
  }, async (req, reply) => {
    await inScope(deps.db, req.ctx, async (tx) => {
      const old = await loadOwn(tx, req.params.id);
      await tx.client.query('delete from work_logs where id = $1 and user_id = $2', [old.id, req.ctx.actor!.userId]);
      await tx.audit({ action: 'worklog.delete', entity: 'work_log', entityId: old.id, summary: { workedOn: old.worked_on, hours: Number(old.hours) } });
    });
    return reply.code(204).send(null);
  });
}
