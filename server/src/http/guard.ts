/**
 * The request guard: resolves the session cookie into an actor, enforces the route's declared
 * access (401 / 403), the CSRF token on every state-changing request, and records refusals in the
 * audit log (in their own transaction, since the request does no work).
 */
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BACKGROUND_HEADER } from '#common/session.js';
import type { AppDeps } from '../core/deps.js';
import { lookupSession, touchSession } from '../modules/auth/sessions.js';
import type { Access } from './access.js';
import { auditAlone } from '../core/context.js';
import { errors } from '../core/errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Touch the session at most this often: a write per request would cost more than the check. */
const TOUCH_EVERY_MS = 15_000;

export function cookieName(https: boolean): string {
  // __Host- prefix: the browser only accepts it from a secure origin, host-only, path /.
  return https ? '__Host-nuanyang_sid' : 'nuanyang_sid';
}

/**
 * The session cookie's attributes, the same for setting and clearing: a browser ignores a
 * clearing Set-Cookie for a `__Host-` cookie that lacks `Secure`, and would keep the revoked one.
 */
export function sessionCookieOptions(https: boolean) {
  return { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: https };
}

function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** A cross-site request carries a foreign Origin; refuse it on state-changing requests. */
function originAllowed(req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (!origin) return true; // same-origin fetches may omit it; the CSRF token still protects
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

export function registerGuard(app: FastifyInstance, deps: AppDeps): void {
  // preValidation: access is decided before the body is validated, so a caller without the
  // permission learns nothing about the route's schema (403, never 400).
  app.addHook('preValidation', async (req: FastifyRequest, reply: FastifyReply) => {
    const access: Access | undefined = req.routeOptions.config?.access;
    if (!access) return; // non-API routes (static files); API routes are checked at registration
    const unsafe = !SAFE_METHODS.has(req.method);
    if (unsafe && !originAllowed(req)) {
      await auditAlone(deps.db, req.ctx, {
        action: 'http.csrf',
        outcome: 'denied',
        summary: { route: routeId(req), origin: String(req.headers.origin ?? '') },
      });
      throw errors.csrf();
    }
    if ('public' in access) return;

    const token = req.cookies[cookieName(deps.config.https)];
    if (!token) throw errors.unauthenticated();
    const now = new Date(deps.clock());
    const found = await lookupSession(deps.db.app, token, now, deps.config.sessionIdleMs);
    if (found.kind !== 'ok') {
      reply.clearCookie(cookieName(deps.config.https), sessionCookieOptions(deps.config.https));
      throw found.kind === 'expired' ? errors.sessionExpired() : errors.unauthenticated();
    }
    const actor = found.actor;
    req.ctx.actor = actor;
    // A timer's request (notification poll, session status) is not the user at work: it must not
    // keep an unattended session alive, or the idle timeout would never come.
    const background = req.headers[BACKGROUND_HEADER] === '1';
    if (!background && now.getTime() - found.lastSeenAt.getTime() > TOUCH_EVERY_MS) await touchSession(deps.db.app, actor.session.idHash, now);

    if (unsafe && !sameToken(req.headers['x-csrf-token'] as string | undefined, actor.session.csrfToken)) {
      await auditAlone(deps.db, req.ctx, { action: 'http.csrf', outcome: 'denied', summary: { route: routeId(req) } });
      throw errors.csrf();
    }
    const pending = actor.session.pending;
    if ('authenticated' in access) {
      if (pending && !(access.allowPending ?? []).includes(pending)) throw errors.pending(pending);
      return;
    }
    if (pending) throw errors.pending(pending);
    const needed = 'permission' in access ? [access.permission] : access.anyPermission;
    if (!needed.some((p) => actor.permissions.has(p))) {
      await auditAlone(deps.db, req.ctx, { action: 'access.denied', outcome: 'denied', summary: { route: routeId(req), permission: needed.join('|') } });
      throw errors.forbidden();
    }
  });
}

export function routeId(req: FastifyRequest): string {
  return `${req.method} ${req.routeOptions.url ?? ''}`;
}
