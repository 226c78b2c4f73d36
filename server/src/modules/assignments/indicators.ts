/**
 * The 督办 indicator of the assignments module (plan task 40: 培育发展儿童服务类社会组织): children
 * assigned to commissioned social workers. Registered for its side effect (imported by routes.ts).
 */
import { registerIndicator } from '../supervision/indicators/registry.js';
import * as repo from './repo.js';

registerIndicator({
  code: 'assignments.assignedChildren',
  tasks: [40],
  unit: 'count',
  direction: 'higher',
  defaultTarget: null,
  amberMargin: 0,
  name: '分派给机构社工跟进的儿童数',
  nameEn: 'Children assigned to commissioned social workers',
  definition: '统计日在册儿童中，已由街道分派给社会组织（机构）社工跟进的人数（同一儿童分派给多名社工只计一次）。',
  definitionEn: 'Children in the file on the day assigned by the street to a commissioned social worker (counted once however many workers).',
  sql: repo.indicatorSqlAssigned,
  drill: () => '/assignments',
  drillPermission: 'organisations.assign',
});
