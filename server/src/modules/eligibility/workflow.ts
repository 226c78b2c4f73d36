/**
 * The entitlement workflow: who may take which step (separation of duties), the transition
 * command (rule, write, event, audit, notification) and the presenter of entitlements.
 *
 * Separation of duties (issue 9): verifying and submitting are casework of the child's street —
 * the same street worker may do both. Granting and refusing are decisions of the unit that
 * administers the benefit (the policy's `unit`), never of whoever verified or submitted it, and a
 * unit may require a second, distinct approver (entitlement_review_rules). A department whose
 * staff cannot open child records yet (no role with entitlements.write reaching the district) has
 * its benefits decided by 区民政局 on its behalf, so no decision waits on someone who cannot see it.
 */
import {
  ENTITLEMENT_NEXT, ENTITLEMENT_STATUS_ZH, type Entitlement, type EntitlementStatus, type EntitlementTransition,
} from '#common/eligibility.js';
import { maskName } from '#common/mask.js';
import { UNIT_LABELS } from '../../../../engine/src/policy.js';
import type { Pack, Policy } from '../../../../engine/src/index.js';
import type { Actor, Tx } from '../../core/context.js';
import { AppError, errors } from '../../core/errors.js';
import { linkStepAttachments } from '../files/commands/attachments.js';
import { notify, recipientsWhoCan } from '../notifications/notify.js';

export const DECIDE_PERMISSION = 'entitlements.write';
/** The unit that decides when the administering department cannot yet open child records. */
export const FALLBACK_UNIT = 'civil-affairs';
const STALE = '该记录已被他人修改，请刷新后再改';

export interface EntRow {
  id: string; child_id: string; policy_id: string; status: EntitlementStatus; from_date: string | null; amount_fen: string | null; note: string | null;
  reason: string | null; version: number; created_at: Date; updated_at: Date;
}
export const ENT_SELECT = `select id, child_id, policy_id, status, to_char(from_date, 'YYYY-MM-DD') as from_date, amount_fen, note, reason, version, created_at, updated_at from entitlements`;

/** A refusal of separation of duties: 403 with the reason, audited on its own (the request's transaction rolls back). */
export class DutyRefusal extends AppError {
  constructor(message: string, readonly rule: string) { super(403, 'FORBIDDEN', message); }
}

export interface Decider { code: string; name: string; onBehalfOf: string | null }

/**
 * The unit that grants or refuses a policy's benefits: its administering unit when someone there
 * can act on a child's entitlement (entitlements.write with district scope), else 区民政局.
 */
export async function decidingUnit(tx: Tx, policyUnit: string, cache?: Map<string, Decider>): Promise<Decider> {
  const hit = cache?.get(policyUnit);
  if (hit) return hit;
  const able = (await tx.client.query(
    `select 1 from users u where u.unit_code = $1 and not u.disabled
       and exists (select 1 from user_roles ur join roles r on r.code = ur.role_code where ur.user_id = u.id and $2 = any (r.permissions))
       and exists (select 1 from user_roles ur join roles r on r.code = ur.role_code where ur.user_id = u.id and r.scope_kind = 'district')
     limit 1`, [policyUnit, DECIDE_PERMISSION])).rowCount;
  const code = able ? policyUnit : FALLBACK_UNIT;
  const name = (await tx.client.query<{ name: string }>('select name from units where code = $1', [code])).rows[0]?.name ?? UNIT_LABELS[code as keyof typeof UNIT_LABELS] ?? code;
  const d: Decider = { code, name, onBehalfOf: able ? null : UNIT_LABELS[policyUnit as keyof typeof UNIT_LABELS] ?? policyUnit };
  cache?.set(policyUnit, d);
  return d;
}

/** Approvers a grant needs: the unit's rule for this policy, else for all its policies, else 1. */
export async function approvalsRequired(tx: Tx, unitCode: string, policyId: string): Promise<number> {
  const r = (await tx.client.query<{ approvals: number }>(
    `select approvals from entitlement_review_rules where unit_code = $1 and policy_id in ($2, '*') order by (policy_id = '*') limit 1`, [unitCode, policyId])).rows[0];
  return r?.approvals ?? 1;
}

/** Who verified or submitted it, and who has approved it since its (latest) submission. */
interface StepActors { preparers: Set<string>; approvers: Set<string> }
function stepActorsOf(events: readonly { user_id: string | null; to_status: string; kind: string }[]): StepActors {
  const preparers = new Set<string>();
  let approvers = new Set<string>();
  for (const e of events) {
    if (!e.user_id) continue;
    if (e.kind === 'status' && (e.to_status === 'verified' || e.to_status === 'submitted')) {
      preparers.add(e.user_id);
      if (e.to_status === 'submitted') approvers = new Set();
    }
    if (e.kind === 'approval') approvers.add(e.user_id);
  }
  return { preparers, approvers };
}

/**
 * Why the actor may not take a decision step (granted / refused) on this entitlement, or null.
 * The messages are the ones the API answers with.
 */
function decisionRefusal(actor: Actor, decider: Decider, steps: StepActors, to: EntitlementStatus, required: number): { message: string; rule: string } | null {
  const act = to === 'granted' ? '批准' : '作出未获批决定';
  if (actor.unitCode !== decider.code) {
    const behalf = decider.onBehalfOf ? `（代${decider.onBehalfOf}办理）` : '';
    return { rule: 'deciding-unit', message: `该待遇由${decider.name}${behalf}审批，只有${decider.name}的工作人员可以${act}；您所在的${actor.unitName}可以核实和提交` };
  }
  if (steps.preparers.has(actor.userId)) {
    return { rule: 'preparer', message: `您核实或提交了这项待遇，按职责分离，${act}须由${decider.name}的另一位工作人员办理` };
  }
  if (to === 'granted' && required > 1 && steps.approvers.has(actor.userId)) {
    return { rule: 'second-reviewer', message: `您已初审同意；按${decider.name}的设置，批准须由另一位工作人员复核同意` };
  }
  return null;
}

/** The steps the actor may take now (the interface's buttons; the transition applies the same rules). */
function allowedSteps(actor: Actor | null, status: EntitlementStatus, decider: Decider, steps: StepActors, required: number): EntitlementStatus[] {
  if (!actor?.permissions.has(DECIDE_PERMISSION)) return [];
  return ENTITLEMENT_NEXT[status].filter((to) => (to === 'granted' || to === 'refused') ? !decisionRefusal(actor, decider, steps, to, required) : true);
}

interface EventRow { id: string; entitlement_id: string; at: Date; user_id: string | null; username: string | null; display_name: string | null; unit_name: string | null; from_status: string | null; to_status: string; note: string | null; kind: 'status' | 'approval' }

/** Entitlements for the API: their steps with who did each, the deciding unit and the caller's next steps. */
export async function presentEntitlements(tx: Tx, pack: Pack, rows: EntRow[]): Promise<Entitlement[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const events = (await tx.client.query<EventRow>(
    `select e.id, e.entitlement_id, e.at, e.user_id, e.username, e.display_name, un.name as unit_name, e.from_status, e.to_status, e.note, e.kind
     from entitlement_events e left join units un on un.code = e.unit_code where e.entitlement_id = any($1::uuid[]) order by e.at, e.id`,
    [ids])).rows;
  // The evidence linked to each step (pending uploads, not yet linked, are not part of the history).
  const files = (await tx.client.query<{ id: string; event_id: string; filename: string; mime: string; size_bytes: number; created_at: Date }>(
    `select id, entitlement_event_id as event_id, filename, mime, size_bytes, created_at from attachments
     where entity = 'entitlement' and entity_id = any($1::uuid[]) and entitlement_event_id is not null order by created_at, id`, [ids])).rows;
  const filesOf = (eventId: string) => files.filter((f) => f.event_id === eventId)
    .map((f) => ({ id: f.id, filename: f.filename, mime: f.mime, sizeBytes: f.size_bytes, createdAt: f.created_at.toISOString() }));
  const deciders = new Map<string, Decider>();
  const out: Entitlement[] = [];
  for (const r of rows) {
    const p = pack.byId.get(r.policy_id);
    const own = events.filter((e) => e.entitlement_id === r.id);
    const decider = await decidingUnit(tx, p?.unit ?? FALLBACK_UNIT, deciders);
    const required = await approvalsRequired(tx, decider.code, r.policy_id);
    const steps = stepActorsOf(own);
    out.push({
      id: r.id, childId: r.child_id, policy: r.policy_id, policyName: p?.name.zh ?? r.policy_id, unitLabel: p ? UNIT_LABELS[p.unit] : '', status: r.status,
      fromDate: r.from_date, amountFen: r.amount_fen === null ? null : Number(r.amount_fen), note: r.note, reason: r.reason, version: r.version,
      createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
      events: own.map((e) => ({
        at: e.at.toISOString(), username: e.username, displayName: e.display_name, unitName: e.unit_name, kind: e.kind,
        fromStatus: e.from_status, toStatus: e.to_status, note: e.note, attachments: filesOf(e.id),
      })),
      decidingUnit: decider.onBehalfOf ? `${decider.name}（代${decider.onBehalfOf}）` : decider.name,
      approvalsRequired: required,
      approvals: r.status === 'submitted' ? steps.approvers.size : 0,
      allowed: allowedSteps(tx.ctx.actor, r.status, decider, steps, required),
    });
  }
  return out;
}

/**
 * One step of the workflow. A grant that needs a second approver and has none yet is recorded as
 * an approval (status stays 已提交); the second, distinct approver grants. Every step is an event
 * with who did it (name and unit at the time) and an audit row.
 */
export async function transitionEntitlement(tx: Tx, pack: Pack, id: string, b: EntitlementTransition): Promise<EntRow> {
  const actor = tx.ctx.actor!;
  const e = (await tx.client.query<EntRow>(`${ENT_SELECT} where id = $1 for update`, [id])).rows[0];
  if (!e) throw errors.notFound('未找到该待遇记录，或不在您的辖区内');
  if (e.version !== b.version) throw errors.conflict(STALE);
  if (!ENTITLEMENT_NEXT[e.status].includes(b.to)) {
    throw errors.conflict(`待遇当前为「${ENTITLEMENT_STATUS_ZH[e.status]}」，不能改为「${ENTITLEMENT_STATUS_ZH[b.to]}」`, [{ path: 'to', message: `可选的下一步：${ENTITLEMENT_NEXT[e.status].map((s) => ENTITLEMENT_STATUS_ZH[s]).join('、') || '无'}` }]);
  }
  const attachmentIds = b.attachmentIds ?? [];
  if (attachmentIds.length && b.to !== 'verified') throw errors.validation([{ path: 'attachmentIds', message: '只有核实这一步可以附上材料' }]);

  const policy = pack.byId.get(e.policy_id);
  let required = 1;
  let approval = false;
  if (b.to === 'granted' || b.to === 'refused') {
    const decider = await decidingUnit(tx, policy?.unit ?? FALLBACK_UNIT);
    required = await approvalsRequired(tx, decider.code, e.policy_id);
    const steps = stepActorsOf((await tx.client.query<{ user_id: string | null; to_status: string; kind: string }>(
      'select user_id, to_status, kind from entitlement_events where entitlement_id = $1 order by at, id', [e.id])).rows);
    const refusal = decisionRefusal(actor, decider, steps, b.to, required);
    if (refusal) throw new DutyRefusal(refusal.message, refusal.rule);
    approval = b.to === 'granted' && steps.approvers.size + 1 < required;
  }

  let fromDate = e.from_date;
  let amount = e.amount_fen === null ? null : Number(e.amount_fen);
  let reason = e.reason;
  if (b.to === 'granted') {
    if (!b.fromDate) throw errors.validation([{ path: 'fromDate', message: '请填写享受起始日期' }]);
    fromDate = b.fromDate;
    if (b.amountFen !== undefined && b.amountFen !== null) amount = b.amountFen;
  }
  if (b.to === 'refused') {
    if (!b.reason) throw errors.validation([{ path: 'reason', message: '请填写未获批的原因' }]);
    reason = b.reason;
  }
  const note = b.note ?? null;
  const status = approval ? e.status : b.to;
  await tx.client.query(
    `update entitlements set status = $2, from_date = $3, amount_fen = $4, reason = $5, note = coalesce($6, note), updated_at = now(), version = version + 1 where id = $1`,
    [e.id, status, fromDate, amount, reason, note]);
  const eventNote = approval ? [`初审同意（还需另一位工作人员复核批准），拟自 ${fromDate} 起享受`, note].filter(Boolean).join('\n')
    : b.to === 'refused' ? (note ? `${reason}\n${note}` : reason) : note;
  const eventId = (await tx.client.query<{ id: string }>(
    `insert into entitlement_events (entitlement_id, child_id, user_id, username, display_name, unit_code, from_status, to_status, note, kind)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
    [e.id, e.child_id, actor.userId, actor.username, actor.displayName, actor.unitCode, e.status, status, eventNote, approval ? 'approval' : 'status'])).rows[0]!.id;
  const linked = await linkStepAttachments(tx, e.id, eventId, attachmentIds);
  await tx.audit({
    action: approval ? 'entitlement.approve' : 'entitlement.status', entity: 'entitlement', entityId: e.id,
    summary: {
      childId: e.child_id, policy: e.policy_id, status: { from: e.status, to: status }, fromDate, amountFen: amount,
      ...(b.to === 'granted' ? { approvalsRequired: required } : {}), ...(linked.length ? { attachmentIds: linked } : {}),
    },
  });
  if (!approval) await notifyNextActor(tx, pack, e, b.to, reason);
  else await notifySecondReviewer(tx, pack, e);
  return (await tx.client.query<EntRow>(`${ENT_SELECT} where id = $1`, [e.id])).rows[0]!;
}

interface ChildArea { name: string; street_code: string; committee_id: string; street_name: string; committee_name: string }
async function childArea(tx: Tx, childId: string): Promise<ChildArea | undefined> {
  return (await tx.client.query<ChildArea>(
    `select c.name, c.street_code, c.committee_id, s.name as street_name, m.name as committee_name from children c join streets s on s.code = c.street_code
     join committees m on m.id = c.committee_id where c.id = $1`, [childId])).rows[0];
}

/**
 * The next person in the workflow hears of it, and only people who can open the entitlement: a
 * submitted benefit goes to the deciding unit's staff who may decide it (entitlements.write and a
 * scope reaching the child; never the verifier or submitter); a decision goes back to the child's
 * street office (eligibility.read over the child: the supervisor, the committee's child director).
 * The notice links to the entitlement itself.
 */
async function notifyNextActor(tx: Tx, pack: Pack, e: EntRow, to: EntitlementStatus, reason: string | null): Promise<void> {
  if (to !== 'submitted' && to !== 'granted' && to !== 'refused') return;
  const policy = pack.byId.get(e.policy_id);
  const child = await childArea(tx, e.child_id);
  if (!policy || !child) return;
  const area = { childId: e.child_id, streetCode: child.street_code, committeeId: child.committee_id };
  const who = `${child.street_name}${child.committee_name} ${maskName(child.name)}`;
  if (to === 'submitted') {
    const decider = await decidingUnit(tx, policy.unit);
    const preparers = await preparersOf(tx, e.id);
    const users = (await recipientsWhoCan(tx, { units: [decider.code], permission: DECIDE_PERMISSION, area })).filter((u) => !preparers.has(u));
    await notify(tx, users, {
      kind: 'entitlement.submitted', title: `待审批：${policy.name.zh}`,
      body: `${who}，已由街道核实并提交，请在待遇记录中审批${decider.onBehalfOf ? `（代${decider.onBehalfOf}办理）` : ''}。`,
      entity: 'entitlement', entityId: e.id, streetCode: child.street_code,
    });
    return;
  }
  const users = await recipientsWhoCan(tx, { streetOffices: [child.street_code], permission: 'eligibility.read', area });
  await notify(tx, users, {
    kind: `entitlement.${to}`,
    title: to === 'granted' ? `已批准：${policy.name.zh}` : `未获批：${policy.name.zh}`,
    body: to === 'refused' ? `${who}：${reason ?? ''}` : `${who}，请在待遇记录中查看。`,
    entity: 'entitlement', entityId: e.id, streetCode: child.street_code,
  });
}

/** A first approval asks the deciding unit's other staff (not the preparers, not the approver) to review. */
async function notifySecondReviewer(tx: Tx, pack: Pack, e: EntRow): Promise<void> {
  const policy = pack.byId.get(e.policy_id);
  const child = await childArea(tx, e.child_id);
  if (!policy || !child) return;
  const decider = await decidingUnit(tx, policy.unit);
  const skip = await preparersOf(tx, e.id);
  skip.add(tx.ctx.actor!.userId);
  const users = (await recipientsWhoCan(tx, { units: [decider.code], permission: DECIDE_PERMISSION, area: { childId: e.child_id, streetCode: child.street_code, committeeId: child.committee_id } }))
    .filter((u) => !skip.has(u));
  await notify(tx, users, {
    kind: 'entitlement.approval', title: `待复核：${policy.name.zh}`,
    body: `${child.street_name}${child.committee_name} ${maskName(child.name)}，已初审同意，请另一位工作人员复核批准。`,
    entity: 'entitlement', entityId: e.id, streetCode: child.street_code,
  });
}

async function preparersOf(tx: Tx, entitlementId: string): Promise<Set<string>> {
  return new Set((await tx.client.query<{ user_id: string }>(
    `select distinct user_id from entitlement_events where entitlement_id = $1 and kind = 'status' and to_status in ('verified', 'submitted') and user_id is not null`,
    [entitlementId])).rows.map((r) => r.user_id));
}

export type { Policy };
