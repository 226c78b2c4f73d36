/**
 * Record rules of 返家监护监督与临时照料. The depth (full / summary / none) and the right to write
 * are the guardianship module's (../guardianship/policies.ts); here: who may record a follow-up or
 * manage a supervision, and the date rules. Each returns the refusal; none touches the database.
 */
import type { Actor } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import type { GuardianshipDepth } from '../guardianship/policies.js';

/** Is the caller the supervisor of this open supervision? */
export function isMine(actor: Actor, s: { supervisor_user_id: string | null; ended_on: string | null }): boolean {
  return s.ended_on === null && s.supervisor_user_id === actor.userId;
}

/** Recording the due follow-up: guardianship.write, or being the supervisor (even a child director or a social worker). */
export function canRecord(actor: Actor, s: { supervisor_user_id: string | null; ended_on: string | null }): boolean {
  return s.ended_on === null && (actor.permissions.has('guardianship.write') || isMine(actor, s));
}

/** Changing the supervisor, ending the supervision, placements: guardianship.write. */
export function canManage(actor: Actor, s: { ended_on: string | null }): boolean {
  return s.ended_on === null && actor.permissions.has('guardianship.write');
}

export function fullOnly(depth: GuardianshipDepth, what: string): void {
  if (depth !== 'full') throw errors.forbidden(`儿童主任可查看监督安排与本人回访任务，不能查看${what}`);
}

/** A date of something that happened: not after today, not before `earliest` (when given). */
export function pastDate(date: string, today: string, field: string, label: string, earliest?: { date: string; label: string }): void {
  if (date > today) throw errors.validation([{ path: field, message: `${label}不能晚于今天` }]);
  if (earliest && date < earliest.date) throw errors.validation([{ path: field, message: `${label}不能早于${earliest.label}（${earliest.date}）` }]);
}

export function current(row: { version: number }, version: number): void {
  if (row.version !== version) throw errors.staleVersion();
}
