/** Helpers shared by the casework routes. */
import { ErrorBody } from '#common/api.js';
import type { AppDeps } from '../../core/deps.js';
import type { Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { shanghaiDate } from '#common/dates.js';

export const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export const STALE = '该记录已被他人修改，请刷新后再改';
export const CHILD_NOT_FOUND = '未找到该儿童档案，或不在您的辖区内';

/** Today's date in Shanghai by the server clock. */
export const todayOf = (deps: AppDeps): string => shanghaiDate(deps.clock());

/** Refuses a date after today (`field` names the form field, `label` what the date is). */
export function notInFuture(date: string | null | undefined, today: string, field: string, label: string): void {
  if (date && date > today) throw errors.validation([{ path: field, message: `${label}不能晚于今天（${today}）` }], `${label}不能晚于今天`);
}

/** The child, if the caller's scope reaches it (RLS); otherwise 404. */
export async function visibleChild(tx: Tx, childId: string): Promise<{ id: string; name: string; street_code: string; committee_id: string; mentor_id: string | null; buddy_id: string | null }> {
  const row = (await tx.client.query<{ id: string; name: string; street_code: string; committee_id: string; mentor_id: string | null; buddy_id: string | null }>(
    'select id, name, street_code, committee_id, mentor_id, buddy_id from children where id = $1', [childId])).rows[0];
  if (!row) throw errors.notFound(CHILD_NOT_FOUND);
  return row;
}

/** An active unit, or a validation error on `field`. */
export async function activeUnit(tx: Tx, code: string, field: string): Promise<{ code: string; name: string; kind: string; street_code: string | null }> {
  const u = (await tx.client.query<{ code: string; name: string; kind: string; street_code: string | null; active: boolean }>(
    'select code, name, kind, street_code, active from units where code = $1', [code])).rows[0];
  if (!u || !u.active) throw errors.validation([{ path: field, message: '单位不存在或已停用，请重新选择' }]);
  return u;
}

export const iso = (d: Date): string => d.toISOString();
