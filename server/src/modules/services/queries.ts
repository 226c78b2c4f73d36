/** Reading the catalogue, a child's bookings, what a child may book, a session's roster (audited) and the priority tiers. */
import { ageOn, shanghaiDate } from '#common/dates.js';
import { lastTier, tierFor, type Bookable, type ChildBookings, type ProgrammeDetail, type ProgrammeListQuery, type Roster } from '#common/services.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { rulesOf } from './commands.js';
import { has, isOwner } from './policies.js';
import { bookingOut, programmeOut, ruleOut, sessionOut } from './presenters.js';
import * as repo from './repo.js';

export async function listProgrammes(tx: Tx, ctx: SignedInCtx, q: ProgrammeListQuery, nowMs: number) {
  const { rows, total } = await repo.listProgrammes(
    tx,
    {
      today: shanghaiDate(nowMs),
      kind: q.kind,
      audience: q.audience,
      age: q.age,
      ownerUnit: q.ownerUnit || undefined,
      hasOpen: q.hasOpen === undefined ? undefined : q.hasOpen === 'true',
      includeInactive: q.includeInactive === 'true',
      q: q.q || undefined,
    },
    q.pageSize,
    (q.page - 1) * q.pageSize,
  );
  return { items: rows.map((r) => programmeOut(r, ctx.actor)), total, page: q.page, pageSize: q.pageSize };
}

export async function programmeDetail(tx: Tx, ctx: SignedInCtx, id: string, nowMs: number): Promise<ProgrammeDetail> {
  const today = shanghaiDate(nowMs);
  const p = await repo.programme(tx, id, today);
  if (!p) throw errors.notFound('未找到该服务项目');
  const sessions = await repo.sessionsOf(tx, [id], null);
  return { programme: programmeOut(p, ctx.actor), sessions: sessions.map((s) => sessionOut(s, new Date(nowMs), today)) };
}

export async function childBookings(tx: Tx, ctx: SignedInCtx, childId: string, nowMs: number): Promise<ChildBookings> {
  const today = shanghaiDate(nowMs);
  const c = await repo.child(tx, childId, today);
  if (!c) throw errors.notFound();
  const rows = await repo.bookingsOfChild(tx, childId);
  return { items: rows.map((b) => bookingOut(b, ctx.actor, today)), canBook: has(ctx.actor, 'services.book') && c.status === 'active' };
}

/** The group programmes open for the child's age (or its guardians'), with their sessions still taking bookings. */
export async function bookable(tx: Tx, ctx: SignedInCtx, childId: string, nowMs: number): Promise<Bookable> {
  const today = shanghaiDate(nowMs);
  const c = await repo.child(tx, childId, today);
  if (!c) throw errors.notFound();
  const age = ageOn(c.birth_date, today);
  const rules = await rulesOf(tx);
  const tier = tierFor(c.categories, rules) ?? lastTier(rules);
  const { rows } = await repo.listProgrammes(tx, { today, hasOpen: true, includeInactive: false, mode: 'group' }, 200, 0);
  // the age on each session's first day decides at booking; here a year's margin keeps next summer's sessions in view
  const fits = rows.filter((p) => p.audience === 'guardian' || ((p.min_age === null || age + 1 >= p.min_age) && (p.max_age === null || age <= p.max_age)));
  const sessions = await repo.sessionsOf(
    tx,
    fits.map((p) => p.id),
    today,
  );
  const now = new Date(nowMs);
  return {
    age,
    tierName: tier?.name ?? '',
    members: await repo.guardians(tx, childId),
    items: fits
      .map((p) => ({
        programme: programmeOut(p, ctx.actor),
        sessions: sessions.filter((s) => s.programme_id === p.id).map((s) => sessionOut(s, now, today)),
      }))
      .filter((x) => x.sessions.length > 0),
  };
}

/** A session's roster for its owner unit: masked labels and tiers only; every view is audited. */
export async function roster(tx: Tx, ctx: SignedInCtx, sessionId: string, nowMs: number): Promise<Roster> {
  const today = shanghaiDate(nowMs);
  const s = await repo.session(tx, sessionId);
  if (!s) throw errors.notFound('未找到该场次');
  const p = await repo.programme(tx, s.programme_id, today);
  if (!p) throw errors.notFound('未找到该场次');
  if (!isOwner(ctx.actor, p.owner_unit_code)) throw errors.forbidden('只有项目主办单位可以查看场次名单');
  const rows = await repo.bookingsOfSession(tx, sessionId);
  await tx.audit({ action: 'services.roster.view', entity: 'programme_session', entityId: sessionId, summary: { programmeId: p.id, bookings: rows.length } });
  return {
    session: sessionOut(s, new Date(nowMs), today),
    programme: programmeOut(p, ctx.actor),
    items: rows.map((b) => bookingOut(b, ctx.actor, today)),
  };
}

export async function listRules(tx: Tx) {
  return { items: (await repo.rules(tx.client)).map(ruleOut) };
}
