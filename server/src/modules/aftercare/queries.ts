/**
 * Reading 返家监护监督与临时照料: a child's supervisions and placements (at the caller's depth), the
 * overdue follow-ups (the street's list under row-level security; the procuratorate's masked list),
 * the follow-ups waiting on the caller as a supervisor, the current placements, the schedule.
 * Every read of guardianship content writes its audit row (writing an audit row is a query's only
 * write, as in every guardianship module).
 */
import type {
  AftercareSettings,
  ChildAftercare,
  MaskedOverdueList,
  MyFollowupList,
  OverdueList,
  PlacementList,
  SupervisorCandidateList,
} from '#common/aftercare.js';
import type { z } from 'zod';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import type { FieldCrypto } from '../../crypto/fieldCrypto.js';
import { requireDepth, requireWrite } from '../guardianship/policies.js';
import { presentPlacement, presentSupervision } from './presenters.js';
import * as repo from './repo.js';
import { daysOverdue } from './schedule.js';

const NOT_FOUND = '未找到该儿童，或不在您的权限范围内';

/** The child's aftercare at the caller's depth, without an audit row (commands answer with it). */
export async function childAftercareOf(tx: Tx, ctx: SignedInCtx, childId: string, crypto: FieldCrypto, today: string): Promise<ChildAftercare> {
  const actor = ctx.actor;
  const supervisor = await repo.isSupervisorOf(tx, childId, actor.userId);
  const depth = requireDepth(actor, { supervisor });
  const child = await repo.child(tx, childId);
  const sups = await repo.supervisionsOf(tx, childId);
  // The supervisor outside the child's area reaches the child through the supervision only.
  if (!child && !sups.length) throw errors.notFound(NOT_FOUND);
  const fus = await repo.followupsOf(
    tx,
    sups.map((s) => s.id),
  );
  const placements = child ? await repo.placementsOf(tx, childId) : [];
  return {
    depth,
    supervisions: sups.map((s) =>
      presentSupervision(
        s,
        fus.filter((f) => f.supervision_id === s.id),
        depth,
        actor,
        today,
        crypto,
      ),
    ),
    placements: placements.map((p) => presentPlacement(p, depth, actor, today)),
    canWrite: actor.permissions.has('guardianship.write') && child !== undefined,
  };
}

/** GET: the same, and the view recorded. */
export async function childAftercare(tx: Tx, ctx: SignedInCtx, childId: string, crypto: FieldCrypto, today: string): Promise<ChildAftercare> {
  const r = await childAftercareOf(tx, ctx, childId, crypto, today);
  await tx.audit({
    action: 'guardianship.aftercare.view',
    entity: 'child',
    entityId: childId,
    summary: { depth: r.depth, supervisions: r.supervisions.length, placements: r.placements.length },
  });
  return r;
}

export async function candidates(tx: Tx, ctx: SignedInCtx, childId: string): Promise<z.infer<typeof SupervisorCandidateList>> {
  requireWrite(ctx.actor);
  if (!(await repo.child(tx, childId))) throw errors.notFound(NOT_FOUND);
  const rows = await repo.candidates(tx, childId);
  await tx.audit({ action: 'guardianship.supervision.candidates', entity: 'child', entityId: childId, summary: { count: rows.length } });
  return { items: rows.map((r) => ({ id: r.id, displayName: r.display_name, unitName: r.unit_name, roles: r.roles })) };
}

export async function overdue(tx: Tx, q: { page: number; pageSize: number }, today: string): Promise<z.infer<typeof OverdueList>> {
  const { rows, total } = await repo.overdue(tx, today, q.pageSize, (q.page - 1) * q.pageSize);
  await tx.audit({ action: 'guardianship.followups.overdue.view', summary: { page: q.page, total } });
  return {
    items: rows.map((r) => ({
      followupId: r.followup_id,
      supervisionId: r.supervision_id,
      childId: r.child_id,
      childName: r.child_name,
      streetName: r.street_name,
      committeeName: r.committee_name,
      supervisorName: r.supervisor_name,
      dueOn: r.due_on,
      daysOverdue: daysOverdue(r.due_on, null, today),
      version: r.version,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function maskedOverdue(tx: Tx, q: { page: number; pageSize: number }, today: string): Promise<z.infer<typeof MaskedOverdueList>> {
  const { rows, total } = await repo.maskedOverdue(tx, today, q.pageSize, (q.page - 1) * q.pageSize);
  await tx.audit({ action: 'guardianship.followups.oversight.view', summary: { page: q.page, total } });
  return {
    items: rows.map((r) => ({
      followupId: r.followup_id,
      childMasked: r.child_masked,
      streetName: r.street_name,
      committeeName: r.committee_name,
      supervisorName: r.supervisor_name,
      dueOn: r.due_on,
      daysOverdue: r.days_overdue,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function mine(tx: Tx, ctx: SignedInCtx, today: string): Promise<z.infer<typeof MyFollowupList>> {
  const rows = await repo.mine(tx, ctx.actor.userId);
  if (rows.length) await tx.audit({ action: 'guardianship.followups.mine.view', summary: { count: rows.length } });
  return {
    items: rows.map((r) => ({
      followupId: r.followup_id,
      supervisionId: r.supervision_id,
      childId: r.child_id,
      childName: r.child_name,
      dueOn: r.due_on,
      daysOverdue: daysOverdue(r.due_on, null, today),
      version: r.version,
    })),
  };
}

export async function placements(
  tx: Tx,
  ctx: SignedInCtx,
  q: { status: 'current' | 'ended' | 'all'; page: number; pageSize: number },
  today: string,
): Promise<z.infer<typeof PlacementList>> {
  const depth = requireDepth(ctx.actor);
  const { rows, total } = await repo.listPlacements(tx, q.status, q.pageSize, (q.page - 1) * q.pageSize);
  await tx.audit({ action: 'guardianship.placements.view', summary: { status: q.status, page: q.page, total } });
  return { items: rows.map((p) => presentPlacement(p, depth, ctx.actor, today)), total, page: q.page, pageSize: q.pageSize };
}

export async function settings(tx: Tx): Promise<AftercareSettings> {
  const s = await repo.settings(tx);
  return {
    firstIntervalDays: s.first_interval_days,
    firstPeriodDays: s.first_period_days,
    laterIntervalDays: s.later_interval_days,
    version: s.version,
    updatedAt: s.updated_at ? s.updated_at.toISOString() : null,
  };
}
