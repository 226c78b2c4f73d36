/**
 * Creating and changing a child's file. Area keys follow the committee (never the client), every
 * change is kept as history, a stale `version` is refused (two people editing the same file), and
 * derived state — the next visit due, dropout alerts — is brought along in the same transaction.
 */
import type { ChildCreate, ChildFacts, ChildFields, ChildUpdate, MemberInput } from '#common/children.js';
import { ADULT_AGE, ageOn, normaliseIdNumber, validateIdNumber } from '#common/idNumber.js';
import { OVER18_MISSING, OVER18_NOTE_MISSING } from '#common/children.js';
import { parentStateProblem } from '#common/parentState.js';
import { namePinyin } from '#common/pinyin.js';
import type { AppDeps } from '../../core/deps.js';
import type { Tx } from '../../core/context.js';
import { AppError, errors } from '../../core/errors.js';
import { shanghaiDate } from '#common/dates.js';
import { alertIfOutOfSchool } from './dropoutAlert.js';
import { checkHivWrite, openHiv, sealHiv } from './healthFacts.js';
import { changesBetween, recordHistory } from './history.js';

export const BIDX = 'id_number';

/** The committee must be active and inside the caller's area; answers its street. */
export async function checkCommitteeInScope(tx: Tx, committeeId: string, field = 'committeeId'): Promise<{ street_code: string; street_name: string; name: string }> {
  const c = (await tx.client.query<{ street_code: string; street_name: string; name: string; active: boolean }>(
    'select m.street_code, s.name as street_name, m.name, m.active from committees m join streets s on s.code = m.street_code where m.id = $1', [committeeId])).rows[0];
  const scope = tx.ctx.actor?.scope;
  const inScope = !!c && !!scope && (scope.streets.includes(c.street_code) || scope.committees.includes(committeeId));
  if (!c || !inScope) throw errors.validation([{ path: field, message: '居民区不存在或不在您的辖区内' }]);
  if (!c.active) throw errors.validation([{ path: field, message: '该居民区已合并或停用，请选择现有居民区' }]);
  return c;
}

/**
 * Where else in the district an identity number is registered, as the caller may be told: the
 * street only when the caller's scope covers it; otherwise only that it is registered (a street
 * user must not learn, by typing numbers, which street holds a child — issue 10.10).
 */
export async function registeredElsewhere(tx: Tx, bidx: string): Promise<{ message: string; field: string } | null> {
  const other = (await tx.client.query<{ street_code: string; street_name: string; unit_name: string | null }>(
    'select street_code, street_name, unit_name from child_registered_elsewhere($1)', [bidx])).rows[0];
  if (!other) return null;
  if (tx.ctx.actor?.scope.streets.includes(other.street_code)) {
    return { message: `该儿童已在${other.street_name}建档，请联系${other.unit_name ?? other.street_name}办理转入`, field: `已在${other.street_name}建档` };
  }
  return { message: ELSEWHERE, field: ELSEWHERE };
}
export const ELSEWHERE = '已在本区登记，请联系区民政局';

/** One identity number, one file in the district: refuses, saying where only to those who may see it. */
export async function refuseDuplicateId(tx: Tx, bidx: string, exceptChild?: string): Promise<void> {
  const own = (await tx.client.query<{ id: string }>('select id from children where id_number_bidx = $1', [bidx])).rows[0];
  if (own && own.id !== exceptChild) throw errors.conflict('该身份证号已在您的辖区建档，请勿重复登记', [{ path: 'idNumber', message: '该身份证号已建档' }]);
  const elsewhere = own ? null : await registeredElsewhere(tx, bidx);
  if (elsewhere) throw errors.conflict(elsewhere.message, [{ path: 'idNumber', message: elsewhere.field }]);
}

/** Similar files (same name and birth date) anywhere in the district, as warnings. */
export async function similarWarnings(tx: Tx, name: string, birthDate: string, exceptChild?: string): Promise<{ id: string | null; streetName: string; committeeName: string | null }[]> {
  const { rows } = await tx.client.query<{ child_id: string; street_name: string; committee_name: string; in_scope: boolean }>('select * from children_similar($1, $2)', [name, birthDate]);
  return rows.filter((r) => r.child_id !== exceptChild).map((r) => ({ id: r.in_scope ? r.child_id : null, streetName: r.street_name, committeeName: r.in_scope ? r.committee_name : null }));
}

export function identity(deps: AppDeps, input: Pick<ChildCreate, 'idNumber' | 'birthDate' | 'sex'>, today: string) {
  if (input.idNumber) {
    const v = validateIdNumber(input.idNumber, today);
    if (!v.ok) throw errors.validation([{ path: 'idNumber', message: v.message }]);
    const id = normaliseIdNumber(input.idNumber);
    return { idNumber: id, birthDate: v.birthDate, sex: v.sex, bidx: deps.crypto.blindIndex(id, BIDX), tail: id.slice(-6) };
  }
  if (!input.birthDate || !input.sex) throw errors.validation([{ path: 'birthDate', message: '无身份证号时须填写出生日期和性别' }]);
  if (input.birthDate > today) throw errors.validation([{ path: 'birthDate', message: '出生日期不能晚于今天' }]);
  return { idNumber: null, birthDate: input.birthDate, sex: input.sex, bidx: null, tail: null };
}

/**
 * A child file for someone 18 or older is never created silently: the caller confirms by giving
 * the reason the file is kept (其他 with its text). Answers the stored pair (null under 18).
 */
export function over18(input: Pick<ChildCreate, 'over18Reason' | 'over18Note'>, birthDate: string, today: string, path = '') {
  if (ageOn(birthDate, today) < ADULT_AGE) return { reason: null, note: null };
  if (!input.over18Reason) throw errors.validation([{ path: `${path}over18Reason`, message: OVER18_MISSING }], OVER18_MISSING);
  if (input.over18Reason === 'other' && !input.over18Note) throw errors.validation([{ path: `${path}over18Note`, message: OVER18_NOTE_MISSING }], OVER18_NOTE_MISSING);
  return { reason: input.over18Reason, note: input.over18Note ?? null };
}

function checkDates(fields: Partial<ChildFields>, today: string): void {
  for (const k of ['riskAssessedOn', 'assetsAssessedOn'] as const) {
    const v = fields[k];
    if (v && v > today) throw errors.validation([{ path: k, message: '日期不能晚于今天' }]);
  }
}

/** A member's stored values: identity number checked (sex and birth date derived from it), encrypted fields sealed. */
export function memberValues(deps: AppDeps, m: MemberInput, path = '') {
  if (m.statusUntil && m.statusSince && m.statusUntil < m.statusSince) throw errors.validation([{ path: `${path}statusUntil`, message: '截止日期不能早于起始日期' }]);
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
    name: m.name, relation: m.relation, role: m.role, sex, birthDate,
    idEnc: deps.crypto.encryptOrNull(id, 'household_members.id_number'), bidx: id ? deps.crypto.blindIndex(id, BIDX) : null,
    phoneEnc: deps.crypto.encryptOrNull(m.phone, 'household_members.phone'), status: m.status, statusSince: m.statusSince ?? null,
    statusUntil: m.statusUntil ?? null, disabilityType: m.disabilityType ?? null, disabilityGrade: m.disabilityGrade ?? null, note: m.note ?? null,
  };
}

export async function insertMember(tx: Tx, deps: AppDeps, childId: string, m: MemberInput, index?: number): Promise<string> {
  const v = memberValues(deps, m, index === undefined ? '' : `members.${index}.`);
  const { rows } = await tx.client.query<{ id: string }>(
    // street_code and committee_id are copied from the child by the table's trigger.
    `insert into household_members (child_id, name, relation, role, sex, birth_date, id_number_enc, id_number_bidx, phone_enc,
                                    status, status_since, status_until, disability_type, disability_grade, note)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) returning id`,
    [childId, v.name, v.relation, v.role, v.sex, v.birthDate, v.idEnc, v.bidx, v.phoneEnc, v.status, v.statusSince, v.statusUntil, v.disabilityType, v.disabilityGrade, v.note]);
  return rows[0]!.id;
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
  const { rows } = await tx.client.query<{ id: string }>(
    `insert into children (committee_id, name, name_pinyin, name_initials, sex, birth_date, id_number_enc, id_number_bidx, id_number_tail, no_id_note,
       ethnicity, hukou, hukou_address_enc, residence_address_enc, phone_enc, risk_level, risk_reason, risk_assessed_on, school_stage, school_name, school_grade,
       disability_type, disability_grade, serious_illness, mental_health_note_enc, household_size, monthly_income_fen, assets_fen, assets_assessed_on,
       registered_on, created_by, adopted, autism, caregiver_can_raise, hiv_infected_enc, over18_reason, over18_note, high_risk_since)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31,
       $32, $33, $34, $35, $36, $37, $38)
     returning id`,
    [input.committeeId, input.name, py.full, py.initials, who.sex, who.birthDate, enc(who.idNumber, 'children.id_number'), who.bidx, who.tail,
      who.idNumber ? null : input.noIdNote ?? null, input.ethnicity ?? null, input.hukou, enc(input.hukouAddress, 'children.hukou_address'),
      enc(input.residenceAddress, 'children.residence_address'), enc(input.phone, 'children.phone'), input.riskLevel, input.riskReason ?? null,
      input.riskAssessedOn ?? null, input.schoolStage ?? null, input.schoolName ?? null, input.schoolGrade ?? null, input.disabilityType ?? null,
      input.disabilityGrade ?? null, input.seriousIllness ?? null, healthNote(tx, deps, input.mentalHealthNote), input.householdSize ?? null,
      input.monthlyIncomeFen ?? null, input.assetsFen ?? null, input.assetsAssessedOn ?? null, registeredOn, tx.ctx.actor?.userId ?? null,
      input.adopted ?? null, input.autism ?? null, input.caregiverCanRaise ?? null, hivValue(tx, deps, input.hivInfected), adult.reason, adult.note,
      // A new high-risk file is due for its first visit within the configured days of today.
      input.riskLevel === 'high' ? today : null]);
  const id = rows[0]!.id;
  for (const c of input.categories) {
    if (c.since > today) throw errors.validation([{ path: 'categories', message: '类别起始日期不能晚于今天' }]);
    await tx.client.query(`insert into child_categories (child_id, category, since, source_note, created_by) values ($1, $2, $3, $4, $5)`, [id, c.category, c.since, c.sourceNote ?? null, tx.ctx.actor?.userId ?? null]);
  }
  for (const [i, m] of input.members.entries()) await insertMember(tx, deps, id, m, i);
  for (const b of input.benefits) {
    await tx.client.query(`insert into child_benefits (child_id, benefit, since, until, monthly_amount_fen, note) values ($1, $2, $3, $4, $5, $6)`, [id, b.benefit, b.since, b.until ?? null, b.monthlyAmountFen ?? null, b.note ?? null]);
  }
  await tx.client.query('select recompute_next_visit($1)', [id]);
  await recordHistory(tx, id, opts.action ?? 'create');
  await tx.audit({ action: opts.action === 'import' ? 'child.import' : 'child.create', entity: 'child', entityId: id, summary: { committeeId: input.committeeId, withIdNumber: !!who.idNumber, ...(adult.reason ? { over18Reason: adult.reason } : {}) } });
  await alertIfOutOfSchool(tx, { id, name: input.name, birthDate: who.birthDate, streetCode: committee.street_code, committeeId: input.committeeId, streetName: committee.street_name, committeeName: committee.name },
    null, input.schoolStage ?? null, today);
  const similar = await similarWarnings(tx, input.name, who.birthDate, id);
  return { id, warnings: similar.map((s) => `${s.streetName}${s.committeeName ? ` ${s.committeeName}` : ''} 已有同名、同出生日期的档案，请核实是否为同一人`) };
}

function healthNote(tx: Tx, deps: AppDeps, note: string | null | undefined): string | null {
  if (note === undefined || note === null || note === '') return null;
  if (!tx.ctx.actor?.permissions.has('children.health')) throw errors.forbidden('心理健康记录仅限有相应权限的人员填写');
  return deps.crypto.encrypt(note, 'children.mental_health_note');
}

/** HIV status as stored: refused without children.health unless left unknown. */
function hivValue(tx: Tx, deps: AppDeps, v: boolean | null | undefined): string | null {
  if (v === undefined || v === null) return null;
  checkHivWrite(tx);
  return sealHiv(deps, v);
}

interface CurrentRow extends Record<string, unknown> {
  id: string; version: number; name: string; birth_date: string; street_code: string; street_name: string; committee_id: string; committee_name: string;
  status: string; school_stage: string | null; risk_level: string;
}

/**
 * Column of each editable field, and whether it is stored encrypted (column name for the AAD;
 * `hiv` is the three-valued HIV status, sealed by healthFacts.ts).
 */
const COLUMNS: Record<keyof ChildFields | keyof ChildFacts, { col: string; enc?: string; hiv?: true }> = {
  name: { col: 'name' }, ethnicity: { col: 'ethnicity' }, hukou: { col: 'hukou' },
  hukouAddress: { col: 'hukou_address_enc', enc: 'children.hukou_address' }, residenceAddress: { col: 'residence_address_enc', enc: 'children.residence_address' },
  phone: { col: 'phone_enc', enc: 'children.phone' }, committeeId: { col: 'committee_id' }, riskLevel: { col: 'risk_level' }, riskReason: { col: 'risk_reason' },
  riskAssessedOn: { col: 'risk_assessed_on' }, schoolStage: { col: 'school_stage' }, schoolName: { col: 'school_name' }, schoolGrade: { col: 'school_grade' },
  disabilityType: { col: 'disability_type' }, disabilityGrade: { col: 'disability_grade' }, seriousIllness: { col: 'serious_illness' },
  mentalHealthNote: { col: 'mental_health_note_enc', enc: 'children.mental_health_note' }, householdSize: { col: 'household_size' },
  monthlyIncomeFen: { col: 'monthly_income_fen' }, assetsFen: { col: 'assets_fen' }, assetsAssessedOn: { col: 'assets_assessed_on' },
  adopted: { col: 'adopted' }, autism: { col: 'autism' }, caregiverCanRaise: { col: 'caregiver_can_raise' },
  hivInfected: { col: 'hiv_infected_enc', hiv: true },
};

/** Locks the file for a change and checks the version the client saw. 404 outside the area. */
export async function lockFile(tx: Tx, id: string, version?: number): Promise<CurrentRow> {
  const row = (await tx.client.query<CurrentRow>(
    `select c.*, s.name as street_name, m.name as committee_name from children c join streets s on s.code = c.street_code
     join committees m on m.id = c.committee_id where c.id = $1 for update of c`, [id])).rows[0];
  if (!row) throw errors.notFound('未找到该档案，或不在您的辖区内');
  if (version !== undefined && row.version !== version) throw staleVersion();
  return row;
}

export const staleVersion = () => new AppError(409, 'VERSION_CONFLICT', '该档案已被他人修改，请刷新后再保存（您填写的内容仍保留在页面上）');

export async function bumpVersion(tx: Tx, id: string): Promise<number> {
  return (await tx.client.query<{ version: number }>('update children set version = version + 1, updated_at = now() where id = $1 returning version', [id])).rows[0]!.version;
}

export async function updateChild(tx: Tx, deps: AppDeps, id: string, patch: ChildUpdate): Promise<{ version: number; changed: string[] }> {
  const today = shanghaiDate(deps.clock());
  checkDates(patch, today);
  const cur = await lockFile(tx, id, patch.version);
  if (cur.status === 'closed') throw errors.conflict('档案已结案，如需修改请先重新开档');
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const sets: string[] = [];
  const args: unknown[] = [id];
  for (const [field, spec] of Object.entries(COLUMNS) as [keyof ChildUpdate, { col: string; enc?: string; hiv?: true }][]) {
    if (!(field in patch)) continue;
    const value = patch[field] ?? null;
    if (field === 'mentalHealthNote' && !tx.ctx.actor?.permissions.has('children.health')) throw errors.forbidden('心理健康记录仅限有相应权限的人员修改');
    if (spec.hiv) checkHivWrite(tx, '修改');
    const stored = cur[spec.col] as string | null;
    const old = spec.hiv ? openHiv(deps, stored) : spec.enc ? deps.crypto.decryptOrNull(stored, spec.enc) : cur[spec.col] ?? null;
    if (JSON.stringify(old) === JSON.stringify(value)) continue;
    before[field] = old;
    after[field] = value;
    args.push(spec.hiv ? sealHiv(deps, value as boolean | null) : spec.enc ? deps.crypto.encryptOrNull(value as string | null, spec.enc) : value);
    sets.push(`${spec.col} = $${args.length}`);
  }
  let committeeNames: { old: string; new: string } | null = null;
  if ('committeeId' in after) {
    const to = await checkCommitteeInScope(tx, after.committeeId as string);
    if (to.street_code !== cur.street_code) throw errors.validation([{ path: 'committeeId', message: '跨街道变更请使用"转出"，档案将移交对方街道' }]);
    committeeNames = { old: cur.committee_name, new: to.name };
  }
  if ('riskLevel' in after) {
    // Raised to high: the first-visit deadline runs from today; lowered: no longer applies.
    args.push(after.riskLevel === 'high' ? today : null);
    sets.push(`high_risk_since = $${args.length}`);
  }
  if ('name' in after) {
    const py = namePinyin(after.name as string);
    args.push(py.full, py.initials);
    sets.push(`name_pinyin = $${args.length - 1}`, `name_initials = $${args.length}`);
  }
  if (!sets.length) return { version: cur.version, changed: [] };
  const version = (await tx.client.query<{ version: number }>(
    `update children set ${sets.join(', ')}, version = version + 1, updated_at = now() where id = $1 returning version`, args)).rows[0]!.version;
  // History shows committees by name, not by id.
  const changes = changesBetween(before, after).map((c) => (c.field === 'committeeId' && committeeNames ? { field: 'committee', old: committeeNames.old, new: committeeNames.new } : c));
  await recordHistory(tx, id, 'update', changes);
  if ('riskLevel' in after) await tx.client.query('select recompute_next_visit($1)', [id]);
  await tx.audit({ action: 'child.update', entity: 'child', entityId: id, summary: { fields: changes.map((c) => c.field) } });
  if ('schoolStage' in after) {
    await alertIfOutOfSchool(tx, { id, name: (after.name as string) ?? cur.name, birthDate: cur.birth_date, streetCode: cur.street_code, committeeId: (after.committeeId as string | undefined) ?? cur.committee_id, streetName: cur.street_name, committeeName: cur.committee_name },
      cur.school_stage, after.schoolStage as string | null, today);
  }
  return { version, changed: changes.map((c) => c.field) };
}
