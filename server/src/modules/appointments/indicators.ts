/**
 * Appointment indicators for 督办: 送教上门 visits completed this year (task 25) and caregivers'
 * participation (task 12): completed bookings of programmes for guardians (appointments and group
 * courses alike). Counted by the child's street (on the booking); "this year" is 1 January of the
 * as-of day's year to that day, by the slot's (session's) first day. Registered in the supervision
 * registry (imported for its side effect by routes.ts).
 */
import { registerIndicator } from '../supervision/indicators/registry.js';
import * as repo from './repo.js';

registerIndicator({
  code: 'appointments.homeTeachingDone',
  tasks: [25],
  unit: 'count',
  direction: 'higher',
  defaultTarget: null,
  amberMargin: 0,
  name: '送教上门完成次数（本年）',
  nameEn: 'Home-teaching visits completed (this year)',
  definition: '统计日所在年度 1 月 1 日至统计日，送教上门类预约项目中承办单位记录为“已完成”的预约次数（按时段日期计）。',
  definitionEn: 'Home-teaching appointments recorded as completed by the provider, dated from 1 January of the day’s year to the day.',
  sql: repo.indicatorSqlHomeTeachingDone,
});

registerIndicator({
  code: 'appointments.caregiverParticipation',
  tasks: [12],
  unit: 'count',
  direction: 'higher',
  defaultTarget: null,
  amberMargin: 0,
  name: '监护人参加科学育儿与健康教育次数（本年）',
  nameEn: 'Caregivers’ participation in parenting and health courses (this year)',
  definition: '统计日所在年度 1 月 1 日至统计日，面向监护人的服务项目（科学育儿课程、照料人健康教育等，含预约类与集体课程）中记录为“已参加”的人次。',
  definitionEn:
    'Attended bookings of programmes for guardians (parenting and caregiver health courses, appointments and group sessions alike) dated from 1 January of the day’s year to the day.',
  sql: repo.indicatorSqlCaregiverParticipation,
});
