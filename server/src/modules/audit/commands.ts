/** The audit module's acts, each recorded in the log: reading it, verifying it, changing its hash algorithm. */
import type pg from 'pg';
import type { z } from 'zod';
import type { AuditList, AuditQuery, AuditVerifyResult } from '#common/api.js';
import type { Tx } from '../../core/context.js';
import { SYSTEM_USER_ID } from '../../http/systemActor.js';
import type { AuditHashAlg } from './checkpoints.js';
import { presentAuditEntry } from './presenters.js';
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
