/**
 * The columns of the children import template (儿童 sheet), with what each accepts. The template,
 * its 说明 sheet and the reader are all built from this one list.
 */
import { CATEGORIES, DISABILITY_TYPES, MEMBER_STATUSES, RELATIONS, SCHOOL_STAGES } from '#common/children.js';
import { IMPORT_GUARDIANS } from '#common/files.js';
import { makeIdNumber } from '#common/idNumber.js';

export type ChildKey =
  | 'name'
  | 'idNumber'
  | 'sex'
  | 'birthDate'
  | 'noIdNote'
  | 'ethnicity'
  | 'hukou'
  | 'hukouAddress'
  | 'residenceAddress'
  | 'phone'
  | 'street'
  | 'committee'
  | 'riskLevel'
  | 'riskReason'
  | 'categories'
  | 'categorySince'
  | 'schoolStage'
  | 'schoolName'
  | 'schoolGrade'
  | 'disabilityType'
  | 'disabilityGrade'
  | 'seriousIllness'
  | 'householdSize'
  | 'monthlyIncomeYuan'
  | 'registeredOn';
export type GuardianKey = 'name' | 'relation' | 'idNumber' | 'phone' | 'status';

export interface Column {
  header: string;
  /** 'yes': always; 'noId': when the identity number is blank; 'withGuardian': when any column of that guardian is filled. */
  required: 'yes' | 'noId' | 'withGuardian' | 'no';
  note: string;
  /** Allowed values, for the 说明 sheet and the drop-down list. */
  values?: readonly string[];
  example: string | number;
  width: number;
  text?: boolean;
  date?: boolean;
  child?: ChildKey;
  guardian?: { index: number; key: GuardianKey };
}

const CHILD_COLUMNS: Column[] = [
  { child: 'name', header: '姓名', required: 'yes', note: '儿童姓名', example: '示例：张小花', width: 12 },
  {
    child: 'idNumber',
    header: '身份证号',
    required: 'no',
    text: true,
    note: '18 位居民身份证号（校验位须正确）。同一身份证号视为同一儿童：已建档的只更新有变化的项目。请保持本列为“文本”格式，否则 Excel 会丢失末几位',
    example: makeIdNumber('310110', '2015-03-12', 12, 'F'),
    width: 22,
  },
  { child: 'sex', header: '性别', required: 'noId', values: ['男', '女'], note: '无身份证号时必填；有身份证号时按身份证号确定', example: '', width: 6 },
  { child: 'birthDate', header: '出生日期', required: 'noId', date: true, note: '无身份证号时必填，格式 YYYY-MM-DD，不能晚于今天', example: '', width: 12 },
  { child: 'noIdNote', header: '无身份证号原因', required: 'noId', note: '无身份证号时必填，如“未落户”', example: '', width: 16 },
  { child: 'ethnicity', header: '民族', required: 'no', note: '如 汉族、回族', example: '汉族', width: 8 },
  { child: 'hukou', header: '户籍', required: 'no', values: ['本市', '外省市'], note: '空白按“本市”', example: '本市', width: 8 },
  { child: 'hukouAddress', header: '户籍地址', required: 'no', note: '最多 120 字（加密保存）', example: '', width: 24 },
  { child: 'residenceAddress', header: '居住地址', required: 'no', note: '最多 120 字（加密保存）', example: '定海路100弄1号101室', width: 24 },
  { child: 'phone', header: '联系电话', required: 'no', text: true, note: '主要联系人电话：手机 11 位，或区号-座机', example: '13800000000', width: 14 },
  { child: 'street', header: '街道', required: 'no', note: '所属街道名称，如“定海路街道”；居民区名称不重复时可不填', example: '定海路街道', width: 14 },
  { child: 'committee', header: '居民区', required: 'yes', note: '居民区全称，须是您辖区内的居民区（见本页下方列表）', example: '定海一居民区', width: 18 },
  { child: 'riskLevel', header: '风险等级', required: 'yes', values: ['高', '中', '低'], note: '高 / 中 / 低', example: '中', width: 9 },
  { child: 'riskReason', header: '风险原因', required: 'no', note: '最多 200 字', example: '父亲服刑，祖母年迈', width: 20 },
  {
    child: 'categories',
    header: '儿童类别',
    required: 'no',
    values: Object.values(CATEGORIES),
    note: '可填多个，用顿号“、”分隔，名称见下方列表',
    example: '监护缺失、家庭经济困难（低保）',
    width: 30,
  },
  {
    child: 'categorySince',
    header: '类别认定日期',
    required: 'no',
    date: true,
    note: 'YYYY-MM-DD；空白按建档日期（建档日期也空白时按导入当天）',
    example: '2024-09-01',
    width: 12,
  },
  { child: 'schoolStage', header: '入学状态', required: 'no', values: SCHOOL_STAGES, note: SCHOOL_STAGES.join(' / '), example: '小学', width: 9 },
  { child: 'schoolName', header: '学校', required: 'no', note: '最多 60 字', example: '杨浦区示例小学', width: 18 },
  { child: 'schoolGrade', header: '年级', required: 'no', note: '如“四年级”', example: '四年级', width: 8 },
  { child: 'disabilityType', header: '残疾类型', required: 'no', values: DISABILITY_TYPES, note: DISABILITY_TYPES.join(' / '), example: '', width: 9 },
  { child: 'disabilityGrade', header: '残疾等级', required: 'no', values: ['1', '2', '3', '4'], note: '1 至 4 级', example: '', width: 9 },
  { child: 'seriousIllness', header: '重病情况', required: 'no', note: '最多 100 字', example: '', width: 16 },
  { child: 'householdSize', header: '家庭人口', required: 'no', note: '1 至 30 的整数', example: 3, width: 9 },
  { child: 'monthlyIncomeYuan', header: '家庭月收入（元）', required: 'no', note: '金额（元），可带两位小数', example: 2600, width: 14 },
  { child: 'registeredOn', header: '建档日期', required: 'no', date: true, note: 'YYYY-MM-DD，不能晚于今天；空白按导入当天', example: '2024-09-01', width: 12 },
];

function guardianColumns(index: number): Column[] {
  const p = `监护人${index + 1}`;
  const g = (key: GuardianKey) => ({ index, key });
  const first = index === 0;
  return [
    {
      guardian: g('name'),
      header: `${p}姓名`,
      required: 'withGuardian',
      note: `${p}的姓名；该监护人任一列有内容时必填`,
      example: first ? '张大山' : '',
      width: 12,
    },
    {
      guardian: g('relation'),
      header: `${p}关系`,
      required: 'withGuardian',
      values: RELATIONS,
      note: `与儿童的关系：${RELATIONS.join(' / ')}`,
      example: first ? '祖父' : '',
      width: 9,
    },
    { guardian: g('idNumber'), header: `${p}身份证号`, required: 'no', text: true, note: '18 位身份证号（可不填）', example: '', width: 22 },
    { guardian: g('phone'), header: `${p}电话`, required: 'no', text: true, note: '手机 11 位，或区号-座机', example: first ? '13900000000' : '', width: 14 },
    {
      guardian: g('status'),
      header: `${p}状态`,
      required: 'no',
      values: Object.values(MEMBER_STATUSES),
      note: '空白按“健在且有监护能力”，其他取值见下方列表',
      example: first ? MEMBER_STATUSES.alive_fit : '',
      width: 16,
    },
  ];
}

export const IMPORT_COLUMNS: Column[] = [...CHILD_COLUMNS, ...Array.from({ length: IMPORT_GUARDIANS }, (_, i) => guardianColumns(i)).flat()];
export const IMPORT_SHEET = '儿童';
export const HELP_SHEET = '说明';
/** Rows whose name starts with this are examples and are not imported. */
export const EXAMPLE_PREFIX = '示例';

/** A header cell as typed: without a required mark or spaces. */
export function normaliseHeader(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[*＊]/g, '')
    .replace(/\((必填|选填)\)$/, '');
}
