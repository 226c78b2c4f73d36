/**
 * Writing appointments: slots in a batch and their cancellation (the provider), booking a slot for
 * a child or a household guardian (the booker: confirmed at once, one booking per slot even under
 * concurrent requests — the slot row is locked, and the child too so it holds one future slot per
 * programme), cancelling with a reason (frees the slot; the booker is told when the provider
 * cancels), completion or absence (the provider). Every refusal writes nothing; every write is
 * audited in its transaction.
 */
import { displayLabel, slotInstant, type Appointment, type BookBody, type CompleteBody, type ReasonBody, type SlotBatch } from '#common/appointments.js';
import { ageOn, shanghaiDate } from '#common/dates.js';
import { maskName } from '#common/mask.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { notify } from '../notifications/notify.js';
import { canCancel, canComplete, canProvide, requireProvider } from './policies.js';
import { appointmentOut, slotOut } from './presenters.js';
import * as repo from './repo.js';

const MAX_SLOTS = 200;
const when = (d: Date) => {
  const s = new Date(d.getTime() + 8 * 3_600_000).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 16)}`;
};

async function readBack(tx: Tx, ctx: SignedInCtx, id: string, now: number): Promise<Appointment> {
  const a = await repo.appointment(tx, id);
  if (!a) throw errors.notFound();
  return appointmentOut(ctx, a, now);
}

// ---- slots ----

export async function createSlots(tx: Tx, ctx: SignedInCtx, programmeId: string, b: SlotBatch, now: number) {
  const p = await repo.programme(tx, programmeId, new Date(now));
  if (!p) throw errors.notFound('未找到该预约类服务项目');
  requireProvider(ctx, p.owner_unit_code);
  if (!p.active) throw errors.conflict('该项目已停用，不能再添加时段');
  const days = [...new Set(b.days)].sort();
  const times = [...new Set(b.times)].sort();
  const wanted = days.flatMap((day) => times.map((time) => ({ day, time, startsAt: slotInstant(day, time) })));
  if (wanted.length > MAX_SLOTS) throw errors.validation([{ path: 'days', message: `一次最多创建 ${MAX_SLOTS} 个时段，请分批创建` }]);
  const past = wanted.find((s) => Date.parse(s.startsAt) <= now);
  if (past) throw errors.validation([{ path: 'days', message: `${past.day} ${past.time} 已经过去，只能创建以后的时段` }]);
  const place = b.place ?? '家中';
  const created = await repo.insertSlots(
    tx,
    programmeId,
    wanted.map((s) => ({ day: s.day, startsAt: s.startsAt, title: `${p.name} ${s.day} ${s.time}` })),
    place,
    ctx.actor.userId,
  );
  await tx.audit({ action: 'appointments.slots.create', entity: 'programme', entityId: programmeId, summary: { created, days: days.length, times } });
  return { created, skipped: wanted.length - created };
}

export async function cancelSlot(tx: Tx, ctx: SignedInCtx, slotId: string, b: ReasonBody, now: number) {
  const s = await repo.lockSlot(tx, slotId);
  if (!s || s.mode !== 'appointment') throw errors.notFound('未找到该时段');
  requireProvider(ctx, s.owner_unit_code);
  if (s.status !== 'open') throw errors.conflict('该时段已取消或关闭');
  if (s.version !== b.version) throw errors.staleVersion();
  const live = await repo.liveBookingsOfSlot(tx, slotId);
  if (!(await repo.cancelSlot(tx, slotId, b.version, b.reason))) throw errors.staleVersion();
  for (const a of live) {
    await repo.lockAppointment(tx, a.id);
    if (!(await repo.cancelBooking(tx, a.id, a.version, `时段取消：${b.reason}`, new Date(now)))) throw errors.staleVersion();
    await tellBooker(tx, ctx, a, b.reason);
  }
  await tx.audit({
    action: 'appointments.slot.cancel',
    entity: 'programme_session',
    entityId: slotId,
    summary: { programmeId: s.programme_id, bookingsCancelled: live.map((a) => a.id) },
    reason: b.reason,
  });
  const rows = await repo.slots(tx, s.programme_id, { show: 'all', from: s.starts_on, now: new Date(now), limit: 100, offset: 0 });
  const row = rows.rows.find((r) => r.id === slotId);
  if (!row) throw errors.notFound();
  return slotOut(row, null, now);
}

/** The provider cancelled: the person who booked hears of it (masked label, no file). */
async function tellBooker(tx: Tx, ctx: SignedInCtx, a: repo.AppointmentRow, reason: string): Promise<void> {
  if (!a.requested_by || a.requested_by === ctx.actor.userId) return;
  await notify(tx, [a.requested_by], {
    kind: 'appointment.cancelled',
    title: `${a.programme_name}预约已取消`,
    body: `${a.display_label} 于 ${when(a.starts_at)} 的${a.programme_name}预约已由${ctx.actor.unitName}取消，原因：${reason}。如需要，请重新预约其他时段。`,
    entity: 'booking',
    entityId: a.id,
    streetCode: a.street_code,
  });
}

// ---- booking ----

export async function book(tx: Tx, ctx: SignedInCtx, slotId: string, b: BookBody, now: number): Promise<Appointment> {
  const child = await repo.child(tx, b.childId);
  if (!child) throw errors.notFound('未找到该儿童，或不在您的辖区内');
  await repo.lockChild(tx, child.id);
  const s = await repo.lockSlot(tx, slotId);
  if (!s || s.mode !== 'appointment') throw errors.notFound('未找到该时段');
  if (!s.active) throw errors.conflict('该项目已停用，不能预约');
  if (s.status === 'cancelled') throw errors.conflict('该时段已取消，请选择其他时段');
  if (s.status !== 'open') throw errors.conflict('该时段已关闭预约，请选择其他时段');
  const at = s.starts_at ?? new Date(`${s.starts_on}T00:00:00+08:00`);
  if (at.getTime() <= now) throw errors.conflict('该时段已经过去，请选择以后的时段');
  const age = ageOn(child.birth_date, shanghaiDate(at.getTime()));
  if ((s.min_age !== null && age < s.min_age) || (s.max_age !== null && age > s.max_age)) {
    throw errors.validation([{ path: 'childId', message: `该项目面向 ${s.min_age ?? 0}–${s.max_age ?? 18} 岁儿童，该儿童届时 ${age} 岁，不能预约` }]);
  }
  let memberId: string | null = null;
  let label = displayLabel(maskName(child.name) ?? '*', age);
  if (s.audience === 'guardian') {
    if (!b.memberId) throw errors.validation([{ path: 'memberId', message: '该项目面向监护人，请选择参加的监护人' }]);
    const m = (await repo.guardiansOf(tx, child.id)).find((x) => x.id === b.memberId);
    if (!m) throw errors.validation([{ path: 'memberId', message: '所选人员不是该儿童的监护人或照料人' }]);
    memberId = m.id;
    label = `${maskName(m.name) ?? '*'}（${m.relation}）· ${label}`;
  }
  if (await repo.slotTaken(tx, s.programme_id, slotId)) throw errors.conflict('该时段已被预约，请选择其他时段');
  if (await repo.childHoldsFuture(tx, s.programme_id, child.id, new Date(now))) {
    throw errors.conflict('该儿童已预约本项目今后的一个时段，完成或取消后再预约下一次');
  }
  const id = await repo.insertBooking(tx, {
    slotId,
    programmeId: s.programme_id,
    kind: s.audience === 'guardian' ? 'guardian' : 'child',
    child,
    memberId,
    label,
    now: new Date(now),
    userId: ctx.actor.userId,
    unitCode: ctx.actor.unitCode,
  });
  await tx.audit({ action: 'appointments.book', entity: 'booking', entityId: id, summary: { childId: child.id, slotId, programmeId: s.programme_id } });
  return readBack(tx, ctx, id, now);
}

export async function cancel(tx: Tx, ctx: SignedInCtx, id: string, b: ReasonBody, now: number): Promise<Appointment> {
  await repo.lockAppointment(tx, id);
  const a = await repo.appointment(tx, id);
  if (!a) throw errors.notFound('未找到该预约');
  if (!['reserved', 'confirmed', 'waitlisted'].includes(a.status)) throw errors.conflict('该预约已取消或已记录完成情况，不能再取消');
  if (!canCancel(ctx, a)) throw errors.forbidden('只有预约方或承办单位可以取消该预约');
  if (a.version !== b.version || !(await repo.cancelBooking(tx, id, b.version, b.reason, new Date(now)))) throw errors.staleVersion();
  // The provider (not the unit that booked) cancelled: the booker hears of it.
  const byProvider = canProvide(ctx, a.owner_unit_code) && a.requested_by_unit !== ctx.actor.unitCode;
  if (byProvider) await tellBooker(tx, ctx, a, b.reason);
  await tx.audit({ action: 'appointments.cancel', entity: 'booking', entityId: id, summary: { slotId: a.session_id, byProvider }, reason: b.reason });
  return readBack(tx, ctx, id, now);
}

export async function complete(tx: Tx, ctx: SignedInCtx, id: string, b: CompleteBody, now: number): Promise<Appointment> {
  await repo.lockAppointment(tx, id);
  const a = await repo.appointment(tx, id);
  if (!a) throw errors.notFound('未找到该预约');
  requireProvider(ctx, a.owner_unit_code);
  if (a.status !== 'confirmed') throw errors.conflict('该预约已取消或已记录完成情况');
  if (!canComplete(ctx, a, now)) throw errors.conflict('预约时间尚未到，到时后再记录送教情况');
  if (a.version !== b.version) throw errors.staleVersion();
  const ok = await repo.completeBooking(tx, id, b.version, {
    attended: b.attended,
    note: b.attended ? (b.completionNote?.trim() ?? null) : null,
    minutes: b.attended ? (b.durationMinutes ?? null) : null,
    absenceNote: b.attended ? null : (b.absenceNote?.trim() ?? null),
  });
  if (!ok) throw errors.staleVersion();
  await tx.audit({ action: b.attended ? 'appointments.complete' : 'appointments.absent', entity: 'booking', entityId: id, summary: { slotId: a.session_id } });
  return readBack(tx, ctx, id, now);
}
