/**
 * The district beside the street (migration 20261209_1700_district_code): every child-scoped table
 * that carries street_code carries district_code, not null, defaulting to the configured district
 * (app_district_code(), equal to the seed's DISTRICT); rows written by the platform get it without
 * any code naming it; the row-level-security policies do not mention it (their meaning is unchanged).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISTRICT } from '../seed/reference.js';
import { testEnv, type TestEnv } from '../../test/harness.js';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(async () => {
  await env?.close();
});

interface Col {
  table_name: string;
  has_district: boolean;
  not_null: boolean;
  col_default: string | null;
}

describe('district_code', () => {
  it('is on children, streets and every table with a child and a street code: not null, the configured district by default', async () => {
    const { rows } = await env.owner.query<Col>(
      `select t.table_name,
              d.column_name is not null as has_district, d.is_nullable = 'NO' as not_null, d.column_default as col_default
         from information_schema.tables t
         join information_schema.columns s on s.table_schema = t.table_schema and s.table_name = t.table_name and s.column_name = 'street_code'
         left join information_schema.columns d on d.table_schema = t.table_schema and d.table_name = t.table_name and d.column_name = 'district_code'
        where t.table_schema = 'public' and t.table_type = 'BASE TABLE'
          and (t.table_name in ('children', 'streets')
               or exists (select 1 from information_schema.columns c where c.table_schema = 'public' and c.table_name = t.table_name and c.column_name = 'child_id'))
        order by 1`,
    );
    expect(rows.length).toBeGreaterThan(30);
    for (const r of rows) expect(r, r.table_name).toEqual({ table_name: r.table_name, has_district: true, not_null: true, col_default: 'app_district_code()' });
    expect((await env.owner.query<{ d: string }>('select app_district_code() as d')).rows[0]?.d).toBe(DISTRICT.code);
    expect((await env.owner.query<{ n: number }>('select count(*)::int as n from streets where district_code <> $1', [DISTRICT.code])).rows[0]?.n).toBe(0);
  });

  it('leaves the row-level-security policies as they were: none of them reads the district', async () => {
    const { rows } = await env.owner.query<{ n: number }>(
      `select count(*)::int as n from pg_policies where coalesce(qual, '') || coalesce(with_check, '') like '%district_code%'`,
    );
    expect(rows[0]?.n).toBe(0);
  });

  it('is filled in on the rows the platform writes, without any code naming it', async () => {
    const a = await env.login('street-dinghai');
    const committee = (await env.owner.query<{ id: string }>(`select id from committees where code = 'dinghai-03'`)).rows[0]?.id;
    const created = await a.post('/api/children', {
      name: '区划测试',
      birthDate: '2016-01-01',
      sex: 'F',
      noIdNote: '测试',
      hukou: 'local',
      riskLevel: 'low',
      committeeId: committee,
    });
    expect(created.statusCode, created.body).toBe(201);
    const id: string = created.json().id;
    const row = (await env.owner.query<{ street_code: string; district_code: string }>('select street_code, district_code from children where id = $1', [id]))
      .rows[0];
    expect(row).toEqual({ street_code: 'dinghai', district_code: DISTRICT.code });
    const categories = await env.owner.query<{ district_code: string }>('select district_code from child_categories where child_id = $1', [id]);
    for (const c of categories.rows) expect(c.district_code).toBe(DISTRICT.code);
  });
});
