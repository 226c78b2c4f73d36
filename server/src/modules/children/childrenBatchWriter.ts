/**
 * Creating many files in one go (Excel import): the same rules as createChild — committee in the
 * caller's area, identity number checked and derived, dates, the health-note permission, history,
 * audit, next visit, dropout alerts — but each table is written with one statement per batch.
 * The unique blind index refuses a number registered anywhere in the district (the import's dry
 * run has already reported those rows by street).
 */
import crypto from 'node:crypto';
import type { ChildCreate } from '#common/children.js';
import { namePinyin } from '#common/pinyin.js';
import type { AppDeps } from '../../core/deps.js';
import type { Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { shanghaiDate } from '#common/dates.js';
import { identity, memberValues, over18 } from './childWriter.js';
import { checkHivWrite, sealHiv } from './healthFacts.js';
import { alertIfOutOfSchool } from './dropoutAlert.js';

export async function createChildren(tx: Tx, deps: AppDeps, inputs: ChildCreate[], opts: { action?: string } = {}): Promise<string[]> {
  if (!inputs.length) return [];
  const today = shanghaiDate(deps.clock());
  const scope = tx.ctx.actor?.scope;
  const committees = new Map((await tx.client.query<{ id: string; street_code: string; street_name: string; name: string; active: boolean }>(
    'select m.id, m.street_code, s.name as street_name, m.name, m.active from committees m join streets s on s.code = m.street_code where m.id = any($1)',
    [[...new Set(inputs.map((i) => i.committeeId))]])).rows.map((r) => [r.id, r]));
  const mayWriteHealth = !!tx.ctx.actor?.permissions.has('children.health');
  const enc = (v: string | null | undefined, col: string) => deps.crypto.encryptOrNull(v, col);

  const ids = inputs.map(() => crypto.randomUUID());
  const rows = inputs.map((input, i) => {
    const c = committees.get(input.committeeId);
    if (!c || !scope || !(scope.streets.includes(c.street_code) || scope.committees.includes(input.committeeId))) {
      throw errors.validation([{ path: `${i}.committeeId`, message: '居民区不存在或不在您的辖区内' }]);
    }
    if (!c.active) throw errors.validation([{ path: `${i}.committeeId`, message: '该居民区已合并或停用，请选择现有居民区' }]);
    if (input.mentalHealthNote && !mayWriteHealth) throw errors.forbidden('心理健康记录仅限有相应权限的人员填写');
    if (input.hivInfected !== undefined && input.hivInfected !== null) checkHivWrite(tx);
    const who = identity(deps, input, today);
    const adult = over18(input, who.birthDate, today, `${i}.`);
    const registeredOn = input.registeredOn ?? today;
    if (registeredOn > today) throw errors.validation([{ path: `${i}.registeredOn`, message: '建档日期不能晚于今天' }]);
    for (const k of input.categories) if (k.since > today) throw errors.validation([{ path: `${i}.categories`, message: '类别起始日期不能晚于今天' }]);
    return { input, who, adult, registeredOn, committee: c, py: namePinyin(input.name) };
  });
  const bidxs = rows.map((r) => r.who.bidx).filter((b): b is string => !!b);
  if (new Set(bidxs).size !== bidxs.length) throw errors.conflict('同一批次中有重复的身份证号');

  const col = <T>(f: (r: (typeof rows)[number]) => T) => rows.map(f);
  await tx.client.query(
    `insert into children (id, committee_id, name, name_pinyin, name_initials, sex, birth_date, id_number_enc, id_number_bidx, id_number_tail, no_id_note,
       ethnicity, hukou, hukou_address_enc, residence_address_enc, phone_enc, risk_level, risk_reason, risk_assessed_on, school_stage, school_name, school_grade,
       disability_type, disability_grade, serious_illness, mental_health_note_enc, household_size, monthly_income_fen, assets_fen, assets_assessed_on,
       registered_on, adopted, autism, caregiver_can_raise, hiv_infected_enc, over18_reason, over18_note, high_risk_since, created_by)
     select *, $39::uuid from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::char[], $7::date[], $8::text[], $9::text[], $10::text[], $11::text[],
       $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::date[], $20::text[], $21::text[], $22::text[],
       $23::text[], $24::smallint[], $25::text[], $26::text[], $27::smallint[], $28::bigint[], $29::bigint[], $30::date[], $31::date[],
       $32::boolean[], $33::boolean[], $34::boolean[], $35::text[], $36::text[], $37::text[], $38::date[])`,
    [ids, col((r) => r.input.committeeId), col((r) => r.input.name), col((r) => r.py.full), col((r) => r.py.initials), col((r) => r.who.sex), col((r) => r.who.birthDate),
      col((r) => enc(r.who.idNumber, 'children.id_number')), col((r) => r.who.bidx), col((r) => r.who.tail), col((r) => (r.who.idNumber ? null : r.input.noIdNote ?? null)),
      col((r) => r.input.ethnicity ?? null), col((r) => r.input.hukou), col((r) => enc(r.input.hukouAddress, 'children.hukou_address')),
      col((r) => enc(r.input.residenceAddress, 'children.residence_address')), col((r) => enc(r.input.phone, 'children.phone')), col((r) => r.input.riskLevel),
      col((r) => r.input.riskReason ?? null), col((r) => r.input.riskAssessedOn ?? null), col((r) => r.input.schoolStage ?? null), col((r) => r.input.schoolName ?? null),
      col((r) => r.input.schoolGrade ?? null), col((r) => r.input.disabilityType ?? null), col((r) => r.input.disabilityGrade ?? null), col((r) => r.input.seriousIllness ?? null),
      col((r) => enc(r.input.mentalHealthNote, 'children.mental_health_note')), col((r) => r.input.householdSize ?? null), col((r) => r.input.monthlyIncomeFen ?? null),
      col((r) => r.input.assetsFen ?? null), col((r) => r.input.assetsAssessedOn ?? null), col((r) => r.registeredOn),
      col((r) => r.input.adopted ?? null), col((r) => r.input.autism ?? null), col((r) => r.input.caregiverCanRaise ?? null), col((r) => sealHiv(deps, r.input.hivInfected)),
      col((r) => r.adult.reason), col((r) => r.adult.note), col((r) => (r.input.riskLevel === 'high' ? today : null)),
      tx.ctx.actor?.userId ?? null]);

  const cats = rows.flatMap((r, i) => r.input.categories.map((k) => [ids[i]!, k.category, k.since, k.sourceNote ?? null] as const));
  if (cats.length) {
    await tx.client.query(`insert into child_categories (child_id, category, since, source_note, created_by) select *, $5::uuid from unnest($1::uuid[], $2::text[], $3::date[], $4::text[])`,
      [cats.map((c) => c[0]), cats.map((c) => c[1]), cats.map((c) => c[2]), cats.map((c) => c[3]), tx.ctx.actor?.userId ?? null]);
  }
  const members = rows.flatMap((r, i) => r.input.members.map((m, j) => ({ child: ids[i]!, v: memberValues(deps, m, `${i}.members.${j}.`) })));
  if (members.length) {
    const m = (f: (v: ReturnType<typeof memberValues>) => unknown) => members.map((x) => f(x.v));
    await tx.client.query(
      `insert into household_members (child_id, name, relation, role, sex, birth_date, id_number_enc, id_number_bidx, phone_enc, status, status_since, status_until,
                                      disability_type, disability_grade, note)
       select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::char[], $6::date[], $7::text[], $8::text[], $9::text[], $10::text[], $11::date[], $12::date[],
                            $13::text[], $14::smallint[], $15::text[])`,
      [members.map((x) => x.child), m((v) => v.name), m((v) => v.relation), m((v) => v.role), m((v) => v.sex), m((v) => v.birthDate), m((v) => v.idEnc), m((v) => v.bidx),
        m((v) => v.phoneEnc), m((v) => v.status), m((v) => v.statusSince), m((v) => v.statusUntil), m((v) => v.disabilityType), m((v) => v.disabilityGrade), m((v) => v.note)]);
  }
  const bens = rows.flatMap((r, i) => r.input.benefits.map((b) => [ids[i]!, b.benefit, b.since, b.until ?? null, b.monthlyAmountFen ?? null, b.note ?? null] as const));
  if (bens.length) {
    await tx.client.query(`insert into child_benefits (child_id, benefit, since, until, monthly_amount_fen, note) select * from unnest($1::uuid[], $2::text[], $3::date[], $4::date[], $5::bigint[], $6::text[])`,
      [0, 1, 2, 3, 4, 5].map((k) => bens.map((b) => b[k])));
  }
  const action = opts.action ?? 'create';
  await tx.client.query(`insert into child_history (child_id, user_id, username, action) select unnest($1::uuid[]), $2, $3, $4`,
    [ids, tx.ctx.actor?.userId ?? null, tx.ctx.actor?.username ?? null, action]);
  await tx.client.query('select recompute_next_visits_for($1)', [ids]);
  for (const [i, r] of rows.entries()) {
    await tx.audit({ action: action === 'import' ? 'child.import' : 'child.create', entity: 'child', entityId: ids[i]!, summary: { committeeId: r.input.committeeId, withIdNumber: !!r.who.idNumber, ...(r.adult.reason ? { over18Reason: r.adult.reason } : {}) } });
    await alertIfOutOfSchool(tx, { id: ids[i]!, name: r.input.name, birthDate: r.who.birthDate, streetCode: r.committee.street_code, committeeId: r.input.committeeId, streetName: r.committee.street_name, committeeName: r.committee.name },
      null, r.input.schoolStage ?? null, today);
  }
  return ids;
}
