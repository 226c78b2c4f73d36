/**
 * Reading referrals: a unit's work queue (incoming: new, due soon, overdue, in progress, done),
 * what it sent, the referrals of the caller's area, one referral with its timeline, the kinds.
 * All under the referrals' policy (and the case-scoped access of the receiving unit).
 */
import { shanghaiDate } from '#common/dates.js';
import type { ReferralDetail, ReferralKindInfo, ReferralList } from '#common/referrals.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { addWorkingDays } from './deadlines.js';
import { isOpen } from './policies.js';
import { presentEvent, presentReferral } from './presenters.js';
import * as repo from './repo.js';

export async function listReferrals(
  tx: Tx,
  ctx: SignedInCtx,
  q: { box: 'incoming' | 'outgoing' | 'area'; bucket: repo.ListFilter['bucket']; kind?: string; childId?: string; page: number; pageSize: number },
  now: number,
): Promise<ReferralList> {
  const today = shanghaiDate(now);
  const settings = await repo.settings(tx);
  const cal = await repo.calendar(tx, today, addWorkingDaysLimit(today));
  const f: repo.ListFilter = {
    box: q.box,
    bucket: q.bucket,
    kind: q.kind,
    childId: q.childId,
    unit: ctx.actor.unitCode,
    userId: ctx.actor.userId,
    today,
    soonUntil: addWorkingDays(today, settings.remind_before_days, cal),
  };
  const { rows, total } = await repo.list(tx, f, q.pageSize, (q.page - 1) * q.pageSize);
  const counts = await repo.counts(tx, f);
  const items = rows.map((r) => presentReferral(r, ctx.actor, canView(ctx, r, settings.access_days_after, now)));
  return { items, total, page: q.page, pageSize: q.pageSize, counts };
}

/** The calendar window the reminder days can reach. */
const addWorkingDaysLimit = (today: string) => new Date(Date.parse(`${today}T00:00:00Z`) + 90 * 86_400_000).toISOString().slice(0, 10);

/**
 * The receiving unit may open the child (GET /api/referrals/:id/child) while the referral is open or
 * ended less than `accessDays` days ago, never once withdrawn — the rule of repo.accessUntil and of
 * the lists context.ts sets — and while it sees the child's row. The status matters on its own: a
 * receiver that also sees the child through its area (a street, the district) or another referral
 * must not be offered a view that answers 404.
 */
export function canView(ctx: SignedInCtx, r: repo.ReferralRow, accessDays: number, now: number): boolean {
  if (r.to_unit !== ctx.actor.unitCode || !ctx.actor.permissions.has('referrals.handle') || r.child_name === null) return false;
  if (isOpen(r.status)) return true;
  return r.status !== 'withdrawn' && r.ended_at !== null && r.ended_at.getTime() > now - accessDays * 86_400_000;
}

export async function referralDetail(tx: Tx, ctx: SignedInCtx, id: string, now: number): Promise<ReferralDetail> {
  const r = await repo.byId(tx, id, shanghaiDate(now));
  if (!r) throw errors.notFound('未找到该转介，或不在您的权限范围内');
  const kind = await repo.kind(tx, r.kind);
  if (!kind) throw new Error(`referral kind ${r.kind} missing`);
  const events = await repo.events(tx, r.id);
  return {
    ...presentReferral(r, ctx.actor, canView(ctx, r, (await repo.settings(tx)).access_days_after, now)),
    events: events.map(presentEvent),
    attachments: (await repo.attachmentsOf(tx, r.id)).map((a) => ({ id: a.id, filename: a.filename, mime: a.mime, sizeBytes: a.size_bytes })),
    completion: kind.completion,
    sections: kind.sections,
  };
}

export async function listKinds(tx: Tx): Promise<{ items: ReferralKindInfo[]; channelAckHours: number }> {
  const rows = await repo.kinds(tx);
  const settings = await repo.settings(tx);
  return {
    channelAckHours: settings.channel_ack_hours,
    items: rows.map((k) => ({
      code: k.code,
      name: k.name,
      nameEn: k.name_en,
      sections: k.sections,
      completion: k.completion,
      defaultDays: k.default_days,
      channel: k.channel,
      active: k.active,
    })),
  };
}

/** An attachment the referral carries, for download: audited like every attachment download. */
export async function attachmentDownload(tx: Tx, referralId: string, attachmentId: string) {
  const a = await repo.referralAttachmentContent(tx, referralId, attachmentId);
  if (!a) throw errors.notFound('未找到该附件，或不在您的权限范围内');
  await tx.audit({ action: 'attachment.download', entity: 'child', entityId: a.child_id, summary: { attachmentId: a.id, mime: a.mime, referralId } });
  return { filename: a.filename, mime: a.mime, content: a.content, sandbox: true };
}
