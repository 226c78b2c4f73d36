/** What the admin commands share: alerting the other administrators, and auditing refusals. */
import type { Database } from '../../../db/database.js';
import { auditAlone, type RequestCtx, type SignedInCtx, type Tx } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import { notify } from '../../notifications/notify.js';
import * as repo from '../repo.js';

/**
 * Notifies every active administrator account except the actor: for an act by one administrator,
 * the administrators of the other two classes (and any colleague of the same class) learn of it.
 */
export async function alertAdministrators(tx: Tx, ctx: SignedInCtx, n: { title: string; body: string; entity: string; entityId: string }): Promise<number> {
  return notify(tx, await repo.activeAdministratorsExcept(tx, ctx.actor.userId), { kind: 'admin.account', ...n });
}

/**
 * Runs a command in its own scoped transaction and writes an audit row for a refusal (403) it
 * throws. The refusal's transaction has rolled back, so the row is written in its own, as the
 * guard does for missing permissions.
 */
export async function auditRefusals<T>(
  db: Database,
  ctx: RequestCtx,
  what: { action: string; entity: string; entityId: string | null },
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AppError && err.statusCode === 403) {
      await auditAlone(db, ctx, { ...what, outcome: 'denied', reason: err.message });
    }
    throw err;
  }
}
