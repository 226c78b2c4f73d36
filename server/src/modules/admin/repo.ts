/** Every SQL statement of the admin module: accounts, roles and administrator-account requests. */
import type pg from 'pg';
import type { AdminRequest, Role } from '#common/api.js';
import type { AdminClass } from '#common/permissions.js';
import type { Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';

// ---- accounts ----

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  unit_code: string;
  unit_name: string;
  unit_street: string | null;
  roles: string[];
  committees: string[];
  disabled: boolean;
  locked: boolean;
  totp_enabled: boolean;
  must_change_password: boolean;
  last_login_at: Date | null;
  created_at: Date;
}
/** The user query; `nowParam` names the bound parameter that holds the server clock (for the lock state). */
const selectUsers = (nowParam: string) => `
  select u.id, u.username, u.display_name, u.unit_code, un.name as unit_name, un.street_code as unit_street,
    coalesce((select array_agg(role_code order by role_code) from user_roles where user_id = u.id), '{}') as roles,
    coalesce((select array_agg(committee_id::text order by committee_id) from user_committees where user_id = u.id), '{}') as committees,
    u.disabled, coalesce(lf.locked_until > ${nowParam}, false) as locked, u.totp_enabled, u.must_change_password, u.last_login_at, u.created_at
  from users u join units un on un.code = u.unit_code left join login_failures lf on lf.username = u.username`;

export interface UserFilter {
  q?: string | undefined;
  unit?: string | undefined;
  role?: string | undefined;
}

function userWhere(f: UserFilter): { w: string; args: unknown[] } {
  const args: unknown[] = [];
  const where: string[] = [];
  if (f.q) {
    args.push(`%${f.q.toLowerCase()}%`);
    where.push(`(u.username like $${args.length} or u.display_name like $${args.length})`);
  }
  if (f.unit) {
    args.push(f.unit);
    where.push(`u.unit_code = $${args.length}`);
  }
  if (f.role) {
    args.push(f.role);
    where.push(`exists (select 1 from user_roles r where r.user_id = u.id and r.role_code = $${args.length})`);
  }
  return { w: where.length ? `where ${where.join(' and ')}` : '', args };
}

/** One page of users and the number matching the filter. */
export async function listUsers(tx: Tx, f: UserFilter, now: Date, limit: number, offset: number): Promise<{ rows: UserRow[]; total: number }> {
  const { w, args } = userWhere(f);
  const total = await count(tx.client, `select count(*)::int as n from users u ${w}`, args);
  const n = args.length;
  const { rows } = await tx.client.query<UserRow>(`${selectUsers(`$${n + 1}`)} ${w} order by u.unit_code, u.username limit $${n + 2} offset $${n + 3}`, [
    ...args,
    now,
    limit,
    offset,
  ]);
  return { rows, total };
}

/** The user, or 404; `lock` takes the row for the rest of the transaction. */
export async function getUser(tx: Tx, now: Date, id: string, lock = false): Promise<UserRow> {
  const row = (await tx.client.query<UserRow>(`${selectUsers('$1')} where u.id = $2 ${lock ? 'for update of u' : ''}`, [now, id])).rows[0];
  if (!row) throw errors.notFound('未找到该用户');
  return row;
}

export async function usernameTaken(tx: Tx, username: string): Promise<boolean> {
  return !!(await tx.client.query('select 1 from users where username = $1', [username])).rowCount;
}

export async function findUnit(tx: Tx, code: string): Promise<{ street_code: string | null; active: boolean } | undefined> {
  return (await tx.client.query<{ street_code: string | null; active: boolean }>('select street_code, active from units where code = $1', [code])).rows[0];
}

export async function committeesByIds(tx: Tx, ids: string[]): Promise<{ id: string; street_code: string; active: boolean }[]> {
  return (
    await tx.client.query<{ id: string; street_code: string; active: boolean }>('select id, street_code, active from committees where id = any($1)', [ids])
  ).rows;
}

export async function insertUser(tx: Tx, u: { username: string; displayName: string; unitCode: string; passwordHash: string }): Promise<string> {
  const { rows } = await tx.client.query<{ id: string }>(
    `insert into users (username, display_name, unit_code, password_hash, must_change_password) values ($1, $2, $3, $4, true) returning id`,
    [u.username, u.displayName, u.unitCode, u.passwordHash],
  );
  return one(rows).id;
}

export async function updateUser(tx: Tx, id: string, displayName: string | null, unitCode: string, disabled: boolean | null): Promise<void> {
  await tx.client.query(
    `update users set display_name = coalesce($2, display_name), unit_code = $3, disabled = coalesce($4, disabled), updated_at = now() where id = $1`,
    [id, displayName, unitCode, disabled],
  );
}

export async function insertUserRoles(tx: Tx, userId: string, roles: string[]): Promise<void> {
  await tx.client.query('insert into user_roles (user_id, role_code) select $1, unnest($2::text[])', [userId, roles]);
}

export async function deleteUserRoles(tx: Tx, userId: string): Promise<void> {
  await tx.client.query('delete from user_roles where user_id = $1', [userId]);
}

export async function insertUserCommittees(tx: Tx, userId: string, committees: string[]): Promise<void> {
  await tx.client.query('insert into user_committees (user_id, committee_id) select $1, unnest($2::uuid[])', [userId, committees]);
}

export async function deleteUserCommittees(tx: Tx, userId: string): Promise<void> {
  await tx.client.query('delete from user_committees where user_id = $1', [userId]);
}

export async function endSessions(tx: Tx, userId: string, now: Date): Promise<void> {
  await tx.client.query('update sessions set revoked_at = $2 where user_id = $1 and revoked_at is null', [userId, now]);
}

export async function setPassword(tx: Tx, userId: string, passwordHash: string, now: Date): Promise<void> {
  await tx.client.query(
    `update users set password_hash = $2, must_change_password = true, password_is_demo = false, password_changed_at = $3, updated_at = $3 where id = $1`,
    [userId, passwordHash, now],
  );
}

export async function clearLoginFailures(tx: Tx, username: string): Promise<void> {
  await tx.client.query('delete from login_failures where username = $1', [username]);
}

export async function removeSecondFactor(tx: Tx, userId: string): Promise<void> {
  await tx.client.query(`update users set totp_enabled = false, totp_secret_enc = null, recovery_code_hashes = '{}' where id = $1`, [userId]);
}

export async function setDisabled(tx: Tx, userId: string, disabled: boolean, now: Date): Promise<void> {
  await tx.client.query('update users set disabled = $2, updated_at = $3 where id = $1', [userId, disabled, now]);
}

// ---- administrator classes (三权分立) ----

export interface RoleFacts {
  code: string;
  admin_class: string | null;
}

export async function roleFacts(client: pg.ClientBase, codes: string[]): Promise<RoleFacts[]> {
  return (await client.query<RoleFacts>('select code, admin_class from roles where code = any($1)', [codes])).rows;
}

/** The administrator classes (system / security / audit) an account holds. */
export async function adminClassesOfUser(tx: Tx, userId: string): Promise<AdminClass[]> {
  const { rows } = await tx.client.query<{ admin_class: AdminClass }>(
    `select distinct r.admin_class from user_roles ur join roles r on r.code = ur.role_code where ur.user_id = $1 and r.admin_class is not null`,
    [userId],
  );
  return rows.map((r) => r.admin_class);
}

/** Usable accounts of an administrator class other than `userId`. */
export async function otherActiveOfClass(tx: Tx, cls: string, userId: string): Promise<number> {
  return count(
    tx.client,
    `select count(distinct u.id)::int as n from users u join user_roles ur on ur.user_id = u.id join roles r on r.code = ur.role_code
       where r.admin_class = $1 and not u.disabled and u.id <> $2`,
    [cls, userId],
  );
}

/** Every active administrator account except `userId`. */
export async function activeAdministratorsExcept(tx: Tx, userId: string): Promise<string[]> {
  const { rows } = await tx.client.query<{ id: string }>(
    `select distinct u.id from users u join user_roles ur on ur.user_id = u.id join roles r on r.code = ur.role_code
     where r.admin_class is not null and not u.disabled and u.id <> $1`,
    [userId],
  );
  return rows.map((r) => r.id);
}

// ---- roles ----

export interface RoleRow {
  code: string;
  name: string;
  name_en: string;
  scope_kind: Role['scopeKind'];
  admin_class: AdminClass | null;
  permissions: string[];
  builtin: boolean;
  user_count: number;
}
const SELECT_ROLES = `select r.code, r.name, r.name_en, r.scope_kind, r.admin_class, r.permissions, r.builtin,
  (select count(*)::int from user_roles ur where ur.role_code = r.code) as user_count from roles r`;

export async function listRoles(tx: Tx): Promise<RoleRow[]> {
  return (await tx.client.query<RoleRow>(`${SELECT_ROLES} order by r.builtin desc, r.code`)).rows;
}

export async function findRole(tx: Tx, code: string, lock = false): Promise<RoleRow | undefined> {
  return (await tx.client.query<RoleRow>(`${SELECT_ROLES} where r.code = $1${lock ? ' for update of r' : ''}`, [code])).rows[0];
}

export async function roleCodeTaken(tx: Tx, code: string): Promise<boolean> {
  return !!(await tx.client.query('select 1 from roles where code = $1', [code])).rowCount;
}

export async function insertRole(tx: Tx, r: { code: string; name: string; nameEn: string; scopeKind: string; permissions: string[] }): Promise<void> {
  await tx.client.query('insert into roles (code, name, name_en, scope_kind, permissions) values ($1, $2, $3, $4, $5)', [
    r.code,
    r.name,
    r.nameEn,
    r.scopeKind,
    r.permissions,
  ]);
}

export async function updateRole(tx: Tx, code: string, name: string | null, nameEn: string | null, permissions: string[] | null): Promise<void> {
  await tx.client.query(
    `update roles set name = coalesce($2, name), name_en = coalesce($3, name_en), permissions = coalesce($4, permissions), updated_at = now() where code = $1`,
    [code, name, nameEn, permissions],
  );
}

export async function roleInUse(tx: Tx, code: string): Promise<boolean> {
  return !!(await tx.client.query('select 1 from user_roles where role_code = $1 limit 1', [code])).rowCount;
}

export async function deleteRole(tx: Tx, code: string): Promise<void> {
  await tx.client.query('delete from roles where code = $1', [code]);
}

// ---- administrator-account requests ----

export interface RequestRow {
  id: string;
  kind: 'password-reset';
  status: AdminRequest['status'];
  reason: string;
  target_id: string;
  target_username: string;
  target_name: string;
  target_roles: string[];
  requester_id: string;
  requester_username: string;
  requester_name: string;
  decider_id: string | null;
  decider_username: string | null;
  decider_name: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  created_at: Date;
}

const SELECT_REQUESTS = `
  select q.id, q.kind, q.status, q.reason, q.decided_at, q.decision_note, q.created_at,
    t.id as target_id, t.username as target_username, t.display_name as target_name,
    coalesce((select array_agg(role_code order by role_code) from user_roles where user_id = t.id), '{}') as target_roles,
    r.id as requester_id, r.username as requester_username, r.display_name as requester_name,
    d.id as decider_id, d.username as decider_username, d.display_name as decider_name
  from admin_account_requests q join users t on t.id = q.target_user_id join users r on r.id = q.requested_by
  left join users d on d.id = q.decided_by`;

/** One page of requests, pending first. "pending" means still decidable; a request older than `lapse` is listed as expired. */
export async function listRequests(
  tx: Tx,
  status: AdminRequest['status'] | undefined,
  lapse: Date,
  limit: number,
  offset: number,
): Promise<{ rows: RequestRow[]; total: number }> {
  const args: unknown[] = [];
  let where = '';
  if (status === 'pending') {
    args.push(lapse);
    where = `where q.status = 'pending' and q.created_at >= $1`;
  } else if (status === 'expired') {
    args.push(lapse);
    where = `where (q.status = 'expired' or (q.status = 'pending' and q.created_at < $1))`;
  } else if (status) {
    args.push(status);
    where = 'where q.status = $1';
  }
  const total = await count(tx.client, `select count(*)::int as n from admin_account_requests q ${where}`, args);
  const { rows } = await tx.client.query<RequestRow>(
    `${SELECT_REQUESTS} ${where} order by (q.status = 'pending') desc, q.created_at desc limit $${args.length + 1} offset $${args.length + 2}`,
    [...args, limit, offset],
  );
  return { rows, total };
}

/** The request, or 404. */
export async function getRequest(tx: Tx, id: string, lock = false): Promise<RequestRow> {
  const row = (await tx.client.query<RequestRow>(`${SELECT_REQUESTS} where q.id = $1 ${lock ? 'for update of q' : ''}`, [id])).rows[0];
  if (!row) throw errors.notFound('未找到该申请');
  return row;
}

export async function lockUser(tx: Tx, id: string): Promise<{ id: string; username: string; display_name: string } | undefined> {
  return (
    await tx.client.query<{ id: string; username: string; display_name: string }>('select id, username, display_name from users where id = $1 for update', [id])
  ).rows[0];
}

/** Marks the target's pending requests created before `lapse` as expired. */
export async function expireLapsedRequests(tx: Tx, targetId: string, lapse: Date): Promise<void> {
  await tx.client.query(`update admin_account_requests set status = 'expired' where target_user_id = $1 and status = 'pending' and created_at < $2`, [
    targetId,
    lapse,
  ]);
}

export async function hasPendingReset(tx: Tx, targetId: string): Promise<boolean> {
  return !!(
    await tx.client.query(`select 1 from admin_account_requests where target_user_id = $1 and kind = 'password-reset' and status = 'pending'`, [targetId])
  ).rowCount;
}

export async function insertResetRequest(tx: Tx, targetId: string, requesterId: string, reason: string, at: Date): Promise<string> {
  const { rows } = await tx.client.query<{ id: string }>(
    `insert into admin_account_requests (kind, target_user_id, requested_by, reason, created_at) values ('password-reset', $1, $2, $3, $4) returning id`,
    [targetId, requesterId, reason, at],
  );
  return one(rows).id;
}

/** The approved reset: new password, no second factor, to be changed and re-enrolled at the next login. */
export async function resetAdministratorPassword(tx: Tx, userId: string, passwordHash: string, at: Date): Promise<void> {
  await tx.client.query(
    `update users set password_hash = $2, must_change_password = true, must_reenroll_totp = true, password_is_demo = false, password_changed_at = $3,
         totp_enabled = false, totp_secret_enc = null, recovery_code_hashes = '{}', updated_at = $3 where id = $1`,
    [userId, passwordHash, at],
  );
}

export async function markApproved(tx: Tx, id: string, deciderId: string, at: Date): Promise<void> {
  await tx.client.query(`update admin_account_requests set status = 'approved', decided_by = $2, decided_at = $3 where id = $1`, [id, deciderId, at]);
}

export async function markRefused(tx: Tx, id: string, deciderId: string, at: Date, note: string | null): Promise<void> {
  await tx.client.query(`update admin_account_requests set status = 'refused', decided_by = $2, decided_at = $3, decision_note = $4 where id = $1`, [
    id,
    deciderId,
    at,
    note,
  ]);
}

// ---- helpers ----

async function count(client: pg.ClientBase, sql: string, args: unknown[]): Promise<number> {
  return one((await client.query<{ n: number }>(sql, args)).rows).n;
}

function one<T>(rows: T[]): T {
  const row = rows[0];
  if (row === undefined) throw new Error('the statement returned no row');
  return row;
}
