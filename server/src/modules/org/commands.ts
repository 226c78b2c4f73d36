/** Org changes: committees (add, rename, merge) and units (add, edit); each audited here. */
import type { z } from 'zod';
import type { Committee, CommitteeCreate, Unit, UnitCreate, UnitUpdate } from '#common/api.js';
import type { Database } from '../../db/database.js';
import { inScope, type SignedInCtx, type Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { diff } from '../audit/presenters.js';
import { presentCommittee, presentUnit } from './presenters.js';
import * as repo from './repo.js';

const sameName = () => errors.conflict('本街道已有同名居民区', [{ path: 'name', message: '本街道已有同名居民区' }]);

export async function createCommittee(tx: Tx, b: z.infer<typeof CommitteeCreate>): Promise<Committee> {
  if (!(await repo.streetExists(tx, b.streetCode))) throw errors.validation([{ path: 'streetCode', message: '街道不存在' }]);
  if (await repo.committeeNameTaken(tx, b.streetCode, b.name)) throw sameName();
  const code = await repo.nextCommitteeCode(tx, b.streetCode);
  const row = await repo.insertCommittee(tx, code, b.streetCode, b.name);
  await tx.audit({ action: 'org.committee.create', entity: 'committee', entityId: row.id, summary: { streetCode: b.streetCode, name: b.name } });
  return presentCommittee(row);
}

export async function renameCommittee(tx: Tx, id: string, name: string): Promise<Committee> {
  const old = await repo.lockCommittee(tx, id);
  if (!old) throw errors.notFound('未找到该居民区');
  if (await repo.committeeNameTaken(tx, old.street_code, name, old.id)) throw sameName();
  const row = await repo.renameCommittee(tx, old.id, name);
  await tx.audit({ action: 'org.committee.rename', entity: 'committee', entityId: old.id, summary: { name: { from: old.name, to: name } } });
  return presentCommittee(row);
}

/**
 * Merging two residential committees of one street (a real administrative change in Shanghai):
 * the children's files and the child directors' assignments move to the remaining committee, the
 * merged one stays as an inactive record pointing to it, so history still resolves.
 */
export async function mergeCommittees(db: Database, ctx: SignedInCtx, fromId: string, intoId: string) {
  if (fromId === intoId) throw errors.validation([{ path: 'intoId', message: '不能并入自身' }]);
  // Moving every child of the committee is a district-wide administrative act: it runs with the
  // whole district in scope (the route is limited to area administrators, and the act is audited).
  const allStreets = await repo.allStreetCodes(db.app);
  const elevated: SignedInCtx = { ...ctx, actor: { ...ctx.actor, scope: { ...ctx.actor.scope, streets: allStreets } } };
  return inScope(db, elevated, async (tx) => {
    const rows = await repo.lockCommittees(tx, [fromId, intoId]);
    const from = rows.find((r) => r.id === fromId);
    const into = rows.find((r) => r.id === intoId);
    if (!from) throw errors.notFound('未找到要合并的居民区');
    if (!into) throw errors.validation([{ path: 'intoId', message: '目标居民区不存在' }]);
    if (!from.active) throw errors.conflict('该居民区已合并或停用');
    if (!into.active) throw errors.validation([{ path: 'intoId', message: '目标居民区已停用' }]);
    if (from.street_code !== into.street_code) throw errors.validation([{ path: 'intoId', message: '只能并入同一街道的居民区' }]);

    const moved = await repo.moveCommitteeContents(tx, from.id, into.id);
    const updated = await repo.markMerged(tx, from.id, into.id);
    await tx.audit({
      action: 'org.committee.merge',
      entity: 'committee',
      entityId: from.id,
      summary: { from: from.name, into: into.name, intoId: into.id, movedChildren: moved.children, movedDirectors: moved.directors },
    });
    return { from: presentCommittee(updated), into: presentCommittee(into), movedChildren: moved.children, movedDirectors: moved.directors };
  });
}

export async function createUnit(tx: Tx, b: z.infer<typeof UnitCreate>): Promise<Unit> {
  if ((b.kind === 'street') !== !!b.streetCode) {
    throw errors.validation([{ path: 'streetCode', message: b.kind === 'street' ? '街道办事处须选择所属街道' : '只有街道办事处可以关联街道' }]);
  }
  if (await repo.unitCodeOrNameTaken(tx, b.code, b.name)) throw errors.conflict('单位代码或名称已存在', [{ path: 'code', message: '单位代码或名称已存在' }]);
  if (b.streetCode && !(await repo.streetExists(tx, b.streetCode))) throw errors.validation([{ path: 'streetCode', message: '街道不存在' }]);
  const row = await repo.insertUnit(tx, { code: b.code, name: b.name, nameEn: b.nameEn, kind: b.kind, streetCode: b.streetCode });
  await tx.audit({ action: 'org.unit.create', entity: 'unit', entityId: b.code, summary: { name: b.name, kind: b.kind } });
  return presentUnit(row);
}

export async function updateUnit(tx: Tx, code: string, b: z.infer<typeof UnitUpdate>): Promise<Unit> {
  const old = await repo.lockUnit(tx, code);
  if (!old) throw errors.notFound('未找到该单位');
  if (b.name && b.name !== old.name && (await repo.unitNameTaken(tx, b.name, old.code))) {
    throw errors.conflict('单位名称已存在', [{ path: 'name', message: '单位名称已存在' }]);
  }
  const next = await repo.updateUnit(tx, old.code, { name: b.name ?? old.name, nameEn: b.nameEn ?? old.name_en, active: b.active ?? old.active });
  await tx.audit({ action: 'org.unit.update', entity: 'unit', entityId: old.code, summary: diff(presentUnit(old), presentUnit(next)) });
  return presentUnit(next);
}
