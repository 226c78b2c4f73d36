/**
 * The SQL translation: each policy's criteria as a PostgreSQL expression over the profile view
 * (see ../sql.ts), returning 1 (eligible), 0 (not eligible) or NULL (undetermined), for counting
 * and pre-filtering in the database.
 *
 * Unknown is handled explicitly, never by SQL's own NULL rules: every condition is first mapped to
 * a smallint 0 (false) / 1 (unknown) / 2 (true) that is never NULL — a comparison is written
 * `coalesce((a < b)::int * 2, 1)` — so `and` is least(), `or` is greatest(), `not` is 2 - x, and
 * only the final CASE turns 1 into NULL. (least/greatest would silently skip NULLs; they never see
 * one.) Parameters and the as-of date are resolved for the date and written as literals.
 */
import { isoFromDay } from '../dates.js';
import { withOverrides, type Override, type Pack } from '../policy.js';
import { KEY_COLUMN, PROFILE_VIEW, sqlString } from '../sql.js';
import { buildIR, type IRGraph, type IRNode } from './ir.js';
import { INPUT_BY_PATH, type Domains } from '../profile.js';

export interface SqlOptions {
  /** Qualifier of the view's columns (default none). */
  alias?: string;
  overrides?: readonly Override[];
}

export interface PackSql {
  asOf: string;
  /** Per policy id: the expression returning 1 / 0 / NULL. */
  expressions: Map<string, string>;
  /** SELECT child_id, one column per policy (named by policy id) FROM the source. */
  select(source?: string): string;
}

export function packSql(pack: Pack, asOf: number, opts: SqlOptions = {}): PackSql {
  const p = opts.overrides?.length ? withOverrides(pack, opts.overrides) : pack;
  const g = buildIR(p, asOf);
  const q = opts.alias ? `${opts.alias}.` : '';
  const memo = new Map<number, string>();
  const expressions = new Map<string, string>();
  for (const pol of g.policies) {
    // 政策尚未施行 is a decided "no"; a date after every version stays unknown
    if (!pol.root) {
      expressions.set(pol.id, pol.notYet ? '0::smallint' : 'NULL::smallint');
      continue;
    }
    expressions.set(pol.id, `(CASE ${render(g, pol.root.node, q, memo)} WHEN 2 THEN 1 WHEN 0 THEN 0 ELSE NULL END)::smallint`);
  }
  return {
    asOf: isoFromDay(asOf),
    expressions,
    select(source = PROFILE_VIEW) {
      const cols = [...expressions].map(([id, e]) => `  ${e} AS "${id}"`);
      return `SELECT ${q}${KEY_COLUMN},\n${cols.join(',\n')}\nFROM ${source}`;
    },
  };
}

/** One policy's expression. */
export function policySql(pack: Pack, policyId: string, asOf: number, opts: SqlOptions = {}): string {
  const e = packSql(pack, asOf, opts).expressions.get(policyId);
  if (!e) throw new Error(`unknown policy ${policyId}`);
  return e;
}

function num(x: number): string {
  if (x !== x) return 'NULL::numeric';
  return Number.isInteger(x) ? String(x) : `${x}::numeric`;
}

function constSql(g: IRGraph, n: IRNode): string {
  const k = n.k!;
  switch (n.rep) {
    case 'tri':
      return String(k);
    case 'num':
      return num(k);
    case 'date':
      return k !== k ? 'NULL::date' : `DATE '${isoFromDay(k)}'`;
    case 'enum': {
      if (k === 0) return 'NULL::text';
      throw new Error('enum constants are rendered against their domain');
    }
    case 'set':
      return k === -1 ? 'NULL::text[]' : 'ARRAY[]::text[]';
  }
  void g;
  return 'NULL';
}

function render(g: IRGraph, id: number, q: string, memo: Map<number, string>): string {
  const hit = memo.get(id);
  if (hit !== undefined) return hit;
  const n = g.nodes[id]!;
  const R = (i: number) => render(g, n.args[i]!, q, memo);
  const tri = (cond: string) => `coalesce((${cond})::int * 2, 1)`;
  let s: string;
  switch (n.op) {
    case 'const':
      s = n.rep === 'enum' && n.k !== 0 ? enumLiteral(g, n) : constSql(g, n);
      break;
    case 'load': {
      const col = `${q}${sqlColumnOf(n.col!)}`;
      s = n.kind === 'bool' ? `(CASE ${col} WHEN true THEN 2 WHEN false THEN 0 ELSE 1 END)` : col;
      break;
    }
    case 'not':
      s = `(2 - ${R(0)})`;
      break;
    case 'and':
      s = `least(${n.args.map((_, i) => R(i)).join(', ')})`;
      break;
    case 'or':
      s = `greatest(${n.args.map((_, i) => R(i)).join(', ')})`;
      break;
    case 'lt':
      s = tri(`${R(0)} < ${R(1)}`);
      break;
    case 'le':
      s = tri(`${R(0)} <= ${R(1)}`);
      break;
    case 'gt':
      s = tri(`${R(0)} > ${R(1)}`);
      break;
    case 'ge':
      s = tri(`${R(0)} >= ${R(1)}`);
      break;
    case 'eq':
    case 'eqe':
      s = tri(`${R(0)} = ${R(1)}`);
      break;
    case 'ne':
    case 'nee':
      s = tri(`${R(0)} <> ${R(1)}`);
      break;
    case 'eqt':
    case 'net': {
      const a = R(0),
        b = R(1);
      s = `(CASE WHEN ${a} = 1 OR ${b} = 1 THEN 1 WHEN ${a} ${n.op === 'eqt' ? '=' : '<>'} ${b} THEN 2 ELSE 0 END)`;
      break;
    }
    case 'ine': {
      const dom = domainOf(g, n.args[0]!);
      const values = dom.filter((_, i) => ((n.k! >>> (i + 1)) & 1) === 1);
      s = values.length ? tri(`${R(0)} = ANY (ARRAY[${values.map(sqlString).join(', ')}]::text[])`) : `(CASE WHEN ${R(0)} IS NULL THEN 1 ELSE 0 END)`;
      break;
    }
    case 'inn':
      s = n.ks!.length ? tri(`${R(0)} IN (${n.ks!.map(num).join(', ')})`) : `(CASE WHEN ${R(0)} IS NULL THEN 1 ELSE 0 END)`;
      break;
    case 'has': {
      const dom = domainOf(g, n.args[0]!);
      const values = dom.filter((_, i) => (n.k! & (1 << i)) !== 0);
      s = tri(`${R(0)} && ARRAY[${values.map(sqlString).join(', ')}]::text[]`);
      break;
    }
    case 'add':
      s = `(${R(0)} + ${R(1)})`;
      break;
    case 'sub':
      s = `(${R(0)} - ${R(1)})`;
      break;
    case 'mul':
      s = `(${R(0)} * ${R(1)})`;
      break;
    case 'div':
      s = `((${R(0)})::numeric / NULLIF(${R(1)}, 0))`;
      break;
    case 'neg':
      s = `(- ${R(0)})`;
      break;
    case 'ybt': {
      const a = R(0),
        b = R(1);
      s = `(extract(year from ${b})::int - extract(year from ${a})::int - ((extract(month from ${b})::int * 100 + extract(day from ${b})::int) < (extract(month from ${a})::int * 100 + extract(day from ${a})::int))::int)`;
      break;
    }
    case 'mbt': {
      const a = R(0),
        b = R(1);
      s = `((extract(year from ${b})::int - extract(year from ${a})::int) * 12 + (extract(month from ${b})::int - extract(month from ${a})::int) - (extract(day from ${b})::int < extract(day from ${a})::int)::int)`;
      break;
    }
    case 'dbt':
      s = `(${R(1)} - ${R(0)})`;
      break;
    case 'addd':
      s = `(${R(0)} + trunc(${R(1)})::int)`;
      break;
    case 'addm':
      s = `(${R(0)} + make_interval(months => trunc(${R(1)})::int))::date`;
      break;
    case 'addy':
      s = `(${R(0)} + make_interval(months => 12 * trunc(${R(1)})::int))::date`;
      break;
    case 'min':
    case 'max': {
      const a = R(0),
        b = R(1);
      s = `(CASE WHEN ${a} IS NULL OR ${b} IS NULL THEN NULL ELSE ${n.op === 'min' ? 'least' : 'greatest'}(${a}, ${b}) END)`;
      break;
    }
    case 'if': {
      const unknown = n.rep === 'tri' ? '1' : 'NULL';
      s = `(CASE ${R(0)} WHEN 2 THEN ${R(1)} WHEN 0 THEN ${R(2)} ELSE ${unknown} END)`;
      break;
    }
    case 'size':
      s = `cardinality(${R(0)})`;
      break;
    case 'count': {
      const ts = n.args.map((_, i) => R(i));
      s = `(CASE WHEN ${ts.map((t) => `${t} = 1`).join(' OR ')} THEN NULL ELSE ${ts.map((t) => `(${t} = 2)::int`).join(' + ')} END)`;
      break;
    }
    case 'sum': {
      const unknown: string[] = [],
        parts: string[] = [];
      for (let i = 0; i < n.args.length; i += 2) {
        const w = R(i),
          v = R(i + 1);
        unknown.push(`${w} = 1`, `(${w} = 2 AND ${v} IS NULL)`);
        parts.push(`(CASE WHEN ${w} = 2 THEN ${v} ELSE 0 END)`);
      }
      s = `(CASE WHEN ${unknown.join(' OR ')} THEN NULL ELSE ${parts.join(' + ')} END)`;
      break;
    }
    default:
      throw new Error(`no SQL for ${String(n.op)}`);
  }
  memo.set(id, s);
  return s;
}

// Columns and domains -------------------------------------------------------------------------
function sqlColumnOf(path: string): string {
  return INPUT_BY_PATH.get(path)!.sqlColumn;
}

function domainOf(g: IRGraph, id: number): readonly string[] {
  const d = g.nodes[id]!.domain;
  if (!d) throw new Error(`node ${id} has no domain`);
  return g.codec.domains[d as keyof Domains].values;
}
function enumLiteral(g: IRGraph, n: IRNode): string {
  return `${sqlString(domainOf(g, n.id)[n.k! - 1]!)}::text`;
}
