/**
 * The SQL of the intervention ladder: guardianship_interventions, and — read with this module's own
 * statements — the sessions of a guidance order (guidance_sessions), the harm problems found after
 * a step (problems), the latest returned assessment (guardianship_assessments), the documents of a
 * step (guardianship_documents, counted only) and the referral that carries a step. Every statement
 * runs under the caller's row-level security.
 */
import type { InterventionKind, InterventionStatus } from '#common/interventions.js';
import type pg from 'pg';
import type { Tx } from '../../core/context.js';

export interface StepRow {
  id: string;
  child_id: string;
  street_code: string;
  committee_id: string;
  kind: InterventionKind;
  status: InterventionStatus;
  unit_code: string | null;
  unit_name: string | null;
  person_name: string | null;
  decided_on: string | null;
  reason: string;
  outcome_note: string | null;
  sessions_required: number | null;
  referral_id: string | null;
  previous_id: string | null;
  created_on: string;
  created_at: Date;
  updated_at: Date;
  version: number;
  attended: number;
  missed: number;
  documents: number;
  referral_no: string | null;
  referral_status: string | null;
  referral_due_on: string | null;
  referral_decline_reason: string | null;
  referral_overdue: boolean | null;
  referral_version: number | null;
  referral_from_unit: string | null;
}

const SELECT = `
  select i.id, i.child_id, i.street_code, i.committee_id, i.kind, i.status, i.unit_code, u.name as unit_name, i.person_name,
         to_char(i.decided_on, 'YYYY-MM-DD') as decided_on, i.reason, i.outcome_note, i.sessions_required, i.referral_id, i.previous_id,
         to_char((i.created_at at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD') as created_on, i.created_at, i.updated_at, i.version,
         (select count(*)::int from guidance_sessions g where g.intervention_id = i.id and g.attended) as attended,
         (select count(*)::int from guidance_sessions g where g.intervention_id = i.id and g.attended = false) as missed,
         (select count(*)::int from guardianship_documents d where d.intervention_id = i.id) as documents,
         r.no::text as referral_no, r.status as referral_status, to_char(r.due_on, 'YYYY-MM-DD') as referral_due_on, r.decline_reason as referral_decline_reason,
         (r.status in ('sent', 'received', 'accepted', 'in_progress') and (r.due_on < $TODAY::date or (r.status = 'sent' and r.ack_due_at < now()))) as referral_overdue,
         r.version as referral_version, r.from_unit as referral_from_unit
    from guardianship_interventions i
    left join units u on u.code = i.unit_code
    left join referrals r on r.id = i.referral_id`;
const sel = (todayParam: number) => SELECT.replace('$TODAY', `$${todayParam}`);

export async function stepsOfChild(tx: Tx, childId: string, today: string): Promise<StepRow[]> {
  return (await tx.client.query<StepRow>(`${sel(2)} where i.child_id = $1 order by i.created_at, i.id`, [childId, today])).rows;
}

export async function stepById(tx: Tx, id: string, today: string, lock = false): Promise<StepRow | null> {
  const row = (await tx.client.query<StepRow>(`${sel(2)} where i.id = $1`, [id, today])).rows[0] ?? null;
  if (row && lock) await tx.client.query('select 1 from guardianship_interventions where id = $1 for update', [id]);
  return row;
}

export async function stepOfReferral(tx: Tx, referralId: string, today: string): Promise<StepRow | null> {
  return (await tx.client.query<StepRow>(`${sel(2)} where i.referral_id = $1`, [referralId, today])).rows[0] ?? null;
}

/** The child, when the caller's area reaches it (row-level security on children). */
export async function childInScope(tx: Tx, id: string): Promise<{ id: string; birth_date: string; street_code: string } | null> {
  return (
    (
      await tx.client.query<{ id: string; birth_date: string; street_code: string }>(
        `select id, to_char(birth_date, 'YYYY-MM-DD') as birth_date, street_code from children where id = $1`,
        [id],
      )
    ).rows[0] ?? null
  );
}

export interface InsertStep {
  childId: string;
  kind: InterventionKind;
  status: InterventionStatus;
  unitCode: string | null;
  personName: string | null;
  decidedOn: string | null;
  reason: string;
  outcomeNote: string | null;
  sessionsRequired: number | null;
  previousId: string | null;
  assessmentId: string | null;
  createdBy: string | null;
}

/** Also used by the demo seed, with the owner's connection. */
export async function insertStep(tx: { client: Pick<pg.ClientBase, 'query'> }, s: InsertStep): Promise<string> {
  const { rows } = await tx.client.query<{ id: string }>(
    `insert into guardianship_interventions (child_id, kind, status, unit_code, person_name, decided_on, reason, outcome_note,
                                             sessions_required, previous_id, assessment_id, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id`,
    [
      s.childId,
      s.kind,
      s.status,
      s.unitCode,
      s.personName,
      s.decidedOn,
      s.reason,
      s.outcomeNote,
      s.sessionsRequired,
      s.previousId,
      s.assessmentId,
      s.createdBy,
    ],
  );
  const id = rows[0]?.id;
  if (!id) throw new Error('insert into guardianship_interventions returned no row');
  return id;
}

export interface StepWrite {
  status?: InterventionStatus;
  unitCode?: string | null;
  personName?: string | null;
  decidedOn?: string | null;
  outcomeNote?: string | null;
  sessionsRequired?: number | null;
  referralId?: string | null;
}

/** Writes the given fields (undefined: left as it is) and bumps the version. */
export async function writeStep(tx: Tx, id: string, w: StepWrite): Promise<void> {
  const columns: [string, unknown][] = [
    ['status', w.status],
    ['unit_code', w.unitCode],
    ['person_name', w.personName],
    ['decided_on', w.decidedOn],
    ['outcome_note', w.outcomeNote],
    ['sessions_required', w.sessionsRequired],
    ['referral_id', w.referralId],
  ];
  const sets: string[] = [];
  const values: unknown[] = [id];
  for (const [column, v] of columns) {
    if (v === undefined) continue;
    values.push(v);
    sets.push(`${column} = $${values.length}`);
  }
  await tx.client.query(`update guardianship_interventions set ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} where id = $1`, values);
}

/** Days harm was found on the child (problems of category safety or guardianship), Shanghai days. */
export async function harmDays(tx: Tx, childId: string): Promise<string[]> {
  return (
    await tx.client.query<{ on: string }>(
      `select to_char((created_at at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD') as on from problems
        where child_id = $1 and category in ('safety', 'guardianship') order by created_at`,
      [childId],
    )
  ).rows.map((r) => r.on);
}

/** The latest assessed (returned or archived) assessment of the child: its grade effect and day. */
export async function latestAssessment(
  tx: Tx,
  childId: string,
): Promise<{ id: string; effect: 'missing' | 'improper' | 'insufficient' | 'normal'; on: string } | null> {
  return (
    (
      await tx.client.query<{ id: string; effect: 'missing' | 'improper' | 'insufficient' | 'normal'; on: string }>(
        `select id, grade_effect as effect, to_char(assessed_on, 'YYYY-MM-DD') as on from guardianship_assessments
          where child_id = $1 and status in ('assessed', 'returned', 'archived') and grade_effect is not null
          order by assessed_on desc, created_at desc limit 1`,
        [childId],
      )
    ).rows[0] ?? null
  );
}

/** The caller is a child director of the child's committee (their tasks are about it). */
export async function isDirectorOf(tx: Tx, committeeIds: string[], childId: string): Promise<boolean> {
  if (!committeeIds.length) return false;
  return (await tx.client.query('select 1 from children where id = $1 and committee_id = any ($2::uuid[])', [childId, committeeIds])).rowCount === 1;
}

/** The units whose directory entry takes a referral kind (active), with their names. */
export async function receiversOfKind(
  tx: Tx,
  kind: string,
): Promise<{ code: string; name: string; min_age: number | null; max_age: number | null; streets: string[] }[]> {
  return (
    await tx.client.query<{ code: string; name: string; min_age: number | null; max_age: number | null; streets: string[] }>(
      `select u.code, u.name, rr.min_age, rr.max_age, rr.streets from referral_receivers rr join units u on u.code = rr.unit_code
        where rr.active and u.active and $1 = any (rr.kinds) order by u.sort, u.code`,
      [kind],
    )
  ).rows;
}

/** The referral that carries a step to another unit. */
export async function setReferral(tx: Tx, id: string, referralId: string): Promise<void> {
  await tx.client.query('update guardianship_interventions set referral_id = $2 where id = $1', [id, referralId]);
}
