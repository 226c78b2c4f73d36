/**
 * The district's data feeds (issue 16) as an installation starts with them, in their sources' own
 * headers: 区残联 残疾人证 (reviewed by the street), 司法局 刑满释放与在押 (reviewed), 公安 死亡注销
 * (reviewed), 教育局 学籍 (applied at once). Reference data: written when missing, never
 * overwritten — the district's administrators (feeds.manage) edit the mappings and rotate the keys.
 */
import type pg from 'pg';
import type { FeedFact, FeedMapping } from '#common/feeds.js';

export interface FeedDefinition {
  code: string;
  name: string;
  providerUnit: string;
  fact: FeedFact;
  frequency: 'daily' | 'weekly' | 'monthly' | 'quarterly';
  autoApply: boolean;
  reviewer: 'street' | 'district';
  mapping: FeedMapping;
}

export const FEED_DEFINITIONS: FeedDefinition[] = [
  {
    code: 'disabled-federation-cert',
    name: '残疾人证',
    providerUnit: 'disabled-federation',
    fact: 'child.disability',
    frequency: 'monthly',
    autoApply: false,
    reviewer: 'street',
    mapping: {
      columns: [
        { header: '姓名', field: 'name' },
        { header: '公民身份号码', field: 'idNumber' },
        { header: '出生日期', field: 'birthDate' },
        {
          header: '残疾类别',
          field: 'disabilityType',
          values: { 视力残疾: '视力', 听力残疾: '听力', 言语残疾: '言语', 肢体残疾: '肢体', 智力残疾: '智力', 精神残疾: '精神', 多重残疾: '多重' },
        },
        { header: '残疾等级', field: 'disabilityGrade', values: { 一级: '1', 二级: '2', 三级: '3', 四级: '4' } },
        { header: '残疾人证号', field: 'evidence' },
        { header: '发证日期', field: 'since' },
      ],
    },
  },
  {
    code: 'prison-release',
    name: '刑满释放与在押人员',
    providerUnit: 'justice',
    fact: 'member.status',
    frequency: 'monthly',
    autoApply: false,
    reviewer: 'street',
    mapping: {
      columns: [
        { header: '姓名', field: 'name' },
        { header: '身份证号', field: 'idNumber' },
        { header: '出生日期', field: 'birthDate' },
        { header: '人员状态', field: 'status', values: { 在押: 'imprisoned', 服刑: 'imprisoned', 刑满释放: 'alive_fit', 假释: 'alive_fit' } },
        { header: '变动日期', field: 'since' },
        { header: '刑期止日', field: 'until' },
        { header: '文书编号', field: 'evidence' },
      ],
    },
  },
  {
    code: 'police-death',
    name: '死亡注销',
    providerUnit: 'police',
    fact: 'member.status',
    frequency: 'weekly',
    autoApply: false,
    reviewer: 'street',
    mapping: {
      columns: [
        { header: '姓名', field: 'name' },
        { header: '公民身份号码', field: 'idNumber' },
        { header: '出生日期', field: 'birthDate' },
        { header: '注销原因', field: 'status', values: { 死亡: 'deceased', 宣告死亡: 'declared_dead' } },
        { header: '死亡日期', field: 'since' },
        { header: '注销证明编号', field: 'evidence' },
      ],
    },
  },
  {
    code: 'education-enrolment',
    name: '学籍',
    providerUnit: 'education',
    fact: 'child.schoolStage',
    frequency: 'monthly',
    autoApply: true,
    reviewer: 'street',
    mapping: {
      columns: [
        { header: '学生姓名', field: 'name' },
        { header: '身份证件号', field: 'idNumber' },
        { header: '出生日期', field: 'birthDate' },
        { header: '学段', field: 'schoolStage', values: { 幼儿园: '学前', 小学: '小学', 初中: '初中', 普通高中: '高中', 中等职业教育: '中职', 休学: '辍学' } },
        { header: '学校名称', field: 'school' },
        { header: '学籍号', field: 'evidence' },
      ],
    },
  },
];

/** The feed definitions (idempotent: an existing feed is left as its administrators left it). */
export async function seedFeedDefinitions(client: pg.ClientBase): Promise<number> {
  let n = 0;
  for (const f of FEED_DEFINITIONS) {
    const { rowCount } = await client.query(
      `insert into data_feeds (code, name, provider_unit, fact, frequency, auto_apply, reviewer, mapping)
       select $1, $2, $3, $4, $5, $6, $7, $8 where exists (select 1 from units where code = $3)
       on conflict (code) do nothing`,
      [f.code, f.name, f.providerUnit, f.fact, f.frequency, f.autoApply, f.reviewer, JSON.stringify(f.mapping)],
    );
    if (rowCount) {
      await client.query(
        `insert into data_feed_versions (feed_code, version, mapping, frequency, auto_apply, reviewer, rate_limit_per_minute)
         select code, version, mapping, frequency, auto_apply, reviewer, rate_limit_per_minute from data_feeds where code = $1`,
        [f.code],
      );
      n++;
    }
  }
  return n;
}
