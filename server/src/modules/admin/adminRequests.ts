/**
 * /api/admin/admin-requests: the password reset of an administrator account, under dual control.
 *
 * A security administrator asks, with a reason; a second administrator of any class — never the
 * requester and never the account holder — approves or refuses. Approval generates a one-time
 * password, shown once to the approver (so the requester never learns it and cannot take the
 * account over alone), ends the account's sessions and removes its second factor: at the next login
 * the holder must choose a new password and enrol a new authenticator. Each step alerts the other
 * administrators and is audited.
 */
import type { AdminRequest as AdminRequestDto } from '#common/api.js';
import {
  AdminRequest, AdminRequestApproved, AdminRequestCreate, AdminRequestList, AdminRequestQuery, AdminRequestRefusal, ErrorBody, IdParam,
} from '#common/api.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { can } from '../../http/access.js';
import { inScope, type RequestCtx, type Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { hashPassword, newOneTimePassword } from '../auth/passwords.js';
import { actorLabel, adminClassesOfUser, alertAdministrators, auditRefusals, classLabel, REFUSALS } from './adminAccounts.js';

const tags = ['系统管理 admin'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** A request not decided within three days lapses: the situation that justified it may have changed. */
export const REQUEST_TTL_MS = 72 * 3_600_000;

interface RequestRow {
  id: string; kind: 'password-reset'; status: AdminRequestDto['status']; reason: string;
  target_id: string; target_username: string; target_name: string; target_roles: string[];
  requester_id: string; requester_username: string; requester_name: string;
  decider_id: string | null; decider_username: string | null; decider_name: string | null;
  decided_at: Date | null; decision_note: string | null; created_at: Date;
}

const SELECT = `
  select q.id, q.kind, q.status, q.reason, q.decided_at, q.decision_note, q.created_at,
    t.id as target_id, t.username as target_username, t.display_name as target_name,
    coalesce((select array_agg(role_code order by role_code) from user_roles where user_id = t.id), '{}') as target_roles,
    r.id as requester_id, r.username as requester_username, r.display_name as requester_name,
    d.id as decider_id, d.username as decider_username, d.display_name as decider_name
  from admin_account_requests q join users t on t.id = q.target_user_id join users r on r.id = q.requested_by
  left join users d on d.id = q.decided_by`;

// ---- policies ----

/** Why the caller may not decide this request, or null if they may (also gives the interface's canDecide flag). */
export function decisionRefusal(ctx: RequestCtx, row: Pick<RequestRow, 'requester_id' | 'target_id'>): string | null {
  const a = ctx.actor!;
  if (!a.adminClasses.length) return REFUSALS.notAdministrator;
  if (row.requester_id === a.userId) return REFUSALS.ownRequest;
  if (row.target_id === a.userId) return REFUSALS.ownAccount;
  return null;
}

const expired = (row: RequestRow, now: number) => row.status === 'pending' && now - row.created_at.getTime() > REQUEST_TTL_MS;

// ---- presenter ----

function present(ctx: RequestCtx, row: RequestRow, now: number): AdminRequestDto {
  const status = expired(row, now) ? 'expired' : row.status;
  return {
    id: row.id, kind: row.kind, status, reason: row.reason,
    target: { id: row.target_id, username: row.target_username, displayName: row.target_name, roles: row.target_roles },
    requestedBy: { id: row.requester_id, username: row.requester_username, displayName: row.requester_name },
    decidedBy: row.decider_id ? { id: row.decider_id, username: row.decider_username!, displayName: row.decider_name! } : null,
    decidedAt: row.decided_at?.toISOString() ?? null,
    decisionNote: row.decision_note,
    createdAt: row.created_at.toISOString(),
    expiresAt: new Date(row.created_at.getTime() + REQUEST_TTL_MS).toISOString(),
    canDecide: status === 'pending' && decisionRefusal(ctx, row) === null,
  };
}

// ---- repo ----

async function loadRequest(tx: Tx, id: string, lock = false): Promise<RequestRow> {
  const row = (await tx.client.query<RequestRow>(`${SELECT} where q.id = $1 ${lock ? 'for update of q' : ''}`, [id])).rows[0];
  if (!row) throw errors.notFound('未找到该申请');
  return row;
}

/** The request still open for a decision, with the caller's right to decide it checked. */
async function openForDecision(tx: Tx, id: string, now: number): Promise<RequestRow> {
  const row = await loadRequest(tx, id, true);
  const refusal = decisionRefusal(tx.ctx, row);
  if (refusal) throw errors.forbidden(refusal);
  if (row.status !== 'pending') throw errors.conflict('该申请已处理，不能重复审批');
  if (expired(row, now)) throw errors.conflict('该申请超过 72 小时未审批，已失效；如仍需重置，请安全管理员重新申请');
  return row;
}

// ---- routes ----

export function adminRequestRoutes(app: ZApp, deps: AppDeps): void {
  const now = () => deps.clock();

  app.get('/api/admin/admin-requests', {
    config: { access: can('admin.approvals') },
    schema: { tags, summary: '管理员账户操作申请（待审批在前）', querystring: AdminRequestQuery, response: { 200: AdminRequestList, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const { page, pageSize, status } = req.query;
    const lapse = new Date(now() - REQUEST_TTL_MS);
    // "pending" means still decidable; a lapsed request is listed as expired.
    const args: unknown[] = [];
    let where = '';
    if (status === 'pending') { args.push(lapse); where = `where q.status = 'pending' and q.created_at >= $1`; }
    else if (status === 'expired') { args.push(lapse); where = `where (q.status = 'expired' or (q.status = 'pending' and q.created_at < $1))`; }
    else if (status) { args.push(status); where = 'where q.status = $1'; }
    const total = (await tx.client.query<{ n: number }>(`select count(*)::int as n from admin_account_requests q ${where}`, args)).rows[0]!.n;
    const { rows } = await tx.client.query<RequestRow>(
      `${SELECT} ${where} order by (q.status = 'pending') desc, q.created_at desc limit $${args.length + 1} offset $${args.length + 2}`,
      [...args, pageSize, (page - 1) * pageSize]);
    return { items: rows.map((r) => present(req.ctx, r, now())), total, page, pageSize };
  }));

  app.post('/api/admin/admin-requests', {
    config: { access: can('security.accounts') },
    schema: { tags, summary: '申请重置管理员账户的密码（须另一名管理员审批）', body: AdminRequestCreate, response: { 201: AdminRequest, ...errs } },
  }, async (req, reply) => {
    const created = await auditRefusals(deps, req.ctx, { action: 'security.admin-request.create', entity: 'user', entityId: req.body.userId }, () => inScope(deps.db, req.ctx, async (tx) => {
      const { userId, reason } = req.body;
      const target = (await tx.client.query<{ id: string; username: string; display_name: string }>(
        'select id, username, display_name from users where id = $1 for update', [userId])).rows[0];
      if (!target) throw errors.notFound('未找到该用户');
      if (target.id === req.ctx.actor!.userId) throw errors.forbidden(REFUSALS.selfRequest);
      const classes = await adminClassesOfUser(tx, target.id);
      if (!classes.length) throw errors.validation([{ path: 'userId', message: REFUSALS.notAnAdminAccount }], REFUSALS.notAnAdminAccount);
      // A lapsed request no longer blocks a new one.
      await tx.client.query(
        `update admin_account_requests set status = 'expired' where target_user_id = $1 and status = 'pending' and created_at < $2`,
        [target.id, new Date(now() - REQUEST_TTL_MS)]);
      const open = await tx.client.query(`select 1 from admin_account_requests where target_user_id = $1 and kind = 'password-reset' and status = 'pending'`, [target.id]);
      if (open.rowCount) throw errors.conflict('该账户已有一项待审批的密码重置申请');
      const { rows } = await tx.client.query<{ id: string }>(
        `insert into admin_account_requests (kind, target_user_id, requested_by, reason, created_at) values ('password-reset', $1, $2, $3, $4) returning id`,
        [target.id, req.ctx.actor!.userId, reason, new Date(now())]);
      const id = rows[0]!.id;
      const alerted = await alertAdministrators(tx, {
        title: '管理员账户密码重置申请待审批',
        body: `${actorLabel(req.ctx)}申请重置${classLabel(classes)}账户 ${target.username}（${target.display_name}）的密码，理由：${reason}。须由另一名管理员审批；如非预期，请拒绝并核实。`,
        entity: 'admin_request', entityId: id,
      });
      await tx.audit({ action: 'security.admin-request.create', entity: 'user', entityId: target.id, summary: { request: id, kind: 'password-reset', reason, administratorsAlerted: alerted } });
      return present(req.ctx, await loadRequest(tx, id), now());
    }));
    return reply.code(201).send(created);
  });

  app.post('/api/admin/admin-requests/:id/approve', {
    config: { access: can('admin.approvals') },
    schema: {
      tags, summary: '批准管理员账户密码重置（返回一次性密码，仅显示一次；账户须改密并重新绑定双因素）', params: IdParam,
      response: { 200: AdminRequestApproved, ...errs },
    },
  }, async (req) => auditRefusals(deps, req.ctx, { action: 'security.admin-request.approve', entity: 'admin_request', entityId: req.params.id }, () => inScope(deps.db, req.ctx, async (tx) => {
    const row = await openForDecision(tx, req.params.id, now());
    const at = new Date(now());
    const password = newOneTimePassword(row.target_username);
    // The old password, the second factor and every session end together: whoever held the account
    // before the reset keeps nothing, and the holder re-enrols an authenticator after the change.
    await tx.client.query(
      `update users set password_hash = $2, must_change_password = true, must_reenroll_totp = true, password_is_demo = false, password_changed_at = $3,
         totp_enabled = false, totp_secret_enc = null, recovery_code_hashes = '{}', updated_at = $3 where id = $1`,
      [row.target_id, await hashPassword(password), at]);
    await tx.client.query('update sessions set revoked_at = $2 where user_id = $1 and revoked_at is null', [row.target_id, at]);
    await tx.client.query('delete from login_failures where username = $1', [row.target_username]);
    await tx.client.query(`update admin_account_requests set status = 'approved', decided_by = $2, decided_at = $3 where id = $1`, [row.id, req.ctx.actor!.userId, at]);
    const alerted = await alertAdministrators(tx, {
      title: '管理员账户密码已重置',
      body: `${actorLabel(req.ctx)}批准了 ${row.requester_username} 提出的申请，重置了账户 ${row.target_username}（${row.target_name}）的密码；该账户下次登录须修改密码并重新绑定双因素认证。`,
      entity: 'admin_request', entityId: row.id,
    });
    await tx.audit({ action: 'security.admin-request.approve', entity: 'admin_request', entityId: row.id, summary: { target: row.target_username, requestedBy: row.requester_username, administratorsAlerted: alerted } });
    await tx.audit({ action: 'security.user.password.reset', entity: 'user', entityId: row.target_id, summary: { request: row.id, mfaReset: true, sessionsEnded: true } });
    return { request: present(req.ctx, await loadRequest(tx, row.id), now()), temporaryPassword: password };
  })));

  app.post('/api/admin/admin-requests/:id/refuse', {
    config: { access: can('admin.approvals') },
    schema: { tags, summary: '拒绝管理员账户操作申请', params: IdParam, body: AdminRequestRefusal, response: { 200: AdminRequest, ...errs } },
  }, async (req) => auditRefusals(deps, req.ctx, { action: 'security.admin-request.refuse', entity: 'admin_request', entityId: req.params.id }, () => inScope(deps.db, req.ctx, async (tx) => {
    const row = await openForDecision(tx, req.params.id, now());
    const note = req.body.note?.trim() || null;
    await tx.client.query(`update admin_account_requests set status = 'refused', decided_by = $2, decided_at = $3, decision_note = $4 where id = $1`,
      [row.id, req.ctx.actor!.userId, new Date(now()), note]);
    const alerted = await alertAdministrators(tx, {
      title: '管理员账户密码重置申请被拒绝',
      body: `${actorLabel(req.ctx)}拒绝了 ${row.requester_username} 提出的重置账户 ${row.target_username}（${row.target_name}）密码的申请${note ? `，说明：${note}` : ''}。`,
      entity: 'admin_request', entityId: row.id,
    });
    await tx.audit({ action: 'security.admin-request.refuse', entity: 'admin_request', entityId: row.id, summary: { target: row.target_username, requestedBy: row.requester_username, note, administratorsAlerted: alerted } });
    return present(req.ctx, await loadRequest(tx, row.id), now());
  })));
}
