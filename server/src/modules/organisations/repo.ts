/**
 * The SQL of the organisations module: the register, projects, the children a project serves, and
 * the 督办 indicator SQL. Organisations and projects are records of units (every organisations.read
 * holder reads them); project_children holds a child and is filtered by the child's area (RLS), so
 * its district-wide count comes from org_project_children_count (a count only).
 */
import type { Tx } from '../../core/context.js';

const ORG_COLS = `o.id, o.name, o.kind, o.credit_code, to_char(o.registered_on, 'YYYY-MM-DD') as registered_on, o.registration_authority,
  o.unit_code, o.staff_count, o.capacity_note, o.service_streets, o.contact_name, o.contact_phone, o.incubated,
  to_char(o.incubated_on, 'YYYY-MM-DD') as incubated_on, o.active, o.note, o.version,
  (select count(*) from org_projects p where p.organisation_id = o.id and p.status = 'running')::int as projects_running`;

export interface OrgRow {
  id: string;
  name: string;
  kind: string;
  credit_code: string | null;
  registered_on: string | null;
  registration_authority: string | null;
  unit_code: string | null;
  staff_count: number | null;
  capacity_note: string | null;
  service_streets: string[];
  contact_name: string | null;
  contact_phone: string | null;
  incubated: boolean;
  incubated_on: string | null;
  active: boolean;
  note: string | null;
  version: number;
  projects_running: number;
}

export interface OrgFilter {
  q?: string;
  kind?: string;
  street?: string;
  active?: boolean;
  incubated?: boolean;
}

export async function organisations(tx: Tx, f: OrgFilter, limit: number, offset: number): Promise<{ rows: OrgRow[]; total: number }> {
  const { rows } = await tx.client.query<OrgRow & { total: string }>(
    `select ${ORG_COLS}, count(*) over () as total from organisations o
      where ($1::text is null or o.name ilike '%' || $1 || '%' or o.credit_code = upper($1))
        and ($2::text is null or o.kind = $2) and ($3::text is null or $3 = any (o.service_streets))
        and ($4::boolean is null or o.active = $4) and ($5::boolean is null or o.incubated = $5)
      order by o.active desc, o.name limit $6 offset $7`,
    [f.q ?? null, f.kind ?? null, f.street ?? null, f.active ?? null, f.incubated ?? null, limit, offset],
  );
  return { rows, total: Number(rows[0]?.total ?? 0) };
}

export async function organisation(tx: Tx, id: string, lock = false): Promise<OrgRow | null> {
  const { rows } = await tx.client.query<OrgRow>(`select ${ORG_COLS} from organisations o where o.id = $1 ${lock ? 'for update' : ''}`, [id]);
  return rows[0] ?? null;
}

export async function organisationNames(tx: Tx): Promise<{ id: string; name: string }[]> {
  const { rows } = await tx.client.query<{ id: string; name: string }>(`select id, name from organisations where active order by name`);
  return rows;
}

/** Another organisation with this name or credit code (the unique columns). */
export async function orgClash(tx: Tx, name: string, creditCode: string | null, except: string | null): Promise<{ name: boolean; code: boolean }> {
  const { rows } = await tx.client.query<{ name: boolean; code: boolean }>(
    `select coalesce(bool_or(name = $1), false) as name, coalesce(bool_or(credit_code = $2), false) as code
       from organisations where (name = $1 or credit_code = $2) and ($3::uuid is null or id <> $3)`,
    [name, creditCode, except],
  );
  return rows[0] ?? { name: false, code: false };
}

export interface OrgWrite {
  name: string;
  kind: string;
  creditCode: string | null;
  registeredOn: string | null;
  registrationAuthority: string | null;
  staffCount: number | null;
  capacityNote: string | null;
  serviceStreets: string[];
  contactName: string | null;
  contactPhone: string | null;
  incubated: boolean;
  incubatedOn: string | null;
  active: boolean;
  note: string | null;
}

const orgParams = (w: OrgWrite) => [
  w.name,
  w.kind,
  w.creditCode,
  w.registeredOn,
  w.registrationAuthority,
  w.staffCount,
  w.capacityNote,
  w.serviceStreets,
  w.contactName,
  w.contactPhone,
  w.incubated,
  w.incubatedOn,
  w.active,
  w.note,
];

export async function insertOrganisation(tx: Tx, w: OrgWrite, userId: string): Promise<string> {
  const { rows } = await tx.client.query<{ id: string }>(
    `insert into organisations (name, kind, credit_code, registered_on, registration_authority, staff_count, capacity_note, service_streets,
                                contact_name, contact_phone, incubated, incubated_on, active, note, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) returning id`,
    [...orgParams(w), userId],
  );
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('insert returned no row');
  return id;
}

export async function updateOrganisation(tx: Tx, id: string, version: number, w: OrgWrite): Promise<boolean> {
  const { rowCount } = await tx.client.query(
    `update organisations set name = $1, kind = $2, credit_code = $3, registered_on = $4, registration_authority = $5, staff_count = $6,
            capacity_note = $7, service_streets = $8, contact_name = $9, contact_phone = $10, incubated = $11, incubated_on = $12,
            active = $13, note = $14, updated_at = now(), version = version + 1
      where id = $15 and version = $16`,
    [...orgParams(w), id, version],
  );
  return (rowCount ?? 0) > 0;
}

// ---- projects ----

const PROJECT_COLS = `p.id, p.organisation_id, o.name as organisation_name, p.name, p.kind, p.commissioning_unit_code, u.name as commissioning_unit_name,
  p.budget::float8 as budget, to_char(p.starts_on, 'YYYY-MM-DD') as starts_on, to_char(p.ends_on, 'YYYY-MM-DD') as ends_on, p.deliverables,
  p.children_target, p.streets, p.plan_tasks, p.status, p.note, p.version, org_project_children_count(p.id, $1::date) as children_served`;
const PROJECT_FROM = `org_projects p join organisations o on o.id = p.organisation_id left join units u on u.code = p.commissioning_unit_code`;

export interface ProjectRow {
  id: string;
  organisation_id: string;
  organisation_name: string;
  name: string;
  kind: string;
  commissioning_unit_code: string | null;
  commissioning_unit_name: string | null;
  budget: number | null;
  starts_on: string;
  ends_on: string;
  deliverables: string | null;
  children_target: number | null;
  streets: string[];
  plan_tasks: number[];
  status: string;
  note: string | null;
  version: number;
  children_served: number;
}

export interface ProjectFilter {
  q?: string;
  organisationId?: string;
  kind?: string;
  status?: string;
  street?: string;
}

export async function projects(tx: Tx, today: string, f: ProjectFilter, limit: number, offset: number): Promise<{ rows: ProjectRow[]; total: number }> {
  const { rows } = await tx.client.query<ProjectRow & { total: string }>(
    `select ${PROJECT_COLS}, count(*) over () as total from ${PROJECT_FROM}
      where ($2::text is null or p.name ilike '%' || $2 || '%' or o.name ilike '%' || $2 || '%')
        and ($3::uuid is null or p.organisation_id = $3) and ($4::text is null or p.kind = $4)
        and ($5::text is null or p.status = $5) and ($6::text is null or $6 = any (p.streets))
      order by array_position(array['running', 'planned', 'finished', 'cancelled'], p.status), p.starts_on desc, p.name
      limit $7 offset $8`,
    [today, f.q ?? null, f.organisationId ?? null, f.kind ?? null, f.status ?? null, f.street ?? null, limit, offset],
  );
  return { rows, total: Number(rows[0]?.total ?? 0) };
}

export async function project(tx: Tx, today: string, id: string): Promise<ProjectRow | null> {
  const { rows } = await tx.client.query<ProjectRow>(`select ${PROJECT_COLS} from ${PROJECT_FROM} where p.id = $2`, [today, id]);
  return rows[0] ?? null;
}

export async function projectVersion(tx: Tx, id: string): Promise<{ version: number; status: string; starts_on: string; ends_on: string } | null> {
  const { rows } = await tx.client.query<{ version: number; status: string; starts_on: string; ends_on: string }>(
    `select version, status, to_char(starts_on, 'YYYY-MM-DD') as starts_on, to_char(ends_on, 'YYYY-MM-DD') as ends_on from org_projects where id = $1 for update`,
    [id],
  );
  return rows[0] ?? null;
}

export interface ProjectWrite {
  organisationId: string;
  name: string;
  kind: string;
  commissioningUnitCode: string | null;
  budget: number | null;
  startsOn: string;
  endsOn: string;
  deliverables: string | null;
  childrenTarget: number | null;
  streets: string[];
  planTasks: number[];
  status: string;
  note: string | null;
}

const projectParams = (w: ProjectWrite) => [
  w.organisationId,
  w.name,
  w.kind,
  w.commissioningUnitCode,
  w.budget,
  w.startsOn,
  w.endsOn,
  w.deliverables,
  w.childrenTarget,
  w.streets,
  w.planTasks,
  w.status,
  w.note,
];

export async function insertProject(tx: Tx, w: ProjectWrite, userId: string): Promise<string> {
  const { rows } = await tx.client.query<{ id: string }>(
    `insert into org_projects (organisation_id, name, kind, commissioning_unit_code, budget, starts_on, ends_on, deliverables, children_target,
                               streets, plan_tasks, status, note, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) returning id`,
    [...projectParams(w), userId],
  );
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('insert returned no row');
  return id;
}

export async function updateProject(tx: Tx, id: string, version: number, w: ProjectWrite): Promise<boolean> {
  const { rowCount } = await tx.client.query(
    `update org_projects set organisation_id = $1, name = $2, kind = $3, commissioning_unit_code = $4, budget = $5, starts_on = $6, ends_on = $7,
            deliverables = $8, children_target = $9, streets = $10, plan_tasks = $11, status = $12, note = $13, updated_at = now(), version = version + 1
      where id = $14 and version = $15`,
    [...projectParams(w), id, version],
  );
  return (rowCount ?? 0) > 0;
}

// ---- the children a project serves (RLS: the caller's area) ----

export interface ProjectChildRow {
  child_id: string;
  name: string;
  street_name: string;
  committee_name: string;
  since: string;
  until: string | null;
}

export async function projectChildren(tx: Tx, projectId: string): Promise<ProjectChildRow[]> {
  const { rows } = await tx.client.query<ProjectChildRow>(
    `select pc.child_id, c.name, st.name as street_name, cm.name as committee_name,
            to_char(pc.since, 'YYYY-MM-DD') as since, to_char(pc.until, 'YYYY-MM-DD') as until
       from project_children pc join children c on c.id = pc.child_id join streets st on st.code = pc.street_code
       join committees cm on cm.id = pc.committee_id
      where pc.project_id = $1 order by pc.until nulls first, st.sort, cm.name, c.name_pinyin`,
    [projectId],
  );
  return rows;
}

/** The child as the caller sees it (RLS): its area, or null when outside the caller's area. */
export async function visibleChild(
  tx: Tx,
  id: string,
): Promise<{ id: string; name: string; street_code: string; committee_id: string; status: string } | null> {
  const { rows } = await tx.client.query<{ id: string; name: string; street_code: string; committee_id: string; status: string }>(
    `select id, name, street_code, committee_id, status from children where id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

export async function projectChild(tx: Tx, projectId: string, childId: string): Promise<{ since: string; until: string | null } | null> {
  const { rows } = await tx.client.query<{ since: string; until: string | null }>(
    `select to_char(since, 'YYYY-MM-DD') as since, to_char(until, 'YYYY-MM-DD') as until from project_children where project_id = $1 and child_id = $2 for update`,
    [projectId, childId],
  );
  return rows[0] ?? null;
}

export async function insertProjectChild(
  tx: Tx,
  projectId: string,
  child: { id: string; street_code: string; committee_id: string },
  since: string,
  userId: string,
): Promise<void> {
  await tx.client.query(
    `insert into project_children (project_id, child_id, street_code, committee_id, since, added_by) values ($1, $2, $3, $4, $5, $6)
     on conflict (project_id, child_id) do update set since = excluded.since, until = null, added_by = excluded.added_by`,
    [projectId, child.id, child.street_code, child.committee_id, since, userId],
  );
}

export async function endProjectChild(tx: Tx, projectId: string, childId: string, until: string): Promise<void> {
  await tx.client.query(`update project_children set until = $3 where project_id = $1 and child_id = $2`, [projectId, childId, until]);
}

// ---- reference ----

export async function streetCodes(tx: Tx): Promise<{ code: string; name: string }[]> {
  const { rows } = await tx.client.query<{ code: string; name: string }>(`select code, name from streets order by sort, code`);
  return rows;
}

export async function activeUnits(tx: Tx): Promise<{ code: string; name: string }[]> {
  const { rows } = await tx.client.query<{ code: string; name: string }>(
    `select code, name from units where active and kind in ('district', 'department', 'street') order by sort, code`,
  );
  return rows;
}

export async function unitExists(tx: Tx, code: string): Promise<boolean> {
  const { rowCount } = await tx.client.query(`select 1 from units where code = $1 and active`, [code]);
  return (rowCount ?? 0) > 0;
}

export async function orgExists(tx: Tx, id: string): Promise<boolean> {
  const { rowCount } = await tx.client.query(`select 1 from organisations where id = $1`, [id]);
  return (rowCount ?? 0) > 0;
}

// ---- 督办 indicators (registered in indicators.ts) ----

/** Active organisations registered by the day: per street the ones serving it, in total all of them. */
export const indicatorSqlOrganisationsActive = `select s.code as street_code, count(o.id) as num, null::numeric as den, null::numeric as val
    from streets s join organisations o on s.code = any (o.service_streets) and o.active and (o.created_at at time zone 'Asia/Shanghai')::date <= $1::date
   where s.code = any ($2::text[]) group by s.code
  union all
  select null, count(*), null, null from organisations o where o.active and (o.created_at at time zone 'Asia/Shanghai')::date <= $1::date`;

const RUNNING_ON = `p.status in ('running', 'finished') and p.starts_on <= $1::date and p.ends_on >= $1::date`;

/** Projects running on the day (not cancelled or still planned, the day within their period): per street the ones serving it. */
export const indicatorSqlProjectsRunning = `select s.code as street_code, count(p.id) as num, null::numeric as den, null::numeric as val
    from streets s join org_projects p on s.code = any (p.streets) and ${RUNNING_ON}
   where s.code = any ($2::text[]) group by s.code
  union all
  select null, count(*), null, null from org_projects p where ${RUNNING_ON}`;

/** Children served by some project on the day (each child once), by the child's street. */
export const indicatorSqlChildrenServed = `select pc.street_code, count(distinct pc.child_id) as num, null::numeric as den, null::numeric as val
    from project_children pc join org_projects p on p.id = pc.project_id
   where pc.street_code = any ($2::text[]) and pc.since <= $1::date and (pc.until is null or pc.until > $1::date) and p.status <> 'cancelled'
   group by grouping sets ((pc.street_code), ())`;
