/**
 * Computing the registered indicators. Each query runs for all streets at once (one row per street
 * and the district total), in its own read-only transaction as the system (all streets in scope,
 * row-level security still on), in parallel on the read pool (a replica when configured), under a statement timeout: a failing or slow
 * indicator gives its own error message and the rest of the dashboard still answers. Aggregates
 * only leave this module — never a child.
 *
 * Pre-aggregation: the figures of a day are kept in indicator_cache. A dashboard reads them and
 * cuts out the viewer's streets; figures for today older than TODAY_TTL are shown while a single
 * background refresh recomputes them (stale-while-revalidate); figures nobody computed yet are
 * computed on the spot. The morning job refreshes today's, so the first viewer rarely waits.
 */
import type { AppDeps } from '../../../core/deps.js';
import { inReadScope, type RequestCtx } from '../../../core/context.js';
import { systemCtx } from '../../../http/systemActor.js';
import type { IndicatorValue } from '#common/supervision.js';
import { defOf, figureOf, indicator, indicators, MIN_SAMPLE, ragOf, sampleOf, type IndicatorSpec } from './registry.js';
import './core.js';
// Other modules' indicators register themselves on import.
import '../../referrals/indicators.js';
import * as repo from '../repo/indicators.js';

/** The district-total row of indicator_cache and indicator_snapshots. */
export const ALL_STREETS_ROW = '';
/** How long today's figures are shown before a background refresh. */
export const TODAY_TTL_MS = 5 * 60_000;
/** An earlier day's figures change only when records are back-dated: refreshed after a day. */
export const PAST_TTL_MS = 24 * 3_600_000;

export interface StreetRow {
  streetCode: string;
  num: number | null;
  den: number | null;
  val: number | null;
}
type Part = { key: string; n: number };
/** An indicator's figures for a day: every street's row and the district's (''), with their parts. */
export interface Figures {
  rows: Map<string, StreetRow>;
  parts: Map<string, Part[]> | null;
  error: string | null;
  computedAt: number;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** The contract's parameters a query actually uses (PostgreSQL refuses extra bind values). */
export function paramsFor(sql: string, all: unknown[]): unknown[] {
  const used = Math.max(0, ...[...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
  return all.slice(0, used);
}

async function allStreets(deps: AppDeps): Promise<{ code: string; name: string }[]> {
  return repo.allStreets(deps.db.app);
}

/**
 * Runs one indicator's query (and its parts) over every street on `asOf`: a read-only report, so on
 * the read pool (a replica when DATABASE_READ_URL is set) under the same scope and row-level
 * security. The figures are stamped with the time they were computed; the cache lives on the primary.
 */
export async function computeFigures(deps: AppDeps, ctx: RequestCtx, spec: IndicatorSpec, asOf: string, isToday: boolean, streets: string[]): Promise<Figures> {
  const computedAt = deps.clock();
  try {
    return await inReadScope(deps.db, ctx, async (tx) => {
      await repo.limitStatementTime(tx);
      const args = [asOf, streets, isToday];
      const rows = await repo.runIndicatorQuery(tx, spec.sql, paramsFor(spec.sql, args));
      const out = new Map<string, StreetRow>();
      for (const r of rows) {
        const code = r.street_code ?? ALL_STREETS_ROW;
        out.set(code, { streetCode: code, num: num(r.num), den: num(r.den), val: num(r.val) });
      }
      let parts: Figures['parts'] = null;
      if (spec.partsSql) {
        parts = new Map();
        for (const p of await repo.runIndicatorPartsQuery(tx, spec.partsSql, paramsFor(spec.partsSql, args))) {
          const code = p.street_code ?? ALL_STREETS_ROW;
          parts.set(code, [...(parts.get(code) ?? []), { key: p.key, n: Number(p.n) }]);
        }
      }
      return { rows: out, parts, error: null, computedAt };
    });
  } catch (err) {
    const reason = err instanceof Error && /statement timeout/.test(err.message) ? '查询超时' : '查询出错';
    // For the operator: which indicator failed and why (a query error holds no personal data).
    console.warn(`indicator ${spec.code} failed: ${(err as Error).message}`);
    return { rows: new Map(), parts: null, error: `该指标暂时无法计算（${reason}），其他指标不受影响；请稍后刷新或联系管理员`, computedAt };
  }
}

async function readCache(deps: AppDeps, asOf: string, codes: string[]): Promise<Map<string, Figures>> {
  const rows = await repo.cacheRows(deps.db.app, asOf, codes);
  const out = new Map<string, Figures>();
  for (const r of rows) {
    const f = out.get(r.indicator) ?? { rows: new Map(), parts: null, error: null, computedAt: r.computed_at.getTime() };
    f.rows.set(r.street_code, { streetCode: r.street_code, num: num(r.numerator), den: num(r.denominator), val: num(r.value) });
    if (r.parts) (f.parts ??= new Map()).set(r.street_code, r.parts);
    f.computedAt = Math.min(f.computedAt, r.computed_at.getTime());
    out.set(r.indicator, f);
  }
  return out;
}

async function writeCache(deps: AppDeps, asOf: string, code: string, f: Figures): Promise<void> {
  if (f.error) return;
  const rows = [...f.rows.values()];
  const keys = new Set([...rows.map((r) => r.streetCode), ...(f.parts ? [...f.parts.keys()] : [])]);
  const list = [...keys].map((k) => ({
    row: f.rows.get(k) ?? { streetCode: k, num: null, den: null, val: null },
    parts: f.parts ? (f.parts.get(k) ?? []) : null,
  }));
  await repo.replaceCache(
    deps.db.app,
    code,
    asOf,
    list.map((x) => ({ ...x.row, parts: x.parts })),
    new Date(f.computedAt),
  );
}

/** Computes and stores the figures of `codes` for `asOf`, in parallel. */
export async function refreshFigures(deps: AppDeps, asOf: string, isToday: boolean, codes: string[]): Promise<Map<string, Figures>> {
  const ctx = await systemCtx(deps, 'indicators');
  const streets = (await allStreets(deps)).map((s) => s.code);
  const out = new Map<string, Figures>();
  await Promise.all(
    codes.map(async (code) => {
      const spec = indicator(code);
      if (!spec) return;
      const f = await computeFigures(deps, ctx, spec, asOf, isToday, streets);
      await writeCache(deps, asOf, code, f);
      out.set(code, f);
    }),
  );
  return out;
}

const refreshing = new Map<string, Promise<unknown>>();

/**
 * The figures of `codes` for `asOf`: from the cache; computed now where missing; refreshed in the
 * background (once at a time per day) where older than their time to live.
 */
export async function figuresFor(deps: AppDeps, asOf: string, isToday: boolean, codes: string[]): Promise<Map<string, Figures>> {
  const cached = await readCache(deps, asOf, codes);
  const missing = codes.filter((c) => !cached.has(c));
  if (missing.length) for (const [k, v] of await refreshFigures(deps, asOf, isToday, missing)) cached.set(k, v);
  const ttl = isToday ? TODAY_TTL_MS : PAST_TTL_MS;
  const stale = codes.filter((c) => {
    const f = cached.get(c);
    return !missing.includes(c) && f !== undefined && deps.clock() - f.computedAt > ttl;
  });
  const key = `${asOf}|${isToday}`;
  if (stale.length && !refreshing.has(key)) {
    const run = refreshFigures(deps, asOf, isToday, stale)
      .catch((err) => console.warn(`indicator refresh failed: ${(err as Error).message}`))
      .finally(() => refreshing.delete(key));
    refreshing.set(key, run);
  }
  return cached;
}

/** Waits for background refreshes (tests, and a clean shutdown). */
export async function settleRefreshes(): Promise<void> {
  await Promise.all([...refreshing.values()]);
}

export interface ComputeOptions {
  asOf: string;
  isToday: boolean;
  /** The viewer's streets (the district total is used when they are all the streets). */
  streets: { code: string; name: string }[];
  /** Which indicators (default: all registered). */
  codes?: string[];
}

export interface Computed {
  spec: IndicatorSpec;
  total: StreetRow;
  byStreet: StreetRow[];
  parts: Part[] | null;
  error: string | null;
  computedAt: number | null;
}

/** A count is 0 where nothing was found; a percentage or a median has no value without data. */
function completeRow(spec: IndicatorSpec, row: StreetRow | undefined, streetCode: string): StreetRow {
  if (row) return row;
  return { streetCode, num: spec.unit === 'count' ? 0 : null, den: spec.unit === 'percent' ? 0 : null, val: null };
}

/** The viewer's figures out of all streets': the district row, one street's, or a sum of several. */
function cut(spec: IndicatorSpec, f: Figures, streets: string[], all: boolean): { total: StreetRow; parts: Part[] | null } {
  if (all) return { total: completeRow(spec, f.rows.get(ALL_STREETS_ROW), ALL_STREETS_ROW), parts: f.parts?.get(ALL_STREETS_ROW) ?? (f.parts ? [] : null) };
  const [one] = streets;
  if (streets.length === 1 && one !== undefined) return { total: completeRow(spec, f.rows.get(one), one), parts: f.parts ? (f.parts.get(one) ?? []) : null };
  // Several streets but not all: sum numerators and denominators; a median has no sum (left empty).
  const rows = streets.map((s) => completeRow(spec, f.rows.get(s), s));
  const sum = (g: (r: StreetRow) => number | null) =>
    rows.reduce<number | null>((a, r) => {
      const v = g(r);
      return v === null ? a : (a ?? 0) + v;
    }, null);
  const parts = new Map<string, number>();
  for (const s of streets) for (const p of f.parts?.get(s) ?? []) parts.set(p.key, (parts.get(p.key) ?? 0) + p.n);
  return {
    total: { streetCode: ALL_STREETS_ROW, num: sum((r) => r.num), den: sum((r) => r.den), val: null },
    parts: f.parts ? [...parts].map(([key, n]) => ({ key, n })) : null,
  };
}

/**
 * Every indicator for the viewer's streets. An indicator that reads current state only
 * (currentOnly) takes, for an earlier day, the month-end snapshot of that day's month.
 */
export async function computeAll(deps: AppDeps, opts: ComputeOptions): Promise<Computed[]> {
  const all = (await allStreets(deps)).length === opts.streets.length;
  const codes = opts.streets.map((s) => s.code);
  const specs = indicators().filter((s) => !opts.codes || opts.codes.includes(s.code));
  const live = specs.filter((s) => !(s.currentOnly && !opts.isToday));
  const figures = await figuresFor(
    deps,
    opts.asOf,
    opts.isToday,
    live.map((s) => s.code),
  );
  return Promise.all(
    specs.map(async (spec): Promise<Computed> => {
      const f = figures.get(spec.code) ?? (await fromSnapshot(deps, spec, opts.asOf.slice(0, 7)));
      const { total, parts } = cut(spec, f, codes, all);
      return {
        spec,
        total,
        parts,
        error: f.error,
        computedAt: f.error ? null : f.computedAt,
        byStreet: opts.streets.map((s) => completeRow(spec, f.rows.get(s.code), s.code)),
      };
    }),
  );
}

async function fromSnapshot(deps: AppDeps, spec: IndicatorSpec, month: string): Promise<Figures> {
  const rows = await repo.snapshotOf(deps.db.app, spec.code, month);
  const out = new Map<string, StreetRow>();
  for (const r of rows) out.set(r.street_code, { streetCode: r.street_code, num: num(r.numerator), den: num(r.denominator), val: num(r.value) });
  if (!rows.length) {
    // No record of that month: nothing to show, not zero.
    return {
      rows: new Map([[ALL_STREETS_ROW, { streetCode: ALL_STREETS_ROW, num: null, den: null, val: null }]]),
      parts: null,
      error: null,
      computedAt: deps.clock(),
    };
  }
  return { rows: out, parts: null, error: null, computedAt: Math.min(...rows.map((r) => r.computed_at.getTime())) };
}

export interface Target {
  value: number | null;
  source: string | null;
}

/** The figure, target and colour the dashboard shows for one computed indicator. */
export function present(
  c: Computed,
  target: Target,
  trend: { month: string; value: number | null }[],
  streetFilter: string | null,
  may: (p: string) => boolean,
): IndicatorValue {
  const { spec } = c;
  const value = c.error ? null : figureOf(spec.unit, c.total.num, c.total.den, c.total.val);
  const sample = c.error ? null : sampleOf(spec.unit, c.total.num, c.total.den);
  const smallSample = value !== null && sample !== null && sample < MIN_SAMPLE;
  return {
    ...defOf(spec),
    value,
    numerator: c.error ? null : c.total.num,
    denominator: c.error ? null : c.total.den,
    target: target.value,
    targetSource: target.source,
    sample,
    smallSample,
    rag: smallSample ? 'none' : ragOf(spec, value, target.value),
    byStreet: c.byStreet.map((r) => ({
      streetCode: r.streetCode,
      streetName: '',
      value: figureOf(spec.unit, r.num, r.den, r.val),
      numerator: r.num,
      denominator: r.den,
    })),
    trend,
    parts: c.parts
      ? c.parts
          .map((p) => ({ key: p.key, label: spec.partLabels?.[p.key] ?? p.key, value: p.n }))
          .sort((a, b) => b.value - a.value || a.key.localeCompare(b.key))
      : null,
    // The list behind the figure, for those who may open it (a department sees figures, not children).
    drill: spec.drill && may(spec.drillPermission ?? 'children.read') ? spec.drill(streetFilter) : null,
    error: c.error,
  };
}

/**
 * Writes the month's snapshot of every indicator (each street and the district total) as computed
 * for `asOf`, freshly (and refreshes the cache of that day with it). Idempotent: the last write of
 * a month stands for its month-end.
 */
export async function snapshotMonth(deps: AppDeps, asOf: string, isToday: boolean): Promise<number> {
  const codes = indicators()
    .filter((s) => isToday || !s.currentOnly)
    .map((s) => s.code);
  const figures = await refreshFigures(deps, asOf, isToday, codes);
  const month = asOf.slice(0, 7);
  const rows: repo.SnapshotLine[] = [];
  for (const [code, f] of figures) {
    const spec = indicator(code);
    if (f.error || !spec) continue;
    for (const r of f.rows.values())
      rows.push({ code, month, streetCode: r.streetCode, num: r.num, den: r.den, value: figureOf(spec.unit, r.num, r.den, r.val) });
  }
  if (!rows.length) return 0;
  await repo.upsertSnapshots(deps.db.app, rows);
  return rows.length;
}

/** Month-end values of the last 12 months up to `asOf`'s month for the area; the running month is live. */
export async function trends(
  deps: AppDeps,
  computed: Computed[],
  asOf: string,
  isToday: boolean,
  streets: string[],
  allStreets: boolean,
): Promise<Map<string, { month: string; value: number | null }[]>> {
  const months: string[] = [];
  const [y, m] = [Number(asOf.slice(0, 4)), Number(asOf.slice(5, 7))];
  for (let i = 11; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    months.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  const rows = await repo.trendRows(deps.db.app, months, streets, allStreets);
  const out = new Map<string, { month: string; value: number | null }[]>();
  for (const c of computed) {
    const series = months.map((month) => {
      if (month === asOf.slice(0, 7) && isToday && !c.error) return { month, value: figureOf(c.spec.unit, c.total.num, c.total.den, c.total.val) };
      const rs = rows.filter((r) => r.indicator === c.spec.code && r.month === month);
      if (!rs.length) return { month, value: null };
      const [only] = rs;
      if (rs.length === 1 && only) return { month, value: num(only.value) };
      // Several streets: sum numerators and denominators (a median is not summable: left empty).
      const n = rs.reduce((a, r) => a + (num(r.numerator) ?? 0), 0);
      const d = rs.reduce((a, r) => a + (num(r.denominator) ?? 0), 0);
      return { month, value: figureOf(c.spec.unit, n, d, null) };
    });
    out.set(c.spec.code, series);
  }
  return out;
}
