/** The audit module's acts, each recorded in the log: reading it, verifying it, changing its hash algorithm. */
import type pg from 'pg';
import type { z } from 'zod';
import type { AuditList, AuditQuery, AuditVerifyResult } from '#common/api.js';
import type { Tx } from '../../core/context.js';
import { SYSTEM_USER_ID } from '../../http/systemActor.js';
import type { AuditHashAlg } from './checkpoints.js';
import type { AlertAck, AlertList, AlertQuery, SecurityAlert } from '#common/access.js';
import { errors } from '../../core/errors.js';
import { presentAlert, presentAuditEntry } from './presenters.js';
import * as repo from './repo.js';
import { verifyAuditChain, type VerifyOptions } from './verify.js';

/** A page of the log; that it was read, and with which filters, is itself recorded. */
export async function readLog(tx: Tx, query: z.infer<typeof AuditQuery>): Promise<z.infer<typeof AuditList>> {
  const { page, pageSize, username, action, actions, includeSystem, entity, outcome, from, to } = query;
  const { rows, total } = await repo.listAudit(
    tx,
    { username, action, actions, includeSystem, entity, outcome, from, to, systemUserId: SYSTEM_USER_ID },
    pageSize,
    (page - 1) * pageSize,
  );
  await tx.audit({ action: 'audit.read', summary: { filters: { username, action, actions, includeSystem, entity, outcome, from, to }, page } });
  return { items: rows.map(presentAuditEntry), total, page, pageSize };
}

/** 安全事件: a page of security events, open ones first; that they were read is recorded. */
export async function readAlerts(tx: Tx, q: z.infer<typeof AlertQuery>): Promise<z.infer<typeof AlertList>> {
  const { page, pageSize, kind, state, from, to } = q;
  const { rows, total, open } = await repo.listAlerts(tx, { kind, state, from, to }, pageSize, (page - 1) * pageSize);
  await tx.audit({ action: 'audit.alerts.read', summary: { filters: { kind, state, from, to }, page } });
  return { items: rows.map(presentAlert), total, open, page, pageSize };
}

/** Acknowledges a security event with a note (audited); an acknowledged one cannot be again. */
export async function acknowledgeAlert(tx: Tx, id: string, body: z.infer<typeof AlertAck>): Promise<SecurityAlert> {
  const actor = tx.ctx.actor;
  if (!actor) throw errors.unauthenticated();
  const row = await repo.alertById(tx, id);
  if (!row) throw errors.notFound('未找到该安全事件');
  if ((await repo.acknowledgeAlert(tx, id, actor.userId, body.note)) === 0) throw errors.conflict('该安全事件已处理');
  await tx.audit({ action: 'audit.alert.acknowledge', entity: 'security_alert', entityId: id, reason: body.note, summary: { kind: row.kind } });
  const after = await repo.alertById(tx, id);
  if (!after) throw errors.notFound('未找到该安全事件');
  return presentAlert(after);
}

/** Verifies the chain and the signed checkpoints; the result is recorded (failed when broken). */
export async function verify(tx: Tx, o: VerifyOptions): Promise<z.infer<typeof AuditVerifyResult>> {
  const result = await verifyAuditChain(tx.client, o);
  await tx.audit({ action: 'audit.verify', outcome: result.ok ? 'success' : 'failed', summary: { ...result } });
  return result;
}

/**
 * NUANYANG_AUDIT_HASH → the algorithm audit_append uses for new rows (audit_settings, owner only).
 * Rows keep the algorithm they were written with, so changing it never breaks verification; the
 * change itself is written to the audit log, under the system actor.
 */
export async function applyAuditHash(client: pg.ClientBase, alg: AuditHashAlg): Promise<{ changed: boolean; from: string }> {
  await repo.begin(client);
  try {
    const from = (await repo.lockHashAlg(client)) ?? 'sha256';
    if (from === alg) {
      await repo.commit(client);
      return { changed: false, from };
    }
    await repo.setHashAlg(client, alg);
    await repo.appendStartupAudit(client, SYSTEM_USER_ID, { hashAlg: { from, to: alg } });
    await repo.commit(client);
    return { changed: true, from };
  } catch (err) {
    await repo.rollback(client);
    throw err;
  }
}
