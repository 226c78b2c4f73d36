/** The admin lists: accounts, roles (with the permission catalogue), administrator-account requests. */
import type { z } from 'zod';
import type { AdminRequestList, AdminRequestQuery, RoleList, UserList, UserQuery } from '#common/api.js';
import { PERMISSIONS } from '#common/permissions.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { REQUEST_TTL_MS } from './policies.js';
import { presentRequest, presentRole, presentUser } from './presenters.js';
import * as repo from './repo.js';

export async function listUsers(tx: Tx, query: z.infer<typeof UserQuery>, now: Date): Promise<z.infer<typeof UserList>> {
  const { page, pageSize, q, unit, role } = query;
  const { rows, total } = await repo.listUsers(tx, { q, unit, role }, now, pageSize, (page - 1) * pageSize);
  return { items: rows.map(presentUser), total, page, pageSize };
}

export async function listRoles(tx: Tx): Promise<z.infer<typeof RoleList>> {
  const rows = await repo.listRoles(tx);
  return { items: rows.map(presentRole), permissions: Object.entries(PERMISSIONS).map(([code, l]) => ({ code, zh: l.zh, en: l.en })) };
}

/** Pending (still decidable) first; a lapsed request is listed as expired. */
export async function listRequests(tx: Tx, ctx: SignedInCtx, query: z.infer<typeof AdminRequestQuery>, now: number): Promise<z.infer<typeof AdminRequestList>> {
  const { page, pageSize, status } = query;
  const { rows, total } = await repo.listRequests(tx, status, new Date(now - REQUEST_TTL_MS), pageSize, (page - 1) * pageSize);
  return { items: rows.map((r) => presentRequest(ctx.actor, r, now)), total, page, pageSize };
}
