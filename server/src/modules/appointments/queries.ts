/** Reading appointment programmes, their slots (the provider's masked roster) and a child's appointments. */
import type { ChildAppointments, SlotList } from '#common/appointments.js';
import { addDays, ageOn, shanghaiDate } from '#common/dates.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { canBook, canProvide } from './policies.js';
import { appointmentOut, programmeOut, slotOut } from './presenters.js';
import * as repo from './repo.js';

export async function listProgrammes(tx: Tx, ctx: SignedInCtx, now: number) {
  return { items: (await repo.programmes(tx, new Date(now))).map((p) => programmeOut(ctx, p)) };
}

export async function listSlots(
  tx: Tx,
  ctx: SignedInCtx,
  programmeId: string,
  q: { show: 'all' | 'free' | 'booked'; from?: string; page: number; pageSize: number },
  now: number,
): Promise<SlotList> {
  const p = await repo.programme(tx, programmeId, new Date(now));
  if (!p) throw errors.notFound('未找到该预约类服务项目');
  const provider = canProvide(ctx, p.owner_unit_code);
  const { rows, total } = await repo.slots(tx, programmeId, {
    show: q.show,
    // by default a month back: the provider records the visits of the last weeks
    from: q.from ?? addDays(shanghaiDate(now), q.show === 'free' ? 0 : -30),
    now: new Date(now),
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const items = [];
  for (const r of rows) {
    const a = r.booking_id ? await repo.appointment(tx, r.booking_id) : null;
    items.push(slotOut(r, a ? appointmentOut(ctx, a, now) : null, now));
  }
  // The roster (masked labels) is a view of personal data: audited like every roster.
  if (provider && items.some((i) => i.appointment)) {
    await tx.audit({ action: 'appointments.roster.view', entity: 'programme', entityId: programmeId, summary: { page: q.page, show: q.show } });
  }
  return { items, total, page: q.page, pageSize: q.pageSize, canProvide: provider };
}

export async function childAppointments(tx: Tx, ctx: SignedInCtx, childId: string, now: number): Promise<ChildAppointments> {
  const child = await repo.child(tx, childId);
  if (!child && !(await repo.childVisible(tx, childId))) throw errors.notFound();
  const rows = await repo.appointmentsOfChild(tx, childId);
  const age = child ? ageOn(child.birth_date, shanghaiDate(now)) : null;
  const programmes = child
    ? (await repo.programmes(tx, new Date(now))).filter(
        (p) => age !== null && (p.min_age === null || age >= p.min_age) && (p.max_age === null || age <= p.max_age),
      )
    : [];
  const members = child && programmes.some((p) => p.audience === 'guardian') ? await repo.guardiansOf(tx, childId) : [];
  await tx.audit({ action: 'appointments.child.view', entity: 'child', entityId: childId });
  return {
    items: rows.map((r) => appointmentOut(ctx, r, now)),
    programmes: programmes.map((p) => programmeOut(ctx, p)),
    members,
    canBook: Boolean(child) && canBook(ctx),
  };
}
