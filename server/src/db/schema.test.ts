/** The drizzle table map (schema.ts) and the SQL migrations must describe the same columns. */
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../../test/harness.js';
import * as schema from './schema.js';

let env: TestEnv;
beforeAll(async () => { env = await testEnv(); });
afterAll(async () => { await env?.close(); });

describe('schema.ts mirrors the migrations', () => {
  const tables = (Object.values(schema) as unknown[]).filter((t): t is PgTable => typeof t === 'object' && t !== null && Symbol.for('drizzle:IsDrizzleTable') in t);

  it('declares every column that exists, with the same SQL type and nullability', async () => {
    expect(tables.length).toBeGreaterThanOrEqual(12);
    for (const table of tables) {
      const cfg = getTableConfig(table);
      const { rows } = await env.owner.query<{ column_name: string; udt_name: string; is_nullable: string }>(
        `select column_name, udt_name, is_nullable from information_schema.columns where table_schema = 'public' and table_name = $1`, [cfg.name]);
      expect(rows.length, cfg.name).toBeGreaterThan(0);
      const db = new Map(rows.map((r) => [r.column_name, r]));
      expect(new Set(cfg.columns.map((c) => c.name)), cfg.name).toEqual(new Set(db.keys()));
      for (const col of cfg.columns) {
        const actual = db.get(col.name)!;
        const declared = col.getSQLType().replace('timestamp with time zone', 'timestamptz').replace('[]', '');
        const expected = { text: 'text', uuid: 'uuid', boolean: 'bool', integer: 'int4', smallint: 'int2', bigint: 'int8', date: 'date', jsonb: 'jsonb', bytea: 'bytea', timestamptz: 'timestamptz' }[declared] ?? declared;
        const udt = actual.udt_name.replace(/^_/, '').replace('bpchar', 'text');
        expect(`${cfg.name}.${col.name}:${udt}`).toBe(`${cfg.name}.${col.name}:${expected}`);
        expect(`${cfg.name}.${col.name} nullable=${actual.is_nullable === 'YES'}`).toBe(`${cfg.name}.${col.name} nullable=${!col.notNull}`);
      }
    }
  });
});
