/**
 * The writes of the ledger (人员台账): a person, their committees, leaving, the audited reveal of the
 * id number and phone, and the accounts opened or linked for checked people. Each is audited.
 * Accounts are created with the admin module's own functions (password hashing, username check,
 * roles and committees), so both ways of opening an account follow one policy.
 */
import type { z } from 'zod';
import { checkStatus } from '#common/vetting.js';
import { ACCOUNT_ROLE_OF, type AccountLink, type AccountOpen, type CommitteeAssign, type StaffCreate, type StaffUpdate } from '#common/workforce.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import type { AppDeps } from '../../core/deps.js';
import { errors } from '../../core/errors.js';
import * as adminRepo from '../admin/repo.js';
import { hashPassword, newOneTimePassword } from '../auth/passwords.js';
import { refreshAccess } from '../vetting/commands.js';
import { matchStaff } from '../restricted/commands.js';
import * as vettingRepo from '../vetting/repo.js';
import { accountRefusal, committeeErrors, placementErrors } from './policies.js';
import * as repo from './repo.js';

type Crypto = Pick<AppDeps, 'crypto'>;

const DUPLICATE_HIDDEN = '该身份证号已登记在人员台账中（在您的查看范围以外），请联系区民政局核实，不要重复登记';

function isUniqueViolation(err: unknown, constraint: string): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && err.code === '23505' && 'constraint' in err && err.constraint === constraint;
}

/** Encrypts the id number and phone, checks the placement and a duplicate id number in the caller's sight. */
async function values(
  tx: Tx,
  ctx: SignedInCtx,
  deps: Crypto,
  v: Omit<repo.StaffValues, 'idNumberEnc' | 'idNumberBidx' | 'phoneEnc'> & { idNumber: string | null; phone: string | null },
  exceptId: string | null,
): Promise<repo.StaffValues> {
  const unit = await repo.unit(tx, v.unitCode);
  const errs = placementErrors(ctx.actor.scope, {
    streetCode: v.streetCode,
    unit,
    roleKind: ROLE(v.roleKind),
    appointedOn: v.appointedOn,
    leftOn: v.leftOn,
  });
  if (v.organisationId && !(await repo.organisation(tx, v.organisationId))) errs.push({ path: 'organisationId', message: '社会组织不存在' });
  if (errs.length) throw errors.validation(errs);
  const bidx = v.idNumber ? deps.crypto.blindIndex(v.idNumber, 'staff.id_number') : null;
  if (bidx) {
    const other = await repo.idNumberVisible(tx, bidx, exceptId);
    if (other) throw errors.conflict(`该身份证号已登记：${other.name}（请打开其台账修改，不要重复登记）`, [{ path: 'idNumber', message: '身份证号已登记' }]);
  }
  return {
    name: v.name,
    gender: v.gender,
    idNumberEnc: v.idNumber ? deps.crypto.encrypt(v.idNumber, 'staff.id_number') : null,
    idNumberBidx: bidx,
    phoneEnc: v.phone ? deps.crypto.encrypt(v.phone, 'staff.phone') : null,
    roleKind: v.roleKind,
    post: v.post,
    certLevel: v.certLevel,
    streetCode: v.streetCode,
    unitCode: v.unitCode,
    organisationId: v.organisationId,
    appointedOn: v.appointedOn,
    leftOn: v.leftOn,
    note: v.note,
  };
}

const STAFF_KEYS: (keyof repo.StaffValues)[] = [
  'name',
  'gender',
  'idNumberEnc',
  'phoneEnc',
  'roleKind',
  'post',
  'certLevel',
  'streetCode',
  'unitCode',
  'organisationId',
  'appointedOn',
  'leftOn',
  'note',
];

const ROLE = (v: string) => (v === 'child_director' || v === 'street_supervisor' || v === 'social_worker' || v === 'station_staff' ? v : 'other');

export async function create(tx: Tx, ctx: SignedInCtx, deps: Crypto, b: z.infer<typeof StaffCreate>): Promise<string> {
  const v = await values(
    tx,
    ctx,
    deps,
    {
      name: b.name,
      gender: b.gender ?? null,
      idNumber: b.idNumber ?? null,
      phone: b.phone ?? null,
      roleKind: b.roleKind,
      post: b.post ?? null,
      certLevel: b.certLevel,
      streetCode: b.streetCode ?? null,
      unitCode: b.unitCode,
      organisationId: b.organisationId ?? null,
      appointedOn: b.appointedOn ?? null,
      leftOn: null,
      note: b.note ?? null,
    },
    null,
  );
  let id: string;
  try {
    id = await repo.insertStaff(tx, v, ctx.actor.userId);
  } catch (err) {
    if (isUniqueViolation(err, 'staff_id_number')) throw errors.conflict(DUPLICATE_HIDDEN, [{ path: 'idNumber', message: '身份证号已登记' }]);
    throw err;
  }
  await tx.audit({
    action: 'workforce.staff.create',
    entity: 'staff',
    entityId: id,
    summary: { roleKind: v.roleKind, streetCode: v.streetCode, unitCode: v.unitCode, idNumber: v.idNumberEnc ? '已登记' : '未登记' },
  });
  // Against the district's restricted list, if one is loaded: a match reaches only the reviewer
  // (the function writes it and answers nothing, so this street learns nothing).
  if (v.idNumberBidx) await matchStaff(tx, id);
  return id;
}

/**
 * Changes a person (version checked). Leaving (left_on reached) ends the committees served and
 * disables the linked account: it loses its access to children at once.
 */
export async function update(tx: Tx, ctx: SignedInCtx, deps: Crypto, id: string, b: StaffUpdate, today: string, now: Date): Promise<void> {
  const old = await repo.rawStaff(tx, id);
  if (!old) throw errors.notFound('未找到该人员，或不在您的权限范围内');
  if (old.version !== b.version) throw errors.staleVersion();
  const keepId = b.idNumber === undefined;
  const keepPhone = b.phone === undefined;
  const next = await values(
    tx,
    ctx,
    deps,
    {
      name: b.name ?? old.name,
      gender: b.gender === undefined ? old.gender : b.gender,
      idNumber: keepId ? null : (b.idNumber ?? null),
      phone: keepPhone ? null : (b.phone ?? null),
      roleKind: b.roleKind ?? old.roleKind,
      post: b.post === undefined ? old.post : b.post,
      certLevel: b.certLevel ?? old.certLevel,
      streetCode: b.streetCode === undefined ? old.streetCode : b.streetCode,
      unitCode: b.unitCode ?? old.unitCode,
      organisationId: b.organisationId === undefined ? old.organisationId : b.organisationId,
      appointedOn: b.appointedOn === undefined ? old.appointedOn : b.appointedOn,
      leftOn: b.leftOn === undefined ? old.leftOn : b.leftOn,
      note: b.note === undefined ? old.note : b.note,
    },
    id,
  );
  if (keepId) {
    next.idNumberEnc = old.idNumberEnc;
    next.idNumberBidx = old.idNumberBidx;
  }
  if (keepPhone) next.phoneEnc = old.phoneEnc;
  const current = await repo.currentCommitteeIds(tx, id);
  if (next.streetCode !== old.streetCode && current.length)
    throw errors.validation([{ path: 'streetCode', message: '该人员仍在本街道的居民区任职，请先结束其任职居民区再调整街道' }]);
  try {
    await repo.updateStaff(tx, id, next);
  } catch (err) {
    if (isUniqueViolation(err, 'staff_id_number')) throw errors.conflict(DUPLICATE_HIDDEN, [{ path: 'idNumber', message: '身份证号已登记' }]);
    throw err;
  }
  const changed = STAFF_KEYS.filter((k) => next[k] !== old[k]);
  if (next.idNumberBidx && next.idNumberBidx !== old.idNumberBidx) await matchStaff(tx, id);
  const leaving = next.leftOn !== null && next.leftOn !== old.leftOn && next.leftOn <= today;
  let committeesEnded = 0;
  if (leaving) {
    committeesEnded = await repo.endAllCommittees(tx, id, next.leftOn ?? today);
    if (old.userId) {
      await adminRepo.deleteUserCommittees(tx, old.userId);
      await repo.disableUser(tx, old.userId);
      await adminRepo.endSessions(tx, old.userId, now);
    }
  }
  await tx.audit({
    action: leaving ? 'workforce.staff.leave' : 'workforce.staff.update',
    entity: 'staff',
    entityId: id,
    summary: {
      changed: changed.map((k) => (k === 'idNumberEnc' || k === 'idNumberBidx' ? 'idNumber' : k === 'phoneEnc' ? 'phone' : k)),
      committeesEnded,
      accountDisabled: leaving && !!old.userId,
    },
  });
  if (old.userId) await refreshAccess(tx, [id], today, now);
}

/** The unmasked id number and phone, for one reader at a time, audited. */
export async function reveal(tx: Tx, deps: Crypto, id: string): Promise<{ idNumber: string | null; phone: string | null }> {
  const r = await repo.rawStaff(tx, id);
  if (!r) throw errors.notFound('未找到该人员，或不在您的权限范围内');
  await tx.audit({ action: 'workforce.staff.reveal', entity: 'staff', entityId: id, summary: { fields: ['idNumber', 'phone'] } });
  return { idNumber: deps.crypto.decryptOrNull(r.idNumberEnc, 'staff.id_number'), phone: deps.crypto.decryptOrNull(r.phoneEnc, 'staff.phone') };
}

/** The linked account follows the committees served: its committees are replaced and its sessions end (its access changed). */
async function syncAccount(tx: Tx, staffId: string, userId: string | null, now: Date): Promise<void> {
  if (!userId) return;
  await adminRepo.deleteUserCommittees(tx, userId);
  await adminRepo.insertUserCommittees(tx, userId, await repo.currentCommitteeIds(tx, staffId));
  await adminRepo.endSessions(tx, userId, now);
}

export async function assignCommittee(tx: Tx, id: string, b: z.infer<typeof CommitteeAssign>, now: Date): Promise<void> {
  const p = await repo.rawStaff(tx, id);
  if (!p) throw errors.notFound('未找到该人员，或不在您的权限范围内');
  const c = await repo.committee(tx, b.committeeId);
  const errs = committeeErrors(p, c, b.since);
  if (errs.length) throw errors.validation(errs);
  if (await repo.currentCommittee(tx, id, b.committeeId)) throw errors.conflict('该人员已在此居民区任职');
  try {
    await repo.addCommittee(tx, id, b.committeeId, p.streetCode ?? '', b.since);
  } catch (err) {
    if (isUniqueViolation(err, 'staff_committees_pkey')) throw errors.conflict('该人员在同一天已有此居民区的任职记录');
    throw err;
  }
  await repo.touchStaff(tx, id);
  await syncAccount(tx, id, p.userId, now);
  await tx.audit({
    action: 'workforce.committee.assign',
    entity: 'staff',
    entityId: id,
    summary: { committeeId: b.committeeId, committee: c?.name, since: b.since },
  });
}

export async function endCommittee(tx: Tx, id: string, committeeId: string, until: string, now: Date): Promise<void> {
  const p = await repo.rawStaff(tx, id);
  if (!p) throw errors.notFound('未找到该人员，或不在您的权限范围内');
  const cur = await repo.currentCommittee(tx, id, committeeId);
  if (!cur) throw errors.notFound('该人员当前不在此居民区任职');
  if (until < cur.since) throw errors.validation([{ path: 'until', message: `结束日期不能早于起始日期（${cur.since}）` }]);
  await repo.endCommittee(tx, id, committeeId, until);
  await repo.touchStaff(tx, id);
  await syncAccount(tx, id, p.userId, now);
  await tx.audit({ action: 'workforce.committee.end', entity: 'staff', entityId: id, summary: { committeeId, until } });
}

/**
 * 开通账号: only for a person whose record check allows access today. The account has the person's
 * name and unit, the role of their kind, their current committees, and a one-time password that
 * must be changed at the first login; it is returned once and never stored in clear.
 */
export async function openAccount(
  tx: Tx,
  ctx: SignedInCtx,
  id: string,
  b: z.infer<typeof AccountOpen>,
  today: string,
): Promise<{ userId: string; username: string; initialPassword: string }> {
  const p = await repo.rawStaff(tx, id);
  if (!p) throw errors.notFound('未找到该人员，或不在您的权限范围内');
  const row = await repo.getStaff(tx, id);
  const status = checkStatus(row?.checks ?? [], today, await vettingRepo.settings(tx));
  const refusal = accountRefusal({ roleKind: ROLE(p.roleKind), leftOn: p.leftOn, userId: p.userId }, status, today);
  if (refusal) throw errors.validation([{ path: 'username', message: refusal }], refusal);
  const role = ACCOUNT_ROLE_OF[ROLE(p.roleKind)];
  if (!role) throw errors.validation([{ path: 'username', message: '该类人员不能在此开通账号' }]);
  if (await adminRepo.usernameTaken(tx, b.username)) throw errors.conflict('用户名已存在', [{ path: 'username', message: '用户名已存在' }]);
  const initialPassword = newOneTimePassword(b.username);
  const userId = await adminRepo.insertUser(tx, {
    username: b.username,
    displayName: p.name,
    unitCode: p.unitCode,
    passwordHash: await hashPassword(initialPassword),
  });
  await adminRepo.insertUserRoles(tx, userId, [role]);
  await adminRepo.insertUserCommittees(tx, userId, role === 'child_director' ? await repo.currentCommitteeIds(tx, id) : []);
  await repo.linkUser(tx, id, userId);
  await tx.audit({
    action: 'workforce.account.open',
    entity: 'staff',
    entityId: id,
    summary: { userId, username: b.username, role, unitCode: p.unitCode, checkValidUntil: status.validUntil },
  });
  await tx.audit({
    action: 'admin.user.create',
    entity: 'user',
    entityId: userId,
    summary: { username: b.username, unitCode: p.unitCode, roles: [role], via: 'workforce' },
  });
  return { userId, username: b.username, initialPassword };
}

/**
 * 关联已有账号: an account of the person's unit, not linked to anyone yet. When the account holds a
 * role that needs a check, the check must allow access (the same rule as opening one).
 */
export async function linkAccount(tx: Tx, id: string, b: z.infer<typeof AccountLink>, today: string, now: Date): Promise<void> {
  const p = await repo.rawStaff(tx, id);
  if (!p) throw errors.notFound('未找到该人员，或不在您的权限范围内');
  if (p.userId) throw errors.conflict('该人员已关联账号');
  const u = await repo.userByUsername(tx, b.username);
  if (!u || u.unit_code !== p.unitCode) throw errors.validation([{ path: 'username', message: '未找到该人员所在单位的此用户名' }]);
  if (u.linked_staff) throw errors.conflict('该账号已关联台账中的其他人员', [{ path: 'username', message: '该账号已关联其他人员' }]);
  const row = await repo.getStaff(tx, id);
  const status = checkStatus(row?.checks ?? [], today, await vettingRepo.settings(tx));
  const needs = await adminRoleNeedsCheck(tx, u.roles);
  const refusal = accountRefusal({ roleKind: ROLE(p.roleKind), leftOn: p.leftOn, userId: null }, status, today);
  if (needs && refusal) throw errors.validation([{ path: 'username', message: refusal }], refusal);
  try {
    await repo.linkUser(tx, id, u.id);
  } catch (err) {
    if (isUniqueViolation(err, 'staff_user_id_key'))
      throw errors.conflict('该账号已关联台账中的其他人员', [{ path: 'username', message: '该账号已关联其他人员' }]);
    throw err;
  }
  if (ROLE(p.roleKind) === 'child_director') await syncAccount(tx, id, u.id, now);
  await tx.audit({ action: 'workforce.account.link', entity: 'staff', entityId: id, summary: { userId: u.id, username: b.username } });
  await refreshAccess(tx, [id], today, now);
}

async function adminRoleNeedsCheck(tx: Tx, roles: string[]): Promise<boolean> {
  return (await vettingRepo.rolesNeedingCheck(tx, roles)).length > 0;
}
