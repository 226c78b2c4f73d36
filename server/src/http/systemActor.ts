/**
 * The system as an actor: the nightly matching, the morning reminders and the indicator runs act
 * as this audited "user" with every street of the district in scope (row-level security stays on),
 * and with only the permissions the job needs.
 */
import type { AppDeps } from '../core/deps.js';
import type { Permission } from '#common/permissions.js';
import type { Actor, RequestCtx } from '../core/context.js';

export const SYSTEM_USER_ID = '00000000-0000-0000-0000-000000000000';

export async function systemCtx(deps: AppDeps, job: string, permissions: Permission[] = []): Promise<RequestCtx> {
  const streets = (await deps.db.app.query<{ code: string }>('select code from streets order by code')).rows.map((r) => r.code);
  const actor: Actor = {
    userId: SYSTEM_USER_ID,
    username: 'system',
    displayName: '系统',
    unitCode: 'civil-affairs',
    unitName: '区民政局',
    unitNameEn: 'District Civil Affairs Bureau',
    roles: [],
    permissions: new Set(permissions),
    adminClasses: [],
    totpEnabled: false,
    accessSuspended: false,
    scope: { kind: 'district', streets, committees: [], assigned: false },
    session: { idHash: Buffer.alloc(0), publicId: '', csrfToken: '', pending: null },
  };
  return { requestId: `${job}-${Date.now()}`, ip: null, userAgent: 'scheduler', actor };
}
