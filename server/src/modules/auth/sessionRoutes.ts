/**
 * /api/auth/session, /api/auth/keepalive, /api/auth/draft-key: what the interface needs so that a
 * long form survives the idle timeout. The status call is made by a timer with the background
 * header and does not extend the session (guard.ts); keep-alive is the user's own "继续" or typing.
 */
import { BACKGROUND_HEADER, DraftKey, SessionStatus } from '#common/session.js';
import { ErrorBody } from '#common/api.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { AUTHENTICATED } from '../../http/access.js';
import type { Actor } from '../../core/context.js';
import { inScope } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { draftKeyFor } from './draftKeys.js';

const tags = ['认证 auth'];
const errs = { 401: ErrorBody, 403: ErrorBody };

export function sessionRoutes(app: ZApp, deps: AppDeps): void {
  const actorOf = (req: { ctx: { actor: Actor | null } }): Actor => {
    if (!req.ctx.actor) throw errors.unauthenticated();
    return req.ctx.actor;
  };
  const status = (lastSeen: Date, expires: Date, now: Date): SessionStatus => {
    const idleEnd = new Date(lastSeen.getTime() + deps.config.sessionIdleMs);
    return {
      expiresAt: (idleEnd < expires ? idleEnd : expires).toISOString(),
      now: now.toISOString(),
      idleTimeoutMinutes: Math.round(deps.config.sessionIdleMs / 60_000),
    };
  };

  app.get('/api/auth/session', {
    config: { access: { authenticated: true, allowPending: ['mfa', 'mfa-enroll', 'password-change'] } },
    schema: { tags, summary: `会话何时因无操作而结束（带 ${BACKGROUND_HEADER} 头时不延长会话）`, response: { 200: SessionStatus, ...errs } },
  }, async (req) => {
    const actor = actorOf(req);
    const { rows } = await deps.db.app.query<{ last_seen_at: Date; expires_at: Date }>(
      'select last_seen_at, expires_at from sessions where id_hash = $1', [actor.session.idHash]);
    if (!rows[0]) throw errors.unauthenticated();
    return status(rows[0].last_seen_at, rows[0].expires_at, new Date(deps.clock()));
  });

  app.post('/api/auth/keepalive', {
    config: { access: { authenticated: true, allowPending: ['mfa', 'mfa-enroll', 'password-change'] } },
    schema: { tags, summary: '延长会话（用户点“继续”或正在填写表单）', response: { 200: SessionStatus, ...errs } },
  }, async (req) => {
    const actor = actorOf(req);
    const now = new Date(deps.clock());
    // The absolute lifetime is not extended: only the idle timer restarts.
    const { rows } = await deps.db.app.query<{ expires_at: Date }>(
      'update sessions set last_seen_at = $2 where id_hash = $1 and revoked_at is null returning expires_at', [actor.session.idHash, now]);
    if (!rows[0]) throw errors.unauthenticated();
    return status(now, rows[0].expires_at, now);
  });

  app.post('/api/auth/draft-key', {
    config: { access: AUTHENTICATED },
    schema: { tags, summary: '本人表单草稿（浏览器内加密保存）的密钥；退出登录时删除', response: { 200: DraftKey, ...errs } },
  }, async (req) => {
    const actor = actorOf(req);
    return inScope(deps.db, req.ctx, async (tx) => {
      const { key, created } = await draftKeyFor(tx.client, deps.crypto, actor.userId);
      if (created) await tx.audit({ action: 'auth.draftKey.create', entity: 'user', entityId: actor.userId });
      return { key };
    });
  });
}
