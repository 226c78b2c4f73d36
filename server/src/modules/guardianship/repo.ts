/**
 * All of the assessment's SQL (家庭监护能力评估): instruments, assessments, the area's work lists.
 * Every query runs in the caller's transaction under the guardianship tables' row-level security
 * (area, assigned worker, guardianship supervisor, a unit through a referral opening 'guardianship').
 */
import type { GradeEffect, InstrumentDefinition, InstrumentGrade, AssessmentStatus, AssessmentWorkView } from '#common/guardianshipAssessment.js';
import type pg from 'pg';
import type { Tx } from '../../core/context.js';

export interface InstrumentRow {
  code: string;
  version: number;
  name: string;
  name_en: string | null;
  placeholder: boolean;
  definition: InstrumentDefinition;
  grades: InstrumentGrade[];
  active: boolean;
  note: string | null;
  created_at: Date;
  created_by_name: string | null;
  used: number;
}

const INSTRUMENT_COLS = `i.code, i.version, i.name, i.name_en, i.placeholder, i.definition, i.grades, i.active, i.note, i.created_at,
  u.display_name as created_by_name,
  (select count(*)::int from guardianship_assessments a where a.instrument_code = i.code and a.instrument_version = i.version) as used`;

export async function instruments(tx: Tx): Promise<InstrumentRow[]> {
  return (
    await tx.client.query<InstrumentRow>(
      `select ${INSTRUMENT_COLS} from guardianship_instruments i left join users u on u.id = i.created_by order by i.active desc, i.code, i.version desc`,
    )
  ).rows;
}

export async function instrument(tx: Tx, code: string, version: number): Promise<InstrumentRow | null> {
  return (
    (
      await tx.client.query<InstrumentRow>(
        `select ${INSTRUMENT_COLS} from guardianship_instruments i left join users u on u.id = i.created_by where i.code = $1 and i.version = $2`,
        [code, version],
      )
    ).rows[0] ?? null
  );
}

/** The instrument new assessments use: the active one (the newest if several codes are active). */
export async function activeInstrument(tx: Tx): Promise<InstrumentRow | null> {
  return (
    (
      await tx.client.query<InstrumentRow>(
        `select ${INSTRUMENT_COLS} from guardianship_instruments i left join users u on u.id = i.created_by where i.active order by i.created_at desc, i.version desc limit 1`,
      )
    ).rows[0] ?? null
  );
}

/** Locks the instruments of a code and answers the next version number. */
export async function nextInstrumentVersion(tx: Tx, code: string): Promise<number> {
  await tx.client.query('select pg_advisory_xact_lock(hashtext($1))', [`guardianship_instrument:${code}`]);
  const r = await tx.client.query<{ v: number }>('select coalesce(max(version), 0)::int + 1 as v from guardianship_instruments where code = $1', [code]);
  return r.rows[0]?.v ?? 1;
}

export async function insertInstrument(
  tx: Tx,
  v: {
    code: string;
    version: number;
    name: string;
    nameEn: string | null;
    definition: InstrumentDefinition;
    grades: InstrumentGrade[];
    note: string | null;
    by: string;
  },
): Promise<void> {
  await tx.client.query(
    `insert into guardianship_instruments (code, version, name, name_en, placeholder, definition, grades, active, note, created_by)
     values ($1, $2, $3, $4, false, $5::jsonb, $6::jsonb, false, $7, $8)`,
    [v.code, v.version, v.name, v.nameEn, JSON.stringify(v.definition), JSON.stringify(v.grades), v.note, v.by],
  );
}

/** Makes one instrument version the one new assessments use; every other becomes inactive. */
export async function activateInstrument(tx: Tx, code: string, version: number): Promise<void> {
  await tx.client.query('update guardianship_instruments set active = (code = $1 and version = $2) where active or (code = $1 and version = $2)', [
    code,
    version,
  ]);
}

// ---- the child ----

export interface ChildRow {
  id: string;
  name: string;
  status: string;
  version: number;
  risk_level: 'high' | 'medium' | 'low';
  risk_reason: string | null;
  next_visit_due: string | null;
  /** The caller is the child's active guardianship supervisor. */
  supervisor: boolean;
  /** The caller's unit reaches the child through a referral opening 'guardianship'. */
  via_referral: boolean;
}

export async function child(tx: Tx, id: string): Promise<ChildRow | null> {
  return (
    (
      await tx.client.query<ChildRow>(
        `select c.id, c.name, c.status, c.version, c.risk_level, c.risk_reason, c.next_visit_due::text,
                c.id = any (app_supervised_children()) as supervisor,
                c.id::text = any (string_to_array(coalesce(current_setting('app.ref_guardianship', true), ''), ',')) as via_referral
           from children c where c.id = $1`,
        [id],
      )
    ).rows[0] ?? null
  );
}

export async function hasActiveCategory(tx: Tx, childId: string, category: string): Promise<boolean> {
  return !!(await tx.client.query('select 1 from child_categories where child_id = $1 and category = $2 and until is null', [childId, category])).rowCount;
}

// ---- assessments ----

export interface AssessmentRow {
  id: string;
  child_id: string;
  child_name: string | null;
  instrument_code: string;
  instrument_version: number;
  instrument_name: string;
  instrument_placeholder: boolean;
  status: AssessmentStatus;
  reason: string | null;
  commissioned_by_name: string | null;
  commissioned_unit: string | null;
  commissioned_unit_name: string | null;
  commissioned_on: string;
  assessor_org: string;
  assessor_name: string | null;
  due_on: string | null;
  methods: ('observation' | 'interview' | 'questionnaire')[];
  answers: Record<string, number> | null;
  dimension_scores: { code: string; name: string; score: number; max: number; percent: number; weight: number }[] | null;
  total_score: string | null;
  grade: string | null;
  grade_effect: GradeEffect | null;
  narrative: string | null;
  measures: string | null;
  assessed_on: string | null;
  returned_on: string | null;
  archived_on: string | null;
  reassess_on: string | null;
  cancel_reason: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const ASSESSMENT_COLS = `a.id, a.child_id, c.name as child_name, a.instrument_code, a.instrument_version, i.name as instrument_name,
  i.placeholder as instrument_placeholder, a.status, a.reason, cu.display_name as commissioned_by_name, a.commissioned_unit,
  un.name as commissioned_unit_name, a.commissioned_on::text, a.assessor_org, a.assessor_name, a.due_on::text, a.methods, a.answers,
  a.dimension_scores, a.total_score::text, a.grade, a.grade_effect, a.narrative, a.measures, a.assessed_on::text, a.returned_on::text,
  a.archived_on::text, a.reassess_on::text, a.cancel_reason, a.version, a.created_at, a.updated_at`;
const ASSESSMENT_FROM = `guardianship_assessments a
  join guardianship_instruments i on i.code = a.instrument_code and i.version = a.instrument_version
  left join children c on c.id = a.child_id
  left join users cu on cu.id = a.commissioned_by
  left join units un on un.code = a.commissioned_unit`;

export async function assessmentsOfChild(tx: Tx, childId: string): Promise<AssessmentRow[]> {
  return (
    await tx.client.query<AssessmentRow>(
      `select ${ASSESSMENT_COLS} from ${ASSESSMENT_FROM} where a.child_id = $1 order by a.commissioned_on desc, a.created_at desc`,
      [childId],
    )
  ).rows;
}

export async function assessment(tx: Tx, id: string, lock = false): Promise<AssessmentRow | null> {
  return (
    (await tx.client.query<AssessmentRow>(`select ${ASSESSMENT_COLS} from ${ASSESSMENT_FROM} where a.id = $1${lock ? ' for update of a' : ''}`, [id]))
      .rows[0] ?? null
  );
}

export async function insertAssessment(
  tx: Tx,
  v: { childId: string; code: string; version: number; reason: string; by: string; unit: string; on: string; assessorOrg: string; dueOn: string },
): Promise<string> {
  const r = await tx.client.query<{ id: string }>(
    `insert into guardianship_assessments (child_id, instrument_code, instrument_version, reason, commissioned_by, commissioned_unit, commissioned_on, assessor_org, due_on)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [v.childId, v.code, v.version, v.reason, v.by, v.unit, v.on, v.assessorOrg, v.dueOn],
  );
  const id = r.rows[0]?.id;
  if (!id) throw new Error('insert returned no row');
  return id;
}

/** Sets columns of an assessment and bumps its version, only when the caller's version is current (null: stale). */
export async function updateAssessment(tx: Tx, id: string, version: number, set: Record<string, unknown>): Promise<number | null> {
  const cols = Object.keys(set);
  const assignments = cols.map((c, i) => `${c} = $${i + 3}${c === 'answers' || c === 'dimension_scores' ? '::jsonb' : ''}`);
  const values = cols.map((c) => (c === 'answers' || c === 'dimension_scores' ? JSON.stringify(set[c]) : set[c]));
  const r = await tx.client.query<{ version: number }>(
    `update guardianship_assessments set ${assignments.join(', ')}, version = version + 1, updated_at = now() where id = $1 and version = $2 returning version`,
    [id, version, ...values],
  );
  return r.rows[0]?.version ?? null;
}

// ---- the area's work lists ----

export interface WorkRow {
  id: string;
  child_id: string;
  child_name: string;
  street_name: string;
  committee_name: string;
  status: AssessmentStatus;
  assessor_org: string;
  commissioned_on: string;
  due_on: string | null;
  reassess_on: string | null;
  grade: string | null;
  days: number;
  instrument_grades: InstrumentGrade[];
  total: number;
}

/** How far ahead a re-assessment counts as due on the work list. */
export const REASSESS_AHEAD_DAYS = 30;

export async function workList(tx: Tx, q: { view: AssessmentWorkView; street?: string; page: number; pageSize: number }, today: string): Promise<WorkRow[]> {
  const where: Record<AssessmentWorkView, string> = {
    overdue: `a.status = 'commissioned' and a.due_on < $1::date`,
    open: `a.status in ('commissioned', 'assessed')`,
    // the latest assessed one of each child whose re-assessment day is near or past, with no newer commission
    reassess: `a.status in ('assessed', 'returned', 'archived') and a.reassess_on <= $1::date + ${REASSESS_AHEAD_DAYS}
      and not exists (select 1 from guardianship_assessments n where n.child_id = a.child_id and n.id <> a.id and n.status <> 'cancelled'
                        and n.commissioned_on >= coalesce(a.assessed_on, a.commissioned_on) and n.created_at > a.created_at)`,
  };
  const order: Record<AssessmentWorkView, string> = { overdue: 'a.due_on', open: 'a.commissioned_on desc', reassess: 'a.reassess_on' };
  const days: Record<AssessmentWorkView, string> = {
    overdue: '$1::date - a.due_on',
    open: 'coalesce($1::date - a.due_on, 0)',
    reassess: 'a.reassess_on - $1::date',
  };
  return (
    await tx.client.query<WorkRow>(
      `select a.id, a.child_id, c.name as child_name, s.name as street_name, cm.name as committee_name, a.status, a.assessor_org,
              a.commissioned_on::text, a.due_on::text, a.reassess_on::text, a.grade, i.grades as instrument_grades,
              (${days[q.view]})::int as days, count(*) over ()::int as total
         from guardianship_assessments a
         join guardianship_instruments i on i.code = a.instrument_code and i.version = a.instrument_version
         join children c on c.id = a.child_id
         join streets s on s.code = a.street_code
         join committees cm on cm.id = a.committee_id
        where ${where[q.view]} and ($2::text is null or a.street_code = $2)
        order by ${order[q.view]}, a.id
        limit $3 offset $4`,
      [today, q.street ?? null, q.pageSize, (q.page - 1) * q.pageSize],
    )
  ).rows;
}

/** The first instrument of an installation (active, a placeholder): written only when there is none. */
export async function insertFirstInstrument(
  client: pg.ClientBase,
  i: { code: string; name: string; nameEn: string; definition: unknown; grades: unknown; note: string },
): Promise<void> {
  await client.query(
    `insert into guardianship_instruments (code, version, name, name_en, placeholder, definition, grades, active, note)
     select $1, 1, $2, $3, true, $4::jsonb, $5::jsonb, true, $6
      where not exists (select 1 from guardianship_instruments)`,
    [i.code, i.name, i.nameEn, JSON.stringify(i.definition), JSON.stringify(i.grades), i.note],
  );
}
