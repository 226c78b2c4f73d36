/**
 * 协同 indicators for 督办 (plan tasks 6, 7, 14, 21-24, 28): referrals acknowledged in time, the
 * median days to complete one, open referrals past their deadline, and 暖杨通道 acknowledged in
 * time. Registered in the supervision registry (imported by supervision/indicators/compute.ts), so
 * they appear on the dashboard, the indicators page, the quarterly report and the month-end
 * snapshots like every other figure.
 *
 * Each is counted by the child's street (`referrals.street_code`, copied from the child when the
 * referral is sent) and reconstructed for any day from the referral's own timestamps, so a past
 * period's figure does not change when a referral moves on later:
 * - acknowledged = `received_at` (签收, 受理 and 退回 all set it) not later than `ack_due_at`;
 * - ended = `ended_at` (办结, 退回 or 撤回); completed = ended with an outcome (办结, then perhaps 关闭);
 * - a window of WINDOW_DAYS (about a quarter, the plan's reporting period) before the day for the
 *   rates and the median, so the monthly trend moves with the work.
 */
import { registerIndicator } from '../supervision/indicators/registry.js';

/** Days before the as-of day that the rates and the median look at. */
export const WINDOW_DAYS = 90;

/** The end of the as-of day ($1) in Shanghai, as a timestamp. */
const END = `(($1::date + 1)::timestamp at time zone 'Asia/Shanghai')`;
/**
 * The moment deadlines are judged at: the end of the day; today, now (a deadline later today has not
 * passed yet).
 */
const CUT = `(case when $3 then least(now(), ${END}) else ${END} end)`;
const IN_STREETS = `r.street_code = any ($2::text[])`;
const BY_STREET = 'group by grouping sets ((r.street_code), ())';
/** Created within the window ending with the day. */
const IN_WINDOW = `r.created_at < ${END} and r.created_at >= ${END} - interval '${WINDOW_DAYS} days'`;
/**
 * Whose acknowledgement counts on the day: acknowledged by then, or its deadline passed by then — a
 * referral withdrawn before its deadline without acknowledgement does not count.
 */
const ACK_DECIDED = `(r.received_at < ${CUT} or (r.ack_due_at < ${CUT} and not (r.received_at is null and r.ended_at is not null and r.ended_at <= r.ack_due_at)))`;
const ACK_IN_TIME = `(r.received_at is not null and r.received_at < ${CUT} and r.received_at <= r.ack_due_at)`;
const ackShare = (channel: boolean) =>
  `select r.street_code, count(*) filter (where ${ACK_IN_TIME}) as num, count(*) as den, null::numeric as val
     from referrals r where ${IN_STREETS} and r.channel = ${channel} and ${IN_WINDOW} and ${ACK_DECIDED}
     ${BY_STREET}`;

/** Open on the day: sent by its end and not ended by then. */
const OPEN_ON_DAY = `r.created_at < ${END} and (r.ended_at is null or r.ended_at >= ${END})`;
/** Past its deadline on the day: not acknowledged by an acknowledgement deadline passed, or past the day it was due. */
const LATE_ON_DAY = `(r.due_on < $1::date or (r.ack_due_at < ${CUT} and (r.received_at is null or r.received_at >= ${CUT})))`;

const ORDINARY_TASKS = [6, 7, 21, 22, 23, 24, 28];
const drill = (bucket: string) => () => `/referrals?box=area&bucket=${bucket}`;

registerIndicator({
  code: 'referrals.ackOnTime',
  tasks: ORDINARY_TASKS,
  unit: 'percent',
  direction: 'higher',
  defaultTarget: 90,
  amberMargin: 5,
  name: '转介按时签收率',
  nameEn: 'Referrals acknowledged in time',
  definition: `统计日前 ${WINDOW_DAYS} 天内发出的转介（暖杨通道另计）中，接收单位在签收时限内签收的比例。签收时限按工作日计算；签收、受理或退回均视为签收；时限未到且尚未签收的、时限前已撤回的不计入。`,
  definitionEn: `Share of referrals sent in the ${WINDOW_DAYS} days before the day (暖杨通道 counted apart) that the receiving unit acknowledged by the deadline (working days). Acknowledging, accepting or declining counts; referrals whose deadline has not come, or withdrawn before it, are left out.`,
  sql: ackShare(false),
  drill: drill('all'),
});

registerIndicator({
  code: 'referrals.daysToComplete',
  tasks: ORDINARY_TASKS,
  unit: 'days',
  direction: 'lower',
  defaultTarget: 14,
  amberMargin: 7,
  name: '转介办结天数（中位数）',
  nameEn: 'Days to complete a referral (median)',
  definition: `统计日前 ${WINDOW_DAYS} 天内办结的转介，从发出到办结的天数（自然日）中位数。退回和撤回的不计入。`,
  definitionEn: `Median calendar days from sending to completion, over referrals completed in the ${WINDOW_DAYS} days before the day. Declined and withdrawn referrals are left out.`,
  sql: `select r.street_code, count(*) as num, null::numeric as den,
               percentile_cont(0.5) within group (order by (r.ended_at at time zone 'Asia/Shanghai')::date - (r.created_at at time zone 'Asia/Shanghai')::date) as val
          from referrals r
         where ${IN_STREETS} and r.status in ('completed', 'closed') and r.outcome is not null
           and r.ended_at < ${END} and r.ended_at >= ${END} - interval '${WINDOW_DAYS} days'
         ${BY_STREET}`,
  drill: drill('done'),
});

registerIndicator({
  code: 'referrals.overdue',
  tasks: [...ORDINARY_TASKS, 14],
  unit: 'count',
  direction: 'lower',
  defaultTarget: 0,
  amberMargin: 3,
  name: '逾期未办结转介',
  nameEn: 'Overdue open referrals',
  definition: '统计日尚未办结（未办结、未退回、未撤回）且已超过办理期限，或超过签收时限仍未签收的转介数（含暖杨通道）。',
  definitionEn:
    'Referrals open on the day (not completed, declined or withdrawn) past their due day, or not acknowledged past the acknowledgement deadline (暖杨通道 included).',
  sql: `select r.street_code, count(*) as num, null::numeric as den, null::numeric as val
          from referrals r where ${IN_STREETS} and ${OPEN_ON_DAY} and ${LATE_ON_DAY}
          ${BY_STREET}`,
  drill: drill('overdue'),
});

registerIndicator({
  code: 'referrals.channelAckOnTime',
  tasks: [14],
  unit: 'percent',
  direction: 'higher',
  defaultTarget: 100,
  amberMargin: 5,
  name: '暖杨通道按时签收率',
  nameEn: '暖杨通道 acknowledged in time',
  definition: `统计日前 ${WINDOW_DAYS} 天内发出的暖杨通道转介（疑似侵害、紧急监护问题）中，接收单位在签收时限（按小时计算，默认 2 小时）内签收的比例；每个接收单位各计一件。`,
  definitionEn: `Share of 暖杨通道 referrals (suspected harm, urgent guardianship) sent in the ${WINDOW_DAYS} days before the day that the receiving unit acknowledged within the deadline in hours (2 by default); one per receiving unit.`,
  sql: ackShare(true),
  drill: drill('all'),
});
