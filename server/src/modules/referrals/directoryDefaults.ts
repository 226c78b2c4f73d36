/**
 * The service directory an installation starts with: which district unit takes which kinds of
 * referral (the division of labour of the action plan's task table). Applied at start for units
 * that have no entry yet; administrators edit entries afterwards (ages, streets, contacts, capacity).
 */
import type pg from 'pg';
import * as repo from './repo.js';

export const DEFAULT_RECEIVERS: { unit: string; kinds: string[]; services: string }[] = [
  {
    unit: 'civil-affairs',
    kinds: ['benefit', 'problem', 'harm', 'guardianship_urgent', 'service', 'dropout', 'guardianship_petition'],
    services: '困境儿童保障、临时监护、兜底协调',
  },
  { unit: 'education', kinds: ['fee_waiver', 'dropout', 'problem', 'benefit'], services: '控辍保学、教育费用减免、送教上门' },
  { unit: 'police', kinds: ['harm', 'guardianship_urgent', 'dropout', 'problem', 'reprimand', 'guidance_order'], services: '侵害未成年人案件、训诫、户籍核查' },
  { unit: 'procuratorate', kinds: ['harm', 'guardianship_urgent', 'guidance_order', 'guardianship_petition'], services: '检察监督、支持起诉、督促监护令' },
  { unit: 'court', kinds: ['guardianship_urgent', 'guidance_order', 'guardianship_petition'], services: '家庭教育指导令、撤销监护资格' },
  { unit: 'health', kinds: ['clinic', 'problem'], services: '儿童心理门诊、医疗救治' },
  { unit: 'disabled-federation', kinds: ['rehabilitation', 'benefit'], services: '残疾儿童康复救助、辅具适配' },
  { unit: 'human-resources', kinds: ['employment'], services: '困境家庭监护人就业援助' },
  { unit: 'womens-federation', kinds: ['service', 'problem'], services: '家庭教育指导、妇女儿童权益维护' },
  { unit: 'youth-league', kinds: ['service'], services: '青少年关爱服务、志愿者结对' },
  { unit: 'justice', kinds: ['service', 'problem'], services: '法律援助、法治教育' },
];

export async function applyDefaultReceivers(client: pg.ClientBase): Promise<void> {
  for (const r of DEFAULT_RECEIVERS) await repo.insertFirstReceiver(client, r);
}
