/**
 * The reads of the ledger: the list (filters, the check state by the pure rule, pages), one person
 * with their committee history and checks, and the form options of the caller's area.
 */
import type { z } from 'zod';
import { namePinyin } from '#common/pinyin.js';
import type { CheckState } from '#common/vetting.js';
import type { DueQuery, Staff, StaffItem, StaffQuery, VettingSettings, WorkforceOptions as Options } from '#common/workforce.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import type { AppDeps } from '../../core/deps.js';
import { errors } from '../../core/errors.js';
import * as vettingRepo from '../vetting/repo.js';
import { presentStaff, presentStaffItem } from './presenters.js';
import * as repo from './repo.js';

type Crypto = Pick<AppDeps, 'crypto'>;

/** People of the area with their check state on `today`, filtered by `states` when given. */
export async function people(tx: Tx, deps: Crypto, f: repo.StaffFilter, states: readonly CheckState[] | null): Promise<StaffItem[]> {
  const settings = await vettingRepo.settings(tx);
  // Latin letters search the pinyin ("zxm", "zhangxiaoming") or the username, here rather than in SQL.
  const latin = f.q && /^[a-z0-9._-]+$/i.test(f.q) ? f.q.toLowerCase() : null;
  const rows = await repo.listStaff(tx, latin ? { ...f, q: undefined } : f);
  const items = rows
    .filter((r) => {
      if (!latin) return true;
      const p = namePinyin(r.name);
      return p.initials.startsWith(latin) || p.full.includes(latin) || r.username === latin;
    })
    .map((r) => presentStaffItem(deps, r, f.today, settings));
  return states ? items.filter((i) => states.includes(i.check.state)) : items;
}

export async function list(tx: Tx, deps: Crypto, q: z.infer<typeof StaffQuery>, today: string) {
  const items = await people(
    tx,
    deps,
    { street: q.street, committee: q.committee, roleKind: q.roleKind, post: q.post, status: q.status, q: q.q, today },
    q.check ? [q.check] : null,
  );
  return { items: items.slice((q.page - 1) * q.pageSize, q.page * q.pageSize), total: items.length, page: q.page, pageSize: q.pageSize };
}

export async function get(tx: Tx, deps: Crypto, id: string, today: string): Promise<Staff> {
  const r = await repo.getStaff(tx, id);
  if (!r) throw errors.notFound('未找到该人员，或不在您的权限范围内');
  return presentStaff(deps, r, today, await vettingRepo.settings(tx));
}

export async function options(tx: Tx, ctx: SignedInCtx, today: string): Promise<z.infer<typeof Options>> {
  const all = ctx.actor.scope.kind === 'district';
  return { today, ...(await repo.optionLists(tx, ctx.actor.scope.streets, all)) };
}

/** 入职查询到期: the people to act on first (lapsed, restricted, never checked, pending, expiring). */
const ORDER = { lapsed: 0, restricted: 1, none: 2, pending: 3, expiring: 4, valid: 5 } as const;

export async function due(tx: Tx, deps: Pick<AppDeps, 'crypto'>, q: z.infer<typeof DueQuery>, today: string) {
  const items = (await people(tx, deps, { street: q.street, status: 'active', today }, ['lapsed', 'expiring', 'pending', 'none', 'restricted'])).sort(
    (a, b) => ORDER[a.check.state] - ORDER[b.check.state] || (a.check.daysLeft ?? 0) - (b.check.daysLeft ?? 0) || a.name.localeCompare(b.name, 'zh'),
  );
  return { items: items.slice((q.page - 1) * q.pageSize, q.page * q.pageSize), total: items.length, page: q.page, pageSize: q.pageSize };
}

/** The record-check settings (validity, reminders, enforce_from). */
export async function vettingSettings(tx: Tx): Promise<VettingSettings> {
  return vettingRepo.settings(tx);
}
