/**
 * The 督办 indicators of the data feeds (plan tasks 23: data sharing between education, police and
 * civil affairs; 19 and 41: precise, proactive help): feeds on time, match rate of their last
 * runs, changes waiting for review, benefits found through data. Registered for their side effect
 * (imported by routes.ts).
 */
import { registerIndicator } from '../supervision/indicators/registry.js';
import * as repo from './repo.js';

registerIndicator({
  code: 'feeds.onTime',
  tasks: [23],
  unit: 'percent',
  direction: 'higher',
  defaultTarget: 100,
  amberMargin: 20,
  name: '数据共享按时报送率',
  nameEn: 'Data feeds on time',
  definition:
    '启用的数据共享数据源中，最近一批数据（上传或接口推送，未作废）在其报送频率内（每日 1 天、每周 7 天、每月 31 天、每季度 92 天）的比例。数据源为全区共用，各街道显示全区数字。',
  definitionEn:
    'Share of the active data feeds whose last run (upload or push, not discarded) is within its frequency (daily 1 day, weekly 7, monthly 31, quarterly 92). Feeds are the district’s: every street shows the district figure.',
  sql: repo.indicatorSqlOnTime,
  drill: () => '/feeds',
  drillPermission: 'feeds.manage',
});

registerIndicator({
  code: 'feeds.matchRate',
  tasks: [23],
  unit: 'percent',
  direction: 'higher',
  defaultTarget: 90,
  amberMargin: 10,
  name: '数据共享匹配率',
  nameEn: 'Data feed match rate',
  definition: '各数据源最近一批数据中，匹配到档案（按身份证号、按姓名和出生日期或人工指定）的记录占有效记录（不含错误行和重复行）的比例。',
  definitionEn:
    'In the last run of each feed, the share of valid records (errors and duplicates left out) matched to a file (by identity number, by name and birth date, or by hand).',
  sql: repo.indicatorSqlMatchRate,
  drill: () => '/feeds',
  drillPermission: 'feeds.manage',
});

registerIndicator({
  code: 'feeds.waiting',
  tasks: [19, 23],
  unit: 'count',
  direction: 'lower',
  defaultTarget: 0,
  amberMargin: 10,
  name: '待复核的数据共享变更',
  nameEn: 'Data-feed changes waiting for review',
  definition: '数据共享比对产生、尚待街道或区级复核（应用或驳回）的拟变更数，按儿童所在街道统计。',
  definitionEn: 'Changes proposed by data feeds still waiting for review (apply or reject), by the street of the child.',
  sql: repo.indicatorSqlWaiting,
  currentOnly: true,
  drill: () => '/feeds/review',
  drillPermission: 'feeds.review',
});

registerIndicator({
  code: 'feeds.benefitsFound',
  tasks: [19, 41],
  unit: 'count',
  direction: 'higher',
  defaultTarget: null,
  amberMargin: 0,
  name: '通过数据共享发现的可享待遇',
  nameEn: 'Benefits found through data sharing',
  definition: '截至统计日，应用数据共享变更后新变为“符合”的儿童×政策数（同一儿童同一政策只计一次）。',
  definitionEn: 'Child × policy pairs that became eligible when a data-feed change was applied, up to the day (each pair counted once).',
  sql: repo.indicatorSqlBenefitsFound,
  drill: () => '/feeds/review?tab=applied',
  drillPermission: 'feeds.review',
});
