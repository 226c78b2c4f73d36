/** Changes to assistance records (关爱帮扶记录), each with its audit row. */
import type { z } from 'zod';
import type { Assistance, AssistanceCreate } from '#common/casework.js';
import { shanghaiDate } from '#common/dates.js';
import type { SignedInCtx, Tx } from '../../../core/context.js';
import { errors } from '../../../core/errors.js';
import { activeUnit, canDeleteAssistance, enforce, notInFuture } from '../policies.js';
import { presentAssistance } from '../presenters.js';
import { assistanceRow, visibleChild } from '../queries.js';
import * as areas from '../repo/areas.js';
import * as repo from '../repo/assistance.js';

export async function create(tx: Tx, me: SignedInCtx, b: z.infer<typeof AssistanceCreate>, now: number): Promise<Assistance> {
  const today = shanghaiDate(now);
  enforce(notInFuture(b.givenOn, today, 'givenOn', '帮扶日期'));
  const child = await visibleChild(tx, b.childId);
  if (b.providerUnit) activeUnit(await areas.findUnit(tx, b.providerUnit), 'providerUnit');
  if (b.problemId) {
    const problemChild = await repo.problemChildId(tx, b.problemId);
    if (problemChild !== child.id) throw errors.validation([{ path: 'problemId', message: '关联的问题不属于该儿童，请重新选择' }]);
  }
  const id = await repo.insertAssistance(tx, {
    childId: child.id,
    kind: b.kind,
    providerUnit: b.providerUnit || null,
    providerName: b.providerName,
    valueFen: b.valueFen ?? null,
    description: b.description,
    givenOn: b.givenOn,
    problemId: b.problemId ?? null,
    createdBy: me.actor.userId,
  });
  await tx.audit({
    action: 'assistance.create',
    entity: 'assistance',
    entityId: id,
    summary: { childId: child.id, kind: b.kind, valueFen: b.valueFen ?? null, givenOn: b.givenOn },
  });
  return presentAssistance(await assistanceRow(tx, id), me.actor.userId, today);
}

export async function remove(tx: Tx, me: SignedInCtx, id: string, now: number): Promise<void> {
  const row = await assistanceRow(tx, id);
  enforce(canDeleteAssistance(row, me.actor.userId, shanghaiDate(now)));
  await repo.deleteAssistance(tx, row.id);
  await tx.audit({
    action: 'assistance.delete',
    entity: 'assistance',
    entityId: row.id,
    summary: { childId: row.child_id, kind: row.kind, valueFen: row.value_fen, givenOn: row.given_on },
  });
}
