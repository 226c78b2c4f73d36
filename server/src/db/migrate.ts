/**
 * Applies the SQL migrations in server/migrations in file-name order, each in its own transaction,
 * once. Hand-written SQL because the parts that matter most here — row-level security policies,
 * GRANTs to the application role, SECURITY DEFINER functions and triggers — are not expressible in
 * an ORM's generated migrations. Queries are plain parameterised SQL, in each module's repo.ts.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../migrations');
/** Token in migration files replaced by the (validated) application role name. */
const ROLE_TOKEN = /:app_role\b/g;

export interface MigrationFile {
  name: string;
  checksum: string;
  /** The SQL with the application role filled in. */
  sql: string;
}

/** The migration files in order (the restore replays the ones a backup was taken at). */
export function migrationFiles(appRole: string): MigrationFile[] {
  return fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => {
      const text = fs.readFileSync(path.join(MIGRATIONS_DIR, name), 'utf8');
      return { name, checksum: crypto.createHash('sha256').update(text).digest('hex'), sql: text.replace(ROLE_TOKEN, `"${appRole}"`) };
    });
}

export async function migrate(client: pg.Client | pg.PoolClient, appRole: string, log: (m: string) => void = () => {}): Promise<string[]> {
  const applied: string[] = [];
  await client.query(`create table if not exists schema_migrations (
    name text primary key, checksum text not null, applied_at timestamptz not null default now())`);
  // One migrator at a time, even when several servers start together.
  await client.query('select pg_advisory_lock(4242000)');
  try {
    const done = new Map(
      (await client.query<{ name: string; checksum: string }>('select name, checksum from schema_migrations')).rows.map((r) => [r.name, r.checksum]),
    );
    for (const { name: file, checksum, sql } of migrationFiles(appRole)) {
      const previous = done.get(file);
      if (previous) {
        if (previous !== checksum) throw new Error(`migration ${file} was changed after it was applied; add a new migration instead`);
        continue;
      }
      await client.query('begin');
      try {
        await client.query(sql);
        await client.query('insert into schema_migrations (name, checksum) values ($1, $2)', [file, checksum]);
        await client.query('commit');
      } catch (err) {
        await client.query('rollback');
        throw new Error(`migration ${file} failed: ${(err as Error).message}`, { cause: err });
      }
      applied.push(file);
      log(`applied migration ${file}`);
    }
  } finally {
    await client.query('select pg_advisory_unlock(4242000)');
  }
  return applied;
}
