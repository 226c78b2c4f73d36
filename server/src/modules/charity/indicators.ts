/**
 * The 督办 indicators of the charity module (plan task 20: 救助+慈善+儿童): children who received
 * charity aid this year, the amount given this year, and the charity projects active. Registered
 * for their side effect (imported by routes.ts).
 */
import { registerIndicator } from '../supervision/indicators/registry.js';
import * as repo from './repo.js';

registerIndicator({
  code: 'charity.childrenAided',
  tasks: [20],
  unit: 'count',
  direction: 'higher',
  defaultTarget: null,
  amberMargin: 0,
  name: '本年获得慈善帮扶的儿童数',
  nameEn: 'Children who received charity aid this year',
  definition: '统计日所在年份 1 月 1 日至统计日，登记获得慈善项目帮扶（未撤销）的儿童人数，同一儿童只计一次。',
  definitionEn: 'Children with charity aid recorded (not cancelled) from 1 January of the year to the day, each counted once.',
  sql: repo.indicatorSqlChildrenAided,
  drill: () => '/charity',
  drillPermission: 'organisations.read',
});

registerIndicator({
  code: 'charity.aidAmount',
  tasks: [20],
  unit: 'count',
  direction: 'higher',
  defaultTarget: null,
  amberMargin: 0,
  name: '本年慈善帮扶金额（元）',
  nameEn: 'Charity aid given this year (yuan)',
  definition: '统计日所在年份 1 月 1 日至统计日，登记的慈善帮扶（未撤销）金额合计，单位元；物资、服务未登记金额的不计。',
  definitionEn:
    'Sum of the amounts of charity aid recorded (not cancelled) from 1 January of the year to the day, in yuan; aid without an amount adds nothing.',
  sql: repo.indicatorSqlAidAmount,
  drill: () => '/charity',
  drillPermission: 'organisations.read',
});

registerIndicator({
  code: 'charity.activeProjects',
  tasks: [20],
  unit: 'count',
  direction: 'higher',
  defaultTarget: null,
  amberMargin: 0,
  name: '在办慈善项目数',
  nameEn: 'Charity projects active',
  definition: '统计日启用且在项目期间内的慈善项目数；街道的数字为面向该街道儿童（未限定街道或限定街道包含该街道）的项目。',
  definitionEn: 'Charity projects enabled and within their period on the day; for a street, those open to its children (no street rule, or the street listed).',
  sql: repo.indicatorSqlActiveProjects,
  // the active flag is today's: an earlier month reads its month-end snapshot
  currentOnly: true,
  drill: () => '/charity',
  drillPermission: 'organisations.read',
});
