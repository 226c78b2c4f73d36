/**
 * Services indicators for 督办: the share of places taken by children of the priority tiers (task
 * 25), the average days on the wait list before a place (task 26) and programme coverage (task 13).
 * Counted by the child's street (copied onto the booking); external participants (no street) are
 * left out. "This year": the as-of day's calendar year up to that day, by the session's first day
 * (share, coverage) or the day of promotion (wait-list days).
 */
import { registerIndicator } from '../supervision/indicators/registry.js';
import * as repo from './repo.js';

registerIndicator({
  code: 'services.priorityShare',
  tasks: [25],
  unit: 'percent',
  direction: 'higher',
  defaultTarget: 60,
  amberMargin: 10,
  name: '优先档次儿童所占名额比例（本年）',
  nameEn: 'Share of places taken by priority-tier children (this year)',
  definition:
    '统计日所在年度 1 月 1 日至统计日开始的服务场次（不含送教上门预约）中，档案内儿童占用的名额（已预留、已确认、已参加）里，困境儿童和来沪与父母团聚儿童（优先档次，非最后一档）所占的比例。',
  definitionEn:
    'Of the places taken (reserved, confirmed, attended) by children on file in group sessions (not 送教上门 slots) starting from 1 January of the day’s year to the day, the share taken by children of a priority tier (not the last tier).',
  sql: repo.indicatorSqlPriorityShare,
});

registerIndicator({
  code: 'services.waitDays',
  tasks: [26],
  unit: 'days',
  direction: 'lower',
  defaultTarget: 3,
  amberMargin: 2,
  name: '候补等待天数（本年平均）',
  nameEn: 'Average days on the wait list before a place (this year)',
  definition: '统计日所在年度 1 月 1 日至统计日从候补递补为预留名额的预约，自申请至递补的平均天数。',
  definitionEn: 'Average days from request to promotion of the bookings promoted from the wait list from 1 January of the day’s year to the day.',
  sql: repo.indicatorSqlWaitDays,
});

registerIndicator({
  code: 'services.coverage',
  tasks: [13],
  unit: 'percent',
  direction: 'higher',
  defaultTarget: 50,
  amberMargin: 10,
  name: '服务项目覆盖率（本年）',
  nameEn: 'Programme coverage (this year)',
  definition: '在册儿童中，统计日所在年度 1 月 1 日至统计日开始的服务场次里至少有一次已确认或已参加预约的儿童所占比例。',
  definitionEn:
    'Share of the active children on file with at least one confirmed or attended booking in a session starting from 1 January of the day’s year to the day.',
  sql: repo.indicatorSqlCoverage,
});
