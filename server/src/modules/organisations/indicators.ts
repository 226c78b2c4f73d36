/**
 * The 督办 indicators of task 40 (社会组织): organisations active, projects running, children served
 * by projects. Registered in the supervision registry (imported for its side effect by routes.ts).
 */
import { registerIndicator } from '../supervision/indicators/registry.js';
import * as repo from './repo.js';

registerIndicator({
  code: 'organisations.active',
  tasks: [40],
  unit: 'count',
  direction: 'higher',
  defaultTarget: null,
  amberMargin: 1,
  name: '在册社会组织数',
  nameEn: 'Social organisations in the register',
  definition: '统计日在册（未停用）的社会组织数；分街道时为服务该街道的组织数（一家组织可服务多个街道）。',
  definitionEn: 'Active organisations in the register on the day; by street, the ones serving the street (one may serve several).',
  sql: repo.indicatorSqlOrganisationsActive,
  drill: () => '/organisations',
  drillPermission: 'organisations.read',
});

registerIndicator({
  code: 'organisations.projectsRunning',
  tasks: [40],
  unit: 'count',
  direction: 'higher',
  defaultTarget: null,
  amberMargin: 1,
  name: '实施中的委托与孵化项目数',
  nameEn: 'Commissioned and incubated projects running',
  definition: '统计日处于项目周期内、状态为实施中（或其后已结项）的项目数；分街道时为服务该街道的项目数。',
  definitionEn: 'Projects whose period covers the day and that were running (not planned or cancelled); by street, the ones serving it.',
  sql: repo.indicatorSqlProjectsRunning,
  drill: () => '/organisations/projects',
  drillPermission: 'organisations.read',
});

registerIndicator({
  code: 'organisations.childrenServed',
  tasks: [40],
  unit: 'count',
  direction: 'higher',
  defaultTarget: null,
  amberMargin: 5,
  name: '项目服务的困境儿童数',
  nameEn: 'Children served by organisations’ projects',
  definition: '统计日至少在一个项目（未终止）中接受服务的儿童人数（同一儿童只计一次），按儿童所在街道统计。',
  definitionEn: 'Children served on the day by at least one (not cancelled) project, each counted once, by the child’s street.',
  sql: repo.indicatorSqlChildrenServed,
  drill: () => '/organisations/projects',
  drillPermission: 'organisations.read',
});
