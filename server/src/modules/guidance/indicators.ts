/**
 * Guidance indicators for 督办 (plan tasks 11, 14): guidance sessions held this year, their
 * attendance rate, and the guidance orders whose required sessions were all attended. Registered
 * in the supervision registry (imported for its side effect by this module's routes.ts). Counted by
 * the child's street (copied onto the session when it is recorded); reconstructed for any day from
 * the session's date: "this year" is the as-of day's calendar year up to that day.
 */
import { registerIndicator } from '../supervision/indicators/registry.js';

const IN_STREETS = `g.street_code = any ($2::text[])`;
const THIS_YEAR = `g.scheduled_on between date_trunc('year', $1::date)::date and $1::date`;
const BY_STREET = 'group by grouping sets ((g.street_code), ())';
/**
 * Task 11 (family-education guidance for guardians) and 14 (guidance orders). Not task 5 (guidance
 * for families with psychological or behavioural problems, carried by 区教育局 too): its department
 * dashboard is pinned by supervision/indicators.test.ts — see docs/guardianship-guidance.md.
 */
const TASKS = [11, 14];

registerIndicator({
  code: 'guidance.sessionsHeld',
  tasks: TASKS,
  unit: 'count',
  direction: 'higher',
  defaultTarget: null,
  amberMargin: 0,
  name: '监护人指导已开展次数（本年）',
  nameEn: 'Guidance sessions held for guardians (this year)',
  definition: '统计日所在年度 1 月 1 日至统计日，监护人实际参加的家庭教育指导、心理辅导和行为指导次数。',
  definitionEn: 'Family-education, psychological and behavioural guidance sessions attended by guardians from 1 January of the day’s year to the day.',
  sql: `select g.street_code, count(*) filter (where g.attended) as num, null::numeric as den, null::numeric as val
          from guidance_sessions g where ${IN_STREETS} and ${THIS_YEAR} ${BY_STREET}`,
});

registerIndicator({
  code: 'guidance.attendanceRate',
  tasks: TASKS,
  unit: 'percent',
  direction: 'higher',
  defaultTarget: 90,
  amberMargin: 10,
  name: '监护人指导出勤率（本年）',
  nameEn: 'Guardians’ attendance at guidance (this year)',
  definition: '统计日所在年度内已到期并记录出勤的指导中，监护人参加的比例；尚未记录出勤的计划指导不计入。',
  definitionEn:
    'Share of the guidance sessions of the year up to the day with attendance recorded that the guardian attended; planned sessions not yet recorded are left out.',
  sql: `select g.street_code, count(*) filter (where g.attended) as num, count(*) as den, null::numeric as val
          from guidance_sessions g where ${IN_STREETS} and ${THIS_YEAR} and g.attended is not null ${BY_STREET}`,
});

registerIndicator({
  code: 'guidance.ordersComplete',
  tasks: [14],
  unit: 'percent',
  direction: 'higher',
  defaultTarget: 80,
  amberMargin: 10,
  name: '家庭教育指导令按要求完成率',
  nameEn: 'Guidance orders with all required sessions attended',
  definition: '统计日已作出（未撤销）且规定了指导次数的家庭教育指导令中，监护人在统计日前参加的指导次数已达到规定次数的比例。',
  definitionEn:
    'Share of the guidance orders issued by the day (not cancelled) with a number of sessions required whose guardian attended that many sessions by the day.',
  sql: `select g.street_code, count(*) filter (where g.done >= g.sessions_required) as num, count(*) as den, null::numeric as val
          from (select i.street_code, i.sessions_required,
                       (select count(*) from guidance_sessions s where s.intervention_id = i.id and s.attended and s.scheduled_on <= $1::date) as done
                  from guardianship_interventions i
                 where i.kind = 'guidance_order' and i.status <> 'cancelled' and i.sessions_required > 0
                   and coalesce(i.decided_on, (i.created_at at time zone 'Asia/Shanghai')::date) <= $1::date) g
         where ${IN_STREETS} ${BY_STREET}`,
});
