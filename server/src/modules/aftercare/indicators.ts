/**
 * 督办 figures of 返家监护监督与临时照料 (plan tasks 16, 17), registered in the supervision
 * registry (imported for its side effect by routes.ts). Counted by the child's street
 * (supervision_followups.street_code, placements.street_code, copied from the child) and
 * reconstructed for any day from the records' own dates:
 * - follow-ups on time: of the follow-ups due in the WINDOW_DAYS up to the day (due before it),
 *   the share done by their due day;
 * - overdue follow-ups: due before the day and not done by then, of a supervision still running;
 * - children in placement on the day; placements started in the day's calendar year.
 */
import { registerIndicator } from '../supervision/indicators/registry.js';

export const WINDOW_DAYS = 90;
const BY_STREET = 'group by grouping sets ((street_code), ())';
const STREETS = 'street_code = any ($2::text[])';
const RUNNING = `exists (select 1 from guardianship_supervisions g where g.id = f.supervision_id and g.started_on <= $1::date and (g.ended_on is null or g.ended_on > $1::date))`;

registerIndicator({
  code: 'aftercare.followupsOnTime',
  tasks: [16],
  unit: 'percent',
  direction: 'higher',
  defaultTarget: 90,
  amberMargin: 10,
  name: '返家儿童按期回访率',
  nameEn: 'Returned-home follow-ups on time',
  definition: `统计日前 ${WINDOW_DAYS} 天内应回访（应回访日早于统计日）的返家监护回访中，在应回访日当天或之前完成的比例。监督结束时未到期的回访不计入。`,
  definitionEn: `Share of the returned-home follow-ups due in the ${WINDOW_DAYS} days before the day that were done by their due day. Follow-ups cancelled when a supervision ended are left out.`,
  sql: `select street_code, count(*) filter (where f.done_on is not null and f.done_on <= f.due_on) as num, count(*) as den, null::numeric as val
          from supervision_followups f
         where ${STREETS} and f.due_on < $1::date and f.due_on >= $1::date - ${WINDOW_DAYS}
         ${BY_STREET}`,
  drill: () => '/guardianship/followups',
  drillPermission: 'guardianship.read',
});

registerIndicator({
  code: 'aftercare.overdueFollowups',
  tasks: [16],
  unit: 'count',
  direction: 'lower',
  defaultTarget: 0,
  amberMargin: 2,
  name: '逾期未回访（返家儿童）',
  nameEn: 'Overdue returned-home follow-ups',
  definition: '统计日监督仍在进行、应回访日已过而当日仍未完成的返家监护回访数。',
  definitionEn: 'Returned-home follow-ups past their due day and not done by the day, of supervisions still running on it.',
  sql: `select street_code, count(*) as num, null::numeric as den, null::numeric as val
          from supervision_followups f
         where ${STREETS} and f.due_on < $1::date and (f.done_on is null or f.done_on > $1::date) and ${RUNNING}
         ${BY_STREET}`,
  drill: () => '/guardianship/followups',
  drillPermission: 'guardianship.read',
});

registerIndicator({
  code: 'aftercare.inPlacement',
  tasks: [17],
  unit: 'count',
  direction: 'none',
  defaultTarget: null,
  amberMargin: 0,
  name: '临时照料中的儿童',
  nameEn: 'Children in temporary care',
  definition: '统计日正在未成年人救助保护机构或街道临时照料点接受临时照料的儿童数。',
  definitionEn: 'Children in temporary care (an institution or a street temporary care point) on the day.',
  sql: `select street_code, count(distinct child_id) as num, null::numeric as den, null::numeric as val
          from placements
         where ${STREETS} and started_on <= $1::date and (ended_on is null or ended_on > $1::date)
         ${BY_STREET}`,
  drill: () => '/guardianship/placements',
  drillPermission: 'guardianship.read',
});

registerIndicator({
  code: 'aftercare.placementsThisYear',
  tasks: [17],
  unit: 'count',
  direction: 'none',
  defaultTarget: null,
  amberMargin: 0,
  name: '本年临时照料安置',
  nameEn: 'Temporary care placements this year',
  definition: '统计日所在自然年内（至统计日）开始的临时照料安置数。',
  definitionEn: "Temporary care placements started in the day's calendar year, up to the day.",
  sql: `select street_code, count(*) as num, null::numeric as den, null::numeric as val
          from placements
         where ${STREETS} and started_on <= $1::date and started_on >= date_trunc('year', $1::date)::date
         ${BY_STREET}`,
  drill: () => '/guardianship/placements',
  drillPermission: 'guardianship.read',
});
