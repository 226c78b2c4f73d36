/**
 * Merging two residential committees of one street (a real administrative change in Shanghai):
 * the children's files and the child directors' assignments move to the remaining committee, the
 * merged one stays as an inactive record pointing to it, so history still resolves.
 */
import type { AppDeps } from '../../core/deps.js';
import { inScope, type RequestCtx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { CHILD_DATA_TABLES } from '../children/childDataTables.js';

interface Row { id: string; code: string; name: string; street_code: string; active: boolean; merged_into: string | null }

export async function mergeCommittees(deps: AppDeps, ctx: RequestCtx, fromId: string, intoId: string) {
  if (fromId === intoId) throw errors.validation([{ path: 'intoId', message: '不能并入自身' }]);
  if (!ctx.actor) throw errors.unauthenticated();
  // Moving every child of the committee is a district-wide administrative act: it runs with the
  // whole district in scope (the route is limited to area administrators, and the act is audited).
  const allStreets = (await deps.db.app.query<{ code: string }>('select code from streets')).rows.map((r) => r.code);
  const elevated: RequestCtx = { ...ctx, actor: { ...ctx.actor, scope: { ...ctx.actor.scope, streets: allStreets } } };
  return inScope(deps.db, elevated, async (tx) => {
    const c = tx.client;
    const rows = (await c.query<Row>('select id, code, name, street_code, active, merged_into from committees where id = any($1) for update', [[fromId, intoId]])).rows;
    const from = rows.find((r) => r.id === fromId);
    const into = rows.find((r) => r.id === intoId);
    if (!from) throw errors.notFound('未找到要合并的居民区');
    if (!into) throw errors.validation([{ path: 'intoId', message: '目标居民区不存在' }]);
    if (!from.active) throw errors.conflict('该居民区已合并或停用');
    if (!into.active) throw errors.validation([{ path: 'intoId', message: '目标居民区已停用' }]);
    if (from.street_code !== into.street_code) throw errors.validation([{ path: 'intoId', message: '只能并入同一街道的居民区' }]);

    const moved = await c.query('update children set committee_id = $2, updated_at = now() where committee_id = $1', [from.id, into.id]);
    for (const t of CHILD_DATA_TABLES) await c.query(`update ${t} set committee_id = $2 where committee_id = $1`, [from.id, into.id]);
    const directors = await c.query(
      `insert into user_committees (user_id, committee_id) select user_id, $2 from user_committees where committee_id = $1
       on conflict do nothing`, [from.id, into.id]);
    await c.query('delete from user_committees where committee_id = $1', [from.id]);
    const updated = (await c.query<Row>(
      `update committees set active = false, merged_into = $2, updated_at = now() where id = $1
       returning id, code, name, street_code, active, merged_into`, [from.id, into.id])).rows[0]!;
    await tx.audit({
      action: 'org.committee.merge', entity: 'committee', entityId: from.id,
      summary: { from: from.name, into: into.name, intoId: into.id, movedChildren: moved.rowCount ?? 0, movedDirectors: directors.rowCount ?? 0 },
    });
    return { from: updated, into, movedChildren: moved.rowCount ?? 0, movedDirectors: directors.rowCount ?? 0 };
  });
}
