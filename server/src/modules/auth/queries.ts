/** Reads of the auth module: the caller (Me), their sessions, their session's timing. */
import type { Me, SessionInfo } from '#common/api.js';
import type { SessionStatus } from '#common/session.js';
import { inScope, type Actor, type RequestCtx, type SignedInCtx } from '../../core/context.js';
import type { AppDeps } from '../../core/deps.js';
import { errors } from '../../core/errors.js';
import { presentMe, presentSessionStatus, presentSessions } from './presenters.js';
import * as repo from './repo.js';
import { lookupSession } from './sessions.js';

/** The caller as the interface needs it; read in the caller's scope (their committees' names). */
export async function loadMe(deps: AppDeps, ctx: RequestCtx, a: Actor): Promise<Me> {
  const committeeNames = a.scope.committees.length
    ? await inScope(deps.db, { ...ctx, actor: a }, (tx) => repo.committeeNames(tx.client, a.scope.committees))
    : await inScope(deps.db, { ...ctx, actor: a }, () => Promise.resolve<string[]>([]));
  return presentMe(deps, a, committeeNames);
}

/**
 * The caller as their session stands after a step of the login (the step changed what is pending,
 * hence the permissions): read again from the session cookie. `gone` is the error when the session
 * is not live any more.
 */
export async function meOfSession(deps: AppDeps, ctx: RequestCtx, token: string | undefined, gone: 'internal' | 'unauthenticated'): Promise<Me> {
  const found = token ? await lookupSession(deps.db.app, token, new Date(deps.clock()), deps.config.sessionIdleMs) : null;
  if (found?.kind !== 'ok') throw gone === 'internal' ? errors.internal() : errors.unauthenticated();
  return loadMe(deps, ctx, found.actor);
}

export async function listSessions(deps: AppDeps, ctx: SignedInCtx): Promise<{ items: SessionInfo[] }> {
  return presentSessions(await repo.liveSessionsOf(deps.db.app, ctx.actor.userId, ctx.actor.session.idHash, new Date(deps.clock())));
}

/** When the session ends for lack of activity; does not extend it (the guard skips background calls). */
export async function sessionStatus(deps: AppDeps, ctx: SignedInCtx): Promise<SessionStatus> {
  const row = await repo.sessionTimes(deps.db.app, ctx.actor.session.idHash);
  if (!row) throw errors.unauthenticated();
  return presentSessionStatus(deps, row.last_seen_at, row.expires_at, new Date(deps.clock()));
}
