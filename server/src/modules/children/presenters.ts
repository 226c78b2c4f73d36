/**
 * Rows → API shapes of the child file, listing every field: identity numbers and phones masked,
 * addresses hidden, restricted health facts only for those who may see them.
 */
import type { z } from 'zod';
import type { ChildFile, ChildRow, HistoryPage } from '#common/children.js';
import { CATEGORIES, ChildFilters } from '#common/children.js';
import { maskIdNumber, maskPhone } from '#common/mask.js';
import { ageOn, daysBetween } from '#common/dates.js';
import type { Actor } from '../../core/context.js';
import type { AppDeps } from '../../core/deps.js';
import { openHiv } from './healthFacts.js';
import { fileFlags } from './policies.js';
import type { CarerRow, ChildSecretsRow, FileBenefitRow, FileCategoryRow, FileMemberRow, FileRow, HistoryRow, ListRow, SimilarRow } from './repo.js';

type Crypto = Pick<AppDeps, 'crypto'>;

function overdue(status: string, due: string | null, today: string): number | null {
  if (status !== 'active' || !due) return null;
  const d = daysBetween(due, today);
  return d > 0 ? d : null;
}

export function presentRow(deps: Crypto, r: ListRow, today: string): ChildRow {
  return {
    id: r.id,
    name: r.name,
    sex: r.sex,
    birthDate: r.birth_date,
    age: ageOn(r.birth_date, today),
    idNumberMasked: maskIdNumber(deps.crypto.decryptOrNull(r.id_number_enc, 'children.id_number')),
    streetCode: r.street_code,
    streetName: r.street_name,
    committeeId: r.committee_id,
    committeeName: r.committee_name,
    status: r.status,
    riskLevel: r.risk_level,
    categories: r.categories,
    nextVisitDue: r.next_visit_due,
    overdueDays: overdue(r.status, r.next_visit_due, today),
  };
}

/** The whole file, masked, with what the caller may do on it. */
export function presentFile(
  deps: Crypto,
  actor: Actor | null,
  today: string,
  r: FileRow,
  categories: FileCategoryRow[],
  members: FileMemberRow[],
  benefits: FileBenefitRow[],
): ChildFile {
  const flags = fileFlags(actor);
  const dec = (v: string | null, col: string) => deps.crypto.decryptOrNull(v, col);
  return {
    id: r.id,
    version: r.version,
    name: r.name,
    sex: r.sex,
    birthDate: r.birth_date,
    age: ageOn(r.birth_date, today),
    idNumberMasked: maskIdNumber(dec(r.id_number_enc, 'children.id_number')),
    noIdNote: r.no_id_note,
    ethnicity: r.ethnicity,
    hukou: r.hukou,
    // Addresses are shown to the committee only unless unmasked.
    hukouAddressMasked: r.hukou_address_enc ? (r.hukou === 'local' ? '上海市（详细地址已隐藏）' : '外省市（详细地址已隐藏）') : null,
    residenceAddressMasked: r.residence_address_enc ? `${r.street_name}${r.committee_name}（详细地址已隐藏）` : null,
    phoneMasked: maskPhone(dec(r.phone_enc, 'children.phone')),
    streetCode: r.street_code,
    streetName: r.street_name,
    committeeId: r.committee_id,
    committeeName: r.committee_name,
    status: r.status,
    closedReason: r.closed_reason,
    closedOn: r.closed_on,
    registeredOn: r.registered_on,
    over18Reason: r.over18_reason,
    over18Note: r.over18_note,
    riskLevel: r.risk_level,
    riskReason: r.risk_reason,
    riskAssessedOn: r.risk_assessed_on,
    schoolStage: r.school_stage,
    schoolName: r.school_name,
    schoolGrade: r.school_grade,
    disabilityType: r.disability_type,
    disabilityGrade: r.disability_grade,
    seriousIllness: r.serious_illness,
    mentalHealthNote: flags.health ? dec(r.mental_health_note_enc, 'children.mental_health_note') : null,
    householdSize: r.household_size,
    monthlyIncomeFen: r.monthly_income_fen,
    assetsFen: r.assets_fen,
    assetsAssessedOn: r.assets_assessed_on,
    adopted: r.adopted,
    autism: r.autism,
    caregiverCanRaise: r.caregiver_can_raise,
    hivInfected: flags.health ? openHiv(deps, r.hiv_infected_enc) : null,
    lastVisitOn: r.last_visit_on,
    nextVisitDue: r.next_visit_due,
    overdueDays: overdue(r.status, r.next_visit_due, today),
    mentor: r.mentor,
    buddy: r.buddy,
    categories: categories.map((k) => ({
      id: k.id,
      category: k.category,
      label: CATEGORIES[k.category],
      since: k.since,
      until: k.until,
      sourceNote: k.source_note,
    })),
    members: members.map((m) => ({
      id: m.id,
      name: m.name,
      relation: m.relation,
      role: m.role,
      sex: m.sex,
      birthDate: m.birth_date,
      idNumberMasked: maskIdNumber(dec(m.id_number_enc, 'household_members.id_number')),
      phoneMasked: maskPhone(dec(m.phone_enc, 'household_members.phone')),
      status: m.status,
      statusSince: m.status_since,
      statusUntil: m.status_until,
      disabilityType: m.disability_type,
      disabilityGrade: m.disability_grade,
      note: m.note,
    })),
    benefits: benefits.map((b) => ({ id: b.id, benefit: b.benefit, since: b.since, until: b.until, monthlyAmountFen: b.monthly_amount_fen, note: b.note })),
    can: flags.can,
    restricted: flags.restricted,
  };
}

export function presentHistory(r: HistoryRow): z.infer<typeof HistoryPage>['items'][number] {
  return {
    id: String(r.id),
    at: r.at.toISOString(),
    username: r.username,
    userDisplayName: r.display_name ?? r.username,
    action: r.action,
    field: r.field,
    oldValue: r.old_value,
    newValue: r.new_value,
  };
}

export const presentSavedFilter = (r: { id: string; name: string; params: unknown }) => ({ id: r.id, name: r.name, params: ChildFilters.parse(r.params) });

/** Similar files as the caller may see them: outside their area, only the street. */
export const presentSimilar = (rows: SimilarRow[], exceptChild?: string) =>
  rows
    .filter((r) => r.child_id !== exceptChild)
    .map((r) => ({ id: r.in_scope ? r.child_id : null, streetName: r.street_name, committeeName: r.in_scope ? r.committee_name : null }));

export const similarWarning = (s: { streetName: string; committeeName: string | null }) =>
  `${s.streetName}${s.committeeName ? ` ${s.committeeName}` : ''} 已有同名、同出生日期的档案，请核实是否为同一人`;

export type UnmaskField = 'idNumber' | 'phone' | 'residenceAddress' | 'hukouAddress';

/** The values asked for, in clear (after the audit row is written). */
export function presentUnmasked(deps: Crypto, row: ChildSecretsRow, fields: readonly UnmaskField[]): Partial<Record<UnmaskField, string | null>> {
  const out: Partial<Record<UnmaskField, string | null>> = {};
  const dec = (v: string | null, col: string) => deps.crypto.decryptOrNull(v, col);
  for (const f of fields) {
    if (f === 'idNumber') out.idNumber = dec(row.id_number_enc, 'children.id_number');
    if (f === 'phone') out.phone = dec(row.phone_enc, 'children.phone');
    if (f === 'residenceAddress') out.residenceAddress = dec(row.residence_address_enc, 'children.residence_address');
    if (f === 'hukouAddress') out.hukouAddress = dec(row.hukou_address_enc, 'children.hukou_address');
  }
  return out;
}

export const presentMemberSecrets = (deps: Crypto, m: { id_number_enc: string | null; phone_enc: string | null }) => ({
  idNumber: deps.crypto.decryptOrNull(m.id_number_enc, 'household_members.id_number'),
  phone: deps.crypto.decryptOrNull(m.phone_enc, 'household_members.phone'),
});

export function presentContacts(deps: Crypto, child: { phone_enc: string | null; residence_address_enc: string | null }, members: CarerRow[]) {
  const dec = (v: string | null, col: string) => deps.crypto.decryptOrNull(v, col);
  return {
    phone: dec(child.phone_enc, 'children.phone'),
    residenceAddress: dec(child.residence_address_enc, 'children.residence_address'),
    members: members.map((m) => ({ id: m.id, name: m.name, relation: m.relation, role: m.role, phone: dec(m.phone_enc, 'household_members.phone') })),
  };
}
