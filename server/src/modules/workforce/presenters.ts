/**
 * Ledger rows → API shapes. The id number and phone are decrypted only to be masked here; the
 * unmasked values leave the server through the audited reveal alone. The check state is the pure
 * rule's answer for `today`.
 */
import { maskIdNumber, maskPhone } from '#common/mask.js';
import { checkStatus, type CheckSettings } from '#common/vetting.js';
import { CERT_LEVELS, POSTS, ROLE_KINDS, type Staff, type StaffItem } from '#common/workforce.js';
import type { AppDeps } from '../../core/deps.js';
import type { StaffRow } from './repo.js';

export function presentStaffItem(deps: Pick<AppDeps, 'crypto'>, r: StaffRow, today: string, settings: CheckSettings): StaffItem {
  const st = checkStatus(r.checks, today, settings);
  return {
    id: r.id,
    name: r.name,
    gender: r.gender,
    idNumberMasked: maskIdNumber(deps.crypto.decryptOrNull(r.id_number_enc, 'staff.id_number')),
    phoneMasked: maskPhone(deps.crypto.decryptOrNull(r.phone_enc, 'staff.phone')),
    roleKind: parseRoleKind(r.role_kind),
    post: r.post === null ? null : parsePost(r.post),
    certLevel: parseCert(r.cert_level),
    streetCode: r.street_code,
    streetName: r.street_name,
    unitCode: r.unit_code,
    unitName: r.unit_name,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    committees: r.committees.filter((c) => c.until === null),
    appointedOn: r.appointed_on,
    leftOn: r.left_on,
    check: {
      state: st.state,
      lastClearOn: st.lastClearOn,
      validUntil: st.validUntil,
      daysLeft: st.daysLeft,
      renewalPending: st.renewalPending,
      suspend: st.suspend,
    },
    userId: r.user_id,
    username: r.username,
    accessSuspended: r.suspended,
    version: r.version,
  };
}

export function presentStaff(deps: Pick<AppDeps, 'crypto'>, r: StaffRow, today: string, settings: CheckSettings): Staff {
  return {
    ...presentStaffItem(deps, r, today, settings),
    note: r.note,
    committeeHistory: r.committees,
    checks: r.checks.map((c) => ({
      id: c.id,
      kind: c.kind,
      requestedOn: c.requestedOn,
      requestRef: c.requestRef,
      answeredOn: c.answeredOn,
      result: c.result,
      answerRef: c.answerRef,
      note: c.note,
      version: c.version,
    })),
  };
}

// The database's check constraints hold these lists; the parsers keep the types without casts.
const pick =
  <T extends string>(list: readonly T[], fallback: T) =>
  (v: string): T =>
    list.find((x) => x === v) ?? fallback;
const parseRoleKind = pick(ROLE_KINDS, 'other');
const parsePost = pick(POSTS, 'other');
const parseCert = pick(CERT_LEVELS, 'none');
