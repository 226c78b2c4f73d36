/**
 * The profile view the SQL translation reads: one row per child, one column per profile input,
 * NULL = unknown. The platform builds it (as a view or a CTE) from the child file; the engine only
 * defines its columns, here, from the profile catalogue:
 *
 *   eligibility_profiles (
 *     child_id                       uuid      -- or any key
 *     birth_date                     date      -- children.birth_date
 *     hukou                          text      -- 'local' | 'other'
 *     categories                     text[]    -- category codes active on the as-of date
 *     disabled                       boolean
 *     disability_grade               smallint  -- 1..4
 *     disability_type                text      -- 视力 | 听力 | 言语 | 肢体 | 智力 | 精神 | 多重
 *     autism, serious_illness, hiv_infected, adopted, in_full_time_school   boolean
 *     school_stage                   text      -- 学前 | 小学 | 初中 | 高中 | 中职 | 高校 | 未入学 | 辍学
 *     institutional_care             boolean
 *     household_size                 smallint
 *     household_monthly_income_fen   bigint
 *     household_assets_fen           bigint
 *     household_receives_dibao, household_marginal_low_income   boolean
 *     benefits_receiving             text[]    -- policy ids
 *     caregiver_present, caregiver_can_raise   boolean
 *     father_status, mother_status   text      -- member status codes (common/src/children.ts)
 *     father_status_since, father_status_until, mother_status_since, mother_status_until   date
 *     father_disability_grade, mother_disability_grade   smallint
 *     father_disability_type, mother_disability_type     text
 *   )
 *
 * `PROFILE_VIEW_COLUMNS` is the authoritative list (with each column's source in the child file).
 */
import { isoFromDay } from './dates.js';
import { INPUTS, type Facts, type InputField } from './profile.js';

export const PROFILE_VIEW = 'eligibility_profiles';
export const KEY_COLUMN = 'child_id';

export interface ViewColumn {
  name: string;
  type: string;
  field: string;
  label: string;
  source: string;
}

export function sqlTypeOf(f: InputField): string {
  switch (f.kind) {
    case 'date':
      return 'date';
    case 'int':
      return 'smallint';
    case 'money':
      return 'bigint';
    case 'bool':
      return 'boolean';
    case 'enum':
      return 'text';
    case 'set':
      return 'text[]';
  }
}

export const PROFILE_VIEW_COLUMNS: readonly ViewColumn[] = INPUTS.map((f) => ({
  name: f.sqlColumn,
  type: sqlTypeOf(f),
  field: f.path,
  label: f.fullLabel,
  source: f.source,
}));

/** `create view` text for documentation and for the platform to start from. */
export function profileViewDefinition(): string {
  const cols = [`  ${KEY_COLUMN} uuid`, ...PROFILE_VIEW_COLUMNS.map((c) => `  ${c.name} ${c.type}  -- ${c.label}: ${c.source}`)];
  return `-- ${PROFILE_VIEW}: one row per child; NULL = unknown\n(\n${cols.join(',\n')}\n)`;
}

export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** A value of a profile column as a typed SQL literal. */
export function sqlLiteral(f: InputField, v: Facts['values'][number]): string {
  const type = sqlTypeOf(f);
  if (v === null || v === undefined) return `NULL::${type}`;
  switch (f.kind) {
    case 'date':
      return `DATE ${sqlString(isoFromDay(v as number))}`;
    case 'int':
      return `${String(v)}::smallint`;
    case 'money':
      return `${String(v)}::bigint`;
    case 'bool':
      return v ? 'true' : 'false';
    case 'enum':
      return `${sqlString(v as string)}::text`;
    case 'set':
      return `ARRAY[${(v as readonly string[]).map(sqlString).join(', ')}]::text[]`;
  }
}

/**
 * The profile view as a VALUES list, for tests and small ad-hoc runs:
 * `(VALUES (...), ...) AS eligibility_profiles (child_id, birth_date, …)`. Keys are integers.
 */
export function valuesSource(rows: readonly Facts[], alias = PROFILE_VIEW): string {
  const tuples = rows.map((r, i) => `(${[String(i), ...INPUTS.map((f) => sqlLiteral(f, r.values[f.index] ?? null))].join(', ')})`);
  return `(VALUES\n${tuples.join(',\n')}\n) AS ${alias} (${[KEY_COLUMN, ...INPUTS.map((f) => f.sqlColumn)].join(', ')})`;
}
