/**
 * The password reset of an administrator account, under dual control.
 *
 * A security administrator asks, with a reason; a second administrator of any class — never the
 * requester and never the account holder — approves or refuses. Approval generates a one-time
 * password, shown once to the approver (so the requester never learns it and cannot take the
 * account over alone), ends the account's sessions and removes its second factor: at the next login
 * the holder must choose a new password and enrol a new authenticator. Each step alerts the other
 * administrators and is audited.
 */
import type { z } from 'zod';
import type { AdminRequest, AdminRequestApproved, AdminRequestCreate } from '#common/api.js';
import type { Database } from '../../../db/database.js';
import { inScope, type SignedInCtx } from '../../../core/context.js';
import { errors } from '../../../core/errors.js';
import { hashPassword, newOneTimePassword } from '../../auth/passwords.js';
import { enforceDecision, notSelf, REFUSALS, REQUEST_TTL_MS } from '../policies.js';
import { actorLabel, classLabel, presentRequest } from '../presenters.js';
import * as repo from '../repo.js';
import { alertAdministrators, auditRefusals } from './shared.js';

/** A request to reset an administrator account's password. */
export const create = (db: Database, ctx: SignedInCtx, b: z.infer<typeof AdminRequestCreate>, now: number): Promise<AdminRequest> =>
  auditRefusals(db, ctx, { action: 'security.admin-request.create', entity: 'user', entityId: b.userId }, () =>
    inScope(db, ctx, async (tx) => {
      const { userId, reason } = b;
      const target = await repo.lockUser(tx, userId);
      if (!target) throw errors.notFound('未找到该用户');
      notSelf(ctx.actor, target.id, REFUSALS.selfRequest);
      const classes = await repo.adminClassesOfUser(tx, target.id);
      if (!classes.length) throw errors.validation([{ path: 'userId', message: REFUSALS.notAnAdminAccount }], REFUSALS.notAnAdminAccount);
      // A lapsed request no longer blocks a new one.
      await repo.expireLapsedRequests(tx, target.id, new Date(now - REQUEST_TTL_MS));
      if (await repo.hasPendingReset(tx, target.id)) throw errors.conflict('该账户已有一项待审批的密码重置申请');
      const id = await repo.insertResetRequest(tx, target.id, ctx.actor.userId, reason, new Date(now));
      const alerted = await alertAdministrators(tx, ctx, {
        title: '管理员账户密码重置申请待审批',
        body: `${actorLabel(ctx.actor)}申请重置${classLabel(classes)}账户 ${target.username}（${target.display_name}）的密码，理由：${reason}。须由另一名管理员审批；如非预期，请拒绝并核实。`,
        entity: 'admin_request',
        entityId: id,
      });
      await tx.audit({
        action: 'security.admin-request.create',
        entity: 'user',
        entityId: target.id,
        summary: { request: id, kind: 'password-reset', reason, administratorsAlerted: alerted },
      });
      return presentRequest(ctx.actor, await repo.getRequest(tx, id), now);
    }),
  );

/** Approval: a one-time password (returned once, to the approver); the account's second factor and sessions end. */
export const approve = (db: Database, ctx: SignedInCtx, id: string, now: number): Promise<z.infer<typeof AdminRequestApproved>> =>
  auditRefusals(db, ctx, { action: 'security.admin-request.approve', entity: 'admin_request', entityId: id }, () =>
    inScope(db, ctx, async (tx) => {
      const row = await repo.getRequest(tx, id, true);
      enforceDecision(ctx.actor, row, now);
      const at = new Date(now);
      const password = newOneTimePassword(row.target_username);
      // The old password, the second factor and every session end together: whoever held the account
      // before the reset keeps nothing, and the holder re-enrols an authenticator after the change.
      await repo.resetAdministratorPassword(tx, row.target_id, await hashPassword(password), at);
      await repo.endSessions(tx, row.target_id, at);
      await repo.clearLoginFailures(tx, row.target_username);
      await repo.markApproved(tx, row.id, ctx.actor.userId, at);
      const alerted = await alertAdministrators(tx, ctx, {
        title: '管理员账户密码已重置',
        body: `${actorLabel(ctx.actor)}批准了 ${row.requester_username} 提出的申请，重置了账户 ${row.target_username}（${row.target_name}）的密码；该账户下次登录须修改密码并重新绑定双因素认证。`,
        entity: 'admin_request',
        entityId: row.id,
      });
      await tx.audit({
        action: 'security.admin-request.approve',
        entity: 'admin_request',
        entityId: row.id,
        summary: { target: row.target_username, requestedBy: row.requester_username, administratorsAlerted: alerted },
      });
      await tx.audit({
        action: 'security.user.password.reset',
        entity: 'user',
        entityId: row.target_id,
        summary: { request: row.id, mfaReset: true, sessionsEnded: true },
      });
      return { request: presentRequest(ctx.actor, await repo.getRequest(tx, row.id), now), temporaryPassword: password };
    }),
  );

/** Refusal, with an optional note. */
export const refuse = (db: Database, ctx: SignedInCtx, id: string, note: string | undefined, now: number): Promise<AdminRequest> =>
  auditRefusals(db, ctx, { action: 'security.admin-request.refuse', entity: 'admin_request', entityId: id }, () =>
    inScope(db, ctx, async (tx) => {
      const row = await repo.getRequest(tx, id, true);
      enforceDecision(ctx.actor, row, now);
      const decisionNote = note?.trim() || null;
      await repo.markRefused(tx, row.id, ctx.actor.userId, new Date(now), decisionNote);
      const alerted = await alertAdministrators(tx, ctx, {
        title: '管理员账户密码重置申请被拒绝',
        body: `${actorLabel(ctx.actor)}拒绝了 ${row.requester_username} 提出的重置账户 ${row.target_username}（${row.target_name}）密码的申请${decisionNote ? `，说明：${decisionNote}` : ''}。`,
        entity: 'admin_request',
        entityId: row.id,
      });
      await tx.audit({
        action: 'security.admin-request.refuse',
        entity: 'admin_request',
        entityId: row.id,
        summary: { target: row.target_username, requestedBy: row.requester_username, note: decisionNote, administratorsAlerted: alerted },
      });
      return presentRequest(ctx.actor, await repo.getRequest(tx, row.id), now);
    }),
  );
