/**
 * Who may do what in the consent module, and the consent-based refusals other modules ask for (a
 * referral to a social organisation, a publicity photo). Pure: the commands gather the facts.
 */
import { CONSENT_STATUS_NAMES, consentStatus, type ConsentFacts } from '#common/consent.js';
import type { Actor } from '../../core/context.js';

export function mayRecord(actor: Actor): boolean {
  return actor.permissions.has('consent.record');
}

export function mayManage(actor: Actor): boolean {
  return actor.permissions.has('consent.manage');
}

/**
 * Why a child's consents for a purpose do not allow processing on `day` (null: one is active). The
 * message names what is missing, for the person who asked.
 */
export function missingConsent(purposeName: string, consents: readonly ConsentFacts[], day: string): string | null {
  const statuses = consents.map((c) => consentStatus(c, day));
  if (statuses.includes('active')) return null;
  if (!statuses.length) return `缺少监护人对「${purposeName}」的有效同意：请先在儿童档案「授权与同意」中记录同意`;
  const seen = [...new Set(statuses)].map((s) => CONSENT_STATUS_NAMES[s]).join('、');
  return `缺少监护人对「${purposeName}」的有效同意（已有的同意：${seen}）：请先在儿童档案「授权与同意」中记录新的同意`;
}
