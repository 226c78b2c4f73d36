/**
 * The SQL of the assignments module (社工分派): the commissioned social workers a street may
 * assign children to, the assignments (child_assignments, row-level security: the child's area,
 * or the worker's own rows), and the 督办 indicator of task 40.
 */
import type { Tx } from '../../core/context.js';

export interface WorkerRow {
  user_id: string;
  name: string;
  username: string;
  unit_code: string;
  organisation: string | null;
  by_org: boolean;
  suspended: boolean;
  children: number;
}

/**
 * The workers the caller's streets may assign children to: active users holding a role of scope
 * 'assigned' (the commissioned social worker), whose unit is an active organisation serving one
 * of the streets, or whose ledger person (still in post) works in one of them. `only` narrows the
 * list to one user (the check before an assignment). The children count is of the caller's area.
 */
export async function workers(tx: Tx, streets: string[], only: string | null = null): Promise<WorkerRow[]> {
  const { rows } = await tx.client.query<WorkerRow>(
    `select u.id as user_id, u.display_name as name, u.username, u.unit_code,
            coalesce(o.name, so.name) as organisation,
            (o.id is not null) as by_org,
            exists (select 1 from staff_access_suspensions s where s.user_id = u.id) as suspended,
            (select count(*)::int from child_assignments ca where ca.user_id = u.id) as children
       from users u
       left join organisations o on o.unit_code = u.unit_code and o.active and o.service_streets && $1::text[]
       left join staff st on st.user_id = u.id and st.left_on is null
       left join organisations so on so.id = st.organisation_id
      where not u.disabled
        and ($2::uuid is null or u.id = $2::uuid)
        and exists (select 1 from user_roles ur join roles r on r.code = ur.role_code where ur.user_id = u.id and r.scope_kind = 'assigned')
        and (o.id is not null or st.street_code = any ($1::text[]))
      order by u.display_name, u.id`,
    [streets, only],
  );
  return rows;
}

/** Running commissioned projects serving one of the streets (or the whole district). */
export async function projects(tx: Tx, streets: string[]): Promise<{ id: string; name: string; organisation: string }[]> {
  const { rows } = await tx.client.query<{ id: string; name: string; organisation: string }>(
    `select p.id, p.name, o.name as organisation from org_projects p join organisations o on o.id = p.organisation_id
      where p.status in ('planned', 'running') and (cardinality(p.streets) = 0 or p.streets && $1::text[])
      order by p.name`,
    [streets],
  );
  return rows;
}

/** The active committees of the streets with their active children (a bulk assignment picks one). */
export async function committees(tx: Tx, streets: string[]): Promise<{ id: string; name: string; children: number }[]> {
  const { rows } = await tx.client.query<{ id: string; name: string; children: number }>(
    `select m.id, m.name, count(c.id)::int as children
       from committees m left join children c on c.committee_id = m.id and c.status = 'active'
      where m.street_code = any ($1::text[]) and m.active
      group by m.id, m.name, m.code
      order by m.code`,
    [streets],
  );
  return rows;
}

export async function projectServes(tx: Tx, id: string, streets: string[]): Promise<boolean> {
  const { rowCount } = await tx.client.query(
    `select 1 from org_projects p where p.id = $1 and p.status in ('planned', 'running') and (cardinality(p.streets) = 0 or p.streets && $2::text[])`,
    [id, streets],
  );
  return (rowCount ?? 0) > 0;
}

/** Which of these children the caller's area holds (row-level security decides), with their area. */
export async function childrenInArea(
  tx: Tx,
  ids: string[],
  streets: string[],
): Promise<{ id: string; name: string; street_code: string; committee_id: string }[]> {
  const { rows } = await tx.client.query<{ id: string; name: string; street_code: string; committee_id: string }>(
    `select id, name, street_code, committee_id from children where id = any ($1::uuid[]) and street_code = any ($2::text[]) and status = 'active'`,
    [ids, streets],
  );
  return rows;
}

/** Inserts the assignments that do not exist yet; returns the children newly assigned. */
export async function insertAssignments(
  tx: Tx,
  userId: string,
  childIds: string[],
  projectId: string | null,
  note: string | null,
  by: string,
): Promise<string[]> {
  const { rows } = await tx.client.query<{ child_id: string }>(
    `insert into child_assignments (child_id, user_id, street_code, committee_id, assigned_by, project_id, note)
     select c, $2, '', '00000000-0000-0000-0000-000000000000', $3, $4, $5 from unnest($1::uuid[]) c
     on conflict (child_id, user_id) do nothing
     returning child_id`,
    [childIds, userId, by, projectId, note],
  );
  return rows.map((r) => r.child_id);
}

/** Ends an assignment in the caller's area: the row goes (the audit log keeps the history). */
export async function deleteAssignment(
  tx: Tx,
  userId: string,
  childId: string,
  streets: string[],
): Promise<{ street_code: string; project_id: string | null; assigned_at: Date } | null> {
  const { rows } = await tx.client.query<{ street_code: string; project_id: string | null; assigned_at: Date }>(
    `delete from child_assignments where user_id = $1 and child_id = $2 and street_code = any ($3::text[]) returning street_code, project_id, assigned_at`,
    [userId, childId, streets],
  );
  return rows[0] ?? null;
}

export interface AssignmentRow {
  child_id: string;
  child_name: string;
  committee_name: string;
  user_id: string;
  worker_name: string;
  project_id: string | null;
  project_name: string | null;
  note: string | null;
  assigned_at: Date;
  assigned_by_name: string | null;
}

/** The assignments of the caller's streets, by worker and/or child. */
export async function assignments(tx: Tx, streets: string[], q: { userId?: string | undefined; childId?: string | undefined }): Promise<AssignmentRow[]> {
  const { rows } = await tx.client.query<AssignmentRow>(
    `select ca.child_id, c.name as child_name, cm.name as committee_name, ca.user_id, u.display_name as worker_name,
            ca.project_id, p.name as project_name, ca.note, ca.assigned_at, b.display_name as assigned_by_name
       from child_assignments ca
       join children c on c.id = ca.child_id
       join committees cm on cm.id = ca.committee_id
       join users u on u.id = ca.user_id
       left join users b on b.id = ca.assigned_by
       left join org_projects p on p.id = ca.project_id
      where ca.street_code = any ($1::text[])
        and ($2::uuid is null or ca.user_id = $2::uuid)
        and ($3::uuid is null or ca.child_id = $3::uuid)
      order by u.display_name, cm.name, c.name_pinyin, c.id`,
    [streets, q.userId ?? null, q.childId ?? null],
  );
  return rows;
}

/** The workers a child is assigned to (the child file; the child is visible to the caller). */
export async function workersOfChild(tx: Tx, childId: string): Promise<{ user_id: string; name: string; organisation: string | null; since: Date }[]> {
  const { rows } = await tx.client.query<{ user_id: string; name: string; organisation: string | null; since: Date }>(
    `select ca.user_id, u.display_name as name, coalesce(o.name, un.name) as organisation, ca.assigned_at as since
       from child_assignments ca join children c on c.id = ca.child_id
       join users u on u.id = ca.user_id
       join units un on un.code = u.unit_code
       left join organisations o on o.unit_code = u.unit_code
      where ca.child_id = $1
      order by ca.assigned_at`,
    [childId],
  );
  return rows;
}

export async function streetNames(tx: Tx, codes: string[]): Promise<Map<string, string>> {
  const { rows } = await tx.client.query<{ code: string; name: string }>(`select code, name from streets where code = any ($1::text[])`, [codes]);
  return new Map(rows.map((r) => [r.code, r.name]));
}

// ---- 督办 (task 40) ----

/**
 * Children in the file assigned to a commissioned social worker (a user with a role of scope
 * 'assigned') on the as-of day: current assignments made by that day.
 */
export const indicatorSqlAssigned = `select c.street_code, count(distinct c.id) as num, null::numeric as den, null::numeric as val
    from children c
   where c.status = 'active'
     and c.street_code = any ($2::text[])
     and exists (select 1 from child_assignments ca
                  where ca.child_id = c.id and (ca.assigned_at at time zone 'Asia/Shanghai')::date <= $1::date
                    and exists (select 1 from user_roles ur join roles r on r.code = ur.role_code where ur.user_id = ca.user_id and r.scope_kind = 'assigned'))
   group by grouping sets ((c.street_code), ())`;
