/**
 * 协同 numbers for 督办 (GET /api/referrals/stats): referrals by kind and by receiving unit over a
 * period — sent, acknowledged in time, completed, median days to complete, overdue now.
 *
 * Who sees what (permission plan.read, the dashboard's): the district and any one street for
 * plan.read.all (civil affairs, leaders); a street office its own street (the child's street); any
 * other unit (a department) the referrals it received. The figures are counted under the caller's
 * row-level security as well, so a 暖杨通道 referral counts only where its viewer could see it.
 */
import { addDays, shanghaiDate } from '#common/dates.js';
import type { ReferralStats, ReferralStatsQuery, ReferralStatsRow } from '#common/referralStats.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import * as repo from './repo.js';

const n = (v: string | null) => (v === null ? 0 : Number(v));

export function presentRow(r: repo.StatsRow): ReferralStatsRow {
  const ackDue = n(r.ack_due);
  const ackOnTime = n(r.ack_on_time);
  return {
    code: r.code ?? '',
    name: r.grouping === 'total' ? '合计' : (r.name ?? r.code ?? ''),
    sent: n(r.sent),
    ackDue,
    ackOnTime,
    ackRate: ackDue ? Math.round((ackOnTime / ackDue) * 1000) / 10 : null,
    completed: n(r.completed),
    medianDays: r.median_days === null ? null : Math.round(Number(r.median_days) * 10) / 10,
    overdueNow: n(r.overdue_now),
  };
}

const EMPTY: ReferralStatsRow = { code: '', name: '合计', sent: 0, ackDue: 0, ackOnTime: 0, ackRate: null, completed: 0, medianDays: null, overdueNow: 0 };

export async function referralStats(tx: Tx, ctx: SignedInCtx, q: ReferralStatsQuery, now: number): Promise<ReferralStats> {
  const { actor } = ctx;
  const today = shanghaiDate(now);
  const to = q.to ?? today;
  const from = q.from ?? addDays(to, -89);
  if (from > to) throw errors.validation([{ path: 'from', message: '开始日期不能晚于结束日期' }]);
  const all = actor.permissions.has('plan.read.all');
  const own = await repo.streetOfUnit(tx, actor.unitCode);
  let street: { code: string; name: string } | null = null;
  if (q.street) {
    street = await repo.street(tx, q.street);
    if (!street) throw errors.validation([{ path: 'street', message: '街道不存在' }]);
    if (!all && street.code !== own?.code) throw errors.forbidden('只能查看本街道的转介统计');
  } else if (!all && own) street = own;
  const scope: ReferralStats['scope'] = street ? 'street' : all ? 'district' : 'unit';
  const rows = await repo.referralStats(tx, {
    from,
    to,
    now: new Date(now),
    today,
    street: street?.code ?? null,
    toUnit: scope === 'unit' ? actor.unitCode : null,
  });
  const total = rows.find((r) => r.grouping === 'total');
  return {
    from,
    to,
    scope,
    street,
    total: total ? presentRow(total) : EMPTY,
    byKind: rows.filter((r) => r.grouping === 'kind').map(presentRow),
    byUnit: rows.filter((r) => r.grouping === 'unit').map(presentRow),
  };
}
