/** /api/auth: login, second factor, logout, the caller's own account and sessions. */
import { z } from 'zod';
import {
  ErrorBody, IdParam, LoginRequest, LoginResponse, Me, MfaRequest, PasswordChange, RecoveryCodes, SessionList, TotpEnable, TotpSetup,
} from '#common/api.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { AUTHENTICATED, PUBLIC } from '../../http/access.js';
import { inScope } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { cookieName, sessionCookieOptions } from '../../http/guard.js';
import { forgetDraftKey } from './draftKeys.js';
import { lookupSession } from './sessions.js';
import { changePassword, loadMe, login, refusedLogin, totpDisable, totpEnable, totpSetup, verifyMfa } from './service.js';

const tags = ['认证 auth'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };

export function authRoutes(app: ZApp, deps: AppDeps): void {
  const cookie = cookieName(deps.config.https);
  const actorOf = (req: { ctx: { actor: unknown } }) => {
    if (!req.ctx.actor) throw errors.unauthenticated();
    return req.ctx.actor as NonNullable<import('../../core/context.js').RequestCtx['actor']>;
  };

  app.post('/api/auth/login', {
    config: {
      access: PUBLIC,
      rateLimit: { max: deps.config.loginRateLimitPerMinute, timeWindow: '1 minute' },
      // A NUL character in the form is refused (400) and still counts as a failed login.
      onRefusedInput: (req) => refusedLogin(deps, req.ctx, (req.body as { username?: unknown } | undefined)?.username),
    },
    schema: { tags, summary: '用户名密码登录', body: LoginRequest, response: { 200: LoginResponse, ...errs, 423: ErrorBody, 429: ErrorBody } },
  }, async (req, reply) => {
    const result = await login(deps, req.ctx, req.body.username, req.body.password);
    if (!result.ok) throw result.error;
    // A new session id at every login (no fixation); the old cookie, if any, is simply replaced.
    reply.setCookie(cookie, result.token, sessionCookieOptions(deps.config.https));
    const found = await lookupSession(deps.db.app, result.token, new Date(deps.clock()), deps.config.sessionIdleMs);
    if (found.kind !== 'ok') throw errors.internal();
    return loadMe(deps, req.ctx, found.actor);
  });

  app.post('/api/auth/mfa', {
    config: {
      access: { authenticated: true, allowPending: ['mfa'] },
      // A NUL character in the code is a wrong code: counted towards the lock and audited (the
      // code is only hashed and compared, never stored, so it is safe to pass on).
      onRefusedInput: async (req) => {
        const actor = req.ctx.actor;
        const code = (req.body as { code?: unknown } | undefined)?.code;
        if (actor?.session.pending === 'mfa') await verifyMfa(deps, req.ctx, actor, typeof code === 'string' ? code : '\u0000');
      },
    },
    schema: { tags, summary: '提交双因素动态码或恢复码（连续 5 次错误锁定 15 分钟）', body: MfaRequest, response: { 200: Me, ...errs, 423: ErrorBody } },
  }, async (req) => {
    const actor = actorOf(req);
    if (actor.session.pending !== 'mfa') throw errors.conflict('当前会话无需双因素验证');
    await verifyMfa(deps, req.ctx, actor, req.body.code);
    const token = req.cookies[cookie]!;
    const found = await lookupSession(deps.db.app, token, new Date(deps.clock()), deps.config.sessionIdleMs);
    if (found.kind !== 'ok') throw errors.unauthenticated();
    return loadMe(deps, req.ctx, found.actor);
  });

  app.post('/api/auth/logout', {
    config: { access: { authenticated: true, allowPending: ['mfa', 'mfa-enroll', 'password-change'] } },
    schema: { tags, summary: '退出登录（服务端注销会话）', response: { 204: z.null(), ...errs } },
  }, async (req, reply) => {
    const actor = actorOf(req);
    await inScope(deps.db, req.ctx, async (tx) => {
      await tx.client.query('update sessions set revoked_at = $2 where id_hash = $1', [actor.session.idHash, new Date(deps.clock())]);
      // Drafts of unsent forms left in any browser of this user become unreadable (sessionRoutes.ts).
      await forgetDraftKey(tx.client, actor.userId);
      await tx.audit({ action: 'auth.logout' });
    });
    reply.clearCookie(cookie, sessionCookieOptions(deps.config.https));
    return reply.code(204).send(null);
  });

  app.get('/api/auth/me', {
    config: { access: { authenticated: true, allowPending: ['mfa', 'mfa-enroll', 'password-change'] } },
    schema: { tags, summary: '当前用户、单位、角色、权限与辖区', response: { 200: Me, 401: ErrorBody } },
  }, async (req) => loadMe(deps, req.ctx, actorOf(req)));

  app.get('/api/auth/sessions', {
    config: { access: AUTHENTICATED },
    schema: { tags, summary: '本人的登录会话', response: { 200: SessionList, ...errs } },
  }, async (req) => {
    const actor = actorOf(req);
    const { rows } = await deps.db.app.query<{ public_id: string; created_at: Date; last_seen_at: Date; ip: string | null; user_agent: string | null; current: boolean }>(
      `select public_id, created_at, last_seen_at, ip, user_agent, id_hash = $2 as current from sessions
       where user_id = $1 and revoked_at is null and expires_at > $3 order by last_seen_at desc limit 50`,
      [actor.userId, actor.session.idHash, new Date(deps.clock())],
    );
    return {
      items: rows.map((r) => ({ id: r.public_id, current: r.current, createdAt: r.created_at.toISOString(), lastSeenAt: r.last_seen_at.toISOString(), ip: r.ip, userAgent: r.user_agent })),
    };
  });

  app.delete('/api/auth/sessions/:id', {
    config: { access: AUTHENTICATED },
    schema: { tags, summary: '结束本人的一个会话', params: IdParam, response: { 204: z.null(), ...errs, 404: ErrorBody } },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const ended = await inScope(deps.db, req.ctx, async (tx) => {
      const r = await tx.client.query('update sessions set revoked_at = $3 where public_id = $1 and user_id = $2 and revoked_at is null', [req.params.id, actor.userId, new Date(deps.clock())]);
      if (r.rowCount) await tx.audit({ action: 'auth.session.revoke', entity: 'session', entityId: req.params.id });
      return r.rowCount ?? 0;
    });
    if (!ended) throw errors.notFound('未找到该会话');
    return reply.code(204).send(null);
  });

  app.post('/api/auth/password', {
    config: { access: { authenticated: true, allowPending: ['password-change'] } },
    schema: { tags, summary: '修改本人密码（其他会话随之结束）', body: PasswordChange, response: { 200: Me, ...errs } },
  }, async (req) => {
    const actor = actorOf(req);
    await changePassword(deps, req.ctx, actor, req.body.currentPassword, req.body.newPassword);
    const found = await lookupSession(deps.db.app, req.cookies[cookie]!, new Date(deps.clock()), deps.config.sessionIdleMs);
    if (found.kind !== 'ok') throw errors.unauthenticated();
    return loadMe(deps, req.ctx, found.actor);
  });

  app.post('/api/auth/totp/setup', {
    config: { access: { authenticated: true, allowPending: ['mfa-enroll'] } },
    schema: { tags, summary: '生成双因素（TOTP）密钥', response: { 200: TotpSetup, ...errs, 409: ErrorBody } },
  }, async (req) => totpSetup(deps, req.ctx, actorOf(req)));

  app.post('/api/auth/totp/enable', {
    config: { access: { authenticated: true, allowPending: ['mfa-enroll'] } },
    schema: { tags, summary: '以动态码确认并启用双因素认证，返回一次性恢复码', body: TotpEnable, response: { 200: RecoveryCodes, ...errs, 409: ErrorBody } },
  }, async (req) => ({ recoveryCodes: await totpEnable(deps, req.ctx, actorOf(req), req.body.code) }));

  app.post('/api/auth/totp/disable', {
    config: { access: AUTHENTICATED },
    schema: { tags, summary: '停用双因素认证（管理员在正式环境中不可停用）', body: z.object({ currentPassword: z.string().min(1, '请输入当前密码').max(256) }), response: { 204: z.null(), ...errs } },
  }, async (req, reply) => {
    await totpDisable(deps, req.ctx, actorOf(req), req.body.currentPassword);
    return reply.code(204).send(null);
  });
}
