/**
 * The indicator registry. An indicator is a named query over the platform's own records, with its
 * definition in words, the plan tasks it serves, a unit, a direction and a default target. The
 * dashboard, the indicators page, the quarterly report and the month-end snapshots all read from
 * this registry, so a module adds a figure by registering a query here — never by changing them.
 *
 * The query contract (one statement, run as the system over the whole district under row-level
 * security, so it reads aggregates only):
 *   $1  date     the as-of day (the period's end, or today while the period runs)
 *   $2  text[]   the streets to count (the viewer's)
 *   $3  boolean  true when $1 is today: a query may then use the maintained current state
 *                (e.g. children.next_visit_due) instead of reconstructing the past
 * and it returns rows (street_code text, num numeric, den numeric, val numeric) grouped by
 * `grouping sets ((street_code), ())`: one row per street and one total row whose street_code is
 * null. `num/den` make percentages and counts (den null for a count); `val` carries a figure that
 * cannot be summed across streets (a median). An indicator with parts (a distribution) also has a
 * `partsSql` (same parameters) returning rows (street_code text, key text, n numeric) grouped by
 * `grouping sets ((street_code, key), (key))`.
 *
 * Figures are computed for all streets at once and kept in indicator_cache (see compute.ts), so the
 * dashboard of the district and of each street reads them instead of counting again.
 */
import type { Permission } from '#common/permissions.js';
import type { IndicatorDef, IndicatorUnit } from '#common/supervision.js';

export interface IndicatorSpec extends IndicatorDef {
  sql: string;
  partsSql?: string;
  /** Labels of the parts' keys (category codes → 孤儿（散居）…). */
  partLabels?: Record<string, string>;
  /**
   * The query reads current state only (e.g. the latest matching): for an earlier day the value is
   * the month-end snapshot of that month, not a recomputation.
   */
  currentOnly?: boolean;
  /** How far from the target is still amber: percentage points, a count, or days. */
  amberMargin: number;
  /** The interface path listing what the figure counts, for a street (null: the whole area). */
  drill?: (street: string | null) => string | null;
  /** The permission that list needs (default children.read); without it the figure opens nothing. */
  drillPermission?: Permission;
}

const registry = new Map<string, IndicatorSpec>();

export function registerIndicator(spec: IndicatorSpec): void {
  if (registry.has(spec.code)) throw new Error(`indicator ${spec.code} registered twice`);
  if (!/^[a-z][a-zA-Z0-9.]+$/.test(spec.code)) throw new Error(`indicator code ${spec.code} is not of the form module.name`);
  registry.set(spec.code, spec);
}

export function indicators(): IndicatorSpec[] {
  return [...registry.values()];
}

export function indicator(code: string): IndicatorSpec | undefined {
  return registry.get(code);
}

export function defOf(s: IndicatorSpec): IndicatorDef {
  return {
    code: s.code,
    name: s.name,
    nameEn: s.nameEn,
    definition: s.definition,
    definitionEn: s.definitionEn,
    unit: s.unit,
    direction: s.direction,
    tasks: s.tasks,
    defaultTarget: s.defaultTarget,
  };
}

/** The figure of a row: a percentage (one decimal), a count, or the row's own value. */
export function figureOf(unit: IndicatorUnit, num: number | null, den: number | null, val: number | null): number | null {
  if (unit === 'percent') return den === null || den === 0 || num === null ? null : Math.round((num / den) * 1000) / 10;
  if (unit === 'days') return val === null ? null : Math.round(val * 10) / 10;
  return num;
}

/**
 * Below this many cases a percentage or a median says little ("0 天 · 达标" over two grants): such a
 * figure is shown with its size and not rated.
 */
export const MIN_SAMPLE = 10;

/** How many cases a figure rests on: a percentage's denominator, a median's count; a count has none. */
export function sampleOf(unit: IndicatorUnit, num: number | null, den: number | null): number | null {
  if (unit === 'percent') return den;
  if (unit === 'days') return num;
  return null;
}

/** Red / amber / green against the target; 'none' without a target, a value or a direction. */
export function ragOf(spec: Pick<IndicatorSpec, 'direction' | 'amberMargin'>, value: number | null, target: number | null): 'green' | 'amber' | 'red' | 'none' {
  if (value === null || target === null || spec.direction === 'none') return 'none';
  const gap = spec.direction === 'higher' ? target - value : value - target;
  if (gap <= 0) return 'green';
  return gap <= spec.amberMargin ? 'amber' : 'red';
}
