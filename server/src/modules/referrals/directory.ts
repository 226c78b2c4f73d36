/**
 * 协同 administration: the service directory (who receives which kinds of referral, for which ages
 * and streets), the kinds' sections and default deadlines, the settings (access window, deadlines,
 * reminders, escalation) and the working-day calendar. Queries and commands, each change with its
 * audit row (before and after) in the same transaction.
 *
 * The SQL of these tables lives here rather than in repo.ts: it is only this file's, and none of
 * it touches referrals or children (the directory, kinds, settings and calendar have no row-level
 * security; the routes' permissions guard them).
 */
import { ageOn, shanghaiDate } from '#common/dates.js';
import type { WorkCalendar, WorkCalendarDay, WorkCalendarPut } from '#common/referralAdmin.js';
import type { Receiver, ReceiverUpsert, ReferralKindInfo, ReferralSettings } from '#common/referrals.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { errors, type FieldError } from '../../core/errors.js';
import { takesKind } from './policies.js';
import * as repo from './repo.js';

// ---- the service directory ----

const presentReceiver = (r: repo.ReceiverRow): Receiver => ({
  id: r.id,
  unitCode: r.unit_code,
  unitName: r.unit_name,
  unitKind: r.unit_kind,
  kinds: r.kinds,
  minAge: r.min_age,
  maxAge: r.max_age,
  streets: r.streets,
  contactName: r.contact_name,
  contactPhone: r.contact_phone,
  capacity: r.capacity,
  services: r.services,
  active: r.active,
  version: r.version,
});

/**
 * The directory. With `kind`, the units taking that kind; with `childId` too, only those that take
 * it for that child's age and street, without the caller's own unit: what the send form offers
 * (the child must be in the caller's area, 404 otherwise). Inactive entries only when asked.
 */
export async function listReceivers(
  tx: Tx,
  ctx: SignedInCtx,
  q: { kind?: string; childId?: string; includeInactive?: 'true' | 'false' },
  now: number,
): Promise<{ items: Receiver[] }> {
  const all = await repo.receiverRows(tx, q.includeInactive === 'true');
  let rows = q.kind ? all.filter((r) => r.kinds.includes(q.kind ?? '')) : all;
  if (q.childId) {
    if (!q.kind) throw errors.validation([{ path: 'kind', message: '按儿童筛选接收单位时须同时选择转介类型' }]);
    const child = await repo.childForSender(tx, q.childId);
    if (!child) throw errors.notFound('未找到该儿童档案，或不在您的辖区内');
    const age = ageOn(child.birth_date, shanghaiDate(now));
    const kind = q.kind;
    rows = rows.filter((r) => r.unit_code !== ctx.actor.unitCode && takesKind(r, kind, age, child.street_code, r.unit_name, kind).ok);
  }
  return { items: rows.map(presentReceiver) };
}

/** Checks an entry against the units, kinds and streets that exist; the problems, in Chinese. */
async function checkReceiver(tx: Tx, b: ReceiverUpsert): Promise<FieldError[]> {
  const problems: FieldError[] = [];
  const unit = await repo.unit(tx, b.unitCode);
  if (!unit) problems.push({ path: 'unitCode', message: '单位不存在' });
  else if (!unit.active) problems.push({ path: 'unitCode', message: `${unit.name}已停用，不能作为接收单位` });
  const kinds = new Set((await repo.kinds(tx)).map((k) => k.code));
  const unknownKinds = b.kinds.filter((k) => !kinds.has(k));
  if (unknownKinds.length) problems.push({ path: 'kinds', message: `转介类型不存在：${unknownKinds.join('、')}` });
  if (new Set(b.kinds).size !== b.kinds.length) problems.push({ path: 'kinds', message: '转介类型有重复' });
  const streets = new Set(await repo.streetCodes(tx));
  const unknownStreets = b.streets.filter((s) => !streets.has(s));
  if (unknownStreets.length) problems.push({ path: 'streets', message: `街道不存在：${unknownStreets.join('、')}` });
  if (b.minAge != null && b.maxAge != null && b.minAge > b.maxAge) problems.push({ path: 'maxAge', message: '最大年龄不能小于最小年龄' });
  return problems;
}

const receiverSummary = (r: repo.ReceiverRow | null) =>
  r && {
    kinds: r.kinds,
    minAge: r.min_age,
    maxAge: r.max_age,
    streets: r.streets,
    capacity: r.capacity,
    active: r.active,
    // contacts are recorded as changed or not, not copied into the log
    contact: `${r.contact_name ?? ''}/${r.contact_phone ?? ''}`.length > 1,
  };

export async function createReceiver(tx: Tx, ctx: SignedInCtx, b: ReceiverUpsert): Promise<Receiver> {
  const problems = await checkReceiver(tx, b);
  if (problems.length) throw errors.validation(problems);
  if (await repo.unitHasReceiver(tx, b.unitCode))
    throw errors.conflict('该单位已在服务目录中，请修改原有条目', [{ path: 'unitCode', message: '该单位已在服务目录中' }]);
  const id = await repo.insertReceiver(tx, b, ctx.actor.userId);
  const row = id ? await repo.receiverById(tx, id) : null;
  if (!row) throw new Error('referral_receivers insert returned no row');
  await tx.audit({
    action: 'referral_receiver.create',
    entity: 'referral_receiver',
    entityId: row.id,
    summary: { unit: row.unit_code, after: receiverSummary(row) },
  });
  return presentReceiver(row);
}

export async function updateReceiver(tx: Tx, ctx: SignedInCtx, id: string, b: ReceiverUpsert): Promise<Receiver> {
  if (b.version === undefined) throw errors.validation([{ path: 'version', message: '缺少版本号，请刷新后再改' }]);
  const before = await repo.receiverById(tx, id, true);
  if (!before) throw errors.notFound('未找到该服务目录条目');
  if (b.unitCode !== before.unit_code) throw errors.validation([{ path: 'unitCode', message: '不能更换条目的单位；请为新单位另建条目' }]);
  const problems = await checkReceiver(tx, b);
  if (problems.length) throw errors.validation(problems);
  if (before.version !== b.version) throw errors.staleVersion();
  await repo.updateReceiver(tx, id, b, ctx.actor.userId);
  const after = await repo.receiverById(tx, id);
  if (!after) throw new Error('referral_receivers row vanished');
  await tx.audit({
    action: 'referral_receiver.update',
    entity: 'referral_receiver',
    entityId: id,
    summary: { unit: after.unit_code, before: receiverSummary(before), after: receiverSummary(after) },
  });
  return presentReceiver(after);
}

// ---- kinds ----

const presentKind = (k: repo.KindRow): ReferralKindInfo => ({
  code: k.code,
  name: k.name,
  nameEn: k.name_en,
  sections: k.sections,
  completion: k.completion,
  defaultDays: k.default_days,
  channel: k.channel,
  active: k.active,
});

/** Changes what a kind opens to the receiving unit (identity always), its default deadline, whether it is offered. */
export async function updateKind(
  tx: Tx,
  code: string,
  b: { sections: repo.KindRow['sections']; defaultDays: number; active: boolean },
): Promise<ReferralKindInfo> {
  const before = await repo.kind(tx, code);
  if (!before) throw errors.notFound('未找到该转介类型');
  const sections = [...new Set(b.sections)];
  await repo.updateKind(tx, code, { sections, defaultDays: b.defaultDays, active: b.active });
  const after = await repo.kind(tx, code);
  if (!after) throw new Error('referral_kinds row vanished');
  await tx.audit({
    action: 'referral_kind.update',
    entity: 'referral_kind',
    entityId: null,
    summary: {
      code,
      before: { sections: before.sections, defaultDays: before.default_days, active: before.active },
      after: { sections: after.sections, defaultDays: after.default_days, active: after.active },
    },
  });
  return presentKind(after);
}

// ---- settings ----

const presentSettings = (s: repo.SettingsRow): ReferralSettings => ({
  accessDaysAfter: s.access_days_after,
  ackWorkingDays: s.ack_working_days,
  channelAckHours: s.channel_ack_hours,
  remindBeforeDays: s.remind_before_days,
  districtAfterDays: s.district_after_days,
});

export async function getSettings(tx: Tx): Promise<ReferralSettings> {
  return presentSettings(await repo.settings(tx));
}

export async function putSettings(tx: Tx, b: ReferralSettings): Promise<ReferralSettings> {
  const before = presentSettings(await repo.settings(tx));
  await repo.updateSettings(tx, {
    access_days_after: b.accessDaysAfter,
    ack_working_days: b.ackWorkingDays,
    channel_ack_hours: b.channelAckHours,
    remind_before_days: b.remindBeforeDays,
    district_after_days: b.districtAfterDays,
  });
  const after = presentSettings(await repo.settings(tx));
  await tx.audit({ action: 'referral_settings.update', entity: 'referral_settings', summary: { before, after } });
  return after;
}

// ---- the working-day calendar ----

const WEEKDAY_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();

export async function getCalendar(tx: Tx, year: number): Promise<WorkCalendar> {
  const rows = await repo.calendarYear(tx, year);
  return { year, items: rows };
}

/** What is wrong with a year's exceptions, in Chinese, one line per day (nothing is written then). */
export function calendarProblems(year: number, items: WorkCalendarDay[]): FieldError[] {
  const problems: FieldError[] = [];
  const seen = new Set<string>();
  items.forEach((it, i) => {
    const path = `items.${i}.day`;
    const wd = weekday(it.day);
    const weekend = wd === 0 || wd === 6;
    if (!it.day.startsWith(`${year}-`)) problems.push({ path, message: `${it.day} 不在 ${year} 年内` });
    else if (seen.has(it.day)) problems.push({ path, message: `${it.day} 重复列出` });
    else if (it.kind === 'holiday' && weekend) problems.push({ path, message: `${it.day} 是${WEEKDAY_ZH[wd]}，本来就不上班，无需列为放假日` });
    else if (it.kind === 'workday' && !weekend) problems.push({ path, message: `${it.day} 是${WEEKDAY_ZH[wd]}，本来就是工作日，无需列为调休上班日` });
    seen.add(it.day);
  });
  return problems;
}

/** Replaces the year's exceptions with `b.items` (all checked first). */
export async function putCalendar(tx: Tx, year: number, b: WorkCalendarPut): Promise<WorkCalendar> {
  const problems = calendarProblems(year, b.items);
  if (problems.length) throw errors.validation(problems, '工作日历有误，请按提示修改');
  const before = await getCalendar(tx, year);
  await repo.replaceCalendarYear(tx, year, b.items);
  const after = await getCalendar(tx, year);
  const key = (d: WorkCalendarDay) => `${d.day}:${d.kind}`;
  const beforeKeys = new Set(before.items.map(key));
  const afterKeys = new Set(after.items.map(key));
  await tx.audit({
    action: 'work_calendar.replace',
    entity: 'work_calendar',
    summary: {
      year,
      added: after.items.filter((d) => !beforeKeys.has(key(d))).map(key),
      removed: before.items.filter((d) => !afterKeys.has(key(d))).map(key),
    },
  });
  return after;
}
