/**
 * 监护提质: who reads how much of a child's guardianship records. Row-level security decides which
 * children's rows a caller reaches at all (the area, the assigned worker, the guardianship
 * supervisor, a unit through a referral with the 'guardianship' section: migration
 * 20261205_1200_guardianship.sql); this decides the depth, the same way for every guardianship
 * module (assessments, interventions, guidance, supervision of children returned home, placement):
 *
 * - `full`: guardianship.read — civil affairs, the child's street; also the child's assigned
 *   guardianship supervisor and a receiving unit on its referral routes (the caller passes those
 *   facts): everything, every view audited;
 * - `summary`: guardianship.summary — the committee's child director: that a step exists, its
 *   kind, unit, status and dates, and the tasks that fall to them; never assessment narratives,
 *   scores, notes or legal documents;
 * - `none`: anyone else — the routes answer 404 as if the child did not exist.
 *
 * The other guardianship modules import this one; it imports none of them.
 */
import type { Actor } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { canAny } from '../../http/access.js';

/**
 * The guard of every guardianship route whose depth is decided with the child: a caller holding
 * none of these is refused before anything is read (deny by default: 403, audited by the guard);
 * the others get full, summary or 404 from guardianshipDepth. referrals.handle: a unit reading
 * through its referral.
 */
export const GUARDIANSHIP_ACCESS = canAny('guardianship.read', 'guardianship.summary', 'guardianship.write', 'guardianship.manage', 'referrals.handle');
/** The same, and the visiting roles: any of them may be named a child's guardianship supervisor. */
export const SUPERVISOR_ACCESS = canAny(
  'guardianship.read',
  'guardianship.summary',
  'guardianship.write',
  'guardianship.manage',
  'referrals.handle',
  'visits.write',
);

export type GuardianshipDepth = 'full' | 'summary' | 'none';

export interface DepthFacts {
  /** The caller is the child's active guardianship supervisor (监护监督员). */
  supervisor?: boolean;
  /** The caller's unit reaches the child through a referral whose kind opens 'guardianship'. */
  viaReferral?: boolean;
}

export function guardianshipDepth(actor: Actor, facts: DepthFacts = {}): GuardianshipDepth {
  if (actor.permissions.has('guardianship.read') || facts.supervisor || facts.viaReferral) return 'full';
  if (actor.permissions.has('guardianship.summary')) return 'summary';
  return 'none';
}

/** Reading: `none` is a 404 (no child there for this caller), never a 403 that confirms one. */
export function requireDepth(actor: Actor, facts: DepthFacts = {}): Exclude<GuardianshipDepth, 'none'> {
  const d = guardianshipDepth(actor, facts);
  if (d === 'none') throw errors.notFound();
  return d;
}

/** Writing a guardianship record takes guardianship.write (or being the child's supervisor, for follow-ups). */
export function requireWrite(actor: Actor, facts: DepthFacts = {}): void {
  if (actor.permissions.has('guardianship.write') || facts.supervisor) return;
  throw errors.forbidden('没有记录监护事项的权限（需"记录监护评估、干预措施……"权限）');
}
