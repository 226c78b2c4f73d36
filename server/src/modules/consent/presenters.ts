/** Rows of the consent module → API shapes. */
import { consentStatus, type Consent, type Purpose } from '#common/consent.js';
import type { BasisRow, ConsentRow, PurposeRow } from './repo.js';

export function purposeOut(r: PurposeRow): Purpose {
  return {
    code: r.code,
    name: r.name,
    basis: r.basis,
    legalText: r.legal_text,
    consentRequired: r.consent_required,
    anonymised: r.anonymised,
    defaultOnFile: r.default_on_file,
    active: r.active,
    version: r.version,
  };
}

export function basisOut(r: BasisRow) {
  return {
    id: r.id,
    purposeCode: r.purpose_code,
    purposeName: r.purpose_name,
    basis: r.basis,
    source: r.source,
    note: r.note,
    recordedAt: r.recorded_at.toISOString(),
    recordedBy: r.recorded_by_name,
  };
}

/** The facts the rules read from a consent row. */
export function factsOf(r: ConsentRow) {
  return { givenOn: r.given_on, validUntil: r.valid_until, withdrawnOn: r.withdrawn_on, childAgreement: r.child_agreement, birthDate: r.birth_date };
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export function consentOut(r: ConsentRow, today: string): Consent {
  return {
    id: r.id,
    purposeCode: r.purpose_code,
    purposeName: r.purpose_name,
    guardianName: r.guardian_name,
    guardianRelation: r.guardian_relation,
    childAgreement: r.child_agreement,
    givenOn: r.given_on,
    method: r.method,
    scopeNote: r.scope_note,
    evidenceNote: r.evidence_note,
    validUntil: r.valid_until,
    status: consentStatus(factsOf(r), today),
    recordedBy: r.recorded_by_name,
    withdrawnOn: r.withdrawn_on,
    withdrawnBy: r.withdrawn_by_name,
    withdrawReason: r.withdraw_reason,
    withdrawEffects: strings(r.withdraw_effects),
    version: r.version,
  };
}
