/**
 * Reference data every installation has: the 12 streets of Yangpu District (310110), the units
 * named in the action plan's task table plus the 12 street offices, and the built-in roles.
 * Applied idempotently at every start: existing rows (possibly renamed by an administrator) stay.
 */
import type pg from 'pg';
import { seedFeedDefinitions } from './feedDefinitions.js';
import { BUILTIN_ROLES } from '#common/roles.js';
import { REFERRAL_KINDS } from '#common/referrals.js';
import { STREETS } from './committees.js';
import { applyPlanFile } from '../modules/supervision/planStore.js';
import { syncPolicyNames } from '../modules/eligibility/profileView.js';
import { applyDefaultReceivers } from '../modules/referrals/directoryDefaults.js';
import { applyDefaultTemplates } from '../modules/guidance/defaultTemplates.js';
import { applyDefaultInstrument } from '../modules/guardianship/defaultInstrument.js';
import { applyDefaultCadenceRules } from '../modules/activities/defaultRules.js';
import { applyDefaultChecklists } from '../modules/safety/defaultChecklists.js';
import { applyDefaultPriorityRules } from '../modules/services/defaults.js';
import { applyDefaultHolidays } from '../modules/holidays/defaults.js';

export const DISTRICT = { code: '310110', name: '杨浦区', nameEn: 'Yangpu District' };

/** District departments in the order the task table names them (its 责任单位 column). */
export const DEPARTMENTS: { code: string; name: string; nameEn: string }[] = [
  { code: 'civil-affairs', name: '区民政局', nameEn: 'District Civil Affairs Bureau' },
  { code: 'education', name: '区教育局', nameEn: 'District Education Bureau' },
  { code: 'youth-league', name: '团区委', nameEn: 'District Communist Youth League Committee' },
  { code: 'justice', name: '区司法局', nameEn: 'District Justice Bureau' },
  { code: 'court', name: '区法院', nameEn: "District People's Court" },
  { code: 'procuratorate', name: '区检察院', nameEn: "District People's Procuratorate" },
  { code: 'police', name: '区公安分局', nameEn: 'District Public Security Sub-bureau' },
  { code: 'health', name: '区卫健委', nameEn: 'District Health Commission' },
  { code: 'womens-federation', name: '区妇联', nameEn: "District Women's Federation" },
  { code: 'disabled-federation', name: '区残联', nameEn: "District Disabled Persons' Federation" },
  { code: 'human-resources', name: '区人社局', nameEn: 'District Human Resources and Social Security Bureau' },
  { code: 'emergency', name: '区应急局', nameEn: 'District Emergency Management Bureau' },
  { code: 'water', name: '区水务局', nameEn: 'District Water Affairs Bureau' },
  { code: 'cyberspace', name: '区委网信办', nameEn: 'District Cyberspace Affairs Office' },
];

export const streetUnitCode = (streetCode: string) => `street-${streetCode}`;

export async function applyReferenceData(client: pg.ClientBase): Promise<void> {
  await applyReferenceDataFirst(client);
  await seedFeedDefinitions(client); // after the units: each feed names its provider
}

async function applyReferenceDataFirst(client: pg.ClientBase): Promise<void> {
  for (const s of STREETS) {
    await client.query('insert into streets (code, name, name_en, sort) values ($1, $2, $3, $4) on conflict (code) do nothing', [
      s.code,
      s.name,
      s.nameEn,
      s.sort,
    ]);
  }
  let sort = 0;
  for (const d of DEPARTMENTS) {
    await client.query(`insert into units (code, name, name_en, kind, sort) values ($1, $2, $3, 'department', $4) on conflict (code) do nothing`, [
      d.code,
      d.name,
      d.nameEn,
      ++sort,
    ]);
  }
  for (const s of STREETS) {
    await client.query(`insert into units (code, name, name_en, kind, street_code, sort) values ($1, $2, $3, 'street', $4, $5) on conflict (code) do nothing`, [
      streetUnitCode(s.code),
      `${s.name}办事处`,
      `${s.nameEn} Office`,
      s.code,
      100 + s.sort,
    ]);
  }
  for (const r of BUILTIN_ROLES) {
    await client.query(
      `insert into roles (code, name, name_en, scope_kind, admin_class, permissions, builtin, requires_record_check, file_reason_required) values ($1, $2, $3, $4, $5, $6, true, $7, $8)
       on conflict (code) do nothing`,
      [r.code, r.zh, r.en, r.scopeKind, r.adminClass, r.permissions, r.requiresRecordCheck ?? false, r.fileReasonRequired ?? false],
    );
  }
  // 协同: the referral kinds (new ones only: an administrator may have changed sections or deadlines)
  let kindSort = 0;
  for (const k of REFERRAL_KINDS) {
    await client.query(
      `insert into referral_kinds (code, name, name_en, sections, completion, default_days, channel, sort) values ($1, $2, $3, $4, $5, $6, $7, $8)
       on conflict (code) do nothing`,
      [k.code, k.zh, k.en, k.sections, k.completion, k.defaultDays, k.channel, ++kindSort],
    );
  }
  await applyDefaultReceivers(client);
  await applyDefaultTemplates(client); // 监护干预文书: the district's default templates, when none
  await applyDefaultInstrument(client); // 监护评估: the default instrument when none exists
  await applyDefaultCadenceRules(client); // 活动频次: the plan's cadence rules (tasks 29-31), when missing
  await applyDefaultChecklists(client); // 安全防护: the default inspection checklists, each code once
  await applyDefaultPriorityRules(client); // 服务预约: the default priority tiers, when missing
  await applyDefaultHolidays(client); // 寒暑假日历: example dates (placeholder) for the years missing
  // The district's action plan (督办): loaded from its file the first time only.
  await applyPlanFile(client);
  // 免申即享: the policies' ids and names, for the SQL profile view (benefits recorded by either).
  await syncPolicyNames(client);
}
