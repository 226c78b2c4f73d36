/** /api/auth: login, second factor, logout, the caller's own account and sessions (route table). */
import { z } from 'zod';
import {
  ErrorBody,
  IdParam,
  LoginRequest,
  LoginResponse,
  Me,
  MfaRequest,
  PasswordChange,
  RecoveryCodes,
  SessionList,
  TotpEnable,
  TotpSetup,
} from '#common/api.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { AUTHENTICATED, PUBLIC, type Access } from '../../http/access.js';
import { inScope, signedIn } from '../../core/context.js';
import { cookieName, sessionCookieOptions } from '../../http/guard.js';
import * as authCommands from './commands.js';
import * as authQueries from './queries.js';

const tags = ['认证 auth'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };
/** Open to a session still in a login step (it must be able to see itself, its timing, and leave). */
const ANY_PENDING: Access = { authenticated: true, allowPending: ['mfa', 'mfa-enroll', 'password-change'] };

export function authRoutes(app: ZApp, deps: AppDeps): void {
  const cookie = cookieName(deps.config.https);

  app.post(
    '/api/auth/login',
    {
      config: {
        access: PUBLIC,
        rateLimit: { max: deps.config.loginRateLimitPerMinute, timeWindow: '1 minute' },
        // A NUL character in the form is refused (400) and still counts as a failed login.
        onRefusedInput: (req) => authCommands.refusedLogin(deps, req.ctx, (req.body as { username?: unknown } | undefined)?.username), // the body was refused, so it has no schema type
      },
      schema: {
        operationId: 'login',
        tags,
        summary: '用户名密码登录',
        body: LoginRequest,
        response: { 200: LoginResponse, ...errs, 423: ErrorBody, 429: ErrorBody },
      },
    },
    async (req, reply) => {
      const { token } = await authCommands.login(deps, req.ctx, req.body.username, req.body.password);
      // A new session id at every login (no fixation); the old cookie, if any, is simply replaced.
      reply.setCookie(cookie, token, sessionCookieOptions(deps.config.https));
      return authQueries.meOfSession(deps, req.ctx, token, 'internal');
    },
  );

  app.post(
    '/api/auth/mfa',
    {
      config: {
        access: { authenticated: true, allowPending: ['mfa'] },
        // A NUL character in the code is a wrong code: counted towards the lock and audited (the
        // code is only hashed and compared, never stored, so it is safe to pass on).
        onRefusedInput: async (req) => {
          const code = (req.body as { code?: unknown } | undefined)?.code; // the body was refused, so it has no schema type
          if (req.ctx.actor?.session.pending === 'mfa') await authCommands.verifyMfa(deps, signedIn(req.ctx), typeof code === 'string' ? code : '\u0000');
        },
      },
      schema: {
        operationId: 'verifyMfa',
        tags,
        summary: '提交双因素动态码或恢复码（连续 5 次错误锁定 15 分钟）',
        body: MfaRequest,
        response: { 200: Me, ...errs, 423: ErrorBody },
      },
    },
    async (req) => {
      await authCommands.submitMfa(deps, signedIn(req.ctx), req.body.code);
      return authQueries.meOfSession(deps, req.ctx, req.cookies[cookie], 'unauthenticated');
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: ANY_PENDING },
      schema: { operationId: 'logout', tags, summary: '退出登录（服务端注销会话）', response: { 204: z.null(), ...errs } },
    },
    async (req, reply) => {
      await authCommands.logout(deps, signedIn(req.ctx));
      reply.clearCookie(cookie, sessionCookieOptions(deps.config.https));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { access: ANY_PENDING },
      schema: { operationId: 'getMe', tags, summary: '当前用户、单位、角色、权限与辖区', response: { 200: Me, 401: ErrorBody } },
    },
    async (req) => authQueries.loadMe(deps, req.ctx, signedIn(req.ctx).actor),
  );

  app.get(
    '/api/auth/sessions',
    {
      config: { access: AUTHENTICATED },
      schema: { operationId: 'listMySessions', tags, summary: '本人的登录会话', response: { 200: SessionList, ...errs } },
    },
    async (req) => authQueries.listSessions(deps, signedIn(req.ctx)),
  );

  app.delete(
    '/api/auth/sessions/:id',
    {
      config: { access: AUTHENTICATED },
      schema: { operationId: 'revokeMySession', tags, summary: '结束本人的一个会话', params: IdParam, response: { 204: z.null(), ...errs, 404: ErrorBody } },
    },
    async (req, reply) => {
      await inScope(deps.db, req.ctx, (tx) => authCommands.revokeSession(tx, signedIn(req.ctx), req.params.id, new Date(deps.clock())));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: { authenticated: true, allowPending: ['password-change'] } },
      schema: { operationId: 'changeMyPassword', tags, summary: '修改本人密码（其他会话随之结束）', body: PasswordChange, response: { 200: Me, ...errs } },
    },
    async (req) => {
      await authCommands.changePassword(deps, signedIn(req.ctx), req.body.currentPassword, req.body.newPassword);
      return authQueries.meOfSession(deps, req.ctx, req.cookies[cookie], 'unauthenticated');
    },
  );

  app.post(
    '/api/auth/totp/setup',
    {
      config: { access: { authenticated: true, allowPending: ['mfa-enroll'] } },
      schema: { operationId: 'setupTotp', tags, summary: '生成双因素（TOTP）密钥', response: { 200: TotpSetup, ...errs, 409: ErrorBody } },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => authCommands.totpSetup(deps, tx, signedIn(req.ctx))),
  );

  app.post(
    '/api/auth/totp/enable',
    {
      config: { access: { authenticated: true, allowPending: ['mfa-enroll'] } },
      schema: {
        operationId: 'enableTotp',
        tags,
        summary: '以动态码确认并启用双因素认证，返回一次性恢复码',
        body: TotpEnable,
        response: { 200: RecoveryCodes, ...errs, 409: ErrorBody },
      },
    },
    async (req) => authCommands.totpEnable(deps, signedIn(req.ctx), req.body.code),
  );

  app.post(
    '/api/auth/totp/disable',
    {
      config: { access: AUTHENTICATED },
      schema: {
        operationId: 'disableTotp',
        tags,
        summary: '停用双因素认证（管理员在正式环境中不可停用）',
        body: z.object({ currentPassword: z.string().min(1, '请输入当前密码').max(256) }),
        response: { 204: z.null(), ...errs },
      },
    },
    async (req, reply) => {
      await inScope(deps.db, req.ctx, (tx) => authCommands.totpDisable(deps, tx, signedIn(req.ctx), req.body.currentPassword));
      return reply.code(204).send(null);
    },
  );
}
