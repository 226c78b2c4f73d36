/**
 * Every SQL statement of the children module, as named functions with typed rows. They run in the
 * caller's scoped transaction (`Tx`), so row-level security filters what they read and write; the
 * SQL text is the one measured for performance under RLS (docs/performance.md) — keep it as is.
 */
import crypto from 'node:crypto';
import type pg from 'pg';
import type { CATEGORIES, ChildFile, ChildFilters } from '#common/children.js';
import type { ReadValue, Scope, Tx } from '../../core/context.js';
import { fileCompleteSql } from './completeness.js';
import { CHILD_DATA_TABLES } from './childDataTables.js';

/** A scoped transaction, or a bare connection (the owner's tools). */
export type Db = Tx | pg.ClientBase;
const c = (db: Db): pg.ClientBase => ('client' in db ? db.client : db);

/** The one row a statement must answer (an insert … returning, a count). */
function one<T>(rows: T[], what: string): T {
  const [row] = rows;
  if (row === undefined) throw new Error(`no row from ${what}`);
  return row;
}

// ---- committees and the district-wide identity checks ----

export interface CommitteeRow {
  street_code: string;
  street_name: string;
  name: string;
  active: boolean;
}

export async function committeeWithStreet(db: Db, committeeId: string): Promise<CommitteeRow | undefined> {
  return (
    await c(db).query<CommitteeRow>(
      'select m.street_code, s.name as street_name, m.name, m.active from committees m join streets s on s.code = m.street_code where m.id = $1',
      [committeeId],
    )
  ).rows[0];
}

export async function committeesWithStreet(db: Db, ids: string[]): Promise<(CommitteeRow & { id: string })[]> {
  return (
    await c(db).query<CommitteeRow & { id: string }>(
      'select m.id, m.street_code, s.name as street_name, m.name, m.active from committees m join streets s on s.code = m.street_code where m.id = any($1)',
      [ids],
    )
  ).rows;
}

export async function childIdByBlindIndex(db: Db, bidx: string): Promise<string | undefined> {
  return (await c(db).query<{ id: string }>('select id from children where id_number_bidx = $1', [bidx])).rows[0]?.id;
}

export interface ElsewhereRow {
  street_code: string;
  street_name: string;
  unit_name: string | null;
}

/** Where an identity number is registered outside the caller's area (a security-definer function). */
export async function registeredElsewhere(db: Db, bidx: string): Promise<ElsewhereRow | undefined> {
  return (await c(db).query<ElsewhereRow>('select street_code, street_name, unit_name from child_registered_elsewhere($1)', [bidx])).rows[0];
}

export interface SimilarRow {
  child_id: string;
  street_name: string;
  committee_name: string;
  in_scope: boolean;
}

export async function similarFiles(db: Db, name: string, birthDate: string): Promise<SimilarRow[]> {
  return (await c(db).query<SimilarRow>('select * from children_similar($1, $2)', [name, birthDate])).rows;
}

// ---- writing a file ----

/** The stored values of a new child, in the order of the insert's columns. */
export interface NewChildRow {
  committeeId: string;
  name: string;
  namePinyin: string;
  nameInitials: string;
  sex: string;
  birthDate: string;
  idNumberEnc: string | null;
  idNumberBidx: string | null;
  idNumberTail: string | null;
  noIdNote: string | null;
  ethnicity: string | null;
  hukou: string;
  hukouAddressEnc: string | null;
  residenceAddressEnc: string | null;
  phoneEnc: string | null;
  riskLevel: string;
  riskReason: string | null;
  riskAssessedOn: string | null;
  schoolStage: string | null;
  schoolName: string | null;
  schoolGrade: string | null;
  disabilityType: string | null;
  disabilityGrade: number | null;
  seriousIllness: string | null;
  mentalHealthNoteEnc: string | null;
  householdSize: number | null;
  monthlyIncomeFen: number | null;
  assetsFen: number | null;
  assetsAssessedOn: string | null;
  registeredOn: string;
  createdBy: string | null;
  adopted: boolean | null;
  autism: boolean | null;
  caregiverCanRaise: boolean | null;
  hivInfectedEnc: string | null;
  over18Reason: string | null;
  over18Note: string | null;
  highRiskSince: string | null;
}

export async function insertChild(db: Db, v: NewChildRow): Promise<string> {
  const { rows } = await c(db).query<{ id: string }>(
    `insert into children (committee_id, name, name_pinyin, name_initials, sex, birth_date, id_number_enc, id_number_bidx, id_number_tail, no_id_note,
       ethnicity, hukou, hukou_address_enc, residence_address_enc, phone_enc, risk_level, risk_reason, risk_assessed_on, school_stage, school_name, school_grade,
       disability_type, disability_grade, serious_illness, mental_health_note_enc, household_size, monthly_income_fen, assets_fen, assets_assessed_on,
       registered_on, created_by, adopted, autism, caregiver_can_raise, hiv_infected_enc, over18_reason, over18_note, high_risk_since)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31,
       $32, $33, $34, $35, $36, $37, $38)
     returning id`,
    [
      v.committeeId,
      v.name,
      v.namePinyin,
      v.nameInitials,
      v.sex,
      v.birthDate,
      v.idNumberEnc,
      v.idNumberBidx,
      v.idNumberTail,
      v.noIdNote,
      v.ethnicity,
      v.hukou,
      v.hukouAddressEnc,
      v.residenceAddressEnc,
      v.phoneEnc,
      v.riskLevel,
      v.riskReason,
      v.riskAssessedOn,
      v.schoolStage,
      v.schoolName,
      v.schoolGrade,
      v.disabilityType,
      v.disabilityGrade,
      v.seriousIllness,
      v.mentalHealthNoteEnc,
      v.householdSize,
      v.monthlyIncomeFen,
      v.assetsFen,
      v.assetsAssessedOn,
      v.registeredOn,
      v.createdBy,
      v.adopted,
      v.autism,
      v.caregiverCanRaise,
      v.hivInfectedEnc,
      v.over18Reason,
      v.over18Note,
      v.highRiskSince,
    ],
  );
  return one(rows, 'insert into children').id;
}

/**
 * Many children in one statement (the Excel import): the same columns, with the ids chosen by the
 * caller. `categories` holds each child's category codes: the next visit due is computed here with
 * the same rule as recompute_next_visits_for (a new file has no visit yet, so it counts from its
 * registration), instead of an UPDATE of every row just inserted — that second version of 10,000
 * fresh rows cost more than the insert itself (issue 17). Status is the column's default, 'active'.
 */
export async function insertChildren(db: Db, ids: string[], rows: NewChildRow[], createdBy: string | null, categories: string[][]): Promise<void> {
  const col = <T>(f: (r: NewChildRow) => T) => rows.map(f);
  await c(db).query(
    `insert into children (id, committee_id, name, name_pinyin, name_initials, sex, birth_date, id_number_enc, id_number_bidx, id_number_tail, no_id_note,
       ethnicity, hukou, hukou_address_enc, residence_address_enc, phone_enc, risk_level, risk_reason, risk_assessed_on, school_stage, school_name, school_grade,
       disability_type, disability_grade, serious_illness, mental_health_note_enc, household_size, monthly_income_fen, assets_fen, assets_assessed_on,
       registered_on, adopted, autism, caregiver_can_raise, hiv_infected_enc, over18_reason, over18_note, high_risk_since, created_by, next_visit_due, categories)
     select x.id, x.committee_id, x.name, x.name_pinyin, x.name_initials, x.sex, x.birth_date, x.id_number_enc, x.id_number_bidx, x.id_number_tail, x.no_id_note,
       x.ethnicity, x.hukou, x.hukou_address_enc, x.residence_address_enc, x.phone_enc, x.risk_level, x.risk_reason, x.risk_assessed_on, x.school_stage,
       x.school_name, x.school_grade, x.disability_type, x.disability_grade, x.serious_illness, x.mental_health_note_enc, x.household_size,
       x.monthly_income_fen, x.assets_fen, x.assets_assessed_on, x.registered_on, x.adopted, x.autism, x.caregiver_can_raise, x.hiv_infected_enc,
       x.over18_reason, x.over18_note, x.high_risk_since, $39::uuid,
       visit_next_due('active', x.risk_level, x.registered_on, null,
         (select min(r.interval_days) from visit_rules r where r.active and r.risk_level = x.risk_level),
         (select min(r.interval_days) from visit_rules r where r.active and r.category = any (string_to_array(x.cats, ','))),
         x.high_risk_since, (select high_risk_first_visit_days from visit_settings)),
       -- The active categories the rows about to be inserted into child_categories give (as
       -- children_refresh_categories aggregates them): its trigger then finds nothing to update,
       -- instead of updating every new child a second time (migration 20261209_1705).
       (select coalesce(array_agg(k order by k), '{}') from unnest(string_to_array(x.cats, ',')) as k)
     from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::char[], $7::date[], $8::text[], $9::text[], $10::text[], $11::text[],
       $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::date[], $20::text[], $21::text[], $22::text[],
       $23::text[], $24::smallint[], $25::text[], $26::text[], $27::smallint[], $28::bigint[], $29::bigint[], $30::date[], $31::date[],
       $32::boolean[], $33::boolean[], $34::boolean[], $35::text[], $36::text[], $37::text[], $38::date[], $40::text[])
       as x(id, committee_id, name, name_pinyin, name_initials, sex, birth_date, id_number_enc, id_number_bidx, id_number_tail, no_id_note,
       ethnicity, hukou, hukou_address_enc, residence_address_enc, phone_enc, risk_level, risk_reason, risk_assessed_on, school_stage, school_name, school_grade,
       disability_type, disability_grade, serious_illness, mental_health_note_enc, household_size, monthly_income_fen, assets_fen, assets_assessed_on,
       registered_on, adopted, autism, caregiver_can_raise, hiv_infected_enc, over18_reason, over18_note, high_risk_since, cats)`,
    [
      ids,
      col((r) => r.committeeId),
      col((r) => r.name),
      col((r) => r.namePinyin),
      col((r) => r.nameInitials),
      col((r) => r.sex),
      col((r) => r.birthDate),
      col((r) => r.idNumberEnc),
      col((r) => r.idNumberBidx),
      col((r) => r.idNumberTail),
      col((r) => r.noIdNote),
      col((r) => r.ethnicity),
      col((r) => r.hukou),
      col((r) => r.hukouAddressEnc),
      col((r) => r.residenceAddressEnc),
      col((r) => r.phoneEnc),
      col((r) => r.riskLevel),
      col((r) => r.riskReason),
      col((r) => r.riskAssessedOn),
      col((r) => r.schoolStage),
      col((r) => r.schoolName),
      col((r) => r.schoolGrade),
      col((r) => r.disabilityType),
      col((r) => r.disabilityGrade),
      col((r) => r.seriousIllness),
      col((r) => r.mentalHealthNoteEnc),
      col((r) => r.householdSize),
      col((r) => r.monthlyIncomeFen),
      col((r) => r.assetsFen),
      col((r) => r.assetsAssessedOn),
      col((r) => r.registeredOn),
      col((r) => r.adopted),
      col((r) => r.autism),
      col((r) => r.caregiverCanRaise),
      col((r) => r.hivInfectedEnc),
      col((r) => r.over18Reason),
      col((r) => r.over18Note),
      col((r) => r.highRiskSince),
      createdBy,
      categories.map((k) => k.join(',')),
    ],
  );
}

/** The columns a member is stored with (encrypted values already sealed). */
export interface MemberValues {
  name: string;
  relation: string;
  role: string;
  sex: string | null;
  birthDate: string | null;
  idEnc: string | null;
  bidx: string | null;
  phoneEnc: string | null;
  status: string;
  statusSince: string | null;
  statusUntil: string | null;
  disabilityType: string | null;
  disabilityGrade: number | null;
  note: string | null;
}

export async function insertMember(db: Db, childId: string, v: MemberValues): Promise<string> {
  const { rows } = await c(db).query<{ id: string }>(
    // street_code and committee_id are copied from the child by the table's trigger.
    `insert into household_members (child_id, name, relation, role, sex, birth_date, id_number_enc, id_number_bidx, phone_enc,
                                    status, status_since, status_until, disability_type, disability_grade, note)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) returning id`,
    [
      childId,
      v.name,
      v.relation,
      v.role,
      v.sex,
      v.birthDate,
      v.idEnc,
      v.bidx,
      v.phoneEnc,
      v.status,
      v.statusSince,
      v.statusUntil,
      v.disabilityType,
      v.disabilityGrade,
      v.note,
    ],
  );
  return one(rows, 'insert into household_members').id;
}

/**
 * Many members in one statement. The area is read from the children in the same statement (a join,
 * as the caller) instead of one trigger call per row; the table's statement check verifies it, and
 * a child the caller cannot see leaves the area null, so the row trigger refuses it as before.
 */
export async function insertMembers(db: Db, members: { child: string; v: MemberValues }[]): Promise<void> {
  const m = (f: (v: MemberValues) => unknown) => members.map((x) => f(x.v));
  await c(db).query(
    `insert into household_members (child_id, street_code, committee_id, name, relation, role, sex, birth_date, id_number_enc, id_number_bidx, phone_enc, status,
                                    status_since, status_until, disability_type, disability_grade, note)
     select x.child_id, ch.street_code, ch.committee_id, x.name, x.relation, x.role, x.sex, x.birth_date, x.id_number_enc, x.id_number_bidx, x.phone_enc, x.status,
            x.status_since, x.status_until, x.disability_type, x.disability_grade, x.note
       from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::char[], $6::date[], $7::text[], $8::text[], $9::text[], $10::text[], $11::date[], $12::date[],
                   $13::text[], $14::smallint[], $15::text[]) with ordinality
            as x(child_id, name, relation, role, sex, birth_date, id_number_enc, id_number_bidx, phone_enc, status, status_since, status_until,
                 disability_type, disability_grade, note, n)
       left join children ch on ch.id = x.child_id
      order by x.n`,
    [
      members.map((x) => x.child),
      m((v) => v.name),
      m((v) => v.relation),
      m((v) => v.role),
      m((v) => v.sex),
      m((v) => v.birthDate),
      m((v) => v.idEnc),
      m((v) => v.bidx),
      m((v) => v.phoneEnc),
      m((v) => v.status),
      m((v) => v.statusSince),
      m((v) => v.statusUntil),
      m((v) => v.disabilityType),
      m((v) => v.disabilityGrade),
      m((v) => v.note),
    ],
  );
}

export interface CategoryValues {
  category: string;
  since: string;
  sourceNote: string | null;
}

export async function insertCategory(db: Db, childId: string, k: CategoryValues, createdBy: string | null): Promise<string> {
  return one(
    (
      await c(db).query<{ id: string }>(
        'insert into child_categories (child_id, category, since, source_note, created_by) values ($1, $2, $3, $4, $5) returning id',
        [childId, k.category, k.since, k.sourceNote, createdBy],
      )
    ).rows,
    'insert into child_categories',
  ).id;
}

/** Many categories in one statement; the area is read from the children as in insertMembers. */
export async function insertCategories(db: Db, cats: (CategoryValues & { childId: string })[], createdBy: string | null): Promise<void> {
  await c(db).query(
    `insert into child_categories (child_id, street_code, committee_id, category, since, source_note, created_by)
     select x.child_id, ch.street_code, ch.committee_id, x.category, x.since, x.source_note, $5::uuid
       from unnest($1::uuid[], $2::text[], $3::date[], $4::text[]) with ordinality as x(child_id, category, since, source_note, n)
       left join children ch on ch.id = x.child_id
      order by x.n`,
    [cats.map((k) => k.childId), cats.map((k) => k.category), cats.map((k) => k.since), cats.map((k) => k.sourceNote), createdBy],
  );
}

export interface BenefitValues {
  benefit: string;
  since: string;
  until: string | null;
  monthlyAmountFen: number | null;
  note: string | null;
}

export async function insertBenefit(db: Db, childId: string, b: BenefitValues): Promise<string> {
  return one(
    (
      await c(db).query<{ id: string }>(
        'insert into child_benefits (child_id, benefit, since, until, monthly_amount_fen, note) values ($1, $2, $3, $4, $5, $6) returning id',
        [childId, b.benefit, b.since, b.until, b.monthlyAmountFen, b.note],
      )
    ).rows,
    'insert into child_benefits',
  ).id;
}

export async function insertBenefits(db: Db, bens: (BenefitValues & { childId: string })[]): Promise<void> {
  await c(db).query(
    `insert into child_benefits (child_id, benefit, since, until, monthly_amount_fen, note) select * from unnest($1::uuid[], $2::text[], $3::date[], $4::date[], $5::bigint[], $6::text[])`,
    [
      bens.map((b) => b.childId),
      bens.map((b) => b.benefit),
      bens.map((b) => b.since),
      bens.map((b) => b.until),
      bens.map((b) => b.monthlyAmountFen),
      bens.map((b) => b.note),
    ],
  );
}

export async function recomputeNextVisit(db: Db, childId: string): Promise<void> {
  await c(db).query('select recompute_next_visit($1)', [childId]);
}

/** One history row per change (field, old and new value as shown), or one row without a field. */
export async function insertHistory(
  db: Db,
  childId: string,
  who: { userId: string | null; username: string | null },
  action: string,
  rows: { field: string | null; old: string | null; new: string | null }[],
): Promise<void> {
  await c(db).query(
    `insert into child_history (child_id, user_id, username, action, field, old_value, new_value)
     select $1, $2, $3, $4, f, o, n from unnest($5::text[], $6::text[], $7::text[]) as t(f, o, n)`,
    [childId, who.userId, who.username, action, rows.map((r) => r.field), rows.map((r) => r.old), rows.map((r) => r.new)],
  );
}

/** One history row per new file; the area is read from the children as in insertMembers. */
export async function insertHistories(db: Db, childIds: string[], who: { userId: string | null; username: string | null }, action: string): Promise<void> {
  await c(db).query(
    `insert into child_history (child_id, street_code, committee_id, user_id, username, action)
     select x.id, ch.street_code, ch.committee_id, $2::uuid, $3::text, $4::text from unnest($1::uuid[]) with ordinality as x(id, n) left join children ch on ch.id = x.id order by x.n`,
    [childIds, who.userId, who.username, action],
  );
}

/** The file's row as a change sees it (locked): every column, with its street's and committee's names. */
export interface CurrentRow extends Record<string, unknown> {
  id: string;
  version: number;
  name: string;
  birth_date: string;
  street_code: string;
  street_name: string;
  committee_id: string;
  committee_name: string;
  status: string;
  school_stage: string | null;
  risk_level: string;
}

export async function lockChild(db: Db, id: string): Promise<CurrentRow | undefined> {
  return (
    await c(db).query<CurrentRow>(
      `select c.*, s.name as street_name, m.name as committee_name from children c join streets s on s.code = c.street_code
     join committees m on m.id = c.committee_id where c.id = $1 for update of c`,
      [id],
    )
  ).rows[0];
}

export async function bumpVersion(db: Db, id: string): Promise<number> {
  return one(
    (await c(db).query<{ version: number }>('update children set version = version + 1, updated_at = now() where id = $1 returning version', [id])).rows,
    'update children',
  ).version;
}

/** Sets the given columns (names from the module's own column table, never from input) and bumps the version. */
export async function updateChildColumns(db: Db, id: string, values: { col: string; value: unknown }[]): Promise<number> {
  const args: unknown[] = [id];
  const sets = values.map((v) => {
    args.push(v.value);
    return `${v.col} = $${args.length}`;
  });
  return one(
    (
      await c(db).query<{ version: number }>(
        `update children set ${sets.join(', ')}, version = version + 1, updated_at = now() where id = $1 returning version`,
        args,
      )
    ).rows,
    'update children',
  ).version;
}

export async function closeChild(db: Db, id: string, reason: string, closedOn: string): Promise<number> {
  return one(
    (
      await c(db).query<{ version: number }>(
        `update children set status = 'closed', closed_reason = $2, closed_on = $3, next_visit_due = null, version = version + 1, updated_at = now()
     where id = $1 returning version`,
        [id, reason, closedOn],
      )
    ).rows,
    'update children',
  ).version;
}

export async function reopenChild(db: Db, id: string): Promise<number> {
  return one(
    (
      await c(db).query<{ version: number }>(
        `update children set status = 'active', closed_reason = null, closed_on = null, version = version + 1, updated_at = now() where id = $1 returning version`,
        [id],
      )
    ).rows,
    'update children',
  ).version;
}

/** Moves the file to a committee of another street, with every row of its data that carries the area keys. */
export async function moveChild(db: Db, id: string, to: { streetCode: string; committeeId: string }): Promise<number> {
  const version = one(
    (
      await c(db).query<{ version: number }>(
        'update children set committee_id = $2, version = version + 1, updated_at = now() where id = $1 returning version',
        [id, to.committeeId],
      )
    ).rows,
    'update children',
  ).version;
  for (const t of CHILD_DATA_TABLES) {
    await c(db).query(`update ${t} set street_code = $2, committee_id = $3 where child_id = $1`, [id, to.streetCode, to.committeeId]);
  }
  return version;
}

export async function insertTransfer(
  db: Db,
  t: { childId: string; fromStreet: string; fromCommittee: string; toStreet: string; toCommittee: string; userId: string; reason: string },
): Promise<void> {
  await c(db).query(
    `insert into child_transfers (child_id, from_street, from_committee, to_street, to_committee, user_id, reason) values ($1, $2, $3, $4, $5, $6, $7)`,
    [t.childId, t.fromStreet, t.fromCommittee, t.toStreet, t.toCommittee, t.userId, t.reason],
  );
}

// ---- members, categories, benefits ----

export interface MemberRow {
  name: string;
  relation: string;
  role: string;
  status: string;
  status_since: string | null;
  status_until: string | null;
  disability_type: string | null;
  disability_grade: number | null;
  note: string | null;
  sex: string | null;
  birth_date: string | null;
  phone_enc: string | null;
  id_number_enc: string | null;
}

export async function lockMember(db: Db, childId: string, memberId: string): Promise<MemberRow | undefined> {
  return (await c(db).query<MemberRow>('select * from household_members where id = $1 and child_id = $2 for update', [memberId, childId])).rows[0];
}

export async function updateMember(db: Db, childId: string, memberId: string, v: MemberValues): Promise<void> {
  await c(db).query(
    `update household_members set name = $3, relation = $4, role = $5, status = $6, status_since = $7, status_until = $8, disability_type = $9,
       disability_grade = $10, note = $11, phone_enc = $12, id_number_enc = $13, id_number_bidx = $14, sex = $15, birth_date = $16
     where id = $1 and child_id = $2`,
    [
      memberId,
      childId,
      v.name,
      v.relation,
      v.role,
      v.status,
      v.statusSince,
      v.statusUntil,
      v.disabilityType,
      v.disabilityGrade,
      v.note,
      v.phoneEnc,
      v.idEnc,
      v.bidx,
      v.sex,
      v.birthDate,
    ],
  );
}

/** The service records that name a member as the guardian who took part (they keep the member). */
export async function memberServiceRecords(db: Db, memberId: string): Promise<{ bookings: number; activities: number }> {
  const r = (
    await c(db).query<{ bookings: number; activities: number }>(
      `select (select count(*) from bookings where member_id = $1)::int as bookings,
              (select count(*) from activity_participants where member_id = $1)::int as activities`,
      [memberId],
    )
  ).rows[0];
  return r ?? { bookings: 0, activities: 0 };
}

export async function deleteMember(db: Db, childId: string, memberId: string): Promise<{ name: string; relation: string } | undefined> {
  return (
    await c(db).query<{ name: string; relation: string }>('delete from household_members where id = $1 and child_id = $2 returning name, relation', [
      memberId,
      childId,
    ])
  ).rows[0];
}

export async function hasActiveCategory(db: Db, childId: string, category: string): Promise<boolean> {
  return !!(await c(db).query('select 1 from child_categories where child_id = $1 and category = $2 and until is null', [childId, category])).rowCount;
}

export async function lockActiveCategory(
  db: Db,
  childId: string,
  categoryId: string,
): Promise<{ category: keyof typeof CATEGORIES; since: string } | undefined> {
  return (
    await c(db).query<{ category: keyof typeof CATEGORIES; since: string }>(
      'select category, since from child_categories where id = $1 and child_id = $2 and until is null for update',
      [categoryId, childId],
    )
  ).rows[0];
}

export async function endCategory(db: Db, categoryId: string, until: string): Promise<void> {
  await c(db).query('update child_categories set until = $2 where id = $1', [categoryId, until]);
}

export async function deleteBenefit(db: Db, childId: string, benefitId: string): Promise<{ benefit: string } | undefined> {
  return (await c(db).query<{ benefit: string }>('delete from child_benefits where id = $1 and child_id = $2 returning benefit', [benefitId, childId])).rows[0];
}

// ---- reading ----

export async function childVisible(db: Db, id: string): Promise<boolean> {
  return !!(await c(db).query('select 1 from children where id = $1', [id])).rowCount;
}

/** The sort keys of the list, on a row alias (`c` in the page's query, `p` when the page is re-read in order). */
const SORTS: Record<ChildFilters['sort'], (a: string) => string> = {
  name: (a) => `${a}.name_pinyin`,
  birthDate: (a) => `${a}.birth_date`,
  nextVisitDue: (a) => `${a}.next_visit_due`,
  riskLevel: (a) => `case ${a}.risk_level when 'high' then 0 when 'medium' then 1 else 2 end`,
  registeredOn: (a) => `${a}.registered_on`,
  committee: (a) => `${a}.committee_code`,
};

/**
 * The list's order on a row alias. By committee (the default) it is exactly the key of the
 * children_list_street / children_list_district indexes — committee_code is never null, so no
 * `nulls last` that would stop the planner from reading the index in order.
 */
function orderBy(f: Pick<ChildFilters, 'sort' | 'order'>, a: string): string {
  const dir = f.order === 'desc' ? 'desc' : 'asc';
  const key = SORTS[f.sort](a);
  return f.sort === 'committee' ? `${key} ${dir}, ${a}.name_pinyin, ${a}.id` : `${key} ${dir} nulls last, ${a}.name_pinyin, ${a}.id`;
}

/** The smallest string greater than every string starting with `prefix` (its last character + 1). */
export function prefixUpperBound(prefix: string): string {
  const chars = [...prefix];
  const last = chars.pop() ?? '';
  return chars.join('') + String.fromCodePoint((last.codePointAt(0) ?? 0) + 1);
}

/**
 * How the search box is read: digits → the end of the identity number; Chinese → name prefix;
 * letters → full pinyin or initials prefix. Each is a range on a text_pattern_ops index, written
 * with leakproof operators so that PostgreSQL may use the index under row-level security.
 */
export function searchCondition(q: string, arg: (v: string) => string): string | null {
  // NFKC: full-width digits and letters typed with a Chinese input method (１２３４, ＺＸＭ) read as
  // their ASCII forms, as the identity numbers and pinyin are stored.
  const s = q.normalize('NFKC').trim();
  if (!s) return null;
  const range = (col: string, prefix: string) => `(${col} ~>=~ ${arg(prefix)} and ${col} ~<~ ${arg(prefixUpperBound(prefix))})`;
  if (/^\d{3,5}[\dXx]$/.test(s)) return range('c.id_tail_rev', [...s.toUpperCase()].reverse().join(''));
  if (/[\u4e00-\u9fff]/.test(s)) return range('c.name', s);
  const letters = s.toLowerCase().replace(/[^a-z]/g, '');
  if (!letters) return 'false';
  return `(${range('c.name_pinyin', letters)} or ${range('c.name_initials', letters)})`;
}

const STATUS_LITERAL: Record<'active' | 'closed', string> = { active: "'active'", closed: "'closed'" };

export function buildWhere(f: Partial<ChildFilters>, today: string, scope?: Scope): { where: string; args: ReadValue[] } {
  const args: ReadValue[] = [];
  const arg = (v: ReadValue) => {
    args.push(v);
    return `$${args.length}`;
  };
  const conds: string[] = [];
  // The caller's area again, as plain parameters: RLS already enforces it, but its key lists are
  // runtime settings the planner cannot see. Spelled out here, the planner knows from statistics
  // that one street is a twelfth of the district and picks the street's index instead of walking
  // every committee of the district (measured: the street supervisor's list at 100,000 children).
  // A single street is an equality (not `= any`, not an OR): only then can the planner read the
  // street's part of children_list_street in order and stop after one page.
  if (scope && scope.kind !== 'district' && !scope.assigned) {
    if (scope.committees.length === 0 && scope.streets.length === 1) conds.push(`c.street_code = ${arg(scope.streets[0] ?? null)}`);
    else if (scope.committees.length === 0) conds.push(`c.street_code = any (${arg(scope.streets)}::text[])`);
    else if (scope.streets.length === 0) conds.push(`c.committee_id = any (${arg(scope.committees)}::uuid[])`);
    else conds.push(`(c.street_code = any (${arg(scope.streets)}::text[]) or c.committee_id = any (${arg(scope.committees)}::uuid[]))`);
  }
  if (f.q) {
    const s = searchCondition(f.q, arg);
    if (s) conds.push(s);
  }
  if (f.street) conds.push(`c.street_code = ${arg(f.street)}`);
  if (f.committee) conds.push(`c.committee_id = ${arg(f.committee)}`);
  if (f.risk) conds.push(`c.risk_level = ${arg(f.risk)}`);
  // The status as a literal, not a parameter: the list indexes are partial (`where status =
  // 'active'`), and a prepared statement's generic plan can use a partial index only when its
  // predicate is in the text. With `status = $n` PostgreSQL found the generic plan (a bitmap scan
  // and a sort) far dearer than a custom one and planned the plain list anew on every request
  // (0.9 ms of planning for 0.5 ms of execution, pg_stat_statements). The value is one of two.
  if (f.status && f.status !== 'all') conds.push(`c.status = ${STATUS_LITERAL[f.status]}`);
  // The child's active categories are a column kept by the database (migration 20261209_1705).
  if (f.category) conds.push(`${arg(f.category)} = any (c.categories)`);
  if (f.overdue) conds.push(`c.status = 'active' and c.next_visit_due < ${arg(today)}::date`);
  if (f.noMentor) conds.push(`c.status = 'active' and (c.mentor_id is null or c.buddy_id is null)`);
  if (f.incomplete) conds.push(`c.status = 'active' and not ${fileCompleteSql(`${arg(today)}::date`)}`);
  return { where: conds.length ? `where ${conds.join(' and ')}` : '', args };
}

export interface ListRow {
  id: string;
  name: string;
  sex: 'M' | 'F';
  birth_date: string;
  id_number_enc: string | null;
  street_code: string;
  street_name: string;
  committee_id: string;
  committee_name: string;
  status: 'active' | 'closed';
  risk_level: 'high' | 'medium' | 'low';
  categories: string[];
  next_visit_due: string | null;
}

export interface ListPage {
  rows: ListRow[];
  /** How many children match, counted up to `cap + 1`. */
  counted: number;
}

/** How many of the plain list's first pages are prepared statements on each connection. */
const PREPARED_PAGES = 5;

/** A limit or offset written into the statement's text: only a non-negative integer gets there. */
function pageBound(v: number): number {
  if (!Number.isSafeInteger(v) || v < 0) throw new Error(`page bound ${v}`);
  return v;
}

/**
 * A page of the list and its total in one statement (one round trip, one plan): the total counts
 * up to `cap + 1` (a district-wide filter need not scan every file for a page of 20); the page is
 * read in the list's order and joined to its street's and committee's names after the limit.
 * The plain list's first pages are prepared per connection under a name derived from their text
 * (the filters in use and the page decide the text; the filters' values are parameters).
 */
/** The list's statement for these filters and page; `prepared` for the plain list's first pages. */
export function listPageStatement(
  f: ChildFilters,
  today: string,
  scope: Scope | undefined,
  page: { limit: number; offset: number; cap: number },
): { text: string; values: ReadValue[]; prepared: boolean; key: string } {
  const w = buildWhere(f, today, scope);
  // The page's bounds are literals (validated integers): with `limit $n offset $m` the generic plan
  // assumes an unknown offset and a tenth of the rows, costs more than a custom plan, and
  // PostgreSQL planned the statement again on every request (pg_stat_statements: one plan per call,
  // 0.9 ms of planning for 0.5 ms of execution). With literals the generic plan is the custom one.
  const limit = pageBound(page.limit);
  const offset = pageBound(page.offset);
  const text = `select t.n as counted, p.* from
      (select count(*)::int as n from (select 1 from children c ${w.where} limit ${pageBound(page.cap) + 1}) x) t
      left join lateral (
        select c.id, c.name, c.sex, c.birth_date, c.id_number_enc, c.street_code, s.name as street_name, c.committee_id, m.name as committee_name,
               c.status, c.risk_level, c.next_visit_due, c.categories, c.committee_code, c.name_pinyin, c.registered_on
          from (select c.* from children c ${w.where} order by ${orderBy(f, 'c')} limit ${limit} offset ${offset}) c
          join streets s on s.code = c.street_code join committees m on m.id = c.committee_id) p on true
     order by ${orderBy(f, 'p')}`;
  // Prepared only for the plain list — the caller's area, the status, an order — and its first
  // pages (each page is its own statement on each connection): its generic plan is the index walk
  // whatever the street, so after five executions PostgreSQL stops planning it. A search or a
  // filter (a name prefix, overdue since a date, a category) is planned for its values every time:
  // a generic plan cannot know how selective they are.
  const plain = !f.q && !f.street && !f.committee && !f.risk && !f.category && !f.overdue && !f.noMentor && !f.incomplete;
  return { text, values: w.args, prepared: plain && offset < PREPARED_PAGES * limit, key: crypto.createHash('sha1').update(text).digest('hex').slice(0, 20) };
}

/** The statement's rows as the page and its total (an empty page still answers the total). */
/** A row of the list's statement: a child with the total, or only the total (an empty page). */
export type ListPageRow = (ListRow & { counted: number }) | { counted: number; id: null };

export function listPageOf(rows: ListPageRow[]): ListPage {
  return { counted: rows[0]?.counted ?? 0, rows: rows.filter((r): r is ListRow & { counted: number } => r.id !== null) };
}

export async function listPage(
  db: Db,
  f: ChildFilters,
  today: string,
  scope: Scope | undefined,
  page: { limit: number; offset: number; cap: number },
): Promise<ListPage> {
  const st = listPageStatement(f, today, scope, page);
  const rows = (
    await c(db).query<ListPageRow>({
      name: st.prepared ? `children-page-${st.key}` : undefined,
      text: st.text,
      values: st.values,
    })
  ).rows;
  return listPageOf(rows);
}

export interface FileRow {
  id: string;
  version: number;
  name: string;
  sex: 'M' | 'F';
  birth_date: string;
  id_number_enc: string | null;
  no_id_note: string | null;
  ethnicity: string | null;
  hukou: 'local' | 'other';
  hukou_address_enc: string | null;
  residence_address_enc: string | null;
  phone_enc: string | null;
  street_code: string;
  street_name: string;
  committee_id: string;
  committee_name: string;
  status: 'active' | 'closed';
  closed_reason: ChildFile['closedReason'];
  closed_on: string | null;
  registered_on: string;
  risk_level: 'high' | 'medium' | 'low';
  risk_reason: string | null;
  risk_assessed_on: string | null;
  school_stage: ChildFile['schoolStage'];
  school_name: string | null;
  school_grade: string | null;
  disability_type: string | null;
  disability_grade: number | null;
  serious_illness: string | null;
  mental_health_note_enc: string | null;
  household_size: number | null;
  monthly_income_fen: number | null;
  assets_fen: number | null;
  assets_assessed_on: string | null;
  last_visit_on: string | null;
  next_visit_due: string | null;
  adopted: boolean | null;
  autism: boolean | null;
  caregiver_can_raise: boolean | null;
  hiv_infected_enc: string | null;
  over18_reason: ChildFile['over18Reason'];
  over18_note: string | null;
  mentor: { id: string; name: string; organisation: string } | null;
  buddy: { id: string; name: string; organisation: string } | null;
}
export interface FileCategoryRow {
  id: string;
  category: keyof typeof CATEGORIES;
  since: string;
  until: string | null;
  source_note: string | null;
}
export interface FileMemberRow {
  id: string;
  name: string;
  relation: string;
  role: 'guardian' | 'caregiver' | 'member';
  sex: 'M' | 'F' | null;
  birth_date: string | null;
  id_number_enc: string | null;
  phone_enc: string | null;
  status: ChildFile['members'][number]['status'];
  status_since: string | null;
  status_until: string | null;
  disability_type: string | null;
  disability_grade: number | null;
  note: string | null;
}
export interface FileBenefitRow {
  id: string;
  benefit: string;
  since: string;
  until: string | null;
  monthly_amount_fen: number | null;
  note: string | null;
}

export async function fileRow(db: Db, id: string): Promise<FileRow | undefined> {
  return (
    await c(db).query<FileRow>(
      `select c.*, s.name as street_name, m.name as committee_name,
       (select json_build_object('id', x.id, 'name', x.name, 'organisation', x.organisation) from mentors x where x.id = c.mentor_id) as mentor,
       (select json_build_object('id', x.id, 'name', x.name, 'organisation', x.organisation) from mentors x where x.id = c.buddy_id) as buddy
     from children c join streets s on s.code = c.street_code join committees m on m.id = c.committee_id where c.id = $1`,
      [id],
    )
  ).rows[0];
}

export async function fileCategories(db: Db, id: string): Promise<FileCategoryRow[]> {
  return (
    await c(db).query<FileCategoryRow>(
      'select id, category, since, until, source_note from child_categories where child_id = $1 order by until nulls first, since',
      [id],
    )
  ).rows;
}

export async function fileMembers(db: Db, id: string): Promise<FileMemberRow[]> {
  return (
    await c(db).query<FileMemberRow>(
      `select id, name, relation, role, sex, birth_date, id_number_enc, phone_enc, status, status_since, status_until, disability_type, disability_grade, note
       from household_members where child_id = $1 order by case role when 'guardian' then 0 when 'caregiver' then 1 else 2 end, relation, created_at, id`,
      [id],
    )
  ).rows;
}

export async function fileBenefits(db: Db, id: string): Promise<FileBenefitRow[]> {
  return (
    await c(db).query<FileBenefitRow>(
      'select id, benefit, since, until, monthly_amount_fen, note from child_benefits where child_id = $1 order by since desc',
      [id],
    )
  ).rows;
}

export interface HistoryRow {
  id: number;
  at: Date;
  username: string | null;
  display_name: string | null;
  action: string;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
}

export async function countHistory(db: Db, childId: string): Promise<number> {
  return one((await c(db).query<{ n: number }>('select count(*)::int as n from child_history where child_id = $1', [childId])).rows, 'count child_history').n;
}

export async function historyRows(db: Db, childId: string, limit: number, offset: number): Promise<HistoryRow[]> {
  // People are shown by name (姓名), not by login; the login stays for the record.
  return (
    await c(db).query<HistoryRow>(
      `select h.id, h.at, h.username, u.display_name, h.action, h.field, h.old_value, h.new_value from child_history h left join users u on u.id = h.user_id
       where h.child_id = $1 order by h.at desc, h.id desc limit $2 offset $3`,
      [childId, limit, offset],
    )
  ).rows;
}

// ---- sealed values (unmask, contact) ----

export interface ChildSecretsRow {
  id: string;
  id_number_enc: string | null;
  phone_enc: string | null;
  residence_address_enc: string | null;
  hukou_address_enc: string | null;
}

export async function childSecrets(db: Db, id: string): Promise<ChildSecretsRow | undefined> {
  return (await c(db).query<ChildSecretsRow>('select id, id_number_enc, phone_enc, residence_address_enc, hukou_address_enc from children where id = $1', [id]))
    .rows[0];
}

export async function memberSecrets(
  db: Db,
  childId: string,
  memberId: string,
): Promise<{ id_number_enc: string | null; phone_enc: string | null } | undefined> {
  return (
    await c(db).query<{ id_number_enc: string | null; phone_enc: string | null }>(
      'select id_number_enc, phone_enc from household_members where id = $1 and child_id = $2',
      [memberId, childId],
    )
  ).rows[0];
}

export async function childContact(db: Db, id: string): Promise<{ id: string; phone_enc: string | null; residence_address_enc: string | null } | undefined> {
  return (
    await c(db).query<{ id: string; phone_enc: string | null; residence_address_enc: string | null }>(
      'select id, phone_enc, residence_address_enc from children where id = $1',
      [id],
    )
  ).rows[0];
}

export interface CarerRow {
  id: string;
  name: string;
  relation: string;
  role: 'guardian' | 'caregiver' | 'member';
  phone_enc: string | null;
}

export async function carers(db: Db, childId: string): Promise<CarerRow[]> {
  return (
    await c(db).query<CarerRow>(
      `select id, name, relation, role, phone_enc from household_members where child_id = $1 and role in ('guardian', 'caregiver')
       order by case role when 'guardian' then 0 else 1 end, relation, created_at, id`,
      [childId],
    )
  ).rows;
}

// ---- saved filters (the caller's own rows: RLS keys them to app.user_id) ----

export async function savedFilterRows(db: Db): Promise<{ id: string; name: string; params: unknown }[]> {
  return (await c(db).query<{ id: string; name: string; params: unknown }>('select id, name, params from saved_filters order by created_at')).rows;
}

export async function countSavedFilters(db: Db): Promise<number> {
  return one((await c(db).query<{ n: number }>('select count(*)::int as n from saved_filters')).rows, 'count saved_filters').n;
}

export async function savedFilterNamed(db: Db, name: string): Promise<boolean> {
  return !!(await c(db).query('select 1 from saved_filters where name = $1', [name])).rowCount;
}

export async function insertSavedFilter(db: Db, userId: string, name: string, params: unknown): Promise<string> {
  return one(
    (
      await c(db).query<{ id: string }>('insert into saved_filters (user_id, name, params) values ($1, $2, $3) returning id', [
        userId,
        name,
        JSON.stringify(params),
      ])
    ).rows,
    'insert into saved_filters',
  ).id;
}

export async function deleteSavedFilter(db: Db, id: string): Promise<boolean> {
  return !!(await c(db).query('delete from saved_filters where id = $1', [id])).rowCount;
}

// ---- savepoints: a step whose failure must not undo the change around it ----

export async function savepoint(db: Db, name: 'rematch'): Promise<void> {
  await c(db).query(`savepoint ${name}`);
}

export async function releaseSavepoint(db: Db, name: 'rematch'): Promise<void> {
  await c(db).query(`release savepoint ${name}`);
}

export async function rollbackToSavepoint(db: Db, name: 'rematch'): Promise<void> {
  await c(db).query(`rollback to savepoint ${name}`);
}

/** The child's school, locked for a change (办结 of a 控辍保学 referral). */
export async function lockChildSchool(
  db: Db,
  childId: string,
): Promise<{ school_stage: string | null; school_name: string | null; school_grade: string | null } | undefined> {
  return (
    await c(db).query<{ school_stage: string | null; school_name: string | null; school_grade: string | null }>(
      'select school_stage, school_name, school_grade from children where id = $1 for update',
      [childId],
    )
  ).rows[0];
}
