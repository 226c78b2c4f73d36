/** All SQL of the backup and the restore: the catalog reads, and the statements built from them. */
import type pg from 'pg';

export interface TableInfo {
  name: string;
  /** Stored columns in order (generated columns are left out: PostgreSQL computes them again). */
  columns: string[];
  /** Primary-key columns, each with `collate "C"` when collatable: a fixed row order everywhere. */
  orderBy: string[];
}

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Fixes the text form of dates, times, intervals, floats and bytea for the whole session. */
export async function setTextSettings(client: pg.ClientBase): Promise<void> {
  await client.query(
    "set datestyle = 'ISO, MDY'; set intervalstyle = 'postgres'; set timezone = 'UTC'; set extra_float_digits = 3; set bytea_output = 'hex'; set client_encoding = 'UTF8'",
  );
}

export async function serverVersion(client: pg.ClientBase): Promise<string> {
  return (await client.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]?.v ?? '';
}

export async function currentDatabase(client: pg.ClientBase): Promise<string> {
  return (await client.query<{ db: string }>('select current_database() as db')).rows[0]?.db ?? '';
}

export async function appliedMigrations(client: pg.ClientBase): Promise<string[]> {
  const has = await client.query("select 1 from pg_class where relname = 'schema_migrations' and relnamespace = 'public'::regnamespace");
  if (!has.rowCount) return [];
  return (await client.query<{ name: string }>('select name from schema_migrations order by name')).rows.map((r) => r.name);
}

/**
 * The application's tables (schema public, ordinary tables, schema_migrations left out: the
 * restore writes it by running the migrations) in foreign-key order: a table comes after every
 * table it references.
 */
export async function tablesInDependencyOrder(client: pg.ClientBase): Promise<TableInfo[]> {
  const tables = (
    await client.query<{ oid: number; name: string }>(
      `select c.oid::int as oid, c.relname as name from pg_class c
        where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' and c.relname <> 'schema_migrations'
        order by c.relname`,
    )
  ).rows;
  const cols = (
    await client.query<{ oid: number; name: string; pk: number | null; collatable: boolean }>(
      `select a.attrelid::int as oid, a.attname as name, array_position(i.indkey::int2[], a.attnum) as pk, a.attcollation <> 0 as collatable
         from pg_attribute a
         join pg_class c on c.oid = a.attrelid and c.relnamespace = 'public'::regnamespace and c.relkind = 'r'
         left join pg_index i on i.indrelid = a.attrelid and i.indisprimary
        where a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
        order by a.attrelid, a.attnum`,
    )
  ).rows;
  const deps = (
    await client.query<{ child: number; parent: number }>(
      `select distinct conrelid::int as child, confrelid::int as parent from pg_constraint
        where contype = 'f' and conrelid <> confrelid and connamespace = 'public'::regnamespace`,
    )
  ).rows;
  const info = new Map<number, TableInfo>();
  for (const t of tables) info.set(t.oid, { name: t.name, columns: [], orderBy: [] });
  const pkOrder = new Map<number, { pos: number; expr: string }[]>();
  for (const c of cols) {
    const t = info.get(c.oid);
    if (!t) continue;
    t.columns.push(c.name);
    if (c.pk !== null) {
      const list = pkOrder.get(c.oid) ?? [];
      list.push({ pos: c.pk, expr: c.collatable ? `${ident(c.name)} collate "C"` : ident(c.name) });
      pkOrder.set(c.oid, list);
    }
  }
  for (const [oid, list] of pkOrder) {
    const t = info.get(oid);
    if (t) t.orderBy = list.sort((a, b) => a.pos - b.pos).map((x) => x.expr);
  }
  const parents = new Map<number, number[]>();
  for (const d of deps) parents.set(d.child, [...(parents.get(d.child) ?? []), d.parent]);
  const ordered: TableInfo[] = [];
  const state = new Map<number, 'visiting' | 'done'>();
  const visit = (oid: number, path: string[]) => {
    const s = state.get(oid);
    const t = info.get(oid);
    if (s === 'done' || !t) return;
    if (s === 'visiting') throw new Error('外键形成环，无法确定恢复顺序 / foreign keys form a cycle: ' + [...path, t.name].join(' → '));
    state.set(oid, 'visiting');
    for (const p of parents.get(oid) ?? []) visit(p, [...path, t.name]);
    state.set(oid, 'done');
    ordered.push(t);
  };
  for (const t of tables) visit(t.oid, []);
  return ordered;
}

/**
 * The statement whose output is a table's data: its stored columns in primary-key order (a table
 * without one in the order of its whole row's text), in COPY's text format.
 */
export function copyOutSql(t: TableInfo): string {
  const table = ident(t.name);
  const order = t.orderBy.length ? t.orderBy.join(', ') : `${table}::text collate "C"`;
  return 'copy (select ' + t.columns.map(ident).join(', ') + ' from ' + table + ' order by ' + order + ') to stdout';
}

export function copyInSql(name: string, columns: string[]): string {
  return 'copy ' + ident(name) + ' (' + columns.map(ident).join(', ') + ') from stdin';
}

export async function sequences(client: pg.ClientBase): Promise<{ name: string; lastValue: string; isCalled: boolean }[]> {
  const names = (
    await client.query<{ name: string }>("select relname as name from pg_class where relnamespace = 'public'::regnamespace and relkind = 'S' order by relname")
  ).rows;
  const out: { name: string; lastValue: string; isCalled: boolean }[] = [];
  for (const { name } of names) {
    const r = (await client.query<{ last_value: string; is_called: boolean }>('select last_value::text, is_called from ' + ident(name))).rows[0];
    if (r) out.push({ name, lastValue: r.last_value, isCalled: r.is_called });
  }
  return out;
}

export async function setSequence(client: pg.ClientBase, name: string, value: string, isCalled: boolean): Promise<void> {
  await client.query('select setval($1::regclass, $2::bigint, $3)', [ident(name), value, isCalled]);
}

export async function maxAuditId(client: pg.ClientBase): Promise<number> {
  return (await client.query<{ id: number | null }>('select max(id)::int8 as id from audit_log')).rows[0]?.id ?? 0;
}

export async function beginSnapshot(client: pg.ClientBase): Promise<void> {
  await client.query('begin isolation level repeatable read read only');
}

export async function setUserTriggers(client: pg.ClientBase, table: string, enabled: boolean): Promise<void> {
  await client.query('alter table ' + ident(table) + (enabled ? ' enable' : ' disable') + ' trigger user');
}

/**
 * What the target holds. A migrated but unused database (reference rows its migrations wrote) holds
 * no data; accounts, children or audit rows, or tables of another application, do.
 */
export async function targetContents(client: pg.ClientBase): Promise<{ tables: number; holdsData: boolean; objects: number }> {
  const tables = (
    await client.query<{ name: string }>("select relname as name from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r'")
  ).rows.map((r) => r.name);
  const objects = (
    await client.query<{ n: number }>(
      "select ((select count(*) from pg_class where relnamespace = 'public'::regnamespace) + (select count(*) from pg_proc where pronamespace = 'public'::regnamespace))::int as n",
    )
  ).rows[0]?.n;
  // Tables that are not this application's: data of something else, never overwritten silently.
  let holdsData = tables.some((t) => t !== 'schema_migrations') && !tables.includes('users');
  for (const t of ['users', 'children', 'audit_log']) {
    if (!tables.includes(t)) continue;
    const r = await client.query('select 1 from ' + ident(t) + ' limit 1');
    if (r.rowCount) holdsData = true;
  }
  return { tables: tables.length, holdsData, objects: objects ?? 0 };
}

/** Empties the target's public schema (inside the restore's transaction: undone if it fails). */
export async function resetPublicSchema(client: pg.ClientBase): Promise<void> {
  await client.query('drop schema public cascade');
  await client.query('create schema public');
  await client.query('grant usage on schema public to public');
}

export async function createMigrationsTable(client: pg.ClientBase): Promise<void> {
  await client.query(
    'create table if not exists schema_migrations (name text primary key, checksum text not null, applied_at timestamptz not null default now())',
  );
}

export async function recordMigration(client: pg.ClientBase, name: string, checksum: string): Promise<void> {
  await client.query('insert into schema_migrations (name, checksum) values ($1, $2)', [name, checksum]);
}

export async function databaseExists(client: pg.ClientBase, name: string): Promise<boolean> {
  return Boolean((await client.query('select 1 from pg_database where datname = $1', [name])).rowCount);
}

export async function createDatabase(client: pg.ClientBase, name: string): Promise<void> {
  await client.query('create database ' + ident(name));
}

/** Empties the given tables at once (their own triggers off: the audit log refuses TRUNCATE otherwise). */
export async function truncateAll(client: pg.ClientBase, tables: string[]): Promise<void> {
  if (tables.length) await client.query('truncate table ' + tables.map(ident).join(', '));
}
