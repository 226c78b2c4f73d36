/**
 * Security events (安全事件). Each is one row of `security_alerts`, which the audit administrator
 * reads and acknowledges in the audit viewer and the yearly compliance report counts as incidents,
 * plus notifications to the administrators who must act: the security administrators for an
 * account or a key (`alertSecurityAdmins`), the audit administrators for how data was read
 * (`alertAuditors`). All in the caller's transaction. Bodies and details name the account, the
 * column or the child's id, never a child's personal data.
 */
import { randomUUID } from 'node:crypto';
import type { Tx } from '../core/context.js';

export interface SecurityAlert {
  kind: string;
  title: string;
  body: string;
  entity?: string | null;
  entityId?: string | null;
  severity?: 'info' | 'warning' | 'critical';
  /** The account whose action raised it (the viewer, the account locked); the caller when absent. */
  userId?: string | null;
  username?: string | null;
  unitCode?: string | null;
  detail?: Record<string, unknown>;
}

type AlertTx = Pick<Tx, 'client'> & { ctx?: Tx['ctx'] };

/** Records the event; returns its id. Never RETURNING: the raiser may not read the table. */
export async function recordSecurityAlert(tx: AlertTx, a: SecurityAlert): Promise<string> {
  const id = randomUUID();
  const actor = tx.ctx?.actor;
  await tx.client.query(
    `insert into security_alerts (id, kind, severity, user_id, username, unit_code, title, detail, entity, entity_id, request_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      id,
      a.kind,
      a.severity ?? 'warning',
      a.userId !== undefined ? a.userId : (actor?.userId ?? null),
      a.username !== undefined ? a.username : (actor?.username ?? null),
      a.unitCode !== undefined ? a.unitCode : (actor?.unitCode ?? null),
      a.title.slice(0, 200),
      JSON.stringify({ body: a.body, ...(a.detail ?? {}) }),
      a.entity ?? null,
      a.entityId ?? null,
      tx.ctx?.requestId ?? null,
    ],
  );
  return id;
}

async function notifyClass(tx: AlertTx, adminClass: 'security' | 'audit', a: SecurityAlert): Promise<number> {
  const r = await tx.client.query(
    `insert into notifications (user_id, kind, title, body, entity, entity_id)
     select distinct u.id, $1, $2, $3, $4, $5::uuid from users u
       join user_roles ur on ur.user_id = u.id join roles r on r.code = ur.role_code
     where not u.disabled and r.admin_class = $6`,
    [a.kind, a.title, a.body, a.entity ?? null, a.entityId ?? null, adminClass],
  );
  return r.rowCount ?? 0;
}

/** An account or key event: recorded, and every security administrator notified. */
export async function alertSecurityAdmins(tx: AlertTx, a: SecurityAlert): Promise<number> {
  await recordSecurityAlert(tx, a);
  return notifyClass(tx, 'security', a);
}

/** A reading of data that must be answered for (bulk viewing, break the glass): recorded, every audit administrator notified. */
export async function alertAuditors(tx: AlertTx, a: SecurityAlert): Promise<number> {
  await recordSecurityAlert(tx, a);
  return notifyClass(tx, 'audit', a);
}
