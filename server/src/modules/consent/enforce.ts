/**
 * The consent checks other modules call before they process a child's data for a consent-based
 * purpose: a referral to a social organisation (referrals/commands.ts send). Importing this file
 * does not import the referrals module back (no cycle).
 */
import { ORG_REFERRAL_PURPOSE } from '#common/consent.js';
import type { Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { missingConsent } from './policies.js';
import { factsOf } from './presenters.js';
import * as repo from './repo.js';

/**
 * Refuses (409, naming what is missing) a referral of `childId` to a unit of kind organisation
 * without an active guardian consent for 转介至社会组织 on `today`. The purpose's name is the
 * register's; a purpose switched off still needs its consent (processing has no basis then).
 */
export async function requireOrgReferralConsent(tx: Tx, childId: string, unitName: string, today: string): Promise<void> {
  const purpose = await repo.purpose(tx, ORG_REFERRAL_PURPOSE);
  const name = purpose?.name ?? '转介至社会组织';
  const missing = missingConsent(name, (await repo.consents(tx, childId, ORG_REFERRAL_PURPOSE)).map(factsOf), today);
  if (missing) throw errors.conflict(`不能转介至社会组织「${unitName}」：${missing}`, [{ path: 'toUnit', message: missing }]);
}
