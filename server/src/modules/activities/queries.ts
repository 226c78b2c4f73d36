/**
 * Reading activities, a child's participation, the organisers, the cadence rules and the
 * compliance lists (the pure engine of common/src/activities.ts over the organisers, their done
 * activities and the holiday calendar).
 */
import {
  compliance,
  standing,
  type Activity,
  type ActivityDetail,
  type ComplianceReport,
  type ComplianceRow,
  type Organiser,
  type OrganiserKind,
  type RuleCompliance,
} from '#common/activities.js';
import { addDays, shanghaiDate } from '#common/dates.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import type { Download } from '../files/presenters.js';
import { complianceStreets, mayReadAttachments, refusal, remitOf, type OrganiserRef, type Remit } from './policies.js';
import { activityOut, attachmentOut, childActivityOut, participantOut, ruleOut } from './presenters.js';
import * as repo from './repo.js';

async function remitFor(tx: Tx, ctx: SignedInCtx): Promise<Remit> {
  return remitOf(ctx.actor, await repo.unit(tx, ctx.actor.unitCode));
}

export function organiserRefOf(a: repo.ActivityRow): OrganiserRef {
  switch (a.organiser_kind) {
    case 'committee':
      return { kind: 'committee', committeeId: a.committee_id ?? '', street: a.committee_street ?? a.street_code ?? '' };
    case 'station':
      return { kind: 'station', street: a.street_code ?? '' };
    case 'school':
      return { kind: 'school', siteStreet: a.street_code };
    case 'department':
      return { kind: 'department', unitCode: a.unit_code };
  }
}

export async function listActivities(tx: Tx, ctx: SignedInCtx, q: repo.ActivityFilter & { page: number; pageSize: number }) {
  const r = await remitFor(tx, ctx);
  const { rows, total } = await repo.listActivities(tx, q, q.pageSize, (q.page - 1) * q.pageSize);
  const items: Activity[] = rows.map((a) => activityOut(a, a.status !== 'cancelled' && refusal(r, organiserRefOf(a)) === null));
  return { items, total, page: q.page, pageSize: q.pageSize };
}

export async function activityDetail(tx: Tx, ctx: SignedInCtx, id: string): Promise<ActivityDetail> {
  const a = await repo.activity(tx, id);
  if (!a) throw errors.notFound('未找到该活动');
  const r = await remitFor(tx, ctx);
  const ref = organiserRefOf(a);
  const photos = mayReadAttachments(ctx.actor, r, ref, a.street_code, a.committee_id) ? await repo.attachments(tx, id) : [];
  return {
    ...activityOut(a, a.status !== 'cancelled' && refusal(r, ref) === null),
    participantList: (await repo.participants(tx, id)).map(participantOut),
    attachmentList: photos.map(attachmentOut),
  };
}

export async function attachmentDownload(tx: Tx, ctx: SignedInCtx, id: string, attachmentId: string): Promise<Download> {
  const a = await repo.activity(tx, id);
  if (!a) throw errors.notFound('未找到该活动');
  if (!mayReadAttachments(ctx.actor, await remitFor(tx, ctx), organiserRefOf(a), a.street_code, a.committee_id)) throw errors.notFound('未找到该附件');
  const f = await repo.attachmentContent(tx, id, attachmentId);
  if (!f) throw errors.notFound('未找到该附件');
  await tx.audit({ action: 'activity.attachment.download', entity: 'activity', entityId: id, summary: { attachmentId } });
  return { filename: f.filename, mime: f.mime, content: f.content, sandbox: true };
}

export async function childActivities(tx: Tx, childId: string) {
  if (!(await repo.childVisible(tx, childId))) throw errors.notFound();
  const items = (await repo.childActivities(tx, childId)).map(childActivityOut);
  return { items, total: items.length };
}

export async function organisers(tx: Tx, ctx: SignedInCtx, q: { kind?: OrganiserKind; street?: string }): Promise<{ items: Organiser[] }> {
  const r = await remitFor(tx, ctx);
  const streets = q.street ? [q.street] : null;
  const out: Organiser[] = [];
  const add = (kind: OrganiserKind, rows: repo.OrganiserRow[], ref: (o: repo.OrganiserRow) => OrganiserRef) => {
    for (const o of rows)
      out.push({ kind, key: o.key, name: o.name, streetCode: o.street_code, streetName: o.street_name, writable: refusal(r, ref(o)) === null });
  };
  if (!q.kind || q.kind === 'committee')
    add('committee', await repo.committees(tx, streets), (o) => ({ kind: 'committee', committeeId: o.key, street: o.street_code ?? '' }));
  if (!q.kind || q.kind === 'station') add('station', await repo.stations(tx, streets), (o) => ({ kind: 'station', street: o.key }));
  if (!q.kind || q.kind === 'school')
    add('school', await repo.schools(tx, streets, ['school', 'kindergarten']), (o) => ({ kind: 'school', siteStreet: o.street_code }));
  if (!q.kind || q.kind === 'department') add('department', await repo.departments(tx), (o) => ({ kind: 'department', unitCode: o.key }));
  return { items: out };
}

export async function listRules(tx: Tx) {
  return { items: (await repo.rules(tx)).map(ruleOut) };
}

const ORDER = { overdue: 0, due: 1, undetermined: 2, done: 3 } as const;

/**
 * Per active rule, where each organiser stands on `now`'s day. A street sees its own street (the
 * query's street must be one of its own), a child director the streets of its committees, the
 * district and the departments every street or the one asked for.
 */
export async function complianceReport(tx: Tx, ctx: SignedInCtx, q: { street?: string; rule?: string }, now: number): Promise<ComplianceReport> {
  const day = shanghaiDate(now);
  const own = complianceStreets(ctx.actor, ctx.actor.scope.kind === 'committee' ? await repo.streetsOfCommittees(tx, ctx.actor.scope.committees) : []);
  if (q.street && own && !own.includes(q.street)) throw errors.forbidden('只能查看本辖区的活动频次达标情况');
  const streets = q.street ? [q.street] : own;
  const r = await remitFor(tx, ctx);
  const holidays = (await repo.holidays(tx)).map((h) => ({ startsOn: h.starts_on, endsOn: h.ends_on }));
  // two years back covers the last closed period of every rule (a year, a quarter, a term)
  const from = addDays(day, -800);
  const out: RuleCompliance[] = [];
  for (const rule of await repo.rules(tx)) {
    if (!rule.active || (q.rule && rule.code !== q.rule)) continue;
    let orgs: repo.OrganiserRow[];
    let refOf: (o: repo.OrganiserRow) => OrganiserRef;
    if (rule.organiser_kind === 'committee') {
      orgs = await repo.committees(tx, streets);
      if (ctx.actor.scope.kind === 'committee' && !q.street) orgs = orgs.filter((o) => ctx.actor.scope.committees.includes(o.key));
      refOf = (o) => ({ kind: 'committee', committeeId: o.key, street: o.street_code ?? '' });
    } else if (rule.organiser_kind === 'station') {
      orgs = await repo.stations(tx, streets);
      refOf = (o) => ({ kind: 'station', street: o.key });
    } else {
      orgs = await repo.schools(tx, streets, rule.site_kinds.length ? rule.site_kinds : ['school', 'kindergarten']);
      refOf = (o) => ({ kind: 'school', siteStreet: o.street_code });
    }
    const done = (await repo.doneActivities(tx, rule.organiser_kind, from, day)).map((a) => ({
      organiser: a.organiser,
      heldOn: a.held_on,
      kind: a.kind,
      guardiansContacted: a.guardians_contacted,
    }));
    const result = compliance(
      {
        code: rule.code,
        period: rule.period,
        activityKinds: rule.activity_kinds,
        minCount: rule.min_count,
        requireGuardianContact: rule.require_guardian_contact,
      },
      orgs.map((o) => o.key),
      done,
      holidays,
      day,
    );
    const rows: ComplianceRow[] = result.map((c, i) => {
      const o = orgs[i];
      if (!o) throw new Error('organiser list out of step');
      return {
        organiserKind: rule.organiser_kind,
        key: o.key,
        name: o.name,
        streetCode: o.street_code,
        streetName: o.street_name,
        standing: standing(c),
        current: c.current,
        lastClosed: c.lastClosed,
        lastHeldOn: c.lastHeldOn,
        writable: refusal(r, refOf(o)) === null,
      };
    });
    rows.sort((a, b) => ORDER[a.standing] - ORDER[b.standing]);
    const count = (s: ComplianceRow['standing']) => rows.filter((x) => x.standing === s).length;
    out.push({
      rule: ruleOut(rule),
      counts: { overdue: count('overdue'), due: count('due'), done: count('done'), undetermined: count('undetermined'), total: rows.length },
      rows,
    });
  }
  return { day, streetCode: streets && streets.length === 1 ? (streets[0] ?? null) : null, rules: out };
}
