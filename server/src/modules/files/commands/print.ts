/**
 * The printable child file is rendered by the browser from the ordinary read APIs; this records
 * that it was printed (security requirement 15: views, exports and prints are audited).
 */
import type { Tx } from '../../../core/context.js';
import { visibleChild } from '../queries.js';

export async function logPrint(tx: Tx, childId: string): Promise<{ ok: true }> {
  await visibleChild(tx, childId);
  await tx.audit({ action: 'child.print', entity: 'child', entityId: childId });
  return { ok: true as const };
}
