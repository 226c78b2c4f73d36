/**
 * Changes to referrals, each with its event (the referral's timeline), its audit row and the
 * notice to the next people to act: sending (also from other modules: a benefit submitted, a
 * dropout, a problem escalated), 暖杨通道, a step of the status line, a comment.
 */
import crypto from 'node:crypto';
import { ageOn, shanghaiDate } from '#common/dates.js';
import { maskName } from '#common/mask.js';
import {
  REFERRAL_STATUS_ZH,
  REFERRAL_STEPS,
  URGENCY_ZH,
  type ChannelCreate,
  type ReferralCreate,
  type ReferralDetail,
  type ReferralStatus,
  type ReferralStepBody,
} from '#common/referrals.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { notify, notifyMany } from '../notifications/notify.js';
import { requireOrgReferralConsent } from '../consent/enforce.js';
import { applyCompletion, applyEnded, senderFor } from './completion.js';
import { ackDeadline, addWorkingDays } from './deadlines.js';
import { enforce, mayTake, takesKind } from './policies.js';
import { referralDetail } from './queries.js';
import * as repo from './repo.js';

export interface SendInput {
  childId: string;
  memberId?: string | null;
  kind: string;
  policyId?: string | null;
  toUnit: string;
  reason: string;
  urgency?: 'normal' | 'urgent' | 'emergency';
  dueOn?: string | null;
  attachmentIds?: string[];
  /** The record the referral carries, when another module sends it. */
  source?: { kind: 'entitlement' | 'problem' | 'dropout' | 'intervention'; id: string | null };
  /** Other modules' flows address units by their own rules (a policy's unit): no directory check. */
  skipDirectory?: boolean;
  /** Users the flow's own notice already told (the referral's notice goes to the other handlers). */
  alreadyTold?: string[];
}

/**
 * Sends one referral from the caller's unit. The child must be in the caller's scope (404
 * otherwise), the receiving unit active and taking that kind (service directory), the deadline
 * not in the past. Returns the new referral's id.
 */
export async function send(tx: Tx, ctx: SignedInCtx, input: SendInput, now: number): Promise<string> {
  const [id] = await sendMany(tx, ctx, [input], now);
  if (!id) throw new Error('sendMany wrote no referral');
  return id;
}

/**
 * `send` for several referrals at once (an import's 控辍保学 alerts): each is checked as `send`
 * checks one (the first refused refuses them all, nothing written), then each table is written with
 * one statement for all of them — referrals, their first events, their notices — and each gets its
 * audit row, in the order given. Returns their ids in that order.
 */
export async function sendMany(tx: Tx, ctx: SignedInCtx, inputs: SendInput[], now: number): Promise<string[]> {
  if (!inputs.length) return [];
  const actor = ctx.actor;
  const today = shanghaiDate(now);
  const distinct = (f: (i: SendInput) => string) => [...new Set(inputs.map(f))];
  const children = new Map(
    (
      await repo.childrenForSender(
        tx,
        distinct((i) => i.childId),
      )
    ).map((c) => [c.id, c]),
  );
  const kinds = new Map(
    (
      await repo.kindsByCode(
        tx,
        distinct((i) => i.kind),
      )
    ).map((k) => [k.code, k]),
  );
  const units = new Map(
    (
      await repo.unitsByCode(
        tx,
        distinct((i) => i.toUnit),
      )
    ).map((u) => [u.code, u]),
  );
  const checked: { input: SendInput; child: repo.SenderChildRow; kind: repo.KindRow; unit: repo.UnitRow; attachmentIds: string[] }[] = [];
  for (const input of inputs) {
    const child = children.get(input.childId);
    if (!child) throw errors.notFound('未找到该儿童档案，或不在您的辖区内');
    const kind = kinds.get(input.kind);
    if (!kind || !kind.active) throw errors.validation([{ path: 'kind', message: '转介类型不存在或已停用' }]);
    const unit = units.get(input.toUnit);
    if (!unit || !unit.active) throw errors.validation([{ path: 'toUnit', message: '接收单位不存在或已停用' }]);
    if (unit.code === actor.unitCode) throw errors.validation([{ path: 'toUnit', message: '不能转介给本单位' }]);
    if (!input.skipDirectory) {
      enforce(takesKind(await repo.receiverOf(tx, unit.code), kind.code, ageOn(child.birth_date, today), child.street_code, unit.name, kind.name));
    }
    // PIPL Arts. 13, 31: a social organisation receives a child's data on the guardian's consent only.
    if (unit.kind === 'organisation') await requireOrgReferralConsent(tx, child.id, unit.name, today);
    if (input.memberId && !(await repo.memberOfChild(tx, input.memberId, child.id))) {
      throw errors.validation([{ path: 'memberId', message: '该家庭成员不属于这名儿童' }]);
    }
    const attachmentIds = [...new Set(input.attachmentIds ?? [])];
    if (attachmentIds.length) {
      const found = await repo.attachmentsOfChild(tx, attachmentIds, child.id);
      const bad = attachmentIds.findIndex((a) => !found.has(a));
      if (bad >= 0) throw errors.validation([{ path: `attachmentIds.${bad}`, message: '附件不存在或不属于这名儿童，请先在本次转介中上传' }]);
    }
    checked.push({ input, child, kind, unit, attachmentIds });
  }
  const settings = await repo.settings(tx);
  const cal = await repo.calendar(tx, today, addDaysLoose(today, 400));
  const sent = checked.map(({ input, child, kind, unit, attachmentIds }) => {
    if (input.dueOn && input.dueOn < today) throw errors.validation([{ path: 'dueOn', message: '办理期限不能早于今天' }]);
    const dueOn = input.dueOn ?? addWorkingDays(today, kind.default_days, cal);
    const ackDueAt = ackDeadline(
      now,
      today,
      { channel: kind.channel, channelAckHours: settings.channel_ack_hours, ackWorkingDays: settings.ack_working_days },
      cal,
    );
    const urgency = kind.channel ? 'emergency' : (input.urgency ?? 'normal');
    const row: repo.NewReferral = {
      id: crypto.randomUUID(),
      childId: child.id,
      memberId: input.memberId ?? null,
      kind: kind.code,
      policyId: input.policyId ?? null,
      channel: kind.channel,
      fromUnit: actor.unitCode,
      fromUser: actor.userId,
      toUnit: unit.code,
      reason: input.reason,
      urgency,
      ackDueAt,
      dueOn,
      sourceKind: input.source?.kind ?? null,
      sourceId: input.source?.id ?? null,
    };
    return { input, child, kind, unit, attachmentIds, dueOn, urgency, row };
  });
  await repo.insertReferrals(
    tx,
    sent.map((s) => s.row),
  );
  await repo.linkAttachments(
    tx,
    sent.flatMap((s) => s.attachmentIds.map((attachmentId) => ({ referralId: s.row.id, attachmentId }))),
  );
  await repo.insertEvents(
    tx,
    sent.map((s) => ({ referralId: s.row.id, by: byOf(ctx), kind: 'status', from: null, to: 'sent', note: s.input.reason })),
  );
  for (const { input, child, kind, unit, attachmentIds, dueOn, row } of sent) {
    await tx.audit({
      action: 'referral.send',
      entity: 'referral',
      entityId: row.id,
      summary: {
        childId: child.id,
        kind: kind.code,
        toUnit: unit.code,
        channel: kind.channel,
        dueOn,
        source: input.source ?? null,
        ...(attachmentIds.length ? { attachmentIds } : {}),
      },
    });
  }
  const handlers = await repo.usersOfUnitsWith(
    tx,
    sent.map((s) => s.unit.code),
    'referrals.handle',
  );
  await notifyMany(
    tx,
    sent.map(({ input, child, kind, unit, dueOn, urgency, row }) => {
      const told = new Set(input.alreadyTold ?? []);
      const who = `${child.street_name}${child.committee_name} ${maskName(child.name) ?? '*'}`;
      return {
        userIds: (handlers.get(unit.code) ?? []).filter((u) => !told.has(u)),
        notice: {
          kind: kind.channel ? 'referral.channel' : 'referral.new',
          title: kind.channel ? `【暖杨通道】${kind.name}：请在 ${settings.channel_ack_hours} 小时内签收` : `新转介：${kind.name}`,
          body: `${who}，来自${actor.unitName}（${URGENCY_ZH[urgency]}），办理期限 ${dueOn}。`,
          entity: 'referral',
          entityId: row.id,
          streetCode: child.street_code,
        },
      };
    }),
  );
  return sent.map((s) => s.row.id);
}

/** Calendar days, for the calendar window to load (deadlines never run further). */
function addDaysLoose(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The receiving unit's directory entry takes this kind for this child's age and street (400 otherwise). */
async function assertDirectoryTakes(tx: Tx, childId: string, kind: repo.KindRow, toUnit: string, today: string): Promise<void> {
  const child = await repo.childForSender(tx, childId);
  if (!child) throw errors.notFound('未找到该儿童档案，或不在您的辖区内');
  const unit = await repo.unit(tx, toUnit);
  if (!unit || !unit.active) throw errors.validation([{ path: 'toUnit', message: '接收单位不存在或已停用' }]);
  enforce(takesKind(await repo.receiverOf(tx, unit.code), kind.code, ageOn(child.birth_date, today), child.street_code, unit.name, kind.name));
}

export function byOf(ctx: SignedInCtx) {
  const a = ctx.actor;
  return { userId: a.userId, username: a.username, displayName: a.displayName, unitCode: a.unitCode };
}

export async function create(tx: Tx, ctx: SignedInCtx, b: ReferralCreate, now: number): Promise<ReferralDetail> {
  // A kind whose record another module prepares (a benefit or fee waiver carries the child's
  // entitlement for its policy, submitted by the sender: eligibility/referralWork.ts) is sent by it.
  // The service directory applies to it as to any referral a user sends (before anything is written).
  const kind = await repo.kind(tx, b.kind);
  const prepared = kind ? senderFor(kind.completion) : undefined;
  if (prepared && kind) await assertDirectoryTakes(tx, b.childId, kind, b.toUnit, shanghaiDate(now));
  const id = prepared ? await prepared(tx, ctx, b, now) : await send(tx, ctx, { ...b, urgency: b.urgency }, now);
  return referralDetail(tx, ctx, id, now);
}

/** 暖杨通道: one referral to each chosen unit (police, procuratorate, civil affairs), hours to acknowledge. */
export async function channel(tx: Tx, ctx: SignedInCtx, b: ChannelCreate, now: number): Promise<{ ids: string[] }> {
  const units = [...new Set(b.toUnits)];
  const ids: string[] = [];
  for (const u of units) ids.push(await send(tx, ctx, { childId: b.childId, kind: b.kind, toUnit: u, reason: b.reason, attachmentIds: b.attachmentIds }, now));
  return { ids };
}

/** One step of the status line, with the version the actor saw (409 when stale). */
export async function step(tx: Tx, ctx: SignedInCtx, id: string, b: ReferralStepBody, now: number): Promise<ReferralDetail> {
  const today = shanghaiDate(now);
  const r = await repo.byId(tx, id, today, true);
  if (!r) throw errors.notFound('未找到该转介，或不在您的权限范围内');
  enforce(mayTake(ctx.actor, r, b.step));
  if (r.version !== b.version) throw errors.staleVersion('该转介已被他人处理，请刷新后查看（您填写的内容仍保留在页面上）');
  const def = REFERRAL_STEPS[b.step];
  let to: ReferralStatus = def.to;
  const write: repo.StepWrite = { status: to };
  let note = b.note ?? null;
  switch (b.step) {
    case 'receive':
      write.receivedAt = true;
      break;
    case 'accept':
      write.receivedAt = true;
      write.acceptedAt = true;
      break;
    case 'decline':
      if (!b.reason) throw errors.validation([{ path: 'reason', message: '退回转介须说明原因' }]);
      write.receivedAt = true;
      write.ended = true;
      write.declineReason = b.reason;
      note = [b.reason, note].filter(Boolean).join('\n');
      break;
    case 'withdraw':
      if (!b.reason) throw errors.validation([{ path: 'reason', message: '撤回转介须说明原因' }]);
      write.ended = true;
      note = [b.reason, note].filter(Boolean).join('\n');
      break;
    case 'complete': {
      if (!b.outcome) throw errors.validation([{ path: 'outcome', message: '请填写办理结果（做了什么）' }]);
      const kind = await repo.kind(tx, r.kind);
      if (!kind) throw new Error(`referral kind ${r.kind} missing`);
      const effect = await applyCompletion(tx, ctx, r, kind, b, now);
      if (effect.pending) {
        // A first approval of a grant that needs a second approver: the referral stays open, in progress.
        to = 'in_progress';
        write.status = to;
        note = [effect.note, note].filter(Boolean).join('\n');
        break;
      }
      write.ended = true;
      write.outcome = b.outcome;
      write.outcomeResult = b.result ?? 'done';
      note = [b.outcome, effect.note, note].filter(Boolean).join('\n');
      break;
    }
    case 'start':
    case 'close':
      write.closed = b.step === 'close';
      break;
  }
  await repo.writeStep(tx, r.id, write);
  if (b.step === 'decline' || b.step === 'withdraw') await applyEnded(tx, ctx, r, await repo.kind(tx, r.kind), b.step, b.reason ?? '', now);
  await repo.insertEvent(tx, { referralId: r.id, by: byOf(ctx), kind: 'status', from: r.status, to, note });
  await tx.audit({
    action: to === def.to ? `referral.${b.step}` : 'referral.approve',
    entity: 'referral',
    entityId: r.id,
    summary: { childId: r.child_id, kind: r.kind, status: { from: r.status, to } },
  });
  await notifyOtherSide(tx, ctx, r, to);
  return referralDetail(tx, ctx, r.id, now);
}

/** The sender hears of the receiver's answers; the receiver of a withdrawal. */
async function notifyOtherSide(tx: Tx, ctx: SignedInCtx, r: repo.ReferralRow, to: ReferralStatus): Promise<void> {
  const toSender = ['received', 'accepted', 'declined', 'completed'].includes(to);
  const toReceiver = to === 'withdrawn';
  if (!toSender && !toReceiver) return;
  const status = REFERRAL_STATUS_ZH[to];
  const users = toSender
    ? r.from_user
      ? [r.from_user]
      : await repo.usersOfUnitWith(tx, r.from_unit, 'referrals.send')
    : await repo.usersOfUnitWith(tx, r.to_unit, 'referrals.handle');
  await notify(
    tx,
    users.filter((u) => u !== ctx.actor.userId),
    {
      kind: `referral.${to}`,
      title: `转介${status}：${r.kind_name}`,
      body: `${r.street_name}${r.committee_name} ${maskName(r.child_name) ?? '*'}，${toSender ? r.to_unit_name : r.from_unit_name}${status}。`,
      entity: 'referral',
      entityId: r.id,
      streetCode: r.street_code,
    },
  );
}

export async function comment(tx: Tx, ctx: SignedInCtx, id: string, note: string, now: number): Promise<ReferralDetail> {
  const r = await repo.byId(tx, id, shanghaiDate(now));
  if (!r) throw errors.notFound('未找到该转介，或不在您的权限范围内');
  await repo.insertEvent(tx, { referralId: r.id, by: byOf(ctx), kind: 'comment', note });
  await tx.audit({ action: 'referral.comment', entity: 'referral', entityId: r.id, summary: { childId: r.child_id } });
  return referralDetail(tx, ctx, r.id, now);
}
