/**
 * Request validation with Chinese messages (and English for the English interface).
 *
 * Routes give their own message where it matters (`.min(2, '请说明查看原因')`); everything else
 * used to fall back to zod's English defaults ("Too big: expected string to have <=18
 * characters"). The validator here passes a per-parse error map to zod, which zod consults only
 * for issues without a schema message. That map returns both languages, joined by a separator no
 * input can put there, and the error handler picks one per request (`Accept-Language`, Chinese by
 * default) and names the field when its label is known.
 */
import type { FastifySchemaCompiler } from 'fastify';
import { z } from 'zod';

/** Separates the Chinese and English defaults inside one zod message (never shown). */
const SEP = '\u001e';
const ZOD_FASTIFY_ERROR = Symbol.for('ZodFastifySchemaValidationError');

const zhLocale = z.locales.zhCN().localeError;
const enLocale = z.locales.en().localeError;

type Issue = Parameters<typeof zhLocale>[0] & {
  origin?: string;
  maximum?: unknown;
  minimum?: unknown;
  inclusive?: boolean;
  expected?: string;
  format?: string;
  values?: unknown[];
  keys?: string[];
  input?: unknown;
};

const FORMAT_ZH: Record<string, string> = {
  uuid: '编号格式不正确',
  guid: '编号格式不正确',
  email: '电子邮件格式不正确',
  url: '网址格式不正确',
  date: '日期格式不正确（应为 YYYY-MM-DD）',
  datetime: '时间格式不正确',
  time: '时间格式不正确',
  regex: '格式不正确',
  base64: '文件内容编码不正确',
  base64url: '编码不正确',
};
const FORMAT_EN: Record<string, string> = {
  uuid: 'Invalid id',
  guid: 'Invalid id',
  email: 'Invalid email address',
  url: 'Invalid URL',
  date: 'Invalid date (YYYY-MM-DD)',
  datetime: 'Invalid date and time',
  time: 'Invalid time',
  regex: 'Invalid format',
  base64: 'Invalid file encoding',
  base64url: 'Invalid encoding',
};
const TYPE_ZH: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: '是或否',
  array: '列表',
  object: '对象',
  date: '日期',
  bigint: '整数',
};

function str(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export function zhMessage(iss: Issue): string {
  const n = str(iss.maximum ?? iss.minimum);
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined) return '必填';
      return `类型不正确，应为${TYPE_ZH[iss.expected ?? ''] ?? iss.expected ?? '其他类型'}`;
    case 'too_big':
      if (iss.origin === 'string') return `最多 ${n} 个字符`;
      if (iss.origin === 'array' || iss.origin === 'set') return `最多 ${n} 项`;
      return iss.inclusive === false ? `须小于 ${n}` : `不能大于 ${n}`;
    case 'too_small':
      if (iss.origin === 'string') return n === '1' ? '不能为空' : `至少 ${n} 个字符`;
      if (iss.origin === 'array' || iss.origin === 'set') return n === '1' ? '至少选择 1 项' : `至少 ${n} 项`;
      return iss.inclusive === false ? `须大于 ${n}` : `不能小于 ${n}`;
    case 'invalid_format':
      return FORMAT_ZH[iss.format ?? ''] ?? '格式不正确';
    case 'invalid_value':
      return `须为以下之一：${(iss.values ?? []).map(str).join('、')}`;
    case 'unrecognized_keys':
      return `不允许的字段：${(iss.keys ?? []).join('、')}`;
    case 'not_multiple_of':
      return '数值不符合要求的倍数';
    case 'invalid_union':
      return '格式不正确';
    default: {
      const m = zhLocale(iss);
      return typeof m === 'string' ? m : '格式不正确';
    }
  }
}

export function enMessage(iss: Issue): string {
  const n = str(iss.maximum ?? iss.minimum);
  switch (iss.code) {
    case 'invalid_type':
      return iss.input === undefined ? 'Required' : `Expected ${iss.expected ?? 'another type'}`;
    case 'too_big':
      if (iss.origin === 'string') return `At most ${n} characters`;
      if (iss.origin === 'array' || iss.origin === 'set') return `At most ${n} items`;
      return `At most ${n}`;
    case 'too_small':
      if (iss.origin === 'string') return n === '1' ? 'Must not be empty' : `At least ${n} characters`;
      if (iss.origin === 'array' || iss.origin === 'set') return `At least ${n} items`;
      return `At least ${n}`;
    case 'invalid_format':
      return FORMAT_EN[iss.format ?? ''] ?? 'Invalid format';
    default: {
      const m = enLocale(iss);
      return typeof m === 'string' ? m : 'Invalid input';
    }
  }
}

/** A per-parse error map for Chinese-only output (import reports): `schema.safeParse(x, { error: zhIssueMessage })`. */
export function zhIssueMessage(iss: z.core.$ZodRawIssue): string {
  return zhMessage(iss);
}

/** zod's per-parse error map: both languages for issues that have no message of their own. */
function bilingual(iss: Issue): string {
  return `${zhMessage(iss)}${SEP}${enMessage(iss)}`;
}

/** Replaces fastify-type-provider-zod's validator: the same error shape, with our messages. */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data, { error: bilingual });
    if (result.success) return { value: result.data };
    return {
      error: result.error.issues.map((issue) => ({
        [ZOD_FASTIFY_ERROR]: true,
        keyword: issue.code,
        instancePath: `/${issue.path.join('/')}`,
        schemaPath: `#/${issue.path.join('/')}/${issue.code}`,
        message: issue.message,
        params: { issue: { path: issue.path } },
      })) as never,
    };
  };

export type Lang = 'zh' | 'en';

/** Chinese unless the request prefers English (the interface sends its language). */
export function langOf(acceptLanguage: string | string[] | undefined): Lang {
  const v = ((Array.isArray(acceptLanguage) ? acceptLanguage[0] : acceptLanguage) ?? '').trim().toLowerCase();
  return v.startsWith('en') ? 'en' : 'zh';
}

/** Field names as the forms call them. Paths not listed keep the bare message. */
export const FIELD_LABELS: Record<string, [string, string]> = {
  username: ['用户名', 'Username'],
  password: ['密码', 'Password'],
  currentPassword: ['当前密码', 'Current password'],
  newPassword: ['新密码', 'New password'],
  displayName: ['姓名', 'Name'],
  name: ['名称', 'Name'],
  nameEn: ['英文名称', 'English name'],
  code: ['代码', 'Code'],
  reason: ['原因', 'Reason'],
  note: ['备注', 'Note'],
  title: ['标题', 'Title'],
  body: ['内容', 'Content'],
  content: ['内容', 'Content'],
  description: ['说明', 'Description'],
  idNumber: ['身份证号', 'Identity number'],
  phone: ['电话', 'Phone'],
  birthDate: ['出生日期', 'Date of birth'],
  sex: ['性别', 'Sex'],
  streetCode: ['街道', 'Street'],
  committeeId: ['居民区', 'Committee'],
  unitCode: ['单位', 'Unit'],
  roles: ['角色', 'Roles'],
  permissions: ['权限', 'Permissions'],
  since: ['起始日期', 'Since'],
  until: ['截止日期', 'Until'],
  date: ['日期', 'Date'],
  visitedOn: ['走访日期', 'Visit date'],
  dueOn: ['期限', 'Due date'],
  page: ['页码', 'Page'],
  pageSize: ['每页条数', 'Page size'],
  q: ['搜索词', 'Search'],
  id: ['编号', 'Id'],
  fields: ['字段', 'Fields'],
  riskLevel: ['风险等级', 'Risk level'],
  category: ['类别', 'Category'],
  relation: ['关系', 'Relation'],
  status: ['状态', 'Status'],
  residenceAddress: ['居住地址', 'Residence address'],
  hukouAddress: ['户籍地址', 'Registered address'],
  schoolName: ['学校', 'School'],
  organisation: ['单位/机构', 'Organisation'],
  amount: ['金额', 'Amount'],
  monthlyAmountFen: ['月金额', 'Monthly amount'],
  year: ['年份', 'Year'],
  quarter: ['季度', 'Quarter'],
};

/**
 * The message shown for one validation issue: a route's own message as written; a default one in
 * the request's language, after the field's label where known.
 */
export function localise(message: string | undefined, path: string, lang: Lang): string {
  if (!message) return lang === 'en' ? 'Invalid input' : '格式不正确';
  const i = message.indexOf(SEP);
  if (i < 0) return message;
  const text = lang === 'en' ? message.slice(i + SEP.length) : message.slice(0, i);
  const last =
    path
      .split('.')
      .filter((p) => p && !/^\d+$/.test(p))
      .at(-1) ?? '';
  const label = FIELD_LABELS[last];
  if (!label) return text;
  return lang === 'en' ? `${label[1]}: ${text}` : `${label[0]}：${text}`;
}
