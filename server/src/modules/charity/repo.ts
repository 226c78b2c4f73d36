/**
 * The SQL of the charity module: charity projects (records of units: every holder of the module's
 * permission reads them), the facts of the caller's children for the matching (the eligibility
 * profile, under row-level security), the aid records (charity_aid: the child's area), and the
 * 督办 indicators of task 20.
 */
import type { Tx } from '../../core/context.js';

export interface ProjectRow {
  id: string;
  name: string;
  organisation_id: string | null;
  organisation_name: string | null;
  funder: string | null;
  description: string | null;
  rules: unknown;
  aid_kind: 'money' | 'goods' | 'service';
  amount_per_child: string | null;
  budget: string | null;
  capacity: number | null;
  starts_on: string;
  ends_on: string | null;
  active: boolean;
  version: number;
  children_aided: number;
  amount_given: string;
}

const PROJECT_COLS = `p.id, p.name, p.organisation_id, o.name as organisation_name, p.funder, p.description, p.rules, p.aid_kind,
  p.amount_per_child, p.budget, p.capacity, p.starts_on::text, p.ends_on::text, p.active, p.version,
  t.children as children_aided, t.amount::text as amount_given`;

/**
 * The district-wide totals of a project (children aided, amount given) are figures of the project,
 * not of children: read through a security-definer function (migration 1440) so a street sees how
 * full a project is.
 */
const PROJECT_FROM = `charity_projects p left join organisations o on o.id = p.organisation_id cross join lateral charity_project_totals(p.id) t`;

export async function projects(tx: Tx, q: { q?: string | undefined; active?: boolean | undefined; limit: number; offset: number }) {
  const where = `($1::text is null or p.name ilike '%' || $1 || '%' or p.funder ilike '%' || $1 || '%') and ($2::boolean is null or p.active = $2)`;
  const params = [q.q ?? null, q.active ?? null];
  const { rows } = await tx.client.query<ProjectRow>(
    `select ${PROJECT_COLS} from ${PROJECT_FROM} where ${where} order by p.active desc, p.starts_on desc, p.name limit $3 offset $4`,
    [...params, q.limit, q.offset],
  );
  const count = await tx.client.query<{ n: number }>(`select count(*)::int as n from charity_projects p where ${where}`, params);
  return { rows, total: count.rows[0]?.n ?? 0 };
}

export async function project(tx: Tx, id: string, lock = false): Promise<ProjectRow | null> {
  if (lock) await tx.client.query(`select 1 from charity_projects where id = $1 for update`, [id]);
  const { rows } = await tx.client.query<ProjectRow>(`select ${PROJECT_COLS} from ${PROJECT_FROM} where p.id = $1`, [id]);
  return rows[0] ?? null;
}

export async function activeProjects(tx: Tx, day: string): Promise<ProjectRow[]> {
  const { rows } = await tx.client.query<ProjectRow>(
    `select ${PROJECT_COLS} from ${PROJECT_FROM} where p.active and p.starts_on <= $1::date and (p.ends_on is null or p.ends_on >= $1::date) order by p.name`,
    [day],
  );
  return rows;
}

export interface ProjectWrite {
  name: string;
  organisationId: string | null;
  funder: string | null;
  description: string | null;
  rules: unknown;
  aidKind: string;
  amountPerChild: number | null;
  budget: number | null;
  capacity: number | null;
  startsOn: string;
  endsOn: string | null;
  active: boolean;
}

export async function insertProject(tx: Tx, w: ProjectWrite, by: string): Promise<string> {
  const { rows } = await tx.client.query<{ id: string }>(
    `insert into charity_projects (name, organisation_id, funder, description, rules, aid_kind, amount_per_child, budget, capacity, starts_on, ends_on, active, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning id`,
    [
      w.name,
      w.organisationId,
      w.funder,
      w.description,
      JSON.stringify(w.rules),
      w.aidKind,
      w.amountPerChild,
      w.budget,
      w.capacity,
      w.startsOn,
      w.endsOn,
      w.active,
      by,
    ],
  );
  const r = rows[0];
  if (!r) throw new Error('insert returned no row');
  return r.id;
}

export async function updateProject(tx: Tx, id: string, version: number, w: ProjectWrite): Promise<boolean> {
  const { rowCount } = await tx.client.query(
    `update charity_projects set name = $3, organisation_id = $4, funder = $5, description = $6, rules = $7, aid_kind = $8, amount_per_child = $9,
            budget = $10, capacity = $11, starts_on = $12, ends_on = $13, active = $14, updated_at = now(), version = version + 1
      where id = $1 and version = $2`,
    [
      id,
      version,
      w.name,
      w.organisationId,
      w.funder,
      w.description,
      JSON.stringify(w.rules),
      w.aidKind,
      w.amountPerChild,
      w.budget,
      w.capacity,
      w.startsOn,
      w.endsOn,
      w.active,
    ],
  );
  return (rowCount ?? 0) > 0;
}

export async function organisationExists(tx: Tx, id: string): Promise<boolean> {
  const { rowCount } = await tx.client.query(`select 1 from organisations where id = $1 and active`, [id]);
  return (rowCount ?? 0) > 0;
}

export async function organisations(tx: Tx): Promise<{ id: string; name: string }[]> {
  return (await tx.client.query<{ id: string; name: string }>(`select id, name from organisations where active order by name`)).rows;
}

export async function streets(tx: Tx): Promise<{ code: string; name: string }[]> {
  return (await tx.client.query<{ code: string; name: string }>(`select code, name from streets order by sort, code`)).rows;
}

export async function knownStreets(tx: Tx, codes: string[]): Promise<string[]> {
  return (await tx.client.query<{ code: string }>(`select code from streets where code = any ($1::text[])`, [codes])).rows.map((r) => r.code);
}

// ---- the facts of children for the matching ----

export interface FactsRow {
  child_id: string;
  name: string;
  street_code: string;
  street_name: string;
  committee_name: string;
  birth_date: string | null;
  categories: string[] | null;
  disabled: boolean | null;
  in_school: boolean | null;
}

/**
 * The facts of the caller's children (row-level security decides which) on a day, from the
 * eligibility profile (null: not recorded). `childId` narrows to one child; `exceptAidedBy`
 * leaves out the children who hold given aid of that project.
 */
export async function facts(tx: Tx, day: string, opts: { childId?: string; exceptAidedBy?: string }): Promise<FactsRow[]> {
  const { rows } = await tx.client.query<FactsRow>(
    `select c.id as child_id, c.name, c.street_code, s.name as street_name, m.name as committee_name, e.birth_date::text,
            e.categories, e.disabled, e.in_full_time_school as in_school
       from children c
       join eligibility_profiles_at($1::date) e on e.child_id = c.id
       join streets s on s.code = c.street_code
       join committees m on m.id = c.committee_id
      where c.status = 'active'
        and ($2::uuid is null or c.id = $2::uuid)
        and ($3::uuid is null or not exists (select 1 from charity_aid a where a.child_id = c.id and a.project_id = $3::uuid and a.status = 'given'))
      order by s.sort, m.name, c.name_pinyin, c.id`,
    [day, opts.childId ?? null, opts.exceptAidedBy ?? null],
  );
  return rows;
}

/** Children of the caller's area who hold given aid of the project. */
export async function aidedInArea(tx: Tx, projectId: string): Promise<number> {
  const { rows } = await tx.client.query<{ n: number }>(
    `select count(distinct child_id)::int as n from charity_aid where project_id = $1 and status = 'given'`,
    [projectId],
  );
  return rows[0]?.n ?? 0;
}

// ---- aid ----

export interface AidRow {
  id: string;
  project_id: string;
  project_name: string;
  child_id: string;
  child_name: string;
  given_on: string;
  kind: 'money' | 'goods' | 'service';
  amount: string | null;
  description: string | null;
  status: 'given' | 'cancelled';
  cancel_reason: string | null;
  recorded_by_name: string | null;
  version: number;
}

const AID_SELECT = `select a.id, a.project_id, p.name as project_name, a.child_id, c.name as child_name, a.given_on::text, a.kind, a.amount::text,
       a.description, a.status, a.cancel_reason, u.display_name as recorded_by_name, a.version
  from charity_aid a join charity_projects p on p.id = a.project_id join children c on c.id = a.child_id left join users u on u.id = a.recorded_by`;

export async function aid(tx: Tx, id: string, lock = false): Promise<AidRow | null> {
  const { rows } = await tx.client.query<AidRow>(`${AID_SELECT} where a.id = $1${lock ? ' for update of a' : ''}`, [id]);
  return rows[0] ?? null;
}

export async function aidOfChild(tx: Tx, childId: string): Promise<AidRow[]> {
  return (await tx.client.query<AidRow>(`${AID_SELECT} where a.child_id = $1 order by a.given_on desc, a.created_at desc`, [childId])).rows;
}

/** District-wide: the children holding given aid of the project, and whether this child is one (capacity). */
export async function projectUptake(tx: Tx, projectId: string, childId: string): Promise<{ children: number; has: boolean }> {
  const { rows } = await tx.client.query<{ children: number; has: boolean }>(`select * from charity_project_uptake($1, $2)`, [projectId, childId]);
  return rows[0] ?? { children: 0, has: false };
}

export async function childVisible(tx: Tx, childId: string): Promise<boolean> {
  const { rowCount } = await tx.client.query(`select 1 from children where id = $1`, [childId]);
  return (rowCount ?? 0) > 0;
}

export async function insertAid(
  tx: Tx,
  w: { projectId: string; childId: string; givenOn: string; kind: string; amount: number | null; description: string | null },
  by: string,
): Promise<string> {
  const { rows } = await tx.client.query<{ id: string }>(
    `insert into charity_aid (project_id, child_id, street_code, committee_id, given_on, kind, amount, description, recorded_by)
     values ($1, $2, '', '00000000-0000-0000-0000-000000000000', $3, $4, $5, $6, $7) returning id`,
    [w.projectId, w.childId, w.givenOn, w.kind, w.amount, w.description, by],
  );
  const r = rows[0];
  if (!r) throw new Error('insert returned no row');
  return r.id;
}

export async function cancelAid(tx: Tx, id: string, version: number, reason: string, by: string): Promise<boolean> {
  const { rowCount } = await tx.client.query(
    `update charity_aid set status = 'cancelled', cancel_reason = $3, cancelled_by = $4, cancelled_at = now(), updated_at = now(), version = version + 1
      where id = $1 and version = $2 and status = 'given'`,
    [id, version, reason, by],
  );
  return (rowCount ?? 0) > 0;
}

// ---- 督办 (task 20) ----

const THIS_YEAR = `a.given_on between date_trunc('year', $1::date)::date and $1::date`;

/** Children who received charity aid (not cancelled) from the first of the year to the as-of day. */
export const indicatorSqlChildrenAided = `select a.street_code, count(distinct a.child_id) as num, null::numeric as den, null::numeric as val
    from charity_aid a
   where a.status = 'given' and a.street_code = any ($2::text[]) and ${THIS_YEAR}
   group by grouping sets ((a.street_code), ())`;

/** The amount of charity aid (元, not cancelled) given from the first of the year to the as-of day. */
export const indicatorSqlAidAmount = `select a.street_code, coalesce(sum(a.amount), 0) as num, null::numeric as den, null::numeric as val
    from charity_aid a
   where a.status = 'given' and a.street_code = any ($2::text[]) and ${THIS_YEAR}
   group by grouping sets ((a.street_code), ())`;

/** Charity projects active on the as-of day; a street counts those open to its children (no street rule, or the street listed). */
export const indicatorSqlActiveProjects = `select s.code as street_code, count(distinct p.id) as num, null::numeric as den, null::numeric as val
    from charity_projects p
    join streets s on s.code = any ($2::text[])
                  and (coalesce(jsonb_array_length(p.rules -> 'streets'), 0) = 0 or p.rules -> 'streets' ? s.code)
   where p.active and p.starts_on <= $1::date and (p.ends_on is null or p.ends_on >= $1::date)
   group by grouping sets ((s.code), ())`;
