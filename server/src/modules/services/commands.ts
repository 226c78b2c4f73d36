/**
 * Writing the catalogue (programmes, sessions), the priority tiers, and bookings. Every write runs in
 * the request's transaction with its audit row; a booking, a cancellation, a capacity change and a
 * session's cancellation hold the session's row lock (`select … for update`), so two requests for the
 * last place queue and the second one sees the first: never overbooked. Promotion from the wait list
 * is the database's booking_promote (security definer: it sees every area's bookings of the session),
 * called in the same transaction; the bookers of the bookings it changes are told by a notice.
 */
import { ageOn, shanghaiDate } from '#common/dates.js';
import { maskName } from '#common/mask.js';
import {
  lastTier,
  rosterLabel,
  tierFor,
  type Booking,
  type BookingAttendance,
  type BookingCancel,
  type BookingCreate,
  type PriorityRule,
  type PriorityRuleOut,
  type PriorityRuleUpdate,
  type Programme,
  type ProgrammeCreate,
  type ProgrammeSession,
  type ProgrammeUpdate,
  type SessionCancel,
  type SessionCreate,
  type SessionUpdate,
} from '#common/services.js';
import { CHILD_CATEGORIES } from '#common/values.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { notify, recipientsWhoCan } from '../notifications/notify.js';
import { ageRefusal, canActOnBooking, has, isOwner, requireProgrammeEditor, sessionRefusal } from './policies.js';
import { bookingOut, programmeOut, ruleOut, sessionOut } from './presenters.js';
import * as repo from './repo.js';

const found = <T>(v: T | null): T => {
  if (v === null) throw errors.notFound();
  return v;
};
const blank = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

// ---- notices to bookers ----

/**
 * Tells the booker of each changed booking — only people who can open it: for a child, the users of
 * the booking unit who hold services.read and whose scope reaches the child (the booker among them
 * when still so); for an external participant, the provider who registered it.
 */
export async function tellBookers(
  tx: Tx,
  rows: repo.ChangedBooking[],
  sessionId: string,
  what: (label: string, session: string) => { title: string; body: string },
) {
  if (!rows.length) return;
  const s = await repo.sessionLabel(tx, sessionId);
  const sessionName = s ? `${s.programme}「${s.title}」（${s.starts_on} 开始）` : '服务场次';
  for (const r of rows) {
    let to: string[] = [];
    if (r.child_id && r.street_code && r.committee_id && r.requested_by_unit) {
      const users = await recipientsWhoCan(tx, {
        units: [r.requested_by_unit],
        permission: 'services.read',
        area: { childId: r.child_id, streetCode: r.street_code, committeeId: r.committee_id },
      });
      to = r.requested_by && users.includes(r.requested_by) ? [r.requested_by] : users;
    } else if (r.requested_by) to = [r.requested_by];
    const m = what(r.display_label, sessionName);
    await notify(tx, to, {
      kind: 'services.booking',
      title: m.title,
      body: m.body,
      entity: r.child_id ? 'child' : null,
      entityId: r.child_id,
      streetCode: r.street_code,
    });
  }
}

const promotedNotice = (label: string, session: string) => ({
  title: '候补转为预留名额',
  body: `${label} 在 ${session} 的候补已转为预留名额，请在确认时限内确认，逾期名额将释放给下一位候补。`,
});

/** Promotes into the session's free places and tells the bookers; the number promoted. */
export async function promoteAndTell(tx: Tx, sessionId: string, now: Date): Promise<number> {
  const promoted = await repo.promote(tx, sessionId, now);
  await tellBookers(tx, promoted, sessionId, promotedNotice);
  if (promoted.length)
    await tx.audit({
      action: 'services.booking.promote',
      entity: 'programme_session',
      entityId: sessionId,
      summary: { bookings: promoted.map((p) => p.booking_id) },
    });
  return promoted.length;
}

// ---- programmes ----

async function checkUnit(tx: Tx, code: string) {
  if (!(await repo.unitExists(tx, code))) throw errors.validation([{ path: 'ownerUnitCode', message: '主办单位不存在，请从列表中选择' }]);
}

const programmeValues = (b: ProgrammeCreate | ProgrammeUpdate): repo.ProgrammeValues => ({
  name: b.name,
  kind: b.kind,
  ownerUnitCode: b.ownerUnitCode,
  providerName: blank(b.providerName),
  audience: b.audience,
  targetGroup: blank(b.targetGroup),
  minAge: b.minAge ?? null,
  maxAge: b.maxAge ?? null,
  cost: blank(b.cost),
  contact: blank(b.contact),
  description: blank(b.description),
  planTasks: [...new Set(b.planTasks)].sort((x, y) => x - y),
  mode: b.mode,
  priorityBooking: b.priorityBooking,
  confirmHours: b.confirmHours,
});

export async function createProgramme(tx: Tx, ctx: SignedInCtx, b: ProgrammeCreate, now: number): Promise<Programme> {
  requireProgrammeEditor(ctx.actor, b.ownerUnitCode);
  await checkUnit(tx, b.ownerUnitCode);
  if (await repo.programmeByCode(tx, b.code)) throw errors.validation([{ path: 'code', message: `项目代码「${b.code}」已存在，请换一个` }]);
  const id = await repo.insertProgramme(tx, b.code, programmeValues(b), ctx.actor.userId);
  await tx.audit({ action: 'services.programme.create', entity: 'programme', entityId: id, summary: { code: b.code, name: b.name, owner: b.ownerUnitCode } });
  return programmeOut(found(await repo.programme(tx, id, shanghaiDate(now))), ctx.actor);
}

export async function updateProgramme(tx: Tx, ctx: SignedInCtx, id: string, b: ProgrammeUpdate, now: number): Promise<Programme> {
  const today = shanghaiDate(now);
  const p = found(await repo.programme(tx, id, today, true));
  requireProgrammeEditor(ctx.actor, p.owner_unit_code);
  // moving a programme to another unit is the manager's
  if (b.ownerUnitCode !== p.owner_unit_code) {
    requireProgrammeEditor(ctx.actor, b.ownerUnitCode);
    await checkUnit(tx, b.ownerUnitCode);
  }
  if (p.version !== b.version || !(await repo.updateProgramme(tx, id, b.version, programmeValues(b), b.active))) throw errors.staleVersion();
  await tx.audit({
    action: b.active ? 'services.programme.update' : 'services.programme.deactivate',
    entity: 'programme',
    entityId: id,
    summary: { code: p.code, name: b.name, active: b.active },
  });
  return programmeOut(found(await repo.programme(tx, id, today)), ctx.actor);
}

// ---- sessions ----

const sessionValues = (b: SessionCreate | SessionUpdate): repo.SessionValues => ({
  title: b.title,
  startsOn: b.startsOn,
  endsOn: b.endsOn,
  place: blank(b.place),
  capacity: b.capacity,
  priorityUntil: b.priorityUntil ?? null,
  note: blank(b.note),
});

export async function createSession(tx: Tx, ctx: SignedInCtx, programmeId: string, b: SessionCreate, now: number): Promise<ProgrammeSession> {
  const today = shanghaiDate(now);
  const p = found(await repo.programme(tx, programmeId, today));
  requireProgrammeEditor(ctx.actor, p.owner_unit_code);
  if (!p.active) throw errors.conflict('该服务项目已停用，请先启用再添加场次');
  if (b.startsOn < today) throw errors.validation([{ path: 'startsOn', message: '开始日期不能早于今天' }]);
  const id = await repo.insertSession(tx, programmeId, sessionValues(b), ctx.actor.userId);
  await tx.audit({
    action: 'services.session.create',
    entity: 'programme_session',
    entityId: id,
    summary: { programmeId, startsOn: b.startsOn, capacity: b.capacity },
  });
  return sessionOut(found(await repo.session(tx, id)), new Date(now), today);
}

export async function updateSession(tx: Tx, ctx: SignedInCtx, id: string, b: SessionUpdate, now: number): Promise<ProgrammeSession> {
  const today = shanghaiDate(now);
  const s0 = found(await repo.session(tx, id));
  const p = found(await repo.programme(tx, s0.programme_id, today));
  requireProgrammeEditor(ctx.actor, p.owner_unit_code);
  await repo.lockSession(tx, id);
  const s = found(await repo.session(tx, id));
  if (s.status === 'cancelled') throw errors.conflict('该场次已取消，不能修改');
  if (s.version !== b.version) throw errors.staleVersion();
  if (b.capacity < s.taken) throw errors.validation([{ path: 'capacity', message: `名额不能少于已占用的 ${s.taken} 个` }]);
  if (!(await repo.updateSession(tx, id, b.version, sessionValues(b)))) throw errors.staleVersion();
  await tx.audit({
    action: 'services.session.update',
    entity: 'programme_session',
    entityId: id,
    summary: { capacity: [s.capacity, b.capacity], priorityUntil: b.priorityUntil ?? null, startsOn: b.startsOn },
  });
  // more places, or a window closed earlier: the wait list moves up
  await promoteAndTell(tx, id, new Date(now));
  return sessionOut(found(await repo.session(tx, id)), new Date(now), today);
}

export async function cancelSession(tx: Tx, ctx: SignedInCtx, id: string, b: SessionCancel, now: number): Promise<ProgrammeSession> {
  const today = shanghaiDate(now);
  const s0 = found(await repo.session(tx, id));
  const p = found(await repo.programme(tx, s0.programme_id, today));
  requireProgrammeEditor(ctx.actor, p.owner_unit_code);
  await repo.lockSession(tx, id);
  const s = found(await repo.session(tx, id));
  if (s.status === 'cancelled') throw errors.conflict('该场次已取消');
  if (s.version !== b.version || !(await repo.cancelSession(tx, id, b.version, b.reason))) throw errors.staleVersion();
  const cancelled = await repo.cancelSessionBookings(tx, id, `场次取消：${b.reason}`, new Date(now));
  await tellBookers(tx, cancelled, id, (label, session) => ({
    title: '服务场次已取消',
    body: `${session} 已取消（原因：${b.reason}），${label} 的预约随之取消。`,
  }));
  await tx.audit({
    action: 'services.session.cancel',
    entity: 'programme_session',
    entityId: id,
    summary: { programmeId: p.id, bookingsCancelled: cancelled.length },
    reason: b.reason,
  });
  return sessionOut(found(await repo.session(tx, id)), new Date(now), today);
}

// ---- priority rules ----

export async function rulesOf(tx: Tx): Promise<PriorityRule[]> {
  return (await repo.rules(tx.client)).map((r) => ({
    code: r.code,
    rank: r.rank,
    name: r.name,
    categories: r.categories,
    duringWindow: r.during_window,
    active: r.active,
  }));
}

export async function updateRule(tx: Tx, ctx: SignedInCtx, code: string, b: PriorityRuleUpdate): Promise<PriorityRuleOut> {
  const known: readonly string[] = CHILD_CATEGORIES;
  const unknown = b.categories.filter((c) => !known.includes(c));
  if (unknown.length) throw errors.validation([{ path: 'categories', message: `未知的儿童类别：${unknown.join('、')}` }]);
  const before = (await repo.rules(tx.client)).find((r) => r.code === code);
  if (!before) throw errors.notFound('未找到该优先档次');
  const after = {
    name: b.name,
    nameEn: blank(b.nameEn) ?? '',
    categories: [...new Set(b.categories)],
    duringWindow: b.duringWindow,
    active: b.active,
    note: blank(b.note),
  };
  await repo.updateRule(tx, code, after, ctx.actor.userId);
  const all = await repo.rules(tx.client);
  if (!all.some((r) => r.active)) throw errors.validation([{ path: 'active', message: '至少保留一个启用的优先档次' }]);
  // the history of the rules is the audit log: what it was and what it became
  await tx.audit({
    action: 'services.priorityRule.update',
    entity: 'booking_priority_rule',
    entityId: null,
    summary: {
      code,
      before: { name: before.name, categories: before.categories, duringWindow: before.during_window, active: before.active },
      after: { name: after.name, categories: after.categories, duringWindow: after.duringWindow, active: after.active },
    },
  });
  return ruleOut(found(all.find((r) => r.code === code) ?? null));
}

// ---- bookings ----

export async function book(tx: Tx, ctx: SignedInCtx, sessionId: string, b: BookingCreate, nowMs: number): Promise<Booking> {
  const a = ctx.actor;
  const now = new Date(nowMs);
  const today = shanghaiDate(nowMs);
  const s0 = found(await repo.session(tx, sessionId));
  const p = found(await repo.programme(tx, s0.programme_id, today));
  const rules = await rulesOf(tx);

  let participant: { kind: 'child' | 'guardian' | 'external'; childId: string | null; memberId: string | null; externalName: string | null; label: string };
  let tier: PriorityRule | null;
  const external = blank(b.externalName);
  if (external) {
    if (!isOwner(a, p.owner_unit_code)) throw errors.forbidden('只有项目主办单位可以登记档案外的参加人');
    if (p.audience === 'guardian') throw errors.validation([{ path: 'externalName', message: '监护人课程请从儿童档案中选择监护人预约' }]);
    participant = { kind: 'external', childId: null, memberId: null, externalName: external, label: `${maskName(external) ?? '*'}（档案外）` };
    tier = lastTier(rules);
  } else {
    if (!has(a, 'services.book')) throw errors.forbidden('您没有为儿童预约服务的权限');
    const childId = b.childId ?? '';
    const c = await repo.child(tx, childId, today);
    if (!c) throw errors.notFound('未找到该儿童，或不在您的权限范围内');
    if (c.status !== 'active') throw errors.validation([{ path: 'childId', message: '该儿童不在册（档案已注销或转出），不能预约' }]);
    const age = ageOn(c.birth_date, s0.starts_on);
    const tooOld = ageRefusal(age, p.min_age, p.max_age);
    if (tooOld) throw errors.validation([{ path: 'childId', message: tooOld }]);
    let memberId: string | null = null;
    let label = rosterLabel(maskName(c.name) ?? '*', age);
    if (p.audience === 'guardian') {
      const g = (await repo.guardians(tx, childId)).find((m) => m.id === b.memberId);
      if (!g) throw errors.validation([{ path: 'memberId', message: '该课程面向监护人，请选择该儿童的一位监护人' }]);
      memberId = g.id;
      label = `${maskName(g.name) ?? '*'}（${g.relation}）· 儿童 ${age}岁`;
    } else if (b.memberId) {
      throw errors.validation([{ path: 'memberId', message: '该项目面向儿童本人，不能选择监护人' }]);
    }
    participant = { kind: memberId ? 'guardian' : 'child', childId, memberId, externalName: null, label };
    tier = tierFor(c.categories, rules) ?? lastTier(rules);
  }
  if (!tier) throw errors.conflict('尚未设置预约优先档次，请联系区民政局');

  // One at a time per session from here: the lock queues concurrent requests for the same places.
  await repo.lockSession(tx, sessionId);
  const s = found(await repo.session(tx, sessionId));
  const refusal = sessionRefusal(s, p.mode, p.active, today);
  if (refusal) throw errors.conflict(refusal);
  if (participant.childId && (await repo.liveBookingOf(tx, sessionId, participant.childId, participant.memberId)))
    throw errors.conflict(participant.memberId ? '该监护人已预约该场次，不能重复预约' : '该儿童已预约该场次（预留、已确认或候补中），不能重复预约');

  // those waiting ahead and allowed now go first
  await promoteAndTell(tx, sessionId, now);
  const taken = await repo.placesTaken(tx, sessionId);
  const allowed = await repo.allowedNow(tx, sessionId, tier.code, now);
  const status = taken < s.capacity && allowed ? 'reserved' : 'waitlisted';
  let id: string;
  try {
    id = await repo.insertBooking(tx, {
      sessionId,
      programmeId: p.id,
      participantKind: participant.kind,
      childId: participant.childId,
      memberId: participant.memberId,
      externalName: participant.externalName,
      displayLabel: participant.label,
      priorityCode: tier.code,
      priorityRank: tier.rank,
      status,
      now,
      expiresAt: status === 'reserved' ? new Date(nowMs + p.confirm_hours * 3_600_000) : null,
      userId: a.userId,
      unitCode: a.unitCode,
    });
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === '23505') throw errors.conflict('该参加人已预约该场次，不能重复预约');
    throw err;
  }
  await tx.audit({
    action: 'services.booking.create',
    entity: 'booking',
    entityId: id,
    summary: { sessionId, childId: participant.childId, kind: participant.kind, tier: tier.code, status },
  });
  return bookingOut(found(await repo.booking(tx, id)), a, today);
}

/** Loads a booking for a change: the session's lock first (the order every writer takes), then the booking's. */
async function lockedBooking(tx: Tx, id: string): Promise<repo.BookingRow> {
  const b0 = found(await repo.booking(tx, id));
  await repo.lockSession(tx, b0.session_id);
  return found(await repo.booking(tx, id, true));
}

export async function confirmBooking(tx: Tx, ctx: SignedInCtx, id: string, version: number, nowMs: number): Promise<Booking> {
  const b = await lockedBooking(tx, id);
  if (!canActOnBooking(ctx.actor, b)) throw errors.forbidden('只有预约单位或项目主办单位可以确认该预约');
  if (b.status !== 'reserved') throw errors.conflict(b.status === 'confirmed' ? '该预约已确认' : '只有已预留名额的预约可以确认');
  if (b.expires_at && b.expires_at.getTime() <= nowMs) throw errors.conflict('预留名额已超过确认时限，名额已释放给候补，请重新预约');
  if (b.version !== version || !(await repo.setBookingStatus(tx, id, version, 'confirmed', new Date(nowMs), null))) throw errors.staleVersion();
  await tx.audit({ action: 'services.booking.confirm', entity: 'booking', entityId: id, summary: { sessionId: b.session_id, childId: b.child_id } });
  return bookingOut(found(await repo.booking(tx, id)), ctx.actor, shanghaiDate(nowMs));
}

export async function cancelBooking(tx: Tx, ctx: SignedInCtx, id: string, body: BookingCancel, nowMs: number): Promise<Booking> {
  const b = await lockedBooking(tx, id);
  if (!canActOnBooking(ctx.actor, b)) throw errors.forbidden('只有预约单位或项目主办单位可以取消该预约');
  if (!['reserved', 'confirmed', 'waitlisted'].includes(b.status)) throw errors.conflict('该预约已结束（已取消、逾期或已登记出勤），不能取消');
  const now = new Date(nowMs);
  if (b.version !== body.version || !(await repo.setBookingStatus(tx, id, body.version, 'cancelled', now, body.reason))) throw errors.staleVersion();
  await tx.audit({
    action: 'services.booking.cancel',
    entity: 'booking',
    entityId: id,
    summary: { sessionId: b.session_id, childId: b.child_id, from: b.status },
    reason: body.reason,
  });
  // a place freed: the first waiting by rank and time takes it
  if (b.status !== 'waitlisted') await promoteAndTell(tx, b.session_id, now);
  return bookingOut(found(await repo.booking(tx, id)), ctx.actor, shanghaiDate(nowMs));
}

export async function markAttendance(tx: Tx, ctx: SignedInCtx, id: string, body: BookingAttendance, nowMs: number): Promise<Booking> {
  const today = shanghaiDate(nowMs);
  const b = await lockedBooking(tx, id);
  if (!isOwner(ctx.actor, b.owner_unit_code)) throw errors.forbidden('只有项目主办单位可以登记出勤');
  if (b.starts_on > today) throw errors.conflict('场次开始后才能登记出勤');
  if (!['reserved', 'confirmed'].includes(b.status)) throw errors.conflict('只有已预留或已确认的预约可以登记出勤');
  const to = body.attended ? 'attended' : 'absent';
  if (b.version !== body.version || !(await repo.setBookingStatus(tx, id, body.version, to, new Date(nowMs), blank(body.note)))) throw errors.staleVersion();
  await tx.audit({
    action: 'services.booking.attendance',
    entity: 'booking',
    entityId: id,
    summary: { sessionId: b.session_id, childId: b.child_id, status: to },
  });
  return bookingOut(found(await repo.booking(tx, id)), ctx.actor, today);
}
