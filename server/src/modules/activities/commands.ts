/**
 * Writing activities (create, edit, cancel, record as done), their participants, photos and
 * sign-in sheets, and the cadence rules. Each write checks the caller's remit over the organiser
 * (policies.ts), is refused in Chinese with nothing written, and is audited in its transaction.
 */
import {
  DEFAULT_PLAN_TASKS,
  SCHOOL_SITE_KINDS,
  type ActivityCreate,
  type ActivityDetail,
  type ActivityUpdate,
  type CadenceRule,
  type CadenceRuleUpdate,
} from '#common/activities.js';
import { shanghaiDate } from '#common/dates.js';
import type { AppDeps } from '../../core/deps.js';
import { inScope, type SignedInCtx, type Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { acceptUpload } from '../files/commands/attachments.js';
import { refusal, remitOf, type OrganiserRef, type Remit } from './policies.js';
import { ruleOut } from './presenters.js';
import { activityDetail, organiserRefOf } from './queries.js';
import * as repo from './repo.js';

export async function remitFor(tx: Tx, ctx: SignedInCtx): Promise<Remit> {
  return remitOf(ctx.actor, await repo.unit(tx, ctx.actor.unitCode));
}

/** The organiser a body names, checked: its reference for the remit and the columns to store. */
async function organiserOf(
  tx: Tx,
  ctx: SignedInCtx,
  b: ActivityCreate,
): Promise<{ ref: OrganiserRef; cols: { committeeId: string | null; streetCode: string | null; siteId: string | null; unitCode: string } }> {
  const own = ctx.actor.unitCode;
  switch (b.organiserKind) {
    case 'committee': {
      if (!b.committeeId) throw errors.validation([{ path: 'committeeId', message: '请选择组织活动的居民区' }]);
      const c = await repo.committee(tx, b.committeeId);
      if (!c || !c.active) throw errors.validation([{ path: 'committeeId', message: '所选居民区不存在或已撤并，请重新选择' }]);
      return {
        ref: { kind: 'committee', committeeId: c.id, street: c.street_code },
        cols: { committeeId: c.id, streetCode: c.street_code, siteId: null, unitCode: own },
      };
    }
    case 'station': {
      const street = b.streetCode?.trim();
      if (!street) throw errors.validation([{ path: 'streetCode', message: '请选择组织活动的街道未保站' }]);
      if (!(await repo.streetExists(tx, street))) throw errors.validation([{ path: 'streetCode', message: '所选街道不存在，请重新选择' }]);
      return { ref: { kind: 'station', street }, cols: { committeeId: null, streetCode: street, siteId: null, unitCode: own } };
    }
    case 'school': {
      if (!b.siteId) throw errors.validation([{ path: 'siteId', message: '请选择组织活动的学校' }]);
      const s = await repo.site(tx, b.siteId);
      if (!s || !s.active || !SCHOOL_SITE_KINDS.some((k) => k === s.kind))
        throw errors.validation([{ path: 'siteId', message: '所选场所不是在册的学校或幼儿园，请重新选择' }]);
      return { ref: { kind: 'school', siteStreet: s.street_code }, cols: { committeeId: null, streetCode: s.street_code, siteId: s.id, unitCode: own } };
    }
    case 'department': {
      const code = b.unitCode?.trim() || own;
      const u = await repo.unit(tx, code);
      if (!u || (u.kind !== 'department' && u.kind !== 'district'))
        throw errors.validation([{ path: 'unitCode', message: '所选单位不是区级部门，请重新选择' }]);
      return { ref: { kind: 'department', unitCode: u.code }, cols: { committeeId: null, streetCode: null, siteId: null, unitCode: u.code } };
    }
  }
}

function requireRemit(r: Remit, ref: OrganiserRef): void {
  const why = refusal(r, ref);
  if (why) throw errors.forbidden(why);
}

/** A done activity must have taken place: not dated after today. */
function checkDone(status: string, heldOn: string, endsOn: string | null | undefined, today: string): void {
  if (status !== 'done') return;
  if (heldOn > today) throw errors.validation([{ path: 'heldOn', message: '活动日期在今天之后，不能记录为已开展；请先保存为计划，活动结束后再记录' }]);
  if (endsOn && endsOn > today) throw errors.validation([{ path: 'endsOn', message: '活动尚未结束（结束日期在今天之后），不能记录为已开展' }]);
}

async function valuesOf(tx: Tx, ctx: SignedInCtx, b: ActivityCreate, today: string) {
  const { ref, cols } = await organiserOf(tx, ctx, b);
  requireRemit(await remitFor(tx, ctx), ref);
  checkDone(b.status, b.heldOn, b.endsOn, today);
  const values: repo.ActivityValues = {
    title: b.title,
    kind: b.kind,
    organiserKind: b.organiserKind,
    ...cols,
    heldOn: b.heldOn,
    endsOn: b.endsOn ?? null,
    place: b.place?.trim() || null,
    status: b.status,
    childrenCount: b.childrenCount,
    guardiansCount: b.guardiansCount,
    guardiansContacted: b.guardiansContacted,
    description: b.description?.trim() || null,
    planTasks: [...new Set(b.planTasks ?? DEFAULT_PLAN_TASKS[b.kind])].sort((x, y) => x - y),
  };
  return values;
}

export async function createActivity(tx: Tx, ctx: SignedInCtx, b: ActivityCreate, now: number): Promise<ActivityDetail> {
  const v = await valuesOf(tx, ctx, b, shanghaiDate(now));
  const id = await repo.insertActivity(tx, v, ctx.actor.userId);
  await tx.audit({
    action: 'activity.create',
    entity: 'activity',
    entityId: id,
    summary: { kind: v.kind, organiserKind: v.organiserKind, heldOn: v.heldOn, status: v.status, street: v.streetCode },
  });
  return activityDetail(tx, ctx, id);
}

/** The activity, locked, with the caller's remit over its organiser checked. */
export async function writable(tx: Tx, ctx: SignedInCtx, id: string) {
  const a = await repo.activity(tx, id, true);
  if (!a) throw errors.notFound('未找到该活动');
  requireRemit(await remitFor(tx, ctx), organiserRefOf(a));
  return a;
}

export async function updateActivity(tx: Tx, ctx: SignedInCtx, id: string, b: ActivityUpdate, now: number): Promise<ActivityDetail> {
  const a = await writable(tx, ctx, id);
  if (a.status === 'cancelled') throw errors.conflict('已取消的活动不能修改');
  if (a.version !== b.version) throw errors.staleVersion();
  const v = await valuesOf(tx, ctx, b, shanghaiDate(now));
  if (!(await repo.updateActivity(tx, id, b.version, v))) throw errors.staleVersion();
  await tx.audit({ action: 'activity.update', entity: 'activity', entityId: id, summary: { kind: v.kind, heldOn: v.heldOn, status: v.status } });
  return activityDetail(tx, ctx, id);
}

export async function cancelActivity(tx: Tx, ctx: SignedInCtx, id: string, b: { version: number; reason: string }): Promise<ActivityDetail> {
  const a = await writable(tx, ctx, id);
  if (a.status === 'cancelled') throw errors.conflict('该活动已取消');
  if (a.version !== b.version || !(await repo.cancelActivity(tx, id, b.version, b.reason))) throw errors.staleVersion();
  await tx.audit({ action: 'activity.cancel', entity: 'activity', entityId: id, summary: { wasStatus: a.status }, reason: b.reason });
  return activityDetail(tx, ctx, id);
}

export async function completeActivity(
  tx: Tx,
  ctx: SignedInCtx,
  id: string,
  b: { version: number; childrenCount?: number; guardiansCount?: number; guardiansContacted?: boolean },
  now: number,
): Promise<ActivityDetail> {
  const a = await writable(tx, ctx, id);
  if (a.status === 'cancelled') throw errors.conflict('已取消的活动不能记录为已开展');
  if (a.status === 'done') throw errors.conflict('该活动已记录为已开展');
  if (a.version !== b.version) throw errors.staleVersion();
  checkDone('done', a.held_on, a.ends_on, shanghaiDate(now));
  const ok = await repo.completeActivity(tx, id, b.version, {
    childrenCount: b.childrenCount ?? a.children_count,
    guardiansCount: b.guardiansCount ?? a.guardians_count,
    guardiansContacted: b.guardiansContacted ?? a.guardians_contacted,
  });
  if (!ok) throw errors.staleVersion();
  await tx.audit({ action: 'activity.complete', entity: 'activity', entityId: id, summary: { heldOn: a.held_on } });
  return activityDetail(tx, ctx, id);
}

// ---- participants ----

export async function addParticipants(tx: Tx, ctx: SignedInCtx, id: string, b: { childIds: string[]; withGuardians: boolean }) {
  const a = await writable(tx, ctx, id);
  if (a.status === 'cancelled') throw errors.conflict('已取消的活动不能添加参加者');
  const ids = [...new Set(b.childIds)];
  const reached = await repo.reachableChildren(tx, ids);
  if (reached.length !== ids.length) {
    throw errors.validation(
      [{ path: 'childIds', message: `有 ${ids.length - reached.length} 名儿童不在您的辖区内或不存在，未添加任何儿童；请只选择本辖区的儿童` }],
      '所选儿童不在您的辖区内',
    );
  }
  let added = 0;
  for (const c of reached) {
    if (await repo.insertParticipant(tx, id, c.id, null, ctx.actor.userId)) added++;
    if (b.withGuardians && c.guardian_id && (await repo.insertParticipant(tx, id, c.id, c.guardian_id, ctx.actor.userId))) added++;
  }
  await tx.audit({ action: 'activity.participants.add', entity: 'activity', entityId: id, summary: { childIds: ids, added, withGuardians: b.withGuardians } });
  const detail = await activityDetail(tx, ctx, id);
  return { added, items: detail.participantList };
}

export async function removeParticipant(tx: Tx, ctx: SignedInCtx, id: string, participantId: string): Promise<void> {
  await writable(tx, ctx, id);
  const p = await repo.participant(tx, id, participantId);
  if (!p) throw errors.notFound('未找到该参加者，或不在您的辖区内');
  await repo.deleteParticipant(tx, participantId);
  await tx.audit({ action: 'activity.participants.remove', entity: 'activity', entityId: id, summary: { childId: p.child_id } });
}

// ---- photos and sign-in sheets ----

export async function uploadAttachment(deps: AppDeps, ctx: SignedInCtx, id: string, b: { kind: string; filename: string; contentBase64: string }) {
  // the activity and the remit first (nothing decoded for a caller who may not add to it)
  await inScope(deps.db, ctx, (tx) => writable(tx, ctx, id));
  const file = await acceptUpload(deps, ctx, b, { action: 'activity.attachment.upload', entity: 'activity', entityId: id, summary: { kind: b.kind } });
  return inScope(deps.db, ctx, async (tx) => {
    await writable(tx, ctx, id);
    const attachmentId = await repo.insertAttachment(
      tx,
      id,
      { kind: b.kind, filename: file.name, mime: file.mime, data: file.data, sha256: file.sha256 },
      ctx.actor.userId,
    );
    await tx.audit({
      action: 'activity.attachment.upload',
      entity: 'activity',
      entityId: id,
      summary: { attachmentId, kind: b.kind, mime: file.mime, sizeBytes: file.data.length, metadataRemoved: file.removed },
    });
    const detail = await activityDetail(tx, ctx, id);
    const out = detail.attachmentList.find((x) => x.id === attachmentId);
    if (!out) throw errors.notFound();
    return { ...out, metadataRemoved: file.removed.length > 0 };
  });
}

export async function removeAttachment(tx: Tx, ctx: SignedInCtx, id: string, attachmentId: string): Promise<void> {
  await writable(tx, ctx, id);
  if (!(await repo.deleteAttachment(tx, id, attachmentId))) throw errors.notFound('未找到该附件');
  await tx.audit({ action: 'activity.attachment.delete', entity: 'activity', entityId: id, summary: { attachmentId } });
}

// ---- cadence rules ----

export async function updateRule(tx: Tx, ctx: SignedInCtx, code: string, b: CadenceRuleUpdate): Promise<CadenceRule> {
  const cur = await repo.rule(tx, code);
  if (!cur) throw errors.notFound('未找到该频次规则');
  if (cur.version !== b.version) throw errors.staleVersion();
  if (cur.organiser_kind === 'school' && b.siteKinds.length === 0)
    throw errors.validation([{ path: 'siteKinds', message: '学校的频次规则须选择适用的学校类型（中小学、幼儿园）' }]);
  const ok = await repo.updateRule(
    tx,
    code,
    b.version,
    {
      name: b.name,
      activityKinds: [...new Set(b.activityKinds)],
      period: b.period,
      minCount: b.minCount,
      siteKinds: cur.organiser_kind === 'school' ? [...new Set(b.siteKinds)] : [],
      requireGuardianContact: b.requireGuardianContact,
      active: b.active,
      note: b.note?.trim() || null,
    },
    ctx.actor.userId,
  );
  if (!ok) throw errors.staleVersion();
  await tx.audit({
    action: 'activity.cadence.update',
    entity: 'cadence_rule',
    entityId: code,
    summary: { period: b.period, minCount: b.minCount, activityKinds: b.activityKinds, active: b.active, requireGuardianContact: b.requireGuardianContact },
  });
  const after = await repo.rule(tx, code);
  if (!after) throw errors.notFound();
  return ruleOut(after);
}
