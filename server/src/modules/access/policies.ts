/**
 * 越权查阅须说明理由: who must hold a grant to open a child's file, decided in one place for every
 * route under /api/children/:id (the file gate, fileGate.ts), and the error they receive.
 */
import { ACCESS_REASON_REQUIRED, ACCESS_REASON_REQUIRED_MESSAGE } from '#common/access.js';
import type { Actor } from '../../core/context.js';
import { AppError } from '../../core/errors.js';

/** The routes the gate covers: the child file and every per-child route below it. */
export const CHILD_FILE_ROUTE = /^\/api\/children\/:id(\/|$)/;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (v: string): boolean => UUID.test(v);

export const reasonRequired = (): AppError => new AppError(403, ACCESS_REASON_REQUIRED, ACCESS_REASON_REQUIRED_MESSAGE);

/**
 * What the gate decides before asking the database: 'open' (no reason needed, or a live grant on
 * this child), or 'ask' (the child may still be assigned to the user: one lookup).
 */
export function gateDecision(actor: Pick<Actor, 'fileReasonRequired' | 'grants'> | null, childId: string, at: Date): 'open' | 'ask' {
  if (!actor?.fileReasonRequired) return 'open';
  if ((actor.grants ?? []).some((g) => g.childId === childId && g.expiresAt > at)) return 'open';
  return 'ask';
}

/** The end of a grant of `hours` from `at`. */
export const grantEnd = (at: Date, hours: number): Date => new Date(at.getTime() + hours * 3_600_000);
