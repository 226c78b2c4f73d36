/**
 * Changes to problems found about a child (发现问题和解决方案), each with its audit row:
 * open → in_progress → resolved; any unresolved → escalated (to the street office or a district
 * department, who are notified); escalated → in_progress / resolved; resolved → open (reopened).
 */
import type { z } from 'zod';
import {
  PROBLEM_CATEGORY_ZH,
  SEVERITY_ZH,
  type ProblemComment,
  type ProblemCreate,
  type ProblemDetail,
  type ProblemEscalate,
  type ProblemEvent,
  type ProblemStatusChange,
} from '#common/casework.js';
import { addDays, shanghaiDate } from '#common/dates.js';
import { maskName } from '#common/mask.js';
import type { SignedInCtx, Tx } from '../../../core/context.js';
import { notify, recipientsWhoCan, routeToThoseWhoCan } from '../../notifications/notify.js';
import {
  activeUnit,
  currentVersion,
  enforce,
  escalatable,
  escalationTarget,
  problemDueOn,
  resolvedOn as resolvedOnRule,
  statusChange,
  TRANSITIONS,
} from '../policies.js';
import { problemDetail, problemRow, visibleChild } from '../queries.js';
import * as areas from '../repo/areas.js';
import * as repo from '../repo/problems.js';
import { completeReferralsOf, referEscalatedProblem } from '../../referrals/flows.js';
import { raiseMandatoryReport } from './mandatoryReports.js';

export type ProblemCategory = 'living' | 'safety' | 'health' | 'schooling' | 'guardianship' | 'psychology' | 'policy' | 'other';
export type ProblemSeverity = 'high' | 'medium' | 'low';

export interface NewProblem {
  childId: string;
  description: string;
  category: ProblemCategory;
  severity: ProblemSeverity;
  responsibleUnit?: string | null;
  /** YYYY-MM-DD; when absent: high 7 days, medium 14, low 30 after today. */
  dueOn?: string | null;
  visitId?: string | null;
  /** YYYY-MM-DD (Shanghai). Takes precedence over `now`. */
  today?: string;
}

/** Days allowed to resolve a problem, by severity, when no due date is given. */
export const DEFAULT_DUE_DAYS: Record<ProblemSeverity, number> = { high: 7, medium: 14, low: 30 };

export function defaultDueOn(severity: ProblemSeverity, today: string): string {
  return addDays(today, DEFAULT_DUE_DAYS[severity]);
}

/**
 * Inserts the problem, its 'created' event and the audit row, in the caller's transaction. Used by
 * the casework routes and by the visits module (a problem found on a visit carries its `visitId`).
 * The problem's street and committee are copied from the child by a trigger; a child outside the
 * caller's scope makes that trigger (or the row-level security check) fail with SQL error 42501,
 * which the application answers with 404.
 * `now` is the server clock in milliseconds (pass `deps.clock()`); defaults to `Date.now()`.
 */
export async function createProblem(tx: Tx, input: NewProblem, now: number = Date.now()): Promise<{ id: string }> {
  const actor = tx.ctx.actor;
  const today = input.today ?? shanghaiDate(now);
  const dueOn = input.dueOn ?? defaultDueOn(input.severity, today);
  const id = await repo.insertProblem(tx, {
    childId: input.childId,
    description: input.description,
    category: input.category,
    severity: input.severity,
    responsibleUnit: input.responsibleUnit ?? null,
    dueOn,
    visitId: input.visitId ?? null,
    createdBy: actor?.userId ?? null,
  });
  await repo.insertCreatedEvent(tx, id, input.childId, actor?.userId ?? null, actor?.username ?? null);
  await tx.audit({
    action: 'problem.create',
    entity: 'problem',
    entityId: id,
    summary: { childId: input.childId, category: input.category, severity: input.severity },
  });
  // A serious safety problem (injury, suspected abuse) raises the mandatory-report duty at once.
  await raiseMandatoryReport(tx, { id, childId: input.childId, category: input.category, severity: input.severity });
  return { id };
}

/** 登记发现的问题 from the casework pages (未填期限时：高 7 天、中 14 天、低 30 天). */
export async function create(tx: Tx, _me: SignedInCtx, b: z.infer<typeof ProblemCreate>, now: number): Promise<ProblemDetail> {
  const today = shanghaiDate(now);
  enforce(problemDueOn(b.dueOn, today));
  await visibleChild(tx, b.childId);
  if (b.responsibleUnit) activeUnit(await areas.findUnit(tx, b.responsibleUnit), 'responsibleUnit');
  const { id } = await createProblem(tx, {
    childId: b.childId,
    description: b.description,
    category: b.category,
    severity: b.severity,
    responsibleUnit: b.responsibleUnit || null,
    dueOn: b.dueOn ?? null,
    today,
  });
  return problemDetail(tx, id, today);
}

async function addEvent(
  tx: Tx,
  me: SignedInCtx,
  p: { id: string; child_id: string },
  kind: ProblemEvent['kind'],
  from: string | null,
  to: string | null,
  note: string | null,
) {
  await repo.insertEvent(tx, { problemId: p.id, childId: p.child_id, userId: me.actor.userId, username: me.actor.username, kind, from, to, note });
}

/**
 * A status change. Resolving a problem escalated to a department completes the referral that
 * carries it (协同), but the one being completed now (`opts.fromReferral`).
 */
export async function changeStatus(
  tx: Tx,
  me: SignedInCtx,
  id: string,
  b: z.infer<typeof ProblemStatusChange>,
  now: number,
  opts: { fromReferral?: string } = {},
): Promise<ProblemDetail> {
  const today = shanghaiDate(now);
  const p = await problemRow(tx, id, true);
  enforce(currentVersion(p, b.version));
  enforce(statusChange(p.status, b.to));
  let resolution: string | null = null;
  let resolvedOn: string | null = null;
  let dueOn = p.due_on;
  if (b.to === 'resolved') {
    resolution = b.resolution ?? null;
    resolvedOn = b.resolvedOn ?? today;
    enforce(resolvedOnRule(resolvedOn, p.created_at, today));
  } else if (b.to === 'open' && (!dueOn || dueOn < today)) {
    // A reopened problem gets a fresh deadline, otherwise it would be overdue at once.
    dueOn = defaultDueOn(p.severity, today);
  }
  await repo.updateProblemStatus(tx, p.id, { status: b.to, resolution, resolvedOn, dueOn });
  await addEvent(
    tx,
    me,
    p,
    TRANSITIONS[b.to].event,
    p.status,
    b.to,
    b.to === 'resolved' ? (b.note ? `${resolution}\n${b.note}` : resolution) : (b.note ?? null),
  );
  await tx.audit({
    action: 'problem.status',
    entity: 'problem',
    entityId: p.id,
    summary: { childId: p.child_id, status: { from: p.status, to: b.to }, resolvedOn },
  });
  if (b.to === 'resolved')
    await completeReferralsOf(tx, me, { kind: 'problem', id: p.id }, `问题已解决：${resolution ?? ''}`, 'done', opts.fromReferral ?? null);
  return problemDetail(tx, p.id, today);
}

export async function escalate(
  tx: Tx,
  me: SignedInCtx,
  id: string,
  b: z.infer<typeof ProblemEscalate>,
  now: number,
): Promise<ProblemDetail & { notified: number }> {
  const today = shanghaiDate(now);
  const p = await problemRow(tx, id, true);
  enforce(currentVersion(p, b.version));
  enforce(escalatable(p));
  const unit = activeUnit(await areas.findUnit(tx, b.toUnit), 'toUnit');
  enforce(escalationTarget(p, unit));
  const ownStreetOffice = unit.kind === 'street' && unit.street_code === p.street_code;
  await repo.markEscalated(tx, p.id, unit.code);
  await addEvent(tx, me, p, 'escalated', p.status, 'escalated', `上报至${unit.name}：${b.note}`);

  // Only people who can act on the problem (casework.write over the child) are told. A department
  // receives the problem as a referral (协同), which opens the problem to its handlers and tells
  // them; a department that could not be reached at all would be reached through 区民政局, and the
  // text says so.
  const area = { childId: p.child_id, streetCode: p.street_code, committeeId: p.committee_id };
  const noneUnreachable: string[] = [];
  const referred = !ownStreetOffice && unit.code !== me.actor.unitCode;
  const { users, unreachable } = ownStreetOffice
    ? { users: await recipientsWhoCan(tx, { streetOffices: [p.street_code], permission: 'casework.write', area }), unreachable: noneUnreachable }
    : await routeToThoseWhoCan(tx, { units: [unit.code], permission: 'casework.write', area, referred: referred ? [unit.code] : [] });
  const relay = unreachable.length ? `（${unit.name}暂不能在平台查看儿童档案，已转区民政局协调，请向${unit.name}通报）` : '';
  const masked = maskName(p.child_name) ?? '*';
  // The note is free text addressed to the unit: the child's full name, if typed, is masked there too.
  const note = b.note.split(p.child_name).join(masked);
  const category = PROBLEM_CATEGORY_ZH[p.category];
  const notified = await notify(tx, users, {
    kind: 'problem.escalated',
    title: `问题上报：${p.street_name} ${masked}（${category}）`,
    body: `${p.street_name}${p.committee_name} ${masked} 的${category}问题（严重程度：${SEVERITY_ZH[p.severity]}${p.due_on ? `，期限 ${p.due_on}` : ''}）已上报至${unit.name}${relay}，请协调处理。上报说明：${note}`,
    entity: 'problem',
    entityId: p.id,
    streetCode: p.street_code,
  });
  const referral = referred
    ? await referEscalatedProblem(
        tx,
        me,
        p,
        unit.code,
        `${category}问题（严重程度：${SEVERITY_ZH[p.severity]}）：${p.description}\n上报说明：${b.note}`,
        users,
        now,
        today,
      )
    : null;
  await tx.audit({
    action: 'problem.escalate',
    entity: 'problem',
    entityId: p.id,
    summary: { childId: p.child_id, from: p.status, toUnit: unit.code, notified, ...(referral ? { referralId: referral.id } : {}) },
  });
  // Told: those of the problem's notice and the department's handlers told by the referral's.
  return { ...(await problemDetail(tx, p.id, today)), notified: notified + (referral?.told ?? 0) };
}

export async function comment(tx: Tx, me: SignedInCtx, id: string, b: z.infer<typeof ProblemComment>, now: number): Promise<ProblemDetail> {
  const p = await problemRow(tx, id);
  await addEvent(tx, me, p, 'comment', null, null, b.note);
  await tx.audit({ action: 'problem.comment', entity: 'problem', entityId: p.id, summary: { childId: p.child_id } });
  return problemDetail(tx, p.id, shanghaiDate(now));
}
