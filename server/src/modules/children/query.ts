/**
 * Reading children's files. Every query runs inside the caller's scoped transaction: the area
 * filtering is done by RLS, the filters here are the user's own choices.
 */
import type { ChildFile, ChildFilters, ChildRow } from '#common/children.js';
import { CATEGORIES, COUNT_CAP } from '#common/children.js';
import { maskIdNumber, maskPhone } from '#common/mask.js';
import type { AppDeps } from '../../core/deps.js';
import type { Scope, Tx } from '../../core/context.js';
import { ageOn, daysBetween, shanghaiDate } from '#common/dates.js';
import { HEALTH_PERMISSION, openHiv } from './healthFacts.js';
import { fileCompleteSql } from './completeness.js';


const RISK_ORDER = `case c.risk_level when 'high' then 0 when 'medium' then 1 else 2 end`;
const SORTS: Record<ChildFilters['sort'], string> = {
  name: 'c.name_pinyin',
  birthDate: 'c.birth_date',
  nextVisitDue: 'c.next_visit_due',
  riskLevel: RISK_ORDER,
  registeredOn: 'c.registered_on',
  committee: 'm.code',
};

/** The smallest string greater than every string starting with `prefix` (its last character + 1). */
export function prefixUpperBound(prefix: string): string {
  const chars = [...prefix];
  const last = chars.pop()!;
  return chars.join('') + String.fromCodePoint(last.codePointAt(0)! + 1);
}

/**
 * How the search box is read: digits → the end of the identity number; Chinese → name prefix;
 * letters → full pinyin or initials prefix. Each is a range on a text_pattern_ops index, written
 * with leakproof operators so that PostgreSQL may use the index under row-level security.
 */
export function searchCondition(q: string, arg: (v: unknown) => string): string | null {
  const s = q.trim();
  if (!s) return null;
  const range = (col: string, prefix: string) => `(${col} ~>=~ ${arg(prefix)} and ${col} ~<~ ${arg(prefixUpperBound(prefix))})`;
  if (/^\d{3,5}[\dXx]$/.test(s)) return range('c.id_tail_rev', [...s.toUpperCase()].reverse().join(''));
  if (/[\u4e00-\u9fff]/.test(s)) return range('c.name', s);
  const letters = s.toLowerCase().replace(/[^a-z]/g, '');
  if (!letters) return 'false';
  return `(${range('c.name_pinyin', letters)} or ${range('c.name_initials', letters)})`;
}

export function buildWhere(f: Partial<ChildFilters>, today: string, scope?: Scope, opts: { committeesJoined?: boolean } = {}): { where: string; args: unknown[] } {
  const args: unknown[] = [];
  const arg = (v: unknown) => { args.push(v); return `$${args.length}`; };
  const conds: string[] = [];
  // The caller's area again, as plain parameters: RLS already enforces it, but its key lists are
  // runtime settings the planner cannot see. Spelled out here, the planner knows from statistics
  // that one street is a twelfth of the district and picks the street's index instead of walking
  // every committee of the district (measured: the street supervisor's list at 100,000 children).
  if (scope && scope.kind !== 'district' && !scope.assigned) {
    const streets = arg(scope.streets);
    const committees = arg(scope.committees);
    conds.push(`(c.street_code = any (${streets}::text[]) or c.committee_id = any (${committees}::uuid[]))`);
    // Ordered by committee, the planner walks committees in order: let it walk only the caller's.
    if (opts.committeesJoined) conds.push(`(m.street_code = any (${streets}::text[]) or m.id = any (${committees}::uuid[]))`);
  }
  if (f.q) { const c = searchCondition(f.q, arg); if (c) conds.push(c); }
  if (f.street) conds.push(`c.street_code = ${arg(f.street)}`);
  if (f.committee) conds.push(`c.committee_id = ${arg(f.committee)}`);
  if (f.risk) conds.push(`c.risk_level = ${arg(f.risk)}`);
  if (f.status && f.status !== 'all') conds.push(`c.status = ${arg(f.status)}`);
  if (f.category) conds.push(`exists (select 1 from child_categories k where k.child_id = c.id and k.until is null and k.category = ${arg(f.category)})`);
  if (f.overdue) conds.push(`c.status = 'active' and c.next_visit_due < ${arg(today)}::date`);
  if (f.noMentor) conds.push(`c.status = 'active' and (c.mentor_id is null or c.buddy_id is null)`);
  if (f.incomplete) conds.push(`c.status = 'active' and not ${fileCompleteSql(`${arg(today)}::date`)}`);
  return { where: conds.length ? `where ${conds.join(' and ')}` : '', args };
}

interface ListRow {
  id: string; name: string; sex: 'M' | 'F'; birth_date: string; id_number_enc: string | null; street_code: string; street_name: string;
  committee_id: string; committee_name: string; status: 'active' | 'closed'; risk_level: 'high' | 'medium' | 'low'; categories: string[];
  next_visit_due: string | null;
}

export async function listChildren(tx: Tx, deps: AppDeps, f: ChildFilters, page: { limit: number; offset: number; cap?: number }): Promise<{ items: ChildRow[]; total: number; capped: boolean }> {
  const today = shanghaiDate(deps.clock());
  const { where, args } = buildWhere(f, today, tx.ctx.actor?.scope);
  const page_ = buildWhere(f, today, tx.ctx.actor?.scope, { committeesJoined: true });
  // Counting stops at the cap: a district-wide filter need not scan 100,000 files for a page of 20.
  const cap = page.cap ?? COUNT_CAP;
  const counted = (await tx.client.query<{ n: number }>(`select count(*)::int as n from (select 1 from children c ${where} limit ${cap + 1}) x`, args)).rows[0]!.n;
  const total = Math.min(counted, cap);
  const order = `${SORTS[f.sort]} ${f.order === 'desc' ? 'desc' : 'asc'} nulls last, c.name_pinyin, c.id`;
  const { rows } = await tx.client.query<ListRow>(
    `select c.id, c.name, c.sex, c.birth_date, c.id_number_enc, c.street_code, s.name as street_name, c.committee_id, m.name as committee_name,
            c.status, c.risk_level, c.next_visit_due,
            coalesce((select array_agg(k.category order by k.category) from child_categories k where k.child_id = c.id and k.until is null), '{}') as categories
     from children c join streets s on s.code = c.street_code join committees m on m.id = c.committee_id
     ${page_.where} order by ${order} limit $${page_.args.length + 1} offset $${page_.args.length + 2}`,
    [...page_.args, page.limit, page.offset]);
  return { items: rows.map((r) => presentRow(deps, r, today)), total, capped: counted > cap };
}

export function presentRow(deps: AppDeps, r: ListRow, today: string): ChildRow {
  return {
    id: r.id, name: r.name, sex: r.sex, birthDate: r.birth_date, age: ageOn(r.birth_date, today),
    idNumberMasked: maskIdNumber(deps.crypto.decryptOrNull(r.id_number_enc, 'children.id_number')),
    streetCode: r.street_code, streetName: r.street_name, committeeId: r.committee_id, committeeName: r.committee_name,
    status: r.status, riskLevel: r.risk_level, categories: r.categories, nextVisitDue: r.next_visit_due,
    overdueDays: overdue(r.status, r.next_visit_due, today),
  };
}

function overdue(status: string, due: string | null, today: string): number | null {
  if (status !== 'active' || !due) return null;
  const d = daysBetween(due, today);
  return d > 0 ? d : null;
}

interface FileRow {
  id: string; version: number; name: string; sex: 'M' | 'F'; birth_date: string; id_number_enc: string | null; no_id_note: string | null;
  ethnicity: string | null; hukou: 'local' | 'other'; hukou_address_enc: string | null; residence_address_enc: string | null; phone_enc: string | null;
  street_code: string; street_name: string; committee_id: string; committee_name: string; status: 'active' | 'closed'; closed_reason: ChildFile['closedReason'];
  closed_on: string | null; registered_on: string; risk_level: 'high' | 'medium' | 'low'; risk_reason: string | null; risk_assessed_on: string | null;
  school_stage: ChildFile['schoolStage']; school_name: string | null; school_grade: string | null; disability_type: string | null; disability_grade: number | null;
  serious_illness: string | null; mental_health_note_enc: string | null; household_size: number | null; monthly_income_fen: number | null; assets_fen: number | null;
  assets_assessed_on: string | null; last_visit_on: string | null; next_visit_due: string | null;
  adopted: boolean | null; autism: boolean | null; caregiver_can_raise: boolean | null; hiv_infected_enc: string | null;
  over18_reason: ChildFile['over18Reason']; over18_note: string | null;
  mentor: { id: string; name: string; organisation: string } | null; buddy: { id: string; name: string; organisation: string } | null;
}

/** The whole file, masked; null when the child does not exist or is outside the caller's area. */
export async function loadChildFile(tx: Tx, deps: AppDeps, id: string): Promise<ChildFile | null> {
  const today = shanghaiDate(deps.clock());
  const r = (await tx.client.query<FileRow>(
    `select c.*, s.name as street_name, m.name as committee_name,
       (select json_build_object('id', x.id, 'name', x.name, 'organisation', x.organisation) from mentors x where x.id = c.mentor_id) as mentor,
       (select json_build_object('id', x.id, 'name', x.name, 'organisation', x.organisation) from mentors x where x.id = c.buddy_id) as buddy
     from children c join streets s on s.code = c.street_code join committees m on m.id = c.committee_id where c.id = $1`, [id])).rows[0];
  if (!r) return null;
  // One connection answers one query at a time: these run in turn.
  const categories = await tx.client.query<{ id: string; category: keyof typeof CATEGORIES; since: string; until: string | null; source_note: string | null }>(
      'select id, category, since, until, source_note from child_categories where child_id = $1 order by until nulls first, since', [id]);
  const members = await tx.client.query<{ id: string; name: string; relation: string; role: 'guardian' | 'caregiver' | 'member'; sex: 'M' | 'F' | null; birth_date: string | null; id_number_enc: string | null;
      phone_enc: string | null; status: ChildFile['members'][number]['status']; status_since: string | null; status_until: string | null; disability_type: string | null; disability_grade: number | null; note: string | null }>(
      `select id, name, relation, role, sex, birth_date, id_number_enc, phone_enc, status, status_since, status_until, disability_type, disability_grade, note
       from household_members where child_id = $1 order by case role when 'guardian' then 0 when 'caregiver' then 1 else 2 end, relation, created_at, id`, [id]);
  const benefits = await tx.client.query<{ id: string; benefit: string; since: string; until: string | null; monthly_amount_fen: number | null; note: string | null }>(
      'select id, benefit, since, until, monthly_amount_fen, note from child_benefits where child_id = $1 order by since desc', [id]);
  const actor = tx.ctx.actor;
  const can = (p: string) => !!actor?.permissions.has(p);
  const dec = (v: string | null, col: string) => deps.crypto.decryptOrNull(v, col);
  return {
    id: r.id, version: r.version, name: r.name, sex: r.sex, birthDate: r.birth_date, age: ageOn(r.birth_date, today),
    idNumberMasked: maskIdNumber(dec(r.id_number_enc, 'children.id_number')), noIdNote: r.no_id_note, ethnicity: r.ethnicity, hukou: r.hukou,
    // Addresses are shown to the committee only unless unmasked.
    hukouAddressMasked: r.hukou_address_enc ? (r.hukou === 'local' ? '上海市（详细地址已隐藏）' : '外省市（详细地址已隐藏）') : null,
    residenceAddressMasked: r.residence_address_enc ? `${r.street_name}${r.committee_name}（详细地址已隐藏）` : null,
    phoneMasked: maskPhone(dec(r.phone_enc, 'children.phone')),
    streetCode: r.street_code, streetName: r.street_name, committeeId: r.committee_id, committeeName: r.committee_name,
    status: r.status, closedReason: r.closed_reason, closedOn: r.closed_on, registeredOn: r.registered_on,
    over18Reason: r.over18_reason, over18Note: r.over18_note,
    riskLevel: r.risk_level, riskReason: r.risk_reason, riskAssessedOn: r.risk_assessed_on,
    schoolStage: r.school_stage, schoolName: r.school_name, schoolGrade: r.school_grade,
    disabilityType: r.disability_type, disabilityGrade: r.disability_grade, seriousIllness: r.serious_illness,
    mentalHealthNote: can('children.health') ? dec(r.mental_health_note_enc, 'children.mental_health_note') : null,
    householdSize: r.household_size, monthlyIncomeFen: r.monthly_income_fen, assetsFen: r.assets_fen, assetsAssessedOn: r.assets_assessed_on,
    adopted: r.adopted, autism: r.autism, caregiverCanRaise: r.caregiver_can_raise,
    hivInfected: can(HEALTH_PERMISSION) ? openHiv(deps, r.hiv_infected_enc) : null,
    lastVisitOn: r.last_visit_on, nextVisitDue: r.next_visit_due, overdueDays: overdue(r.status, r.next_visit_due, today),
    mentor: r.mentor, buddy: r.buddy,
    categories: categories.rows.map((k) => ({ id: k.id, category: k.category, label: CATEGORIES[k.category], since: k.since, until: k.until, sourceNote: k.source_note })),
    members: members.rows.map((m) => ({
      id: m.id, name: m.name, relation: m.relation, role: m.role, sex: m.sex, birthDate: m.birth_date,
      idNumberMasked: maskIdNumber(dec(m.id_number_enc, 'household_members.id_number')), phoneMasked: maskPhone(dec(m.phone_enc, 'household_members.phone')),
      status: m.status, statusSince: m.status_since, statusUntil: m.status_until, disabilityType: m.disability_type, disabilityGrade: m.disability_grade, note: m.note,
    })),
    benefits: benefits.rows.map((b) => ({ id: b.id, benefit: b.benefit, since: b.since, until: b.until, monthlyAmountFen: b.monthly_amount_fen, note: b.note })),
    can: { edit: can('children.write'), unmask: can('children.unmask'), transfer: can('children.transfer'), health: can('children.health'),
      contact: can('children.contact') },
    restricted: can(HEALTH_PERMISSION) ? [] : ['mentalHealthNote', 'hivInfected'],
  };
}
