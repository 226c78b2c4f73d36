/**
 * The holiday-plan indicator for 督办 (plan task 1: 假期生活有安排): the share of children in the file
 * on the as-of day with a plan for the holiday that day falls in, else the next one in the
 * calendar. No holiday ahead in the calendar: no figure (not zero). Registered in the supervision
 * registry (imported for its side effect by routes.ts).
 */
import { registerIndicator } from '../supervision/indicators/registry.js';
import * as repo from './repo.js';

registerIndicator({
  code: 'holidays.planCoverage',
  tasks: [1],
  unit: 'percent',
  direction: 'higher',
  defaultTarget: 90,
  amberMargin: 10,
  name: '在册儿童假期安排填写率（本次或下一个寒暑假）',
  nameEn: 'Children with a plan for the current or next school holiday',
  definition: '统计日在册儿童中，已填写统计日所在寒暑假（不在假期中则为下一个寒暑假，以寒暑假日历为准）假期安排的比例；日历中没有该假期时不计算。',
  definitionEn:
    'Share of the children in the file on the day with a plan written by the day for the holiday the day falls in (else the next one in the school holiday calendar); no figure when the calendar has none ahead.',
  sql: repo.indicatorSqlPlanCoverage,
  drill: () => '/holidays/missing',
  drillPermission: 'services.book',
});
