/** Changes to work logs (工作日志), each with its audit row. */
import type { z } from 'zod';
import type { WorkLog, WorkLogCreate, WorkLogUpdate } from '#common/casework.js';
import type { SignedInCtx, Tx } from '../../../core/context.js';
import { errors } from '../../../core/errors.js';
import { canChangeWorkLog, enforce, workLogDate } from '../policies.js';
import { presentWorkLog } from '../presenters.js';
import { workLogRow } from '../queries.js';
import * as areas from '../repo/areas.js';
import * as repo from '../repo/workLogs.js';

/** Every child must be visible to the caller; otherwise nothing is written. */
async function checkChildren(tx: Tx, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return unique;
  const n = await areas.countVisibleChildren(tx, unique);
  if (n !== unique.length) throw errors.notFound('所选儿童中有不存在或不在您辖区内的，请重新选择');
  return unique;
}

/** The log, if it is the caller's own (others' logs can be read by a supervisor, never changed). */
async function ownLog(tx: Tx, me: SignedInCtx, id: string): Promise<repo.WorkLogRow> {
  const row = await workLogRow(tx, id);
  enforce(canChangeWorkLog(row, me));
  return row;
}

export async function create(tx: Tx, me: SignedInCtx, b: z.infer<typeof WorkLogCreate>, now: number): Promise<WorkLog> {
  enforce(workLogDate(b.workedOn, now));
  const actor = me.actor;
  const childIds = await checkChildren(tx, b.childIds);
  // The worker's area: the street of their unit (null for district staff), their committee if they have exactly one.
  const street = await areas.unitStreet(tx, actor.unitCode);
  const committee = actor.scope.kind === 'committee' && actor.scope.committees.length === 1 ? (actor.scope.committees[0] ?? null) : null;
  const id = await repo.insertWorkLog(tx, { userId: actor.userId, street, committee, workedOn: b.workedOn, hours: b.hours, content: b.content });
  if (childIds.length) await repo.insertWorkLogChildren(tx, id, childIds);
  await tx.audit({ action: 'worklog.create', entity: 'work_log', entityId: id, summary: { workedOn: b.workedOn, hours: b.hours, children: childIds.length } });
  return presentWorkLog(await workLogRow(tx, id), actor.userId);
}

export async function update(tx: Tx, me: SignedInCtx, id: string, b: z.infer<typeof WorkLogUpdate>, now: number): Promise<WorkLog> {
  if (b.workedOn) enforce(workLogDate(b.workedOn, now));
  const old = await ownLog(tx, me, id);
  await repo.updateWorkLog(tx, old.id, { workedOn: b.workedOn ?? null, hours: b.hours ?? null, content: b.content ?? null });
  let children: { from: number; to: number } | undefined;
  if (b.childIds) {
    const ids = await checkChildren(tx, b.childIds);
    await repo.deleteWorkLogChildren(tx, old.id);
    if (ids.length) await repo.insertWorkLogChildren(tx, old.id, ids);
    children = { from: old.children.length, to: ids.length };
  }
  const summary: Record<string, unknown> = {};
  if (b.workedOn && b.workedOn !== old.worked_on) summary.workedOn = { from: old.worked_on, to: b.workedOn };
  if (b.hours !== undefined && b.hours !== Number(old.hours)) summary.hours = { from: Number(old.hours), to: b.hours };
  if (b.content !== undefined && b.content !== old.content) summary.content = 'changed';
  if (children) summary.children = children;
  await tx.audit({ action: 'worklog.update', entity: 'work_log', entityId: old.id, summary });
  return presentWorkLog(await workLogRow(tx, old.id), me.actor.userId);
}

export async function remove(tx: Tx, me: SignedInCtx, id: string): Promise<void> {
  const old = await ownLog(tx, me, id);
  await repo.deleteWorkLog(tx, old.id, me.actor.userId);
  await tx.audit({ action: 'worklog.delete', entity: 'work_log', entityId: old.id, summary: { workedOn: old.worked_on, hours: Number(old.hours) } });
}
