/**
 * Safety indicators for 督办 (plan tasks 32, 33), by the site's street (copied onto inspections and
 * hazards when they are recorded): inspections done this year and the share of the register's
 * sites inspected this year — task 32 for schools, kindergartens, protection institutions and
 * childcare, task 33 for river sections — and, for both, hazards overdue on the day and hazards
 * rectified on time this year. Reconstructed for any day from the records' dates.
 */
import { registerIndicator } from '../supervision/indicators/registry.js';
import * as repo from './repo.js';

registerIndicator({
  code: 'safety.inspections32',
  tasks: [32],
  unit: 'count',
  direction: 'higher',
  defaultTarget: null,
  amberMargin: 0,
  name: '涉儿童机构场所安全检查次数（本年）',
  nameEn: 'Safety inspections of schools, kindergartens, institutions and childcare (this year)',
  definition: '统计日所在年度 1 月 1 日至统计日，对中小学、幼儿园、未成年人救助保护机构和托育机构登记的安全检查次数（按场所所在街道）。',
  definitionEn:
    'Safety inspections recorded for schools, kindergartens, child protection institutions and childcare from 1 January of the day’s year to the day, by the site’s street.',
  sql: repo.inspectionsSql(repo.T32),
});

registerIndicator({
  code: 'safety.coverage32',
  tasks: [32],
  unit: 'percent',
  direction: 'higher',
  defaultTarget: 100,
  amberMargin: 10,
  name: '涉儿童机构场所本年已检查比例',
  nameEn: 'Share of schools, kindergartens, institutions and childcare inspected this year',
  definition: '场所登记中在用的中小学、幼儿园、未成年人救助保护机构和托育机构，统计日所在年度内至少检查过一次的比例。',
  definitionEn:
    'Share of the active schools, kindergartens, child protection institutions and childcare sites in the register inspected at least once in the day’s year.',
  sql: repo.coverageSql(repo.T32),
});

registerIndicator({
  code: 'safety.inspections33',
  tasks: [33],
  unit: 'count',
  direction: 'higher',
  defaultTarget: null,
  amberMargin: 0,
  name: '河道巡查次数（本年）',
  nameEn: 'River patrols (this year)',
  definition: '统计日所在年度 1 月 1 日至统计日，对登记的河道（段）开展巡查检查的次数（按河段所在街道）。',
  definitionEn: 'Patrol inspections of the registered river sections from 1 January of the day’s year to the day, by the section’s street.',
  sql: repo.inspectionsSql(repo.T33),
});

registerIndicator({
  code: 'safety.coverage33',
  tasks: [33],
  unit: 'percent',
  direction: 'higher',
  defaultTarget: 100,
  amberMargin: 10,
  name: '河道（段）本年已巡查比例',
  nameEn: 'Share of river sections patrolled this year',
  definition: '场所登记中在用的河道（段），统计日所在年度内至少巡查过一次的比例。',
  definitionEn: 'Share of the active river sections in the register patrolled at least once in the day’s year.',
  sql: repo.coverageSql(repo.T33),
});

registerIndicator({
  code: 'safety.hazardsOverdue',
  tasks: [32, 33],
  unit: 'count',
  direction: 'lower',
  defaultTarget: 0,
  amberMargin: 2,
  name: '逾期未整改的安全隐患',
  nameEn: 'Safety hazards overdue',
  definition: '统计日已登记、尚未确认整改完成且整改期限早于统计日的隐患数（按场所所在街道）。',
  definitionEn: 'Hazards recorded by the day, not confirmed fixed by the day, whose deadline is before the day, by the site’s street.',
  sql: repo.indicatorSqlHazardsOverdue,
});

registerIndicator({
  code: 'safety.hazardsOnTime',
  tasks: [32, 33],
  unit: 'percent',
  direction: 'higher',
  defaultTarget: 90,
  amberMargin: 10,
  name: '安全隐患按期整改率（本年）',
  nameEn: 'Safety hazards fixed on time (this year)',
  definition: '整改期限在统计日所在年度 1 月 1 日至统计日之间的隐患中，责任单位在期限内（含当日）报告整改、且检查单位在统计日前确认完成的比例。',
  definitionEn:
    'Of the hazards whose deadline fell between 1 January of the day’s year and the day, the share whose fix was reported by the deadline and confirmed by the inspecting unit by the day.',
  sql: repo.indicatorSqlHazardsOnTime,
});
