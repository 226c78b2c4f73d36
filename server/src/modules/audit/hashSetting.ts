/**
 * NUANYANG_AUDIT_HASH → the algorithm audit_append uses for new rows (audit_settings, owner only).
 * Rows keep the algorithm they were written with, so changing it never breaks verification; the
 * change itself is written to the audit log, under the system actor.
 */
import type pg from 'pg';
import { SYSTEM_USER_ID } from '../../http/systemActor.js';
import type { AuditHashAlg } from './checkpoints.js';

export async function applyAuditHash(client: pg.ClientBase, alg: AuditHashAlg): Promise<{ changed: boolean; from: string }> {
  await client.query('begin');
  try {
    const from = (await client.query<{ hash_alg: string }>('select hash_alg from audit_settings for update')).rows[0]?.hash_alg ?? 'sha256';
    if (from === alg) {
      await client.query('commit');
      return { changed: false, from };
    }
    await client.query('update audit_settings set hash_alg = $1', [alg]);
    await client.query(
      `select audit_append($1, 'system', null, null, null, 'audit.hash.change', 'audit_log', null, 'success', $2::jsonb, null, 'startup')`,
      [SYSTEM_USER_ID, JSON.stringify({ hashAlg: { from, to: alg } })],
    );
    await client.query('commit');
    return { changed: true, from };
  } catch (err) {
    await client.query('rollback');
    throw err;
  }
}
