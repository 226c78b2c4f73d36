/**
 * The access module's acts: opening a grant (越权查阅 with a reason; 紧急查阅 by identity number),
 * ending one, reading a child in an emergency, changing the settings. Each grant is an audit row
 * `access.grant` (the reason in the audit reason column) and a security event for the audit
 * administrators (`access.break-glass`: warning; critical for an emergency).
 */
import type { z } from 'zod';
import {
  GRANT_KIND_ZH,
  type AccessSettings,
  type EmergencyChildView,
  type EmergencyRequest,
  type EndGrant,
  type Grant,
  type GrantCreate,
  type GrantQuery,
} from '#common/access.js';
import { auditAlone, type Tx } from '../../core/context.js';
import type { AppDeps } from '../../core/deps.js';
import { errors } from '../../core/errors.js';
import { alertAuditors } from '../../http/securityAlert.js';
import { BIDX } from '../children/policies.js';
import { childFile } from '../children/queries.js';
import { grantEnd } from './policies.js';
import { presentGrant, presentSettings } from './presenters.js';
import * as repo from './repo.js';
import './watcher.js';

const at = (tx: Tx): Date => tx.ctx.at ?? new Date();
const NOT_FOUND_CHILD = '未找到该儿童档案，或不在您的权限范围内';
/** The same words whether the number is unknown, closed, or anywhere else: the answer tells nothing. */
const NOT_FOUND_EMERGENCY = '未找到在档儿童：请核对身份证号（仅能查阅在档的困境儿童）';

function actorOf(tx: Tx) {
  const a = tx.ctx.actor;
  if (!a) throw errors.unauthenticated();
  return a;
}

async function presentById(tx: Tx, id: string): Promise<Grant> {
  const row = await repo.grantById(tx, id);
  if (!row) throw errors.notFound('未找到该查阅授权');
  return presentGrant(row, at(tx));
}

async function open(tx: Tx, child: { id: string; streetCode: string }, kind: 'outside_assignment' | 'emergency', reason: string): Promise<Grant> {
  const actor = actorOf(tx);
  const now = at(tx);
  const live = await repo.liveGrant(tx, actor.userId, child.id, now, kind);
  if (live) return presentGrant(live, now); // already open: no second grant, no second alert
  const s = await repo.settings(tx);
  const hours = kind === 'emergency' ? s.emergency_hours : s.grant_hours;
  const expiresAt = grantEnd(now, hours);
  const id = await repo.insertGrant(tx, { userId: actor.userId, childId: child.id, streetCode: child.streetCode, kind, reason, grantedAt: now, expiresAt });
  await tx.audit({
    action: 'access.grant',
    entity: 'child',
    entityId: child.id,
    reason,
    summary: { grantId: id, kind, hours, expiresAt: expiresAt.toISOString() },
  });
  await alertAuditors(tx, {
    kind: 'access.break-glass',
    severity: kind === 'emergency' ? 'critical' : 'warning',
    title: GRANT_KIND_ZH[kind] + '：' + actor.displayName + '（' + actor.username + '）查阅一名儿童的档案 ' + hours + ' 小时',
    // The reason stays in the grant and the audit row: it may name the child.
    body:
      '账户 ' +
      actor.username +
      '（' +
      actor.unitName +
      '）说明理由后' +
      GRANT_KIND_ZH[kind] +
      '一名儿童的档案，至 ' +
      expiresAt.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) +
      ' 止。理由见安全事件，请核实。',
    entity: 'access_grant',
    entityId: id,
    detail: { grantId: id, childId: child.id, kind, hours, streetCode: child.streetCode },
  });
  return presentById(tx, id);
}

/** 越权查阅: a reason, then the child (in the caller's scope) opens for grant_hours. */
export async function openGrant(tx: Tx, body: z.infer<typeof GrantCreate>): Promise<Grant> {
  const child = await repo.childInScope(tx, body.childId);
  if (!child) throw errors.notFound(NOT_FOUND_CHILD);
  return open(tx, { id: child.id, streetCode: child.street_code }, 'outside_assignment', body.reason);
}

/** 紧急查阅: a department finds an active child by identity number (blind index only), for emergency_hours. */
export async function openEmergency(
  tx: Tx,
  deps: Pick<AppDeps, 'crypto' | 'db'>,
  body: z.infer<typeof EmergencyRequest>,
): Promise<{ grant: Grant; childId: string }> {
  const childId = await repo.childByBlindIndex(tx, deps.crypto.blindIndex(body.idNumber, BIDX));
  const street = childId ? await repo.childStreet(tx, childId) : null;
  if (!childId || !street) {
    // The refusal outlives the rolled-back transaction: probing numbers leaves a trace.
    await auditAlone(deps.db, tx.ctx, { action: 'access.grant', outcome: 'denied', reason: body.reason, summary: { kind: 'emergency', found: false } });
    throw errors.notFound(NOT_FOUND_EMERGENCY);
  }
  const grant = await open(tx, { id: childId, streetCode: street }, 'emergency', body.reason);
  return { grant, childId };
}

/** Ends a grant early: its holder, or the audit administrator (row-level security decides who sees it). */
export async function endGrant(tx: Tx, id: string, body: z.infer<typeof EndGrant>): Promise<Grant> {
  const actor = actorOf(tx);
  const row = await repo.grantById(tx, id);
  if (!row) throw errors.notFound('未找到该查阅授权');
  if (row.user_id !== actor.userId && !actor.permissions.has('audit.read')) throw errors.notFound('未找到该查阅授权');
  const ended = await repo.endGrant(tx, id, actor.userId, at(tx), body.reason ?? null);
  if (ended === 0) throw errors.conflict('该查阅授权已结束或已到期');
  await tx.audit({
    action: 'access.grant.end',
    entity: 'access_grant',
    entityId: id,
    reason: body.reason ?? null,
    summary: { childId: row.child_id, holder: row.username },
  });
  return presentById(tx, id);
}

export async function listGrants(tx: Tx, q: z.infer<typeof GrantQuery>) {
  const actor = actorOf(tx);
  const mine = q.mine === 'true' || !actor.permissions.has('audit.read');
  const { rows, total } = await repo.listGrants(
    tx,
    { at: at(tx), state: q.state, userId: mine ? actor.userId : undefined, childId: q.childId },
    q.pageSize,
    (q.page - 1) * q.pageSize,
  );
  return { items: rows.map((r) => presentGrant(r, at(tx))), total, page: q.page, pageSize: q.pageSize };
}

/** The caller's live grant on a child (the banner of a file opened through one), or null. */
export async function myLiveGrant(tx: Tx, childId: string): Promise<Grant | null> {
  const actor = actorOf(tx);
  const row = await repo.liveGrant(tx, actor.userId, childId, at(tx));
  return row ? presentGrant(row, at(tx)) : null;
}

/** 紧急查阅: the child as the department reads it (identity, family and guardians, health), each read audited. */
export async function emergencyView(tx: Tx, deps: AppDeps, childId: string): Promise<EmergencyChildView> {
  const actor = actorOf(tx);
  const row = await repo.liveGrant(tx, actor.userId, childId, at(tx), 'emergency');
  if (!row) throw errors.notFound('紧急查阅授权不存在或已到期');
  const f = await childFile(tx, deps, childId);
  await tx.audit({ action: 'access.grant.view', entity: 'child', entityId: childId, summary: { grantId: row.id } });
  return {
    grant: presentGrant(row, at(tx)),
    identity: {
      id: f.id,
      name: f.name,
      sex: f.sex,
      birthDate: f.birthDate,
      age: f.age,
      idNumberMasked: f.idNumberMasked,
      streetName: f.streetName,
      committeeName: f.committeeName,
      status: f.status,
      riskLevel: f.riskLevel,
      categories: f.categories.filter((c) => !c.until).map((c) => ({ category: c.category, name: c.label })),
    },
    family: f.members.map((m) => ({ id: m.id, name: m.name, relation: m.relation, role: m.role, status: m.status, phoneMasked: m.phoneMasked })),
    health: { disabilityType: f.disabilityType, disabilityGrade: f.disabilityGrade, seriousIllness: f.seriousIllness },
  };
}

export async function readSettings(tx: Tx): Promise<AccessSettings> {
  return presentSettings(await repo.settings(tx));
}

export async function updateSettings(tx: Tx, body: AccessSettings): Promise<AccessSettings> {
  const actor = actorOf(tx);
  const before = await repo.settings(tx);
  const next = {
    grant_hours: body.grantHours,
    emergency_hours: body.emergencyHours,
    bulk_view_files: body.bulkViewFiles,
    bulk_view_minutes: body.bulkViewMinutes,
    unusual_files: body.unusualFiles,
    unusual_history_days: body.unusualHistoryDays,
  };
  if ((await repo.updateSettings(tx, next, actor.userId, at(tx))) === 0) throw errors.forbidden();
  await tx.audit({ action: 'access.settings.update', entity: 'access_settings', summary: { before: presentSettings(before), after: body } });
  return presentSettings(next);
}
