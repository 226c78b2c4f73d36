/**
 * The SQL translation's text (parity with PostgreSQL is proven in
 * server/src/modules/eligibility/sqlParity.test.ts): every column it reads is in the documented
 * view, unknown is mapped explicitly, and every policy translates on every date.
 */
import { describe, expect, it } from 'vitest';
import { packSql } from './compile/sql.js';
import { dayFromIso } from './dates.js';
import { loadPack } from './load.js';
import { PROFILE_VIEW_COLUMNS, profileViewDefinition } from './sql.js';
import { AS_OF_DATES } from './testing.js';

const pack = loadPack();

describe('SQL translation', () => {
  it('translates every policy on every date, reading only documented view columns', () => {
    const columns = new Set(PROFILE_VIEW_COLUMNS.map((c) => c.name));
    for (const date of AS_OF_DATES) {
      const sql = packSql(pack, dayFromIso(date)!);
      expect([...sql.expressions.keys()]).toEqual(pack.policyIds);
      for (const e of sql.expressions.values()) {
        const identifiers = e.replace(/'[^']*'/g, '').match(/\b[a-z][a-z_]*\b/g) ?? [];
        const keywords = new Set([
          'case',
          'when',
          'then',
          'else',
          'end',
          'null',
          'smallint',
          'int',
          'numeric',
          'text',
          'date',
          'least',
          'greatest',
          'coalesce',
          'extract',
          'year',
          'month',
          'day',
          'from',
          'any',
          'array',
          'nullif',
          'true',
          'false',
          'in',
          'or',
          'and',
          'is',
          'not',
          'cardinality',
          'trunc',
          'make_interval',
          'months',
        ]);
        for (const id of identifiers) if (!keywords.has(id)) expect(columns, `${date}: ${id}`).toContain(id);
        // the three-valued result is mapped to 1 / 0 / NULL only at the end (0 alone: 政策尚未施行)
        expect(e).toMatch(/^\(CASE .* WHEN 2 THEN 1 WHEN 0 THEN 0 ELSE NULL END\)::smallint$|^NULL::smallint$|^0::smallint$/s);
      }
    }
  });

  it('writes the profile view definition from the catalogue', () => {
    const text = profileViewDefinition();
    expect(text).toMatch(/birth_date date/);
    expect(text).toMatch(/father_status text/);
    expect(text).toMatch(/household_monthly_income_fen bigint/);
    expect(text).toMatch(/benefits_receiving text\[\]/);
  });
});
