/**
 * 督办 indicators of the activities module (imported for its side effect by routes.ts):
 *   tasks 29, 30, 31 — cadence compliance, each over a stated period and reading its rule's
 *   activity kinds, minimum count and guardian-contact requirement from cadence_rules:
 *     activities.committeeSafety   committees with their safety events, 1 January to the day;
 *     activities.stationQuarterly  stations meeting the rule in the last quarter closed by the day;
 *     activities.schoolPreHoliday  schools with a lecture (guardians contacted) in the term before
 *                                  the last holiday started by the day (school_holidays);
 *   tasks 2, 8, 34, 35 — done activities marked with the task, 1 January to the day (counts: the
 *   district's total includes the departments' own activities, which have no street).
 */
import { registerIndicator } from '../supervision/indicators/registry.js';
import * as repo from './repo.js';

const drill = (street: string | null) => `/activities/compliance${street ? `?street=${street}` : ''}`;

registerIndicator({
  code: 'activities.committeeSafety',
  tasks: [29],
  unit: 'percent',
  direction: 'higher',
  defaultTarget: 100,
  amberMargin: 10,
  name: '居民区年度安全知识活动达标率（本年至统计日）',
  nameEn: 'Committees with their yearly safety event (year to date)',
  definition:
    '在册居民区中，统计日所在年度 1 月 1 日至统计日已开展（记录为已开展）安全知识活动达到频次规则“居民区每年至少开展一次安全知识进居委活动”最少次数的比例；计入的活动类型以规则为准。',
  definitionEn:
    'Share of the active residential committees that held, from 1 January of the day’s year to the day, as many done activities of the kinds of the rule “committee-safety-yearly” as it requires.',
  drill,
  drillPermission: 'services.read',
  sql: repo.indicatorSqlCommitteeSafety,
});

registerIndicator({
  code: 'activities.stationQuarterly',
  tasks: [30],
  unit: 'percent',
  direction: 'higher',
  defaultTarget: 100,
  amberMargin: 10,
  name: '街道未保站季度讲座或主题活动达标率（上一个已结束季度）',
  nameEn: 'Stations with their quarterly lecture or themed activity (last closed quarter)',
  definition:
    '各街道未保站在统计日前最近一个已结束的季度（统计日为季度最后一天时即该季度）内，已开展的专题讲座或主题活动达到频次规则“街道未保站每季度至少组织一次”最少次数的比例；每个街道一个未保站。',
  definitionEn:
    'Share of the street stations that held, in the last quarter ended by the day (the day’s own quarter when the day is its last day), as many done activities of the kinds of the rule “station-quarterly” as it requires; one station per street.',
  drill,
  drillPermission: 'services.read',
  sql: repo.indicatorSqlStationQuarterly,
});

registerIndicator({
  code: 'activities.schoolPreHoliday',
  tasks: [31],
  unit: 'percent',
  direction: 'higher',
  defaultTarget: 100,
  amberMargin: 10,
  name: '学校假前安全大讲堂达标率（最近一个已开始的寒暑假前）',
  nameEn: 'Schools with their safety lecture before the last holiday (guardians contacted)',
  definition:
    '在册学校（规则所列类型）中，在统计日前最近一个已开始的寒暑假之前的学期内（上一个假期结束次日至该假期开始前一日，以寒暑假日历为准），已开展安全知识大讲堂并与监护人建立联系的比例；日历中没有已开始的假期时不计算。',
  definitionEn:
    'Share of the active schools (of the rule’s site kinds) that held, in the term before the last holiday started by the day (from the day after the holiday before it ended to the day before it started, per the school holiday calendar), a safety lecture with guardians contacted; no value without a holiday in the calendar.',
  drill,
  drillPermission: 'services.read',
  sql: repo.indicatorSqlSchoolPreHoliday,
});

const COUNTS: { task: number; code: string; name: string; nameEn: string }[] = [
  { task: 2, code: 'activities.legalHeld', name: '普法教育活动开展次数（本年）', nameEn: 'Legal-education activities held (this year)' },
  { task: 8, code: 'activities.publicInterestHeld', name: '未保站公益活动开展次数（本年）', nameEn: 'Public-interest activities held (this year)' },
  {
    task: 34,
    code: 'activities.onlineSafetyHeld',
    name: '预防网络沉迷专题教育开展次数（本年）',
    nameEn: 'Online-addiction prevention activities held (this year)',
  },
  { task: 35, code: 'activities.qinglangHeld', name: '“清朗浦江”宣传周活动开展次数（本年）', nameEn: '清朗浦江 week activities held (this year)' },
];

for (const c of COUNTS) {
  registerIndicator({
    code: c.code,
    tasks: [c.task],
    unit: 'count',
    direction: 'higher',
    defaultTarget: null,
    amberMargin: 0,
    name: c.name,
    nameEn: c.nameEn,
    definition: `统计日所在年度 1 月 1 日至统计日，已开展且标注为行动方案第 ${c.task} 项任务的活动次数；按活动所在街道统计，全区合计另含区级部门自行组织（无街道）的活动。`,
    definitionEn: `Done activities marked with plan task ${c.task}, from 1 January of the day’s year to the day; by the activity’s street, the district total also counting the departments’ own activities (no street).`,
    sql: repo.heldCountSql(c.task),
  });
}
