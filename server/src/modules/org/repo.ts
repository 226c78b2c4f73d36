/** Every SQL statement of the org module: streets, residential committees, units. */
import type pg from 'pg';
import type { Unit } from '#common/api.js';
import type { Tx } from '../../core/context.js';
import { CHILD_DATA_TABLES } from '../children/childDataTables.js';

// ---- streets ----

export interface StreetRow {
  code: string;
  name: string;
  name_en: string;
  n: number;
}

export async function listStreets(tx: Tx): Promise<StreetRow[]> {
  return (
    await tx.client.query<StreetRow>(
      `select s.code, s.name, s.name_en, (select count(*) from committees c where c.street_code = s.code and c.active)::int as n
       from streets s order by s.sort, s.code`,
    )
  ).rows;
}

export async function streetExists(tx: Tx, code: string): Promise<boolean> {
  return !!(await tx.client.query('select 1 from streets where code = $1', [code])).rowCount;
}

/** Every street's code; read on the application pool before a district-wide act opens its scope. */
export async function allStreetCodes(pool: pg.Pool | pg.ClientBase): Promise<string[]> {
  return (await pool.query<{ code: string }>('select code from streets')).rows.map((r) => r.code);
}

// ---- committees ----

export interface CommitteeRow {
  id: string;
  code: string;
  name: string;
  street_code: string;
  active: boolean;
  merged_into: string | null;
}

export interface CommitteeFilter {
  street?: string | undefined;
  q?: string | undefined;
  includeInactive?: boolean;
}

export async function listCommittees(tx: Tx, f: CommitteeFilter, limit: number, offset: number): Promise<{ rows: CommitteeRow[]; total: number }> {
  const where: string[] = [];
  const args: unknown[] = [];
  if (f.street) {
    args.push(f.street);
    where.push(`street_code = $${args.length}`);
  }
  if (f.q) {
    args.push(`%${f.q}%`);
    where.push(`name like $${args.length}`);
  }
  if (!f.includeInactive) where.push('active');
  const w = where.length ? `where ${where.join(' and ')}` : '';
  const total = one((await tx.client.query<{ n: number }>(`select count(*)::int as n from committees ${w}`, args)).rows).n;
  const { rows } = await tx.client.query<CommitteeRow>(
    `select id, code, name, street_code, active, merged_into from committees ${w} order by street_code, code
       limit $${args.length + 1} offset $${args.length + 2}`,
    [...args, limit, offset],
  );
  return { rows, total };
}

/** Whether another committee of the street (not `exceptId`) has this name. */
export async function committeeNameTaken(tx: Tx, streetCode: string, name: string, exceptId?: string): Promise<boolean> {
  const res = exceptId
    ? await tx.client.query('select 1 from committees where street_code = $1 and name = $2 and id <> $3', [streetCode, name, exceptId])
    : await tx.client.query('select 1 from committees where street_code = $1 and name = $2', [streetCode, name]);
  return !!res.rowCount;
}

/** Next free code for a new committee of a street: `<street>-NN`, numbered after the highest. */
export async function nextCommitteeCode(tx: Tx, streetCode: string): Promise<string> {
  const { rows } = await tx.client.query<{ n: number | null }>(
    `select max(nullif(regexp_replace(code, '^.*-', ''), '')::int) as n from committees
     where street_code = $1 and code ~ ('^' || $1 || '-[0-9]+$')`,
    [streetCode],
  );
  const next = (rows[0]?.n ?? 0) + 1;
  return `${streetCode}-${String(next).padStart(2, '0')}`;
}

export async function insertCommittee(tx: Tx, code: string, streetCode: string, name: string): Promise<CommitteeRow> {
  return one(
    (
      await tx.client.query<CommitteeRow>(
        `insert into committees (code, street_code, name) values ($1, $2, $3) returning id, code, name, street_code, active, merged_into`,
        [code, streetCode, name],
      )
    ).rows,
  );
}

export async function lockCommittee(tx: Tx, id: string): Promise<CommitteeRow | undefined> {
  return (await tx.client.query<CommitteeRow>('select id, code, name, street_code, active, merged_into from committees where id = $1 for update', [id]))
    .rows[0];
}

export async function renameCommittee(tx: Tx, id: string, name: string): Promise<CommitteeRow> {
  return one(
    (
      await tx.client.query<CommitteeRow>(
        `update committees set name = $2, updated_at = now() where id = $1 returning id, code, name, street_code, active, merged_into`,
        [id, name],
      )
    ).rows,
  );
}

export async function lockCommittees(tx: Tx, ids: string[]): Promise<CommitteeRow[]> {
  return (await tx.client.query<CommitteeRow>('select id, code, name, street_code, active, merged_into from committees where id = any($1) for update', [ids]))
    .rows;
}

/** Moves every child, every child-data row and every child director of `fromId` to `intoId`; returns the counts moved. */
export async function moveCommitteeContents(tx: Tx, fromId: string, intoId: string): Promise<{ children: number; directors: number }> {
  const c = tx.client;
  const moved = await c.query('update children set committee_id = $2, updated_at = now() where committee_id = $1', [fromId, intoId]);
  for (const t of CHILD_DATA_TABLES) await c.query(`update ${t} set committee_id = $2 where committee_id = $1`, [fromId, intoId]);
  const directors = await c.query(
    `insert into user_committees (user_id, committee_id) select user_id, $2 from user_committees where committee_id = $1
       on conflict do nothing`,
    [fromId, intoId],
  );
  await c.query('delete from user_committees where committee_id = $1', [fromId]);
  return { children: moved.rowCount ?? 0, directors: directors.rowCount ?? 0 };
}

export async function markMerged(tx: Tx, fromId: string, intoId: string): Promise<CommitteeRow> {
  return one(
    (
      await tx.client.query<CommitteeRow>(
        `update committees set active = false, merged_into = $2, updated_at = now() where id = $1
       returning id, code, name, street_code, active, merged_into`,
        [fromId, intoId],
      )
    ).rows,
  );
}

// ---- units ----

export interface UnitRow {
  code: string;
  name: string;
  name_en: string;
  kind: Unit['kind'];
  street_code: string | null;
  active: boolean;
  sort: number;
}
const UNIT_COLUMNS = 'code, name, name_en, kind, street_code, active, sort';

export async function listUnits(tx: Tx): Promise<UnitRow[]> {
  return (await tx.client.query<UnitRow>(`select ${UNIT_COLUMNS} from units order by sort, code`)).rows;
}

export async function unitCodeOrNameTaken(tx: Tx, code: string, name: string): Promise<boolean> {
  return !!(await tx.client.query('select code from units where code = $1 or name = $2', [code, name])).rowCount;
}

export async function unitNameTaken(tx: Tx, name: string, exceptCode: string): Promise<boolean> {
  return !!(await tx.client.query('select code from units where name = $1 and code <> $2', [name, exceptCode])).rowCount;
}

export async function insertUnit(tx: Tx, u: { code: string; name: string; nameEn: string; kind: Unit['kind']; streetCode: string | null }): Promise<UnitRow> {
  return one(
    (
      await tx.client.query<UnitRow>(
        `insert into units (code, name, name_en, kind, street_code, active, sort) values ($1, $2, $3, $4, $5, true, 1000) returning ${UNIT_COLUMNS}`,
        [u.code, u.name, u.nameEn, u.kind, u.streetCode],
      )
    ).rows,
  );
}

export async function lockUnit(tx: Tx, code: string): Promise<UnitRow | undefined> {
  return (await tx.client.query<UnitRow>(`select ${UNIT_COLUMNS} from units where code = $1 for update`, [code])).rows[0];
}

export async function updateUnit(tx: Tx, code: string, u: { name: string; nameEn: string; active: boolean }): Promise<UnitRow> {
  return one(
    (
      await tx.client.query<UnitRow>(`update units set name = $2, name_en = $3, active = $4 where code = $1 returning ${UNIT_COLUMNS}`, [
        code,
        u.name,
        u.nameEn,
        u.active,
      ])
    ).rows,
  );
}

function one<T>(rows: T[]): T {
  const row = rows[0];
  if (row === undefined) throw new Error('the statement returned no row');
  return row;
}
