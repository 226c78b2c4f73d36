/**
 * 督办 indicators of the record checks (task 37): how many of the people working with children hold
 * a valid check, and how many checks have lapsed. The SQL lives in repo.ts; the validity follows
 * the configured months (record_check_settings), as common/src/vetting.ts decides it.
 */
import { registerIndicator } from '../supervision/indicators/registry.js';
import * as repo from './repo.js';

registerIndicator({
  code: 'vetting.checkCoverage',
  tasks: [37],
  unit: 'percent',
  direction: 'higher',
  defaultTarget: 100,
  amberMargin: 5,
  name: '在岗儿童主任、儿童督导员和社工入职查询有效率',
  nameEn: 'Child directors, supervisors and social workers with a valid record check',
  definition:
    '统计日在岗（已任职、未离任）的儿童主任、儿童督导员和社会工作者中，入职查询（违法犯罪记录查询）在有效期内的比例：最近一次“无记录”答复在统计日之前且未超过有效期（默认12个月），且无从业限制记录。',
  definitionEn:
    'Share of the child directors, street supervisors and social workers in post on the day whose last clear record-check answer is within its validity (12 months by default) and who have no restricting answer.',
  sql: repo.indicatorSqlCheckCoverage,
  drill: (street) => (street ? `/workforce/due?street=${street}` : '/workforce/due'),
  drillPermission: 'workforce.read',
});

registerIndicator({
  code: 'vetting.lapsed',
  tasks: [37],
  unit: 'count',
  direction: 'lower',
  defaultTarget: 0,
  amberMargin: 2,
  name: '入职查询已过期的在岗人员数',
  nameEn: 'People in post whose record check has lapsed',
  definition: '统计日在岗的儿童主任、儿童督导员和社会工作者中，曾有“无记录”答复但已超过有效期、且尚无新的有效答复的人数（其账号的儿童档案访问已暂停）。',
  definitionEn: 'People in post whose last clear answer is past its validity with no newer one (their access to children’s files is suspended).',
  sql: repo.indicatorSqlLapsed,
  drill: (street) => (street ? `/workforce/due?street=${street}` : '/workforce/due'),
  drillPermission: 'workforce.read',
});
