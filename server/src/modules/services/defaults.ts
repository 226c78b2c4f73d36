/**
 * The default priority tiers (plan tasks 25, 26), applied at every start by seed/reference.ts:
 * inserted when missing, an administrator's edits kept. 1 困境儿童 (every category but 来沪与父母团聚),
 * 2 来沪与父母团聚儿童, 3 其他儿童 (everyone else; waits while a session's priority window is open).
 */
import type pg from 'pg';
import { CHILD_CATEGORIES } from '#common/values.js';
import * as repo from './repo.js';

export const DEFAULT_RULES = [
  {
    code: 'in_difficulty',
    rank: 1,
    name: '困境儿童',
    nameEn: 'Children in difficulty',
    categories: CHILD_CATEGORIES.filter((c) => c !== 'reunited_with_parents'),
    duringWindow: true,
    note: '孤儿、事实无人抚养、监护缺失或不当、残疾、重病、家庭经济困难、困境流动和留守儿童：优先期内即可占用名额',
  },
  {
    code: 'reunited',
    rank: 2,
    name: '来沪与父母团聚儿童',
    nameEn: 'Migrant children reunited with their parents',
    categories: ['reunited_with_parents'],
    duringWindow: true,
    note: '寒暑假期间来沪与父母团聚的儿童：排在困境儿童之后',
  },
  {
    code: 'other',
    rank: 3,
    name: '其他儿童',
    nameEn: 'Other children',
    categories: [],
    duringWindow: false,
    note: '其他儿童及档案外参加人：优先期内进入候补，优先期结束后按申请先后递补',
  },
] as const;

export async function applyDefaultPriorityRules(client: pg.ClientBase): Promise<number> {
  let n = 0;
  for (const r of DEFAULT_RULES) if (await repo.insertRuleIfMissing(client, r)) n++;
  return n;
}
