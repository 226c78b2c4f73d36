/**
 * The 督办 indicators of the staffing module: task 36 (committees breaking the staffing rule; the
 * share meeting it) and task 3 (streets whose station has a prosecutor deputy head). Registered in
 * the supervision registry (imported for its side effect by routes.ts).
 */
import { registerIndicator } from '../supervision/indicators/registry.js';
import * as repo from './repo.js';

registerIndicator({
  code: 'staffing.violations',
  tasks: [36],
  unit: 'count',
  direction: 'lower',
  defaultTarget: 0,
  amberMargin: 2,
  name: '儿童主任配备不达标的居民区数',
  nameEn: 'Committees short of child directors under the staffing rule',
  definition:
    '统计日在册困境儿童人数超过某条启用的配备规则阈值、而在岗儿童主任少于该规则最少人数的居民区个数（一个居民区违反多条规则只计一次；规则见“配备规则”）。',
  definitionEn:
    'Active committees that on the day have more children in the file than an active staffing rule’s threshold and fewer serving child directors than its minimum (counted once however many rules they break).',
  sql: repo.indicatorSqlViolations,
  drill: () => '/staffing/overview',
  drillPermission: 'workforce.read',
});

registerIndicator({
  code: 'staffing.meeting',
  tasks: [36],
  unit: 'percent',
  direction: 'higher',
  defaultTarget: 100,
  amberMargin: 5,
  name: '儿童主任配备达标的居民区比例',
  nameEn: 'Committees meeting the staffing rule',
  definition: '统计日有困境儿童（适用至少一条启用的配备规则）的居民区中，满足全部适用规则的比例。',
  definitionEn: 'Of the committees with children in difficulty on the day (some active rule applies), the share meeting every rule that applies.',
  sql: repo.indicatorSqlMeeting,
  drill: () => '/staffing/overview',
  drillPermission: 'workforce.read',
});

registerIndicator({
  code: 'staffing.prosecutorDeputy',
  tasks: [3],
  unit: 'count',
  direction: 'higher',
  defaultTarget: 12,
  amberMargin: 1,
  name: '配备检察官副站长的街道未保站数',
  nameEn: 'Street stations with a prosecutor deputy head',
  definition: '统计日有在任检察官副站长（区检察院派驻）的街道未成年人保护工作站个数（全区 12 个街道）。',
  definitionEn: 'Street minor-protection stations with a prosecutor deputy head serving on the day (12 streets in the district).',
  sql: repo.indicatorSqlProsecutorDeputy,
  drill: () => '/staffing/stations',
  drillPermission: 'org.read',
});
