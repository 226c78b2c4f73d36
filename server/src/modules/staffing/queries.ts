/**
 * The reads of the staffing module: the rules, the violations of the caller's area (counts under
 * the caller's row-level security), a committee's directors, and the station rosters with gaps.
 */
import { shanghaiDate } from '#common/dates.js';
import { ruleApplies, stationGaps, staffingViolations, type StaffingOverview, type StationList } from '#common/staffing.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { mayManageStation, mayReadPhones, type Caller } from './policies.js';
import { asRole, memberOut, ruleOut } from './presenters.js';
import * as repo from './repo.js';

export const callerOf = (ctx: SignedInCtx): Caller => ({
  scopeKind: ctx.actor.scope.kind,
  streets: ctx.actor.scope.streets,
  permissions: ctx.actor.permissions,
});

export async function listRules(tx: Tx) {
  return { items: (await repo.rules(tx)).map(ruleOut) };
}

/** The caller's streets: a street filter narrows them, never widens them. */
function streetsOf(ctx: SignedInCtx, street: string | undefined): string[] {
  const mine = ctx.actor.scope.streets;
  return street === undefined ? mine : mine.filter((s) => s === street);
}

export async function overview(tx: Tx, ctx: SignedInCtx, street: string | undefined, now: number): Promise<StaffingOverview> {
  const rules = await repo.rules(tx);
  const counts = await repo.committeeCounts(tx, streetsOf(ctx, street), shanghaiDate(now));
  const data = rules.map((r) => ({ code: r.code, childrenOver: r.children_over, minDirectors: r.min_directors, active: r.active }));
  const committees = counts.map((c) => ({ committeeId: c.committee_id, streetCode: c.street_code, children: c.children, directors: c.directors }));
  const violations = staffingViolations(committees, data);
  const byId = new Map(counts.map((c) => [c.committee_id, c]));
  const ruleName = new Map(rules.map((r) => [r.code, r.name]));
  const breaking = new Set(violations.map((v) => v.committeeId));
  const streets = new Map<string, { streetCode: string; streetName: string; committees: number; meeting: number; violations: number }>();
  for (const c of counts) {
    const s = streets.get(c.street_code) ?? { streetCode: c.street_code, streetName: c.street_name, committees: 0, meeting: 0, violations: 0 };
    streets.set(c.street_code, s);
    if (!ruleApplies(c, data)) continue;
    s.committees += 1;
    if (breaking.has(c.committee_id)) s.violations += 1;
    else s.meeting += 1;
  }
  const all = [...streets.values()];
  return {
    items: violations.map((v) => ({
      ...v,
      ruleName: ruleName.get(v.ruleCode) ?? v.ruleCode,
      committeeName: byId.get(v.committeeId)?.committee_name ?? '',
      streetName: byId.get(v.committeeId)?.street_name ?? '',
    })),
    streets: all,
    committees: all.reduce((n, s) => n + s.committees, 0),
    meeting: all.reduce((n, s) => n + s.meeting, 0),
  };
}

export async function committeeDirectors(tx: Tx, ctx: SignedInCtx, id: string) {
  const c = await repo.committee(tx, id);
  if (!c || !ctx.actor.scope.streets.includes(c.street_code)) throw errors.notFound('未找到该居民区，或不在您的辖区内');
  const children = await repo.committeeChildren(tx, id);
  const directors = await repo.committeeDirectors(tx, id);
  return {
    committeeId: c.id,
    committeeName: c.name,
    streetName: c.street_name,
    children,
    directors: directors.map((d) => ({ staffId: d.staff_id, name: d.name, post: d.post, since: d.since, otherCommittees: d.other_committees })),
  };
}

export async function stations(tx: Tx, ctx: SignedInCtx, history: boolean, now: number): Promise<StationList> {
  const today = shanghaiDate(now);
  const caller = callerOf(ctx);
  const phones = mayReadPhones(caller);
  // one client per transaction: the queries run one after the other
  const streets = await repo.streets(tx);
  const rows = await repo.members(tx, today, history);
  const current = history ? await repo.members(tx, today, false) : null;
  const units = await repo.activeUnits(tx);
  const cur = (current ?? rows).map((m) => ({ streetCode: m.street_code, role: asRole(m.role), since: m.since, until: m.until }));
  const gaps = stationGaps(
    streets.map((s) => s.code),
    cur,
    today,
  );
  const names = new Map(streets.map((s) => [s.code, s.name]));
  return {
    items: streets.map((s) => ({
      streetCode: s.code,
      streetName: s.name,
      members: rows.filter((m) => m.street_code === s.code).map((m) => memberOut(m, phones)),
      missing: gaps.filter((g) => g.streetCode === s.code).map((g) => g.role),
      canManage: mayManageStation(caller, s.code),
    })),
    gaps: gaps.map((g) => ({ ...g, streetName: names.get(g.streetCode) ?? g.streetCode })),
    phonesShown: phones,
    today,
    units,
  };
}
