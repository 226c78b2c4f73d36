/**
 * Alerts for the security administrators (安全管理员): a notification to every active account
 * holding a role of the security class, written in the caller's transaction. Bodies name the
 * account or the column concerned, never a child's personal data.
 */
import type { Tx } from '../core/context.js';

export interface SecurityAlert {
  kind: string;
  title: string;
  body: string;
  entity?: string | null;
  entityId?: string | null;
}

export async function alertSecurityAdmins(tx: Pick<Tx, 'client'>, a: SecurityAlert): Promise<number> {
  const r = await tx.client.query(
    `insert into notifications (user_id, kind, title, body, entity, entity_id)
     select distinct u.id, $1, $2, $3, $4, $5::uuid from users u
       join user_roles ur on ur.user_id = u.id join roles r on r.code = ur.role_code
     where not u.disabled and r.admin_class = 'security'`,
    [a.kind, a.title, a.body, a.entity ?? null, a.entityId ?? null],
  );
  return r.rowCount ?? 0;
}
