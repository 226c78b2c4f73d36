/**
 * The cadence rules of the action plan (tasks 29, 30, 31), applied at every start: a rule missing
 * is added; a rule an administrator edited (服务管理 → 活动频次规则) stays as edited.
 */
import type pg from 'pg';
import { insertDefaultRule, type DefaultRule } from './repo.js';

export const DEFAULT_CADENCE_RULES: DefaultRule[] = [
  {
    code: 'committee-safety-yearly',
    name: '居民区每年至少开展一次安全知识进居委活动',
    nameEn: 'Every residential committee: at least one safety event a year',
    organiserKind: 'committee',
    activityKinds: ['safety'],
    period: 'year',
    minCount: 1,
    siteKinds: [],
    requireGuardianContact: false,
    planTask: 29,
    note: '面向困境儿童及其父母或其他监护人，防溺水、防欺凌等安全知识（行动方案第 29 项）',
  },
  {
    code: 'station-quarterly',
    name: '街道未保站每季度至少组织一次专题讲座或主题活动',
    nameEn: 'Every street station: at least one lecture or themed activity a quarter',
    organiserKind: 'station',
    activityKinds: ['lecture', 'themed', 'legal', 'online_safety', 'safety', 'qinglang_week'],
    period: 'quarter',
    minCount: 1,
    siteKinds: [],
    requireGuardianContact: false,
    planTask: 30,
    note: '行动方案第 30 项',
  },
  {
    code: 'school-before-holiday',
    name: '学校在寒暑假放假前组织一次安全知识大讲堂，并与监护人建立联系',
    nameEn: 'Every school: a safety lecture before each winter and summer holiday, with contact to guardians',
    organiserKind: 'school',
    activityKinds: ['safety', 'lecture'],
    period: 'before_holiday',
    minCount: 1,
    siteKinds: ['school'],
    requireGuardianContact: true,
    planTask: 31,
    note: '期间：上一个假期结束次日至本次假期开始前一日（以寒暑假日历为准；日历缺少时显示“无法判定”）。行动方案第 31 项',
  },
];

export async function applyDefaultCadenceRules(client: pg.ClientBase): Promise<void> {
  for (const r of DEFAULT_CADENCE_RULES) await insertDefaultRule(client, r);
}
