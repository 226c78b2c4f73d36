/** Assistance records (关爱帮扶记录): help actually given to a child, by whom, worth how much. */
import { z } from 'zod';
import { IdParam } from '#common/api.js';
import { Assistance, AssistanceCreate, AssistanceList, ChildIdParam } from '#common/casework.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { can } from '../../http/access.js';
import { inScope, type Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { shanghaiDate } from '#common/dates.js';
import { activeUnit, errs, iso, notInFuture, todayOf, visibleChild } from './shared.js';

const tags = ['个案工作 casework'];

interface Row {
  id: string; child_id: string; kind: Assistance['kind']; provider_unit: string | null; provider_unit_name: string | null; provider_name: string;
  value_fen: number | null; description: string; given_on: string; problem_id: string | null; problem_description: string | null;
  created_by: string | null; created_by_name: string | null; created_at: Date;
}
const SELECT = `select a.id, a.child_id, a.kind, a.provider_unit, un.name as provider_unit_name, a.provider_name, a.value_fen, a.description,
  a.given_on, a.problem_id, p.description as problem_description, a.created_by, u.display_name as created_by_name, a.created_at
  from assistance a left join units un on un.code = a.provider_unit left join problems p on p.id = a.problem_id left join users u on u.id = a.created_by`;

export function assistanceRoutes(app: ZApp, deps: AppDeps): void {
  const present = (r: Row, me: string, today: string): Assistance => ({
    id: r.id, childId: r.child_id, kind: r.kind, providerUnit: r.provider_unit, providerUnitName: r.provider_unit_name, providerName: r.provider_name,
    valueFen: r.value_fen === null ? null : Number(r.value_fen), description: r.description, givenOn: r.given_on, problemId: r.problem_id,
    problemDescription: r.problem_description, createdBy: r.created_by, createdByName: r.created_by_name, createdAt: iso(r.created_at),
    deletable: r.created_by === me && shanghaiDate(r.created_at.getTime()) === today,
  });
  const load = async (tx: Tx, id: string) => {
    const row = (await tx.client.query<Row>(`${SELECT} where a.id = $1`, [id])).rows[0];
    if (!row) throw errors.notFound('未找到该帮扶记录，或不在您的辖区内');
    return row;
  };

  app.get('/api/children/:id/assistance', {
    config: { access: can('children.read') },
    schema: { tags, summary: '某儿童的帮扶记录', params: ChildIdParam, response: { 200: AssistanceList, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    await visibleChild(tx, req.params.id);
    const today = todayOf(deps);
    const { rows } = await tx.client.query<Row>(`${SELECT} where a.child_id = $1 order by a.given_on desc, a.created_at desc limit 500`, [req.params.id]);
    const total = (await tx.client.query<{ n: number | null }>('select sum(value_fen)::bigint as n from assistance where child_id = $1', [req.params.id])).rows[0]!.n;
    return { items: rows.map((r) => present(r, req.ctx.actor!.userId, today)), totalValueFen: Number(total ?? 0) };
  }));

  app.post('/api/assistance', {
    config: { access: can('casework.write') },
    schema: { tags, summary: '登记帮扶记录', body: AssistanceCreate, response: { 201: Assistance, ...errs } },
  }, async (req, reply) => {
    const b = req.body;
    const today = todayOf(deps);
    notInFuture(b.givenOn, today, 'givenOn', '帮扶日期');
    const created = await inScope(deps.db, req.ctx, async (tx) => {
      const child = await visibleChild(tx, b.childId);
      if (b.providerUnit) await activeUnit(tx, b.providerUnit, 'providerUnit');
      if (b.problemId) {
        const p = (await tx.client.query<{ child_id: string }>('select child_id from problems where id = $1', [b.problemId])).rows[0];
        if (!p || p.child_id !== child.id) throw errors.validation([{ path: 'problemId', message: '关联的问题不属于该儿童，请重新选择' }]);
      }
      const { rows } = await tx.client.query<{ id: string }>(
        `insert into assistance (child_id, kind, provider_unit, provider_name, value_fen, description, given_on, problem_id, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
        [child.id, b.kind, b.providerUnit || null, b.providerName, b.valueFen ?? null, b.description, b.givenOn, b.problemId ?? null, req.ctx.actor!.userId]);
      const id = rows[0]!.id;
      await tx.audit({ action: 'assistance.create', entity: 'assistance', entityId: id, summary: { childId: child.id, kind: b.kind, valueFen: b.valueFen ?? null, givenOn: b.givenOn } });
      return present(await load(tx, id), req.ctx.actor!.userId, today);
    });
    return reply.code(201).send(created);
  });

  app.delete('/api/assistance/:id', {
    config: { access: can('casework.write') },
    schema: { tags, summary: '删除帮扶记录（仅录入人当天可删）', params: IdParam, response: { 204: z.null(), ...errs } },
  }, async (req, reply) => {
    await inScope(deps.db, req.ctx, async (tx) => {
      const row = await load(tx, req.params.id);
      if (!present(row, req.ctx.actor!.userId, todayOf(deps)).deletable) {
        throw errors.forbidden('只能删除本人当天录入的帮扶记录；如需更正，请联系街道督导员');
      }
      await tx.client.query('delete from assistance where id = $1', [row.id]);
      await tx.audit({
        action: 'assistance.delete', entity: 'assistance', entityId: row.id,
        summary: { childId: row.child_id, kind: row.kind, valueFen: row.value_fen, givenOn: row.given_on },
      });
    });
    return reply.code(204).send(null);
  });
}
