/**
 * Creating and changing a child's file. Area keys follow the committee (never the client), every
 * change is kept as history, a stale `version` is refused (two people editing the same file), and
 * derived state — the next visit due, dropout alerts — is brought along in the same transaction.
 */
import type { ChildCreate, ChildFacts, ChildFields, ChildUpdate, MemberInput } from '#common/children.js';
import { normaliseIdNumber, validateIdNumber } from '#common/idNumber.js';
import { parentStateProblem } from '#common/parentState.js';
import { namePinyin } from '#common/pinyin.js';
import { shanghaiDate } from '#common/dates.js';
import type { Tx } from '../../../core/context.js';
import type { AppDeps } from '../../../core/deps.js';
import { errors } from '../../../core/errors.js';
import { openHiv, sealHiv } from '../healthFacts.js';
import { changesBetween, recordHistory } from '../history.js';
import {
  BIDX,
  checkDates,
  checkHealthNoteWrite,
  checkHivWrite,
  committeeAllowed,
  elsewhereNotice,
  identity,
  lockedFile,
  mustBeOpen,
  over18,
} from '../policies.js';
import { similarWarning } from '../presenters.js';
import { similarWarnings } from '../queries.js';
import * as repo from '../repo.js';
import { alertIfOutOfSchool } from './dropoutAlert.js';

/** The committee must be active and inside the caller's area; answers its street. */
export async function checkCommitteeInScope(tx: Tx, committeeId: string, field = 'committeeId'): Promise<repo.CommitteeRow> {
  return committeeAllowed(tx.ctx.actor?.scope, committeeId, await repo.committeeWithStreet(tx, committeeId), field);
}

/** One identity number, one file in the district: refuses, saying where only to those who may see it. */
export async function refuseDuplicateId(tx: Tx, bidx: string, exceptChild?: string): Promise<void> {
  const own = await repo.childIdByBlindIndex(tx, bidx);
  if (own && own !== exceptChild) throw errors.conflict('该身份证号已在您的辖区建档，请勿重复登记', [{ path: 'idNumber', message: '该身份证号已建档' }]);
  const elsewhere = own ? null : elsewhereNotice(tx.ctx.actor?.scope, await repo.registeredElsewhere(tx, bidx));
  if (elsewhere) throw errors.conflict(elsewhere.message, [{ path: 'idNumber', message: elsewhere.field }]);
}

/** A member's stored values: identity number checked (sex and birth date derived from it), encrypted fields sealed. */
export function memberValues(deps: AppDeps, m: MemberInput, path = ''): repo.MemberValues {
  if (m.statusUntil && m.statusSince && m.statusUntil < m.statusSince)
    throw errors.validation([{ path: `${path}statusUntil`, message: '截止日期不能早于起始日期' }]);
  const stateProblem = parentStateProblem(m);
  if (stateProblem) throw errors.validation([{ path: `${path}status`, message: stateProblem }]);
  let sex = m.sex ?? null;
  let birthDate = m.birthDate ?? null;
  const id = m.idNumber ? normaliseIdNumber(m.idNumber) : null;
  if (id) {
    const v = validateIdNumber(id);
    if (!v.ok) throw errors.validation([{ path: `${path}idNumber`, message: v.message }]);
    sex = v.sex;
    birthDate = v.birthDate;
  }
  return {
    name: m.name,
    relation: m.relation,
    role: m.role,
    sex,
    birthDate,
    idEnc: deps.crypto.encryptOrNull(id, 'household_members.id_number'),
    bidx: id ? deps.crypto.blindIndex(id, BIDX) : null,
    phoneEnc: deps.crypto.encryptOrNull(m.phone, 'household_members.phone'),
    status: m.status,
    statusSince: m.statusSince ?? null,
    statusUntil: m.statusUntil ?? null,
    disabilityType: m.disabilityType ?? null,
    disabilityGrade: m.disabilityGrade ?? null,
    note: m.note ?? null,
  };
}

export async function insertMember(tx: Tx, deps: AppDeps, childId: string, m: MemberInput, index?: number): Promise<string> {
  return repo.insertMember(tx, childId, memberValues(deps, m, index === undefined ? '' : `members.${index}.`));
}

/** Locks the file for a change and checks the version the client saw. 404 outside the area. */
export async function lockFile(tx: Tx, id: string, version?: number): Promise<repo.CurrentRow> {
  return lockedFile(await repo.lockChild(tx, id), version);
}

function healthNote(tx: Tx, deps: AppDeps, note: string | null | undefined): string | null {
  if (note === undefined || note === null || note === '') return null;
  checkHealthNoteWrite(tx);
  return deps.crypto.encrypt(note, 'children.mental_health_note');
}

/** HIV status as stored: refused without children.health unless left unknown. */
function hivValue(tx: Tx, deps: AppDeps, v: boolean | null | undefined): string | null {
  if (v === undefined || v === null) return null;
  checkHivWrite(tx);
  return sealHiv(deps, v);
}

export async function createChild(tx: Tx, deps: AppDeps, input: ChildCreate, opts: { action?: string } = {}): Promise<{ id: string; warnings: string[] }> {
  const today = shanghaiDate(deps.clock());
  const who = identity(deps, input, today);
  const adult = over18(input, who.birthDate, today);
  checkDates(input, today);
  const committee = await checkCommitteeInScope(tx, input.committeeId);
  if (who.bidx) await refuseDuplicateId(tx, who.bidx);
  const registeredOn = input.registeredOn ?? today;
  if (registeredOn > today) throw errors.validation([{ path: 'registeredOn', message: '建档日期不能晚于今天' }]);
  const py = namePinyin(input.name);
  const enc = (v: string | null | undefined, col: string) => deps.crypto.encryptOrNull(v, col);
  const userId = tx.ctx.actor?.userId ?? null;
  const id = await repo.insertChild(tx, {
    committeeId: input.committeeId,
    name: input.name,
    namePinyin: py.full,
    nameInitials: py.initials,
    sex: who.sex,
    birthDate: who.birthDate,
    idNumberEnc: enc(who.idNumber, 'children.id_number'),
    idNumberBidx: who.bidx,
    idNumberTail: who.tail,
    noIdNote: who.idNumber ? null : (input.noIdNote ?? null),
    ethnicity: input.ethnicity ?? null,
    hukou: input.hukou,
    hukouAddressEnc: enc(input.hukouAddress, 'children.hukou_address'),
    residenceAddressEnc: enc(input.residenceAddress, 'children.residence_address'),
    phoneEnc: enc(input.phone, 'children.phone'),
    riskLevel: input.riskLevel,
    riskReason: input.riskReason ?? null,
    riskAssessedOn: input.riskAssessedOn ?? null,
    schoolStage: input.schoolStage ?? null,
    schoolName: input.schoolName ?? null,
    schoolGrade: input.schoolGrade ?? null,
    disabilityType: input.disabilityType ?? null,
    disabilityGrade: input.disabilityGrade ?? null,
    seriousIllness: input.seriousIllness ?? null,
    mentalHealthNoteEnc: healthNote(tx, deps, input.mentalHealthNote),
    householdSize: input.householdSize ?? null,
    monthlyIncomeFen: input.monthlyIncomeFen ?? null,
    assetsFen: input.assetsFen ?? null,
    assetsAssessedOn: input.assetsAssessedOn ?? null,
    registeredOn,
    createdBy: userId,
    adopted: input.adopted ?? null,
    autism: input.autism ?? null,
    caregiverCanRaise: input.caregiverCanRaise ?? null,
    hivInfectedEnc: hivValue(tx, deps, input.hivInfected),
    over18Reason: adult.reason,
    over18Note: adult.note,
    // A new high-risk file is due for its first visit within the configured days of today.
    highRiskSince: input.riskLevel === 'high' ? today : null,
  });
  for (const c of input.categories) {
    if (c.since > today) throw errors.validation([{ path: 'categories', message: '类别起始日期不能晚于今天' }]);
    await repo.insertCategory(tx, id, { category: c.category, since: c.since, sourceNote: c.sourceNote ?? null }, userId);
  }
  for (const [i, m] of input.members.entries()) await insertMember(tx, deps, id, m, i);
  for (const b of input.benefits) {
    await repo.insertBenefit(tx, id, {
      benefit: b.benefit,
      since: b.since,
      until: b.until ?? null,
      monthlyAmountFen: b.monthlyAmountFen ?? null,
      note: b.note ?? null,
    });
  }
  await repo.recomputeNextVisit(tx, id);
  await recordHistory(tx, id, opts.action ?? 'create');
  await tx.audit({
    action: opts.action === 'import' ? 'child.import' : 'child.create',
    entity: 'child',
    entityId: id,
    summary: { committeeId: input.committeeId, withIdNumber: !!who.idNumber, ...(adult.reason ? { over18Reason: adult.reason } : {}) },
  });
  await alertIfOutOfSchool(
    tx,
    {
      id,
      name: input.name,
      birthDate: who.birthDate,
      streetCode: committee.street_code,
      committeeId: input.committeeId,
      streetName: committee.street_name,
      committeeName: committee.name,
    },
    null,
    input.schoolStage ?? null,
    today,
    deps.clock(),
  );
  const similar = await similarWarnings(tx, input.name, who.birthDate, id);
  return { id, warnings: similar.map(similarWarning) };
}

/**
 * Column of each editable field, and whether it is stored encrypted (column name for the AAD;
 * `hiv` is the three-valued HIV status, sealed by healthFacts.ts).
 */
const COLUMNS: Record<keyof ChildFields | keyof ChildFacts, { col: string; enc?: string; hiv?: true }> = {
  name: { col: 'name' },
  ethnicity: { col: 'ethnicity' },
  hukou: { col: 'hukou' },
  hukouAddress: { col: 'hukou_address_enc', enc: 'children.hukou_address' },
  residenceAddress: { col: 'residence_address_enc', enc: 'children.residence_address' },
  phone: { col: 'phone_enc', enc: 'children.phone' },
  committeeId: { col: 'committee_id' },
  riskLevel: { col: 'risk_level' },
  riskReason: { col: 'risk_reason' },
  riskAssessedOn: { col: 'risk_assessed_on' },
  schoolStage: { col: 'school_stage' },
  schoolName: { col: 'school_name' },
  schoolGrade: { col: 'school_grade' },
  disabilityType: { col: 'disability_type' },
  disabilityGrade: { col: 'disability_grade' },
  seriousIllness: { col: 'serious_illness' },
  mentalHealthNote: { col: 'mental_health_note_enc', enc: 'children.mental_health_note' },
  householdSize: { col: 'household_size' },
  monthlyIncomeFen: { col: 'monthly_income_fen' },
  assetsFen: { col: 'assets_fen' },
  assetsAssessedOn: { col: 'assets_assessed_on' },
  adopted: { col: 'adopted' },
  autism: { col: 'autism' },
  caregiverCanRaise: { col: 'caregiver_can_raise' },
  hivInfected: { col: 'hiv_infected_enc', hiv: true },
};

/**
 * Changes the file's own fields; answers the new version and the fields that changed (none: nothing written).
 * `opts.action`: the history's action when the change comes from elsewhere than a hand edit (a data feed).
 */
export async function updateChild(
  tx: Tx,
  deps: AppDeps,
  id: string,
  patch: ChildUpdate,
  opts: { action?: string } = {},
): Promise<{ version: number; changed: string[] }> {
  const today = shanghaiDate(deps.clock());
  checkDates(patch, today);
  const cur = await lockFile(tx, id, patch.version);
  mustBeOpen(cur);
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const values: { col: string; value: unknown }[] = [];
  for (const [field, spec] of Object.entries(COLUMNS) as [keyof ChildUpdate, { col: string; enc?: string; hiv?: true }][]) {
    // why: Object.entries loses the key type of COLUMNS
    if (!(field in patch)) continue;
    const value = patch[field] ?? null;
    if (field === 'mentalHealthNote') checkHealthNoteWrite(tx, '修改');
    if (spec.hiv) checkHivWrite(tx, '修改');
    const stored = cur[spec.col] as string | null; // why: the row's encrypted columns are text
    const old = spec.hiv ? openHiv(deps, stored) : spec.enc ? deps.crypto.decryptOrNull(stored, spec.enc) : (cur[spec.col] ?? null);
    if (JSON.stringify(old) === JSON.stringify(value)) continue;
    before[field] = old;
    after[field] = value;
    values.push({
      col: spec.col,
      value: spec.hiv ? sealHiv(deps, value as boolean | null) : spec.enc ? deps.crypto.encryptOrNull(value as string | null, spec.enc) : value,
    }); // why: the column table says which type the field has
  }
  let committeeNames: { old: string; new: string } | null = null;
  if ('committeeId' in after) {
    const to = await checkCommitteeInScope(tx, after.committeeId as string); // why: committeeId is a uuid string (schema)
    if (to.street_code !== cur.street_code) throw errors.validation([{ path: 'committeeId', message: '跨街道变更请使用"转出"，档案将移交对方街道' }]);
    committeeNames = { old: cur.committee_name, new: to.name };
  }
  if ('riskLevel' in after) {
    // Raised to high: the first-visit deadline runs from today; lowered: no longer applies.
    values.push({ col: 'high_risk_since', value: after.riskLevel === 'high' ? today : null });
  }
  if ('name' in after) {
    const py = namePinyin(after.name as string); // why: name is a string (schema)
    values.push({ col: 'name_pinyin', value: py.full }, { col: 'name_initials', value: py.initials });
  }
  if (!values.length) return { version: cur.version, changed: [] };
  const version = await repo.updateChildColumns(tx, id, values);
  // History shows committees by name, not by id.
  const changes = changesBetween(before, after).map((c) =>
    c.field === 'committeeId' && committeeNames ? { field: 'committee', old: committeeNames.old, new: committeeNames.new } : c,
  );
  await recordHistory(tx, id, opts.action ?? 'update', changes);
  if ('riskLevel' in after) await repo.recomputeNextVisit(tx, id);
  await tx.audit({ action: 'child.update', entity: 'child', entityId: id, summary: { fields: changes.map((c) => c.field) } });
  if ('schoolStage' in after) {
    await alertIfOutOfSchool(
      tx,
      {
        id,
        name: (after.name as string) ?? cur.name,
        birthDate: cur.birth_date,
        streetCode: cur.street_code,
        committeeId: (after.committeeId as string | undefined) ?? cur.committee_id,
        streetName: cur.street_name,
        committeeName: cur.committee_name,
      }, // why: schema types of name and committeeId
      cur.school_stage,
      after.schoolStage as string | null,
      today,
      deps.clock(),
    ); // why: schoolStage is a string or null (schema)
  }
  return { version, changed: changes.map((c) => c.field) };
}
