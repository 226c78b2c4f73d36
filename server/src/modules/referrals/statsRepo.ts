/**
 * The SQL of the 协同 breakdown (stats.ts): one pass over the referrals the caller sees (row-level
 * security), grouped by kind, by receiving unit and in total. Aggregates only.
 */
import type { Tx } from '../../core/context.js';

export interface StatsFilter {
  /** First and last day of the period (Shanghai dates). */
  from: string;
  to: string;
  /** The moment "now" for the acknowledgement and overdue figures. */
  now: Date;
  /** Today (Shanghai) for the due day. */
  today: string;
  street: string | null;
  toUnit: string | null;
}

export interface StatsRow {
  grouping: 'kind' | 'unit' | 'total';
  code: string | null;
  name: string | null;
  sent: string;
  ack_due: string;
  ack_on_time: string;
  completed: string;
  median_days: string | null;
  overdue_now: string;
}

export async function referralStats(tx: Tx, f: StatsFilter): Promise<StatsRow[]> {
  // $1 from, $2 to, $3 now, $4 today, $5 street, $6 receiving unit
  const START = `($1::date::timestamp at time zone 'Asia/Shanghai')`;
  const END = `(($2::date + 1)::timestamp at time zone 'Asia/Shanghai')`;
  const SENT = `r.created_at >= ${START} and r.created_at < ${END}`;
  const ACK_DUE = `${SENT} and (r.received_at is not null or (r.ack_due_at < $3::timestamptz and not (r.ended_at is not null and r.ended_at <= r.ack_due_at)))`;
  const ACK_ON_TIME = `${SENT} and r.received_at is not null and r.received_at <= r.ack_due_at`;
  const COMPLETED = `r.status in ('completed', 'closed') and r.outcome is not null and r.ended_at >= ${START} and r.ended_at < ${END}`;
  const OVERDUE = `r.status in ('sent', 'received', 'accepted', 'in_progress') and (r.due_on < $4::date or (r.status = 'sent' and r.ack_due_at < $3::timestamptz))`;
  const DAYS = `(r.ended_at at time zone 'Asia/Shanghai')::date - (r.created_at at time zone 'Asia/Shanghai')::date`;
  const { rows } = await tx.client.query<StatsRow>(
    `select case when grouping(r.kind) = 0 then 'kind' when grouping(r.to_unit) = 0 then 'unit' else 'total' end as grouping,
            coalesce(r.kind, r.to_unit) as code,
            case when grouping(r.kind) = 0 then min(k.name) when grouping(r.to_unit) = 0 then min(u.name) end as name,
            count(*) filter (where ${SENT})::text as sent,
            count(*) filter (where ${ACK_DUE})::text as ack_due,
            count(*) filter (where ${ACK_ON_TIME})::text as ack_on_time,
            count(*) filter (where ${COMPLETED})::text as completed,
            (percentile_cont(0.5) within group (order by ${DAYS}) filter (where ${COMPLETED}))::text as median_days,
            count(*) filter (where ${OVERDUE})::text as overdue_now
       from referrals r
       join referral_kinds k on k.code = r.kind
       join units u on u.code = r.to_unit
      where ($5::text is null or r.street_code = $5) and ($6::text is null or r.to_unit = $6)
        and (${SENT} or ${COMPLETED} or ${OVERDUE})
      group by grouping sets ((r.kind), (r.to_unit), ())
      order by 1, count(*) filter (where ${SENT}) desc, 2`,
    [f.from, f.to, f.now, f.today, f.street, f.toUnit],
  );
  return rows;
}

export async function streetOfUnit(tx: Tx, unitCode: string): Promise<{ code: string; name: string } | null> {
  return (await tx.client.query<{ code: string; name: string }>(`select code, name from streets where 'street-' || code = $1`, [unitCode])).rows[0] ?? null;
}

export async function street(tx: Tx, code: string): Promise<{ code: string; name: string } | null> {
  return (await tx.client.query<{ code: string; name: string }>('select code, name from streets where code = $1', [code])).rows[0] ?? null;
}
