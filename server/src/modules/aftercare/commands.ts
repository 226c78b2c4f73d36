/**
 * Changes to 返家监护监督与临时照料, each with its audit row: assigning a guardianship supervisor
 * (a platform user of the child's street or committee, told by a notice; or a named person whose
 * phone is sealed), changing the supervisor, ending the supervision, recording the due follow-up
 * (the next is scheduled at once; concerns open a problem on the file through the casework
 * command, so they enter the normal problem flow), revealing the supervisor's phone, the schedule,
 * and temporary care placements (start, services, discharge; one open placement per child).
 */
import { shanghaiDate } from '#common/dates.js';
import { maskName } from '#common/mask.js';
import {
  FOLLOWUP_METHOD_ZH,
  type AftercareSettings,
  type ChildAftercare,
  type FollowupRecord,
  type PlacementCreate,
  type PlacementDischarge,
  type PlacementServicesUpdate,
  type SupervisionCreate,
  type SupervisionEnd,
  type SupervisorChange,
} from '#common/aftercare.js';
import type { z } from 'zod';
import type { AftercareSettingsUpdate } from '#common/aftercare.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import type { FieldCrypto } from '../../crypto/fieldCrypto.js';
import { createProblem } from '../casework/commands/problems.js';
import { notify } from '../notifications/notify.js';
import { requireDepth, requireWrite } from '../guardianship/policies.js';
import { current, fullOnly, isMine, pastDate } from './policies.js';
import { SEALED } from './presenters.js';
import { childAftercareOf, settings as readSettings } from './queries.js';
import * as repo from './repo.js';
import { nextDue, type Schedule } from './schedule.js';

const NOT_FOUND_CHILD = '未找到该儿童，或不在您的权限范围内';
const NOT_FOUND_SUP = '未找到该返家监护监督，或不在您的权限范围内';

/** A unique index refused the row: the message the user reads instead of "already exists". */
async function uniqueAs<T>(p: Promise<T>, constraint: string, message: string): Promise<T> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === '23505' && 'constraint' in err && err.constraint === constraint) throw errors.conflict(message);
    throw err;
  }
}

async function supervisorOf(
  tx: Tx,
  childId: string,
  b: { supervisorUserId?: string | null; supervisorName?: string | null; supervisorPhone?: string | null },
  crypto: FieldCrypto,
): Promise<{ userId: string | null; name: string; phone: string | null }> {
  if (b.supervisorUserId) {
    const c = await repo.candidate(tx, childId, b.supervisorUserId);
    if (!c) throw errors.validation([{ path: 'supervisorUserId', message: '该用户不属于这名儿童所在的街道或居民区，不能担任其监护监督员' }]);
    return { userId: c.id, name: c.display_name, phone: null };
  }
  // The schema requires both for a named person.
  return { userId: null, name: b.supervisorName ?? '', phone: crypto.encryptOrNull(b.supervisorPhone, SEALED.phone) };
}

async function tellSupervisor(tx: Tx, userId: string | null, child: repo.ChildRow, firstDue: string | null): Promise<void> {
  if (!userId || userId === tx.ctx.actor?.userId) return;
  await notify(tx, [userId], {
    kind: 'guardianship.supervisor.assigned',
    title: `您被指定为监护监督员：${maskName(child.name) ?? ''}`,
    body: `您已被指定为 ${maskName(child.name) ?? ''} 返家后的监护监督员，请按期回访并在儿童档案“监护”页记录${firstDue ? `，首次回访请于 ${firstDue} 前完成` : ''}。`,
    entity: 'child',
    entityId: child.id,
    streetCode: child.street_code,
  });
}

export async function createSupervision(tx: Tx, ctx: SignedInCtx, b: SupervisionCreate, crypto: FieldCrypto, now: number): Promise<ChildAftercare> {
  requireWrite(ctx.actor);
  const today = shanghaiDate(now);
  const child = await repo.child(tx, b.childId);
  if (!child) throw errors.notFound(NOT_FOUND_CHILD);
  pastDate(b.returnedOn, today, 'returnedOn', '返家日期');
  const sup = await supervisorOf(tx, child.id, b, crypto);
  const s = await repo.settings(tx);
  const schedule: Schedule = b.intervalDays
    ? { intervalDays: b.intervalDays, firstPeriodDays: 0, laterIntervalDays: b.intervalDays }
    : { intervalDays: s.first_interval_days, firstPeriodDays: s.first_period_days, laterIntervalDays: s.later_interval_days };
  const id = await uniqueAs(
    repo.insertSupervision(tx, {
      childId: child.id,
      supervisorUserId: sup.userId,
      supervisorName: sup.name,
      supervisorPhone: sup.phone,
      returnedOn: b.returnedOn,
      ...schedule,
      startedOn: today,
      note: b.note || null,
      createdBy: ctx.actor.userId,
    }),
    'guardianship_supervisions_one_open',
    '这名儿童已有进行中的返家监护监督，请先结束原监督或更换监督员',
  );
  const firstDue = nextDue(b.returnedOn, b.returnedOn, schedule);
  await repo.insertFollowup(tx, id, child.id, firstDue, ctx.actor.userId);
  await tx.audit({
    action: 'guardianship.supervision.create',
    entity: 'guardianship_supervision',
    entityId: id,
    summary: { childId: child.id, supervisorUserId: sup.userId, returnedOn: b.returnedOn, firstDue, ...schedule },
  });
  await tellSupervisor(tx, sup.userId, child, firstDue);
  return childAftercareOf(tx, ctx, child.id, crypto, today);
}

export async function changeSupervisor(tx: Tx, ctx: SignedInCtx, id: string, b: SupervisorChange, crypto: FieldCrypto, now: number): Promise<ChildAftercare> {
  requireWrite(ctx.actor);
  const today = shanghaiDate(now);
  const row = await repo.supervision(tx, id, true);
  if (!row) throw errors.notFound(NOT_FOUND_SUP);
  if (row.ended_on) throw errors.conflict('该监督已结束，不能更换监督员');
  current(row, b.version);
  const child = await repo.child(tx, row.child_id);
  if (!child) throw errors.notFound(NOT_FOUND_CHILD);
  const sup = await supervisorOf(tx, child.id, b, crypto);
  if (
    !(await repo.changeSupervisor(tx, id, b.version, {
      supervisorUserId: sup.userId,
      supervisorName: sup.name,
      supervisorPhone: sup.phone,
      note: b.note || null,
    }))
  ) {
    throw errors.staleVersion();
  }
  await tx.audit({
    action: 'guardianship.supervision.supervisor',
    entity: 'guardianship_supervision',
    entityId: id,
    summary: { childId: child.id, from: row.supervisor_user_id, to: sup.userId },
  });
  if (sup.userId !== row.supervisor_user_id) {
    const open = (await repo.followupsOf(tx, [id])).find((f) => f.done_on === null);
    await tellSupervisor(tx, sup.userId, child, open?.due_on ?? null);
  }
  return childAftercareOf(tx, ctx, child.id, crypto, today);
}

export async function endSupervision(tx: Tx, ctx: SignedInCtx, id: string, b: SupervisionEnd, crypto: FieldCrypto, now: number): Promise<ChildAftercare> {
  requireWrite(ctx.actor);
  const today = shanghaiDate(now);
  const row = await repo.supervision(tx, id, true);
  if (!row) throw errors.notFound(NOT_FOUND_SUP);
  if (row.ended_on) throw errors.conflict('该监督已结束');
  current(row, b.version);
  pastDate(b.endedOn, today, 'endedOn', '结束日期', { date: row.started_on, label: '监督开始日期' });
  if (!(await repo.endSupervision(tx, id, b.version, b.endedOn, b.reason))) throw errors.staleVersion();
  await tx.audit({
    action: 'guardianship.supervision.end',
    entity: 'guardianship_supervision',
    entityId: id,
    summary: { childId: row.child_id, endedOn: b.endedOn },
  });
  return childAftercareOf(tx, ctx, row.child_id, crypto, today);
}

/**
 * Records the due follow-up (the one waiting), by guardianship.write or by the supervisor, and
 * schedules the next. Concerns open a problem (category 监护, severity medium) on the child's file.
 */
export async function recordFollowup(tx: Tx, ctx: SignedInCtx, id: string, b: FollowupRecord, crypto: FieldCrypto, now: number): Promise<ChildAftercare> {
  const today = shanghaiDate(now);
  const f = await repo.followup(tx, id, true);
  if (!f) throw errors.notFound('未找到该回访，或不在您的权限范围内');
  const s = await repo.supervision(tx, f.supervision_id, true);
  if (!s) throw errors.notFound(NOT_FOUND_SUP);
  const supervisor = isMine(ctx.actor, s);
  requireDepth(ctx.actor, { supervisor });
  requireWrite(ctx.actor, { supervisor });
  if (s.ended_on) throw errors.conflict('该监督已结束，不能再记录回访');
  if (f.done_on) throw errors.conflict('该次回访已记录，请刷新后查看');
  current(f, b.version);
  pastDate(b.doneOn, today, 'doneOn', '回访日期', { date: s.returned_on, label: '返家日期' });
  const note = b.note || null;
  let problemId: string | null = null;
  if (b.concerns) {
    problemId = (
      await createProblem(
        tx,
        {
          childId: s.child_id,
          description: `返家监护回访（${FOLLOWUP_METHOD_ZH[b.method]}，${b.doneOn}）发现问题：${note ?? ''}`,
          category: 'guardianship',
          severity: 'medium',
          today,
        },
        now,
      )
    ).id;
  }
  if (
    !(await repo.recordFollowup(tx, id, b.version, {
      doneOn: b.doneOn,
      method: b.method,
      concerns: b.concerns,
      note: crypto.encryptOrNull(note, SEALED.note),
      problemId,
    }))
  ) {
    throw errors.staleVersion();
  }
  const next = nextDue(s.returned_on, b.doneOn, {
    intervalDays: s.interval_days,
    firstPeriodDays: s.first_period_days,
    laterIntervalDays: s.later_interval_days,
  });
  await repo.insertFollowup(tx, s.id, s.child_id, next, ctx.actor.userId);
  await tx.audit({
    action: 'guardianship.followup.record',
    entity: 'supervision_followup',
    entityId: id,
    summary: { childId: s.child_id, doneOn: b.doneOn, dueOn: f.due_on, method: b.method, concerns: b.concerns, problemId, next, asSupervisor: supervisor },
  });
  return childAftercareOf(tx, ctx, s.child_id, crypto, today);
}

/** The supervisor's phone, for a reason; full depth only. */
export async function revealPhone(tx: Tx, ctx: SignedInCtx, id: string, reason: string, crypto: FieldCrypto): Promise<{ phone: string | null }> {
  const s = await repo.supervision(tx, id);
  if (!s) throw errors.notFound(NOT_FOUND_SUP);
  fullOnly(requireDepth(ctx.actor, { supervisor: isMine(ctx.actor, s) }), '监督员的联系电话');
  await tx.audit({
    action: 'guardianship.supervision.phone.reveal',
    entity: 'guardianship_supervision',
    entityId: id,
    reason,
    summary: { childId: s.child_id },
  });
  return { phone: crypto.decryptOrNull(s.supervisor_phone, SEALED.phone) };
}

export async function updateSettings(tx: Tx, ctx: SignedInCtx, b: z.infer<typeof AftercareSettingsUpdate>): Promise<AftercareSettings> {
  if (!(await repo.updateSettings(tx, b, ctx.actor.userId))) throw errors.staleVersion();
  await tx.audit({
    action: 'guardianship.aftercare.settings',
    entity: 'aftercare_settings',
    summary: { firstIntervalDays: b.firstIntervalDays, firstPeriodDays: b.firstPeriodDays, laterIntervalDays: b.laterIntervalDays },
  });
  return readSettings(tx);
}

// ---- placements ----

export async function createPlacement(tx: Tx, ctx: SignedInCtx, b: PlacementCreate, crypto: FieldCrypto, now: number): Promise<ChildAftercare> {
  requireWrite(ctx.actor);
  const today = shanghaiDate(now);
  const child = await repo.child(tx, b.childId);
  if (!child) throw errors.notFound(NOT_FOUND_CHILD);
  pastDate(b.startedOn, today, 'startedOn', '安置日期');
  const services = [...new Set(b.services)];
  const id = await uniqueAs(
    repo.insertPlacement(tx, {
      childId: child.id,
      placeKind: b.placeKind,
      placeName: b.placeName,
      startedOn: b.startedOn,
      reason: b.reason,
      services,
      serviceNote: b.serviceNote || null,
      createdBy: ctx.actor.userId,
    }),
    'placements_one_open',
    '这名儿童已在临时照料中，请先办理离开，再登记新的安置',
  );
  await tx.audit({
    action: 'guardianship.placement.create',
    entity: 'placement',
    entityId: id,
    summary: { childId: child.id, placeKind: b.placeKind, startedOn: b.startedOn, services },
  });
  return childAftercareOf(tx, ctx, child.id, crypto, today);
}

async function openPlacement(tx: Tx, id: string, version: number) {
  const p = await repo.placement(tx, id, true);
  if (!p) throw errors.notFound('未找到该临时照料记录，或不在您的权限范围内');
  if (p.ended_on) throw errors.conflict('该儿童已离开临时照料，记录不能再修改');
  current(p, version);
  return p;
}

export async function updateServices(
  tx: Tx,
  ctx: SignedInCtx,
  id: string,
  b: PlacementServicesUpdate,
  crypto: FieldCrypto,
  now: number,
): Promise<ChildAftercare> {
  requireWrite(ctx.actor);
  const p = await openPlacement(tx, id, b.version);
  const services = [...new Set(b.services)];
  if (!(await repo.updateServices(tx, id, b.version, services, b.serviceNote || null))) throw errors.staleVersion();
  await tx.audit({
    action: 'guardianship.placement.services',
    entity: 'placement',
    entityId: id,
    summary: { childId: p.child_id, from: p.services, to: services },
  });
  return childAftercareOf(tx, ctx, p.child_id, crypto, shanghaiDate(now));
}

export async function dischargePlacement(
  tx: Tx,
  ctx: SignedInCtx,
  id: string,
  b: PlacementDischarge,
  crypto: FieldCrypto,
  now: number,
): Promise<ChildAftercare> {
  requireWrite(ctx.actor);
  const today = shanghaiDate(now);
  const p = await openPlacement(tx, id, b.version);
  pastDate(b.endedOn, today, 'endedOn', '离开日期', { date: p.started_on, label: '安置日期' });
  if (!(await repo.discharge(tx, id, b.version, { endedOn: b.endedOn, dischargedTo: b.dischargedTo, note: b.dischargeNote || null })))
    throw errors.staleVersion();
  await tx.audit({
    action: 'guardianship.placement.discharge',
    entity: 'placement',
    entityId: id,
    summary: { childId: p.child_id, endedOn: b.endedOn, dischargedTo: b.dischargedTo },
  });
  return childAftercareOf(tx, ctx, p.child_id, crypto, today);
}
