/**
 * 监护评估 indicators for 督办 (plan task 15): assessments completed this year and assessments
 * overdue. Registered in the supervision registry; imported for its side effect by routes.ts.
 * Both are counted by the child's street (`street_code`, copied from the child on insert) and
 * reconstructed for any day from the assessment's own dates:
 * - completed = assessed (评估完成) between 1 January of the as-of day's year and the day;
 * - overdue = commissioned by the day, due before it, not assessed by it, and not cancelled before
 *   its end (a cancelled one counts until the day it was cancelled, read from `updated_at`).
 */
import { registerIndicator } from '../supervision/indicators/registry.js';

const END = `(($1::date + 1)::timestamp at time zone 'Asia/Shanghai')`;
const IN_STREETS = `a.street_code = any ($2::text[])`;
const BY_STREET = 'group by grouping sets ((a.street_code), ())';

registerIndicator({
  code: 'guardianship.assessmentsDone',
  tasks: [15],
  unit: 'count',
  direction: 'higher',
  defaultTarget: 10,
  amberMargin: 5,
  name: '本年完成的家庭监护能力评估',
  nameEn: 'Guardianship assessments completed this year',
  definition: '统计日所在年度 1 月 1 日至统计日，已完成评估（录入评估结果）的家庭监护能力评估数；之后取消的不计入。',
  definitionEn: 'Guardianship-capacity assessments with a result recorded between 1 January of the day’s year and the day; later cancelled ones are left out.',
  sql: `select a.street_code, count(*) as num, null::numeric as den, null::numeric as val
          from guardianship_assessments a
         where ${IN_STREETS} and a.status <> 'cancelled' and a.assessed_on is not null
           and a.assessed_on <= $1::date and a.assessed_on >= date_trunc('year', $1::date)::date
         ${BY_STREET}`,
  drill: () => '/guardianship/assessments?view=open',
  drillPermission: 'guardianship.read',
});

registerIndicator({
  code: 'guardianship.assessmentsOverdue',
  tasks: [15],
  unit: 'count',
  direction: 'lower',
  defaultTarget: 0,
  amberMargin: 2,
  name: '逾期未完成的监护评估',
  nameEn: 'Overdue guardianship assessments',
  definition: '统计日已委托、已过评估完成期限但尚未录入评估结果的家庭监护能力评估数（统计日前已取消的不计入）。',
  definitionEn:
    'Guardianship-capacity assessments commissioned by the day, past their due day and without a result by then (those cancelled before the day left out).',
  sql: `select a.street_code, count(*) as num, null::numeric as den, null::numeric as val
          from guardianship_assessments a
         where ${IN_STREETS} and a.commissioned_on <= $1::date and a.due_on < $1::date
           and (a.assessed_on is null or a.assessed_on > $1::date)
           and (a.status <> 'cancelled' or a.updated_at >= ${END})
         ${BY_STREET}`,
  drill: () => '/guardianship/assessments?view=overdue',
  drillPermission: 'guardianship.read',
});
