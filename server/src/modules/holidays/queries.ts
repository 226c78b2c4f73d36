/** Reading the calendar, a child's holiday plans (with the bookings inside each holiday) and the work list. */
import { currentOrNextHoliday, type ChildHolidayPlans, type HolidayPlan, type MissingPlans } from '#common/holidays.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { canManageCalendar, canWritePlans } from './policies.js';
import { holidayOut, missingOut, planOut } from './presenters.js';
import * as repo from './repo.js';

const asHoliday = (h: repo.HolidayRow) => ({ year: h.year, season: h.season, startsOn: h.starts_on, endsOn: h.ends_on });

export async function listHolidays(tx: Tx, ctx: SignedInCtx, today: string) {
  const rows = await repo.holidays(tx);
  const cur = currentOrNextHoliday(
    rows.map((r) => ({ ...asHoliday(r), row: r })),
    today,
  );
  return { items: rows.map(holidayOut), current: cur ? holidayOut(cur.row) : null, canManage: canManageCalendar(ctx) };
}

/** One holiday's plan of the child (empty when none), with the bookings inside the holiday's dates. */
export async function childPlan(tx: Tx, childId: string, h: repo.HolidayRow): Promise<HolidayPlan> {
  const p = await repo.plan(tx, childId, h.year, h.season);
  const bookings = await repo.bookingsBetween(tx, childId, h.starts_on, h.ends_on);
  return planOut(childId, { year: h.year, season: h.season, startsOn: h.starts_on, endsOn: h.ends_on, placeholder: h.placeholder }, p, bookings);
}

export async function childPlans(tx: Tx, ctx: SignedInCtx, childId: string, today: string): Promise<ChildHolidayPlans> {
  if (!(await repo.childVisible(tx, childId))) throw errors.notFound();
  const cal = await repo.holidays(tx);
  const cur = currentOrNextHoliday(
    cal.map((r) => ({ ...asHoliday(r), row: r })),
    today,
  );
  const plans = await repo.plansOf(tx, childId);
  const items: HolidayPlan[] = [];
  if (cur) items.push(await childPlan(tx, childId, cur.row));
  for (const p of plans) {
    if (cur && p.year === cur.year && p.season === cur.season) continue;
    const h = cal.find((x) => x.year === p.year && x.season === p.season);
    const bookings = h ? await repo.bookingsBetween(tx, childId, h.starts_on, h.ends_on) : [];
    items.push(
      planOut(
        childId,
        { year: p.year, season: p.season, startsOn: h?.starts_on ?? null, endsOn: h?.ends_on ?? null, placeholder: h?.placeholder ?? false },
        p,
        bookings,
      ),
    );
  }
  await tx.audit({ action: 'holidays.plan.view', entity: 'child', entityId: childId });
  return { items, canWrite: canWritePlans(ctx) };
}

export async function missingPlans(tx: Tx, q: { page: number; pageSize: number }, today: string): Promise<MissingPlans> {
  const cal = await repo.holidays(tx);
  const cur = currentOrNextHoliday(
    cal.map((r) => ({ ...asHoliday(r), row: r })),
    today,
  );
  if (!cur) return { holiday: null, items: [], total: 0, page: q.page, pageSize: q.pageSize };
  const { rows, total } = await repo.childrenWithoutPlan(tx, cur.year, cur.season, q.pageSize, (q.page - 1) * q.pageSize);
  return { holiday: holidayOut(cur.row), items: rows.map((r) => missingOut(r, today)), total, page: q.page, pageSize: q.pageSize };
}
