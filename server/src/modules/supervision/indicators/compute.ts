/**
 * Computing the registered indicators for an area and a day. Each query runs in its own
 * transaction as the system (all streets in scope, row-level security still on), in parallel on
 * the pool, under a statement timeout: a failing or slow indicator gives its own error message and
 * the rest of the dashboard still answers. Aggregates only leave this module — never a child.
 */
import type { AppDeps } from '../../../app.js';
import { inScope, type Actor, type RequestCtx } from '../../../http/context.js';
import type { IndicatorValue } from '#common/supervision.js';
import { defOf, figureOf, indicators, ragOf, type IndicatorSpec } from './registry.js';
import './core.js';

export const SYSTEM_USER_ID = '00000000-0000-0000-0000-000000000000';
/** The district-total row of indicator_snapshots. */
export const ALL_STREETS_ROW = '';

export async function systemCtx(deps: AppDeps, purpose: string): Promise<RequestCtx> {
  const streets = (await deps.db.app.query<{ code: string }>('select code from streets order by code')).rows.map((r) => r.code);
  const actor: Actor = {
    userId: SYSTEM_USER_ID, username: 'system', displayName: '系统', unitCode: 'civil-affairs', unitName: '区民政局', unitNameEn: 'District Civil Affairs Bureau',
    roles: [], permissions: new Set(), adminClasses: [], totpEnabled: false,
    scope: { kind: 'district', streets, committees: [], assigned: false },
    session: { idHash: Buffer.alloc(0), publicId: '', csrfToken: '', pending: null },
  };
  return { requestId: `${purpose}-${Date.now()}`, ip: null, userAgent: 'supervision', actor };
}

export interface StreetRow { streetCode: string; num: number | null; den: number | null; val: number | null }
export interface RawFigures { total: StreetRow; byStreet: Map<string, StreetRow>; parts: { key: string; n: number }[] | null; error: string | null }

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** The contract's parameters a query actually uses (PostgreSQL refuses extra bind values). */
function paramsFor(sql: string, all: unknown[]): unknown[] {
  const used = Math.max(0, ...[...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
  return all.slice(0, used);
}

/** Runs one indicator's query (and its parts) for `streets` on `asOf`. */
export async function runIndicator(deps: AppDeps, ctx: RequestCtx, spec: IndicatorSpec, asOf: string, isToday: boolean, streets: string[]): Promise<RawFigures> {
  const empty: StreetRow = { streetCode: ALL_STREETS_ROW, num: null, den: null, val: null };
  try {
    return await inScope(deps.db, ctx, async (tx) => {
      await tx.client.query(`set local statement_timeout = '10s'`);
      const { rows } = await tx.client.query<{ street_code: string | null; num: unknown; den: unknown; val: unknown }>(spec.sql, paramsFor(spec.sql, [asOf, streets, isToday]));
      const byStreet = new Map<string, StreetRow>();
      let total = empty;
      for (const r of rows) {
        const row = { streetCode: r.street_code ?? ALL_STREETS_ROW, num: num(r.num), den: num(r.den), val: num(r.val) };
        if (r.street_code === null) total = row;
        else byStreet.set(r.street_code, row);
      }
      let parts: RawFigures['parts'] = null;
      if (spec.partsSql) {
        parts = (await tx.client.query<{ key: string; n: unknown }>(spec.partsSql, paramsFor(spec.partsSql, [asOf, streets, isToday]))).rows.map((p) => ({ key: p.key, n: Number(p.n) }));
      }
      return { total, byStreet, parts, error: null };
    });
  } catch (err) {
    const reason = err instanceof Error && /statement timeout/.test(err.message) ? '查询超时' : '查询出错';
    // For the operator: which indicator failed and why (a query error holds no personal data).
    console.warn(`indicator ${spec.code} failed: ${(err as Error).message}`);
    return { total: empty, byStreet: new Map(), parts: null, error: `该指标暂时无法计算（${reason}），其他指标不受影响；请稍后刷新或联系管理员` };
  }
}

/** A count is 0 where nothing was found; a percentage or a median has no value without data. */
function completeRow(spec: IndicatorSpec, row: StreetRow | undefined, streetCode: string): StreetRow {
  if (row) return row;
  return { streetCode, num: spec.unit === 'count' ? 0 : null, den: spec.unit === 'percent' ? 0 : null, val: null };
}

export interface ComputeOptions {
  asOf: string;
  isToday: boolean;
  streets: { code: string; name: string }[];
  /** Which indicators (default: all registered). */
  codes?: string[];
}

export interface Computed { spec: IndicatorSpec; total: StreetRow; byStreet: StreetRow[]; parts: RawFigures['parts']; error: string | null }

/**
 * Every indicator for the area. An indicator that reads current state only (currentOnly) takes,
 * for an earlier day, the month-end snapshot of that day's month.
 */
export async function computeAll(deps: AppDeps, opts: ComputeOptions): Promise<Computed[]> {
  const ctx = await systemCtx(deps, 'indicators');
  const codes = opts.streets.map((s) => s.code);
  const specs = indicators().filter((s) => !opts.codes || opts.codes.includes(s.code));
  return Promise.all(specs.map(async (spec): Promise<Computed> => {
    const raw = spec.currentOnly && !opts.isToday
      ? await fromSnapshot(deps, spec, opts.asOf.slice(0, 7), codes)
      : await runIndicator(deps, ctx, spec, opts.asOf, opts.isToday, codes);
    return {
      spec, total: raw.total, parts: raw.parts, error: raw.error,
      byStreet: opts.streets.map((s) => completeRow(spec, raw.byStreet.get(s.code), s.code)),
    };
  }));
}

async function fromSnapshot(deps: AppDeps, spec: IndicatorSpec, month: string, streets: string[]): Promise<RawFigures> {
  const { rows } = await deps.db.app.query<{ street_code: string; numerator: unknown; denominator: unknown; value: unknown }>(
    `select street_code, numerator, denominator, value from indicator_snapshots where indicator = $1 and month = $2 and (street_code = any ($3::text[]) or street_code = '')`,
    [spec.code, month, streets],
  );
  const byStreet = new Map<string, StreetRow>();
  let total: StreetRow | null = null;
  for (const r of rows) {
    const row = { streetCode: r.street_code, num: num(r.numerator), den: num(r.denominator), val: num(r.value) };
    if (r.street_code === ALL_STREETS_ROW) total = row;
    else byStreet.set(r.street_code, row);
  }
  if (!rows.length) return { total: { streetCode: '', num: null, den: null, val: null }, byStreet, parts: null, error: null };
  const all = (await deps.db.app.query<{ n: number }>('select count(*)::int as n from streets')).rows[0]!.n;
  // The district row is the district's; a narrower area sums its streets (counts only: currentOnly indicators are counts).
  if (!total || streets.length !== all) {
    const sum = (f: (r: StreetRow) => number | null) => [...byStreet.values()].reduce<number | null>((a, r) => (f(r) === null ? a : (a ?? 0) + f(r)!), null);
    total = { streetCode: '', num: sum((r) => r.num), den: sum((r) => r.den), val: null };
  }
  return { total, byStreet, parts: null, error: null };
}

export interface Target { value: number | null; source: string | null }

/** The figure, target and colour the dashboard shows for one computed indicator. */
export function present(c: Computed, target: Target, trend: { month: string; value: number | null }[], streetFilter: string | null): IndicatorValue {
  const { spec } = c;
  const value = c.error ? null : figureOf(spec.unit, c.total.num, c.total.den, c.total.val);
  return {
    ...defOf(spec),
    value,
    numerator: c.error ? null : c.total.num,
    denominator: c.error ? null : c.total.den,
    target: target.value,
    targetSource: target.source,
    rag: ragOf(spec, value, target.value),
    byStreet: c.byStreet.map((r) => ({ streetCode: r.streetCode, streetName: '', value: figureOf(spec.unit, r.num, r.den, r.val), numerator: r.num, denominator: r.den })),
    trend,
    parts: c.parts ? c.parts.map((p) => ({ key: p.key, label: spec.partLabels?.[p.key] ?? p.key, value: p.n })).sort((a, b) => b.value - a.value) : null,
    drill: spec.drill ? spec.drill(streetFilter) : null,
    error: c.error,
  };
}

/**
 * Writes the month's snapshot of every indicator (each street and the district total) as computed
 * for `asOf`. Idempotent: the last write of a month stands for its month-end.
 */
export async function snapshotMonth(deps: AppDeps, asOf: string, isToday: boolean): Promise<number> {
  const streets = (await deps.db.app.query<{ code: string; name: string }>('select code, name from streets order by sort, code')).rows;
  const computed = await computeAll(deps, { asOf, isToday, streets, codes: indicators().filter((s) => isToday || !s.currentOnly).map((s) => s.code) });
  const month = asOf.slice(0, 7);
  const rows: unknown[][] = [];
  for (const c of computed) {
    if (c.error) continue;
    for (const r of [c.total, ...c.byStreet]) {
      rows.push([c.spec.code, month, r.streetCode, r.num, r.den, figureOf(c.spec.unit, r.num, r.den, r.val)]);
    }
  }
  if (!rows.length) return 0;
  await deps.db.app.query(
    `insert into indicator_snapshots (indicator, month, street_code, numerator, denominator, value)
     select * from unnest($1::text[], $2::text[], $3::text[], $4::numeric[], $5::numeric[], $6::numeric[])
     on conflict (indicator, month, street_code) do update set numerator = excluded.numerator, denominator = excluded.denominator,
       value = excluded.value, computed_at = now()`,
    [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => r[3]), rows.map((r) => r[4]), rows.map((r) => r[5])],
  );
  return rows.length;
}

/** Month-end values of the last 12 months up to `asOf`'s month for the area; the running month is live. */
export async function trends(deps: AppDeps, computed: Computed[], asOf: string, isToday: boolean, streets: string[], allStreets: boolean): Promise<Map<string, { month: string; value: number | null }[]>> {
  const months: string[] = [];
  const [y, m] = [Number(asOf.slice(0, 4)), Number(asOf.slice(5, 7))];
  for (let i = 11; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    months.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  const { rows } = await deps.db.app.query<{ indicator: string; month: string; street_code: string; numerator: unknown; denominator: unknown; value: unknown }>(
    `select indicator, month, street_code, numerator, denominator, value from indicator_snapshots
     where month = any ($1::text[]) and ${allStreets ? `street_code = ''` : `street_code = any ($2::text[])`}`,
    allStreets ? [months] : [months, streets],
  );
  const out = new Map<string, { month: string; value: number | null }[]>();
  for (const c of computed) {
    const series = months.map((month) => {
      if (month === asOf.slice(0, 7) && isToday && !c.error) return { month, value: figureOf(c.spec.unit, c.total.num, c.total.den, c.total.val) };
      const rs = rows.filter((r) => r.indicator === c.spec.code && r.month === month);
      if (!rs.length) return { month, value: null };
      if (rs.length === 1) return { month, value: num(rs[0]!.value) };
      // Several streets: sum numerators and denominators (a median is not summable: their mean).
      const n = rs.reduce((a, r) => a + (num(r.numerator) ?? 0), 0);
      const d = rs.reduce((a, r) => a + (num(r.denominator) ?? 0), 0);
      const vals = rs.map((r) => num(r.value)).filter((v): v is number => v !== null);
      return { month, value: figureOf(c.spec.unit, n, d, vals.length ? vals.reduce((a, b) => a + b, 0) / vals.length : null) };
    });
    out.set(c.spec.code, series);
  }
  return out;
}
