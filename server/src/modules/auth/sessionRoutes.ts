/**
 * /api/auth/session, /api/auth/keepalive, /api/auth/draft-key (route table): what the interface
 * needs so that a long form survives the idle timeout. The status call is made by a timer with the
 * background header and does not extend the session (guard.ts); keep-alive is the user's own
 * "继续" or typing.
 */
import { BACKGROUND_HEADER, DraftKey, SessionStatus } from '#common/session.js';
import { ErrorBody } from '#common/api.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { AUTHENTICATED, type Access } from '../../http/access.js';
import { inScope, signedIn } from '../../core/context.js';
import * as authCommands from './commands.js';
import * as authQueries from './queries.js';

const tags = ['认证 auth'];
const errs = { 401: ErrorBody, 403: ErrorBody };
/** Open to a session still in a login step (it must be able to see itself, its timing, and leave). */
const ANY_PENDING: Access = { authenticated: true, allowPending: ['mfa', 'mfa-enroll', 'password-change'] };

export function sessionRoutes(app: ZApp, deps: AppDeps): void {
  app.get(
    '/api/auth/session',
    {
      config: { access: ANY_PENDING },
      schema: {
        operationId: 'getSessionStatus',
        tags,
        summary: `会话何时因无操作而结束（带 ${BACKGROUND_HEADER} 头时不延长会话）`,
        response: { 200: SessionStatus, ...errs },
      },
    },
    async (req) => authQueries.sessionStatus(deps, signedIn(req.ctx)),
  );

  app.post(
    '/api/auth/keepalive',
    {
      config: { access: ANY_PENDING },
      schema: { operationId: 'keepSessionAlive', tags, summary: '延长会话（用户点“继续”或正在填写表单）', response: { 200: SessionStatus, ...errs } },
    },
    async (req) => authCommands.keepAlive(deps, signedIn(req.ctx)),
  );

  app.post(
    '/api/auth/draft-key',
    {
      config: { access: AUTHENTICATED },
      schema: { operationId: 'getDraftKey', tags, summary: '本人表单草稿（浏览器内加密保存）的密钥；退出登录时删除', response: { 200: DraftKey, ...errs } },
    },
    async (req) => inScope(deps.db, req.ctx, (tx) => authCommands.draftKey(deps, tx, signedIn(req.ctx))),
  );
}
