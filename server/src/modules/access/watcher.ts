/**
 * 批量查阅预警 (requirement 26): every audited view of a child (the file, an unmasked value, the
 * family's contacts, a referral's child view, an emergency read) leaves one light row in
 * access_views, in the same transaction as its audit row. Two index lookups per view count the
 * user's distinct files in the window:
 *   - `access.bulk-view`: bulk_view_files or more in bulk_view_minutes;
 *   - `access.unusual-area`: unusual_files or more in the window outside the committees the user
 *     viewed in the unusual_history_days before it (a committee-scoped user: outside their own).
 * One alert per user per kind per window (access_watch_marks), to the audit administrators.
 */
import { type AuditEntry, type Tx, watchAudit } from '../../core/context.js';
import { alertAuditors } from '../../http/securityAlert.js';
import * as repo from './repo.js';

/** The audited actions that are a view of one child's data (entity 'child'). */
export const VIEW_ACTIONS: ReadonlySet<string> = new Set([
  'child.view',
  'child.unmask',
  'child.member.unmask',
  'child.contact.reveal',
  'referral.child-view',
  'access.grant.view',
]);

const MINUTE = 60_000;
const DAY = 86_400_000;

export async function noteView(tx: Tx, childId: string): Promise<void> {
  const actor = tx.ctx.actor;
  if (!actor) return;
  const at = tx.ctx.at ?? new Date();
  await repo.insertView(tx, actor.userId, childId, at);
  const s = await repo.settings(tx);
  const windowMs = s.bulk_view_minutes * MINUTE;
  const since = new Date(at.getTime() - windowMs);
  const files = await repo.filesInWindow(tx, actor.userId, since, at);
  if (files >= s.bulk_view_files && (await repo.claimAlert(tx, actor.userId, 'access.bulk-view', at, since))) {
    await alertAuditors(tx, {
      kind: 'access.bulk-view',
      severity: 'warning',
      title: '批量查阅预警：' + actor.displayName + '（' + actor.username + '）' + s.bulk_view_minutes + ' 分钟内查阅 ' + files + ' 份儿童档案',
      body:
        '账户 ' + actor.username + ' 在 ' + s.bulk_view_minutes + ' 分钟内查阅了 ' + files + ' 份儿童档案（阈值 ' + s.bulk_view_files + ' 份），请核实用途。',
      entity: 'user',
      entityId: actor.userId,
      detail: { count: files, windowMinutes: s.bulk_view_minutes, threshold: s.bulk_view_files },
    });
  }
  if (files < s.unusual_files) return;
  // Only now (a busy window) the reference committees: the user's own, or those viewed before.
  const known =
    actor.scope.kind === 'committee' && actor.scope.committees.length > 0
      ? actor.scope.committees
      : await repo.committeesViewed(tx, actor.userId, new Date(since.getTime() - s.unusual_history_days * DAY), since);
  const outside = await repo.filesOutside(tx, actor.userId, since, at, known);
  if (outside.n >= s.unusual_files && (await repo.claimAlert(tx, actor.userId, 'access.unusual-area', at, since))) {
    await alertAuditors(tx, {
      kind: 'access.unusual-area',
      severity: 'warning',
      title: '异常区域查阅预警：' + actor.displayName + '（' + actor.username + '）查阅 ' + outside.n + ' 份平常不查阅的居民区的儿童档案',
      body:
        '账户 ' +
        actor.username +
        ' 在 ' +
        s.bulk_view_minutes +
        ' 分钟内查阅了 ' +
        outside.n +
        ' 份其平常工作范围以外（' +
        outside.committees.length +
        ' 个居民区）的儿童档案（阈值 ' +
        s.unusual_files +
        ' 份），请核实用途。',
      entity: 'user',
      entityId: actor.userId,
      detail: { count: outside.n, windowMinutes: s.bulk_view_minutes, threshold: s.unusual_files, committees: outside.committees },
    });
  }
}

async function watch(tx: Tx, e: AuditEntry): Promise<void> {
  if (!VIEW_ACTIONS.has(e.action) || e.entity !== 'child' || !e.entityId) return;
  if (e.outcome && e.outcome !== 'success') return;
  await noteView(tx, e.entityId);
}

watchAudit(watch);
