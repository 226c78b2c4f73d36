/**
 * Writing the holiday calendar (services.manage: saving clears the placeholder flag) and a child's
 * holiday plan (services.book, one per child and holiday, version-checked). Audited in the same
 * transaction.
 */
import { holidayProblems, SEASON_NAMES, type HolidayPlan, type HolidayWrite, type PlanWrite, type SchoolHoliday, type Season } from '#common/holidays.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { holidayOut } from './presenters.js';
import { childPlan } from './queries.js';
import * as repo from './repo.js';

export async function saveHoliday(tx: Tx, ctx: SignedInCtx, year: number, season: Season, b: HolidayWrite): Promise<SchoolHoliday> {
  const all = await repo.holidays(tx);
  const problems = holidayProblems(
    { year, season, startsOn: b.startsOn, endsOn: b.endsOn },
    all.map((h) => ({ year: h.year, season: h.season, startsOn: h.starts_on, endsOn: h.ends_on })),
  );
  if (problems.length) throw errors.validation(problems.map((message) => ({ path: 'startsOn', message })));
  const cur = await repo.holiday(tx, year, season, true);
  const note = b.note?.trim() || null;
  const write = { year, season, startsOn: b.startsOn, endsOn: b.endsOn, note, userId: ctx.actor.userId };
  if (!cur) {
    if (b.version !== undefined || !(await repo.insertHoliday(tx, write))) throw errors.staleVersion();
  } else if (b.version === undefined) {
    throw errors.conflict(`${year}年${SEASON_NAMES[season]}已在校历中，请刷新后修改`);
  } else if (cur.version !== b.version || !(await repo.updateHoliday(tx, { ...write, version: b.version }))) {
    throw errors.staleVersion();
  }
  await tx.audit({
    action: cur ? 'holidays.calendar.update' : 'holidays.calendar.create',
    entity: 'school_holiday',
    entityId: `${year}-${season}`,
    summary: { startsOn: b.startsOn, endsOn: b.endsOn, before: cur ? { startsOn: cur.starts_on, endsOn: cur.ends_on, placeholder: cur.placeholder } : null },
  });
  const saved = await repo.holiday(tx, year, season);
  if (!saved) throw errors.notFound();
  return holidayOut(saved);
}

export async function writePlan(tx: Tx, ctx: SignedInCtx, childId: string, year: number, season: Season, b: PlanWrite): Promise<HolidayPlan> {
  if (!(await repo.childVisible(tx, childId))) throw errors.notFound();
  const h = await repo.holiday(tx, year, season);
  if (!h) throw errors.validation([{ path: 'season', message: `校历中没有${year}年${SEASON_NAMES[season]}，请先由区民政局在寒暑假日历中登记` }]);
  const cur = await repo.plan(tx, childId, year, season);
  let id: string;
  if (!cur) {
    if (b.version !== undefined) throw errors.staleVersion();
    const inserted = await repo.insertPlan(tx, { childId, year, season, plan: b.plan, userId: ctx.actor.userId });
    if (!inserted) throw errors.staleVersion('该假期安排刚被他人填写，请刷新后再修改（您填写的内容仍保留在页面上）');
    id = inserted;
  } else {
    if (b.version === undefined || cur.version !== b.version || !(await repo.updatePlan(tx, cur.id, b.version, b.plan, ctx.actor.userId))) {
      throw errors.staleVersion();
    }
    id = cur.id;
  }
  await tx.audit({
    action: cur ? 'holidays.plan.update' : 'holidays.plan.create',
    entity: 'holiday_plan',
    entityId: id,
    summary: { childId, year, season },
  });
  return childPlan(tx, childId, h);
}
