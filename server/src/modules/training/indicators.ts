/**
 * Training and evaluation indicators for 督办 (plan tasks 37, 38, 39), by the person's street:
 * the share of child directors and supervisors trained this year (the coverage rule of
 * common/src/training.ts), the share of last year's evaluations done, and exams passed this year.
 */
import { registerIndicator } from '../supervision/indicators/registry.js';
import * as repo from './repo.js';

/** The coverage page lists the people not yet trained (of a street, for the district). */
const drill = (street: string | null) => `/training/coverage${street ? `?street=${street}` : ''}`;

registerIndicator({
  code: 'training.coverage',
  tasks: [37, 39],
  unit: 'percent',
  direction: 'higher',
  defaultTarget: 100,
  amberMargin: 10,
  name: '儿童主任、督导员年度培训覆盖率',
  nameEn: 'Child directors and supervisors trained this year',
  definition:
    '统计日在岗（任职日期不晚于统计日、未离岗）的儿童主任和儿童督导员中，统计日所在年度 1 月 1 日至统计日参加过年度全员培训（当年新任职的，参加岗前培训亦可）的比例（按人员所在街道）。',
  definitionEn:
    'Of the child directors and supervisors serving on the day, the share who attended an annual full training (or, if appointed that year, an induction training) between 1 January and the day, by the person’s street.',
  sql: repo.indicatorSqlCoverage,
  drill,
  drillPermission: 'workforce.read',
});

registerIndicator({
  code: 'training.evaluationsDone',
  tasks: [38],
  unit: 'percent',
  direction: 'higher',
  defaultTarget: 100,
  amberMargin: 10,
  name: '儿童主任上年度考核评价完成率',
  nameEn: 'Last year’s evaluations of child directors done',
  definition: '上一年度在岗的儿童主任中，其上一年度考核评价已于统计日前完成（已定等次）的比例（按人员所在街道）。',
  definitionEn: 'Of the child directors who served in the previous year, the share whose evaluation of that year was completed (graded) by the day, by street.',
  sql: repo.indicatorSqlEvaluationsDone,
});

registerIndicator({
  code: 'training.examsPassed',
  tasks: [38],
  unit: 'count',
  direction: 'higher',
  defaultTarget: null,
  amberMargin: 0,
  name: '社会工作者职业资格考试通过人数（本年）',
  nameEn: 'Social-work qualification exams passed (this year)',
  definition: '统计日所在年度的社会工作者职业资格考试中，台账人员考试结果为“通过”的人次（按人员所在街道）。',
  definitionEn: 'Social-work qualification exams of the day’s year that ledger people passed, by the person’s street.',
  sql: repo.indicatorSqlExamsPassed,
});
