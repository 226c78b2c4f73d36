/**
 * The SQL of the guidance module: templates, filled documents, guidance sessions, and what it reads
 * of the other guardianship records (interventions) and of the child file (the child, the guardian,
 * problems) with its own queries. Everything runs under the caller's row-level security.
 */
import type pg from 'pg';
import type { Tx } from '../../core/context.js';

/** The one row a statement that always answers returns. */
function first<T>(rows: T[]): T {
  const r = rows[0];
  if (r === undefined) throw new Error('expected a row');
  return r;
}

// ---- reach ----

export interface Reach {
  visible: boolean;
  supervisor: boolean;
  viaReferral: boolean;
}

/** Whether the caller reaches the child at all, and through which of the guardianship facts. */
export async function reach(tx: Tx, childId: string): Promise<Reach> {
  const { rows } = await tx.client.query<{ visible: boolean; supervisor: boolean; via_referral: boolean }>(
    `select exists (select 1 from children where id = $1) as visible,
            $1 = any (app_supervised_children()) as supervisor,
            $1 = any (app_referral_children('guardianship')) as via_referral`,
    [childId],
  );
  const r = first(rows);
  return { visible: r.visible || r.supervisor || r.via_referral, supervisor: r.supervisor, viaReferral: r.via_referral };
}

// ---- templates ----

export interface TemplateRow {
  code: string;
  version: number;
  kind: string;
  title: string;
  body: string;
  active: boolean;
  created_by: string | null;
  created_by_name: string | null;
  created_at: Date;
}

const TEMPLATE_COLS = `t.code, t.version, t.kind, t.title, t.body, t.active, t.created_by, u.display_name as created_by_name, t.created_at`;

export async function listTemplates(tx: Tx, q: { kind?: string; history: boolean; includeInactive: boolean }): Promise<TemplateRow[]> {
  const latest = q.history ? '' : `and t.version = (select max(version) from guardianship_templates x where x.code = t.code)`;
  const { rows } = await tx.client.query<TemplateRow>(
    `select ${TEMPLATE_COLS} from guardianship_templates t left join users u on u.id = t.created_by
      where ($1::text is null or t.kind = $1) ${latest} and ($2 or t.active)
      order by array_position(array['admonition','reprimand','guidance_order','revocation_petition','supported_prosecution','other'], t.kind), t.code, t.version desc`,
    [q.kind ?? null, q.includeInactive || q.history],
  );
  return rows;
}

export async function latestTemplate(tx: Tx, code: string): Promise<TemplateRow | null> {
  const { rows } = await tx.client.query<TemplateRow>(
    `select ${TEMPLATE_COLS} from guardianship_templates t left join users u on u.id = t.created_by
      where t.code = $1 order by t.version desc limit 1`,
    [code],
  );
  return rows[0] ?? null;
}

export async function insertTemplate(
  tx: Tx,
  t: { code: string; version: number; kind: string; title: string; body: string; active: boolean; createdBy: string },
): Promise<boolean> {
  const r = await tx.client.query(
    `insert into guardianship_templates (code, version, kind, title, body, active, created_by) values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (code, version) do nothing`,
    [t.code, t.version, t.kind, t.title, t.body, t.active, t.createdBy],
  );
  return r.rowCount === 1;
}

// ---- interventions, and what a document is filled from ----

export interface InterventionRow {
  id: string;
  child_id: string;
  kind: string;
  status: string;
  unit_name: string | null;
  person_name: string | null;
  decided_on: string | null;
  reason: string;
  sessions_required: number | null;
}

const INTERVENTION_COLS = `i.id, i.child_id, i.kind, i.status, un.name as unit_name, i.person_name, i.decided_on::text, i.reason, i.sessions_required`;

export async function intervention(tx: Tx, id: string): Promise<InterventionRow | null> {
  const { rows } = await tx.client.query<InterventionRow>(
    `select ${INTERVENTION_COLS} from guardianship_interventions i left join units un on un.code = i.unit_code where i.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

export async function childInterventions(tx: Tx, childId: string): Promise<InterventionRow[]> {
  const { rows } = await tx.client.query<InterventionRow>(
    `select ${INTERVENTION_COLS} from guardianship_interventions i left join units un on un.code = i.unit_code
      where i.child_id = $1 order by i.created_at desc`,
    [childId],
  );
  return rows;
}

export interface FillFacts {
  child_name: string | null;
  sex: string | null;
  birth_date: string | null;
  street_name: string | null;
  committee_name: string | null;
  guardian_name: string | null;
  guardian_relation: string | null;
}

/** The child, the area and the first guardian of the household (left joins: what the caller cannot read stays empty). */
export async function fillFacts(tx: Tx, childId: string): Promise<FillFacts> {
  const { rows } = await tx.client.query<FillFacts>(
    `select c.name as child_name, c.sex, c.birth_date::text as birth_date, s.name as street_name, cm.name as committee_name,
            g.name as guardian_name, g.relation as guardian_relation
       from (select $1::uuid as id) k
       left join children c on c.id = k.id
       left join streets s on s.code = c.street_code
       left join committees cm on cm.id = c.committee_id
       left join lateral (select m.name, m.relation from household_members m where m.child_id = k.id
                           order by (m.role = 'guardian') desc, (m.role = 'caregiver') desc, m.created_at limit 1) g on true`,
    [childId],
  );
  return first(rows);
}

// ---- documents ----

export interface DocumentRow {
  id: string;
  intervention_id: string;
  intervention_kind: string;
  child_id: string;
  child_name: string | null;
  template_code: string;
  template_version: number;
  title: string;
  body: string;
  created_at: Date;
  created_by_name: string | null;
}

const DOC_SELECT = `select d.id, d.intervention_id, i.kind as intervention_kind, d.child_id, c.name as child_name, d.template_code, d.template_version,
       d.title, d.body, d.created_at, u.display_name as created_by_name
  from guardianship_documents d join guardianship_interventions i on i.id = d.intervention_id
  left join children c on c.id = d.child_id left join users u on u.id = d.created_by`;

export async function insertDocument(
  tx: Tx,
  d: { interventionId: string; childId: string; templateCode: string; templateVersion: number; title: string; bodyEnc: string; createdBy: string },
): Promise<string> {
  const { rows } = await tx.client.query<{ id: string }>(
    `insert into guardianship_documents (intervention_id, child_id, template_code, template_version, title, body, created_by)
     values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [d.interventionId, d.childId, d.templateCode, d.templateVersion, d.title, d.bodyEnc, d.createdBy],
  );
  return first(rows).id;
}

export async function document(tx: Tx, id: string): Promise<DocumentRow | null> {
  const { rows } = await tx.client.query<DocumentRow>(`${DOC_SELECT} where d.id = $1`, [id]);
  return rows[0] ?? null;
}

export async function documentsOf(tx: Tx, by: { interventionId?: string; childId?: string }): Promise<DocumentRow[]> {
  const { rows } = await tx.client.query<DocumentRow>(
    `${DOC_SELECT} where ($1::uuid is null or d.intervention_id = $1) and ($2::uuid is null or d.child_id = $2) order by d.created_at desc`,
    [by.interventionId ?? null, by.childId ?? null],
  );
  return rows;
}

// ---- guidance sessions ----

export interface SessionRow {
  id: string;
  child_id: string;
  kind: string;
  intervention_id: string | null;
  problem_id: string | null;
  problem_text: string | null;
  member_id: string | null;
  member_name: string | null;
  provider: string;
  topic: string;
  scheduled_on: string;
  attended: boolean | null;
  absence_reason: string | null;
  note: string | null;
  version: number;
}

const SESSION_SELECT = `select g.id, g.child_id, g.kind, g.intervention_id, g.problem_id, p.description as problem_text, g.member_id, m.name as member_name,
       g.provider, g.topic, g.scheduled_on::text, g.attended, g.absence_reason, g.note, g.version
  from guidance_sessions g left join household_members m on m.id = g.member_id left join problems p on p.id = g.problem_id`;

export async function sessionsOf(tx: Tx, childId: string, page: number, pageSize: number): Promise<{ rows: SessionRow[]; total: number }> {
  const [list, count] = await Promise.all([
    tx.client.query<SessionRow>(`${SESSION_SELECT} where g.child_id = $1 order by g.scheduled_on desc, g.created_at desc limit $2 offset $3`, [
      childId,
      pageSize,
      (page - 1) * pageSize,
    ]),
    tx.client.query<{ n: number }>('select count(*)::int as n from guidance_sessions where child_id = $1', [childId]),
  ]);
  return { rows: list.rows, total: first(count.rows).n };
}

export async function session(tx: Tx, id: string): Promise<SessionRow | null> {
  const { rows } = await tx.client.query<SessionRow>(`${SESSION_SELECT} where g.id = $1`, [id]);
  return rows[0] ?? null;
}

export interface OrderRow {
  id: string;
  status: string;
  unit_name: string | null;
  decided_on: string | null;
  sessions_required: number | null;
  attended: number;
  missed: number;
  planned: number;
}

/** The child's guidance orders with their sessions counted. */
export async function ordersOf(tx: Tx, childId: string): Promise<OrderRow[]> {
  const { rows } = await tx.client.query<OrderRow>(
    `select i.id, i.status, un.name as unit_name, i.decided_on::text, i.sessions_required,
            count(g.id) filter (where g.attended)::int as attended,
            count(g.id) filter (where g.attended = false)::int as missed,
            count(g.id) filter (where g.id is not null and g.attended is null)::int as planned
       from guardianship_interventions i left join units un on un.code = i.unit_code
       left join guidance_sessions g on g.intervention_id = i.id
      where i.child_id = $1 and i.kind = 'guidance_order'
      group by i.id, un.name order by i.created_at desc`,
    [childId],
  );
  return rows;
}

export async function membersOf(tx: Tx, childId: string) {
  const { rows } = await tx.client.query<{ id: string; name: string; relation: string; role: string }>(
    `select id, name, relation, role from household_members where child_id = $1 order by (role = 'guardian') desc, created_at`,
    [childId],
  );
  return rows;
}

export async function problemsOf(tx: Tx, childId: string) {
  const { rows } = await tx.client.query<{ id: string; text: string; category: string; status: string }>(
    `select id, description as text, category, status from problems where child_id = $1 order by (status = 'resolved'), created_at desc limit 50`,
    [childId],
  );
  return rows;
}

/** Whether the linked rows belong to the child (and the intervention is a guidance order). */
export async function linksOf(tx: Tx, childId: string, l: { memberId?: string | null; interventionId?: string | null; problemId?: string | null }) {
  const { rows } = await tx.client.query<{ member: boolean; order_ok: boolean; problem: boolean }>(
    `select ($2::uuid is null or exists (select 1 from household_members where id = $2 and child_id = $1)) as member,
            ($3::uuid is null or exists (select 1 from guardianship_interventions where id = $3 and child_id = $1 and kind = 'guidance_order')) as order_ok,
            ($4::uuid is null or exists (select 1 from problems where id = $4 and child_id = $1)) as problem`,
    [childId, l.memberId ?? null, l.interventionId ?? null, l.problemId ?? null],
  );
  return first(rows);
}

export interface SessionValues {
  kind: string;
  provider: string;
  topic: string;
  scheduledOn: string;
  memberId: string | null;
  interventionId: string | null;
  problemId: string | null;
  note: string | null;
}

export async function insertSession(tx: Tx, childId: string, v: SessionValues, createdBy: string): Promise<string> {
  const { rows } = await tx.client.query<{ id: string }>(
    `insert into guidance_sessions (child_id, kind, provider, topic, scheduled_on, member_id, intervention_id, problem_id, note, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
    [childId, v.kind, v.provider, v.topic, v.scheduledOn, v.memberId, v.interventionId, v.problemId, v.note, createdBy],
  );
  return first(rows).id;
}

/** Updates at the version the editor saw; false when it moved on. */
export async function updateSession(tx: Tx, id: string, version: number, v: SessionValues): Promise<boolean> {
  const r = await tx.client.query(
    `update guidance_sessions set kind = $3, provider = $4, topic = $5, scheduled_on = $6, member_id = $7, intervention_id = $8, problem_id = $9,
            note = $10, updated_at = now(), version = version + 1
      where id = $1 and version = $2`,
    [id, version, v.kind, v.provider, v.topic, v.scheduledOn, v.memberId, v.interventionId, v.problemId, v.note],
  );
  return r.rowCount === 1;
}

export async function recordAttendance(
  tx: Tx,
  id: string,
  version: number,
  a: { attended: boolean; absenceReason: string | null; note: string | null | undefined },
): Promise<boolean> {
  const r = await tx.client.query(
    `update guidance_sessions set attended = $3, absence_reason = $4, note = coalesce($5, note), updated_at = now(), version = version + 1
      where id = $1 and version = $2`,
    [id, version, a.attended, a.attended ? null : a.absenceReason, a.note ?? null],
  );
  return r.rowCount === 1;
}

export async function deletePlannedSession(tx: Tx, id: string, version: number): Promise<boolean> {
  const r = await tx.client.query('delete from guidance_sessions where id = $1 and version = $2 and attended is null', [id, version]);
  return r.rowCount === 1;
}

// ---- the district's default templates, at start ----

export async function anyTemplate(client: pg.ClientBase): Promise<boolean> {
  return Boolean((await client.query('select 1 from guardianship_templates limit 1')).rowCount);
}

export async function insertFirstTemplate(client: pg.ClientBase, t: { code: string; kind: string; title: string; body: string }): Promise<void> {
  await client.query(
    `insert into guardianship_templates (code, version, kind, title, body) values ($1, 1, $2, $3, $4) on conflict (code, version) do nothing`,
    [t.code, t.kind, t.title, t.body],
  );
}
