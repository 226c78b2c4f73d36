/**
 * An action plan as data (`<id>.yaml` beside this file, e.g. `yangpu-2024-2026.yaml`): its actions
 * and numbered tasks, each with the full 具体内容 and the responsible units in the order the task
 * table names them; the first is the lead. Anything wrong — an unknown key, a gap in the task
 * numbering, a task naming an action that does not exist, an unknown unit code — is refused with the
 * file, line, column and field path, in Chinese.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';

/** District departments that may be named in a plan (the codes of the `units` table's departments). */
export const PLAN_UNIT_CODES = [
  'civil-affairs', // 区民政局
  'education', // 区教育局
  'youth-league', // 团区委
  'justice', // 区司法局
  'court', // 区法院
  'procuratorate', // 区检察院
  'police', // 区公安分局
  'health', // 区卫健委
  'womens-federation', // 区妇联
  'disabled-federation', // 区残联
  'human-resources', // 区人社局
  'emergency', // 区应急局
  'water', // 区水务局
  'cyberspace', // 区委网信办
] as const;
export type PlanUnitCode = (typeof PLAN_UNIT_CODES)[number];

/** 各街道: every street office; `expandUnits` replaces it with the street unit codes. */
export const ALL_STREETS = 'all-streets';
export type PlanUnitRef = PlanUnitCode | typeof ALL_STREETS;

const UNIT_REFS: readonly string[] = [...PLAN_UNIT_CODES, ALL_STREETS];

export const DEFAULT_PLAN_FILE = fileURLToPath(new URL('./yangpu-2024-2026.yaml', import.meta.url));

const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const chars = (s: string) => [...s].length;

const text = z.string().trim().min(1, { error: '不能为空' });
const bilingual = z.strictObject({ zh: text, en: text });
const year = z.int({ error: '应为年份（整数）' }).min(2000, { error: '年份应不早于 2000' }).max(2100, { error: '年份应不晚于 2100' });

const unitRef = z.enum(UNIT_REFS as [PlanUnitRef, ...PlanUnitRef[]], {
  error: (iss) => `未知的单位代码“${String(iss.input)}”（可用：${UNIT_REFS.join('、')}）`,
});

const actionDef = z.strictObject({
  code: z.int({ error: '行动编号应为正整数' }).min(1, { error: '行动编号应为正整数' }),
  name: bilingual,
});

const taskDef = z.strictObject({
  no: z.int({ error: '任务编号应为正整数' }).min(1, { error: '任务编号应为正整数' }),
  action: z.int({ error: '所属行动应为行动编号（正整数）' }),
  summary: text.refine((s) => chars(s) <= 20, { error: (iss) => `摘要不超过 20 个字，实为 ${chars(String(iss.input))} 个字` }),
  text,
  units: z.array(unitRef).min(1, { error: '至少要有一个责任单位' }),
});

export const planFileSchema = z
  .strictObject({
    id: z.string().regex(ID, { error: '计划 id 应为小写字母、数字和连字符，如 yangpu-2024-2026' }),
    name: bilingual,
    period: z.strictObject({ from: year, to: year }),
    source: z.strictObject({
      /** Title of the plan document, e.g. 杨浦区困境儿童关爱服务质量提升三年行动实施方案（2024-2026年）. */
      document: text,
      /** The part transcribed, e.g. 任务分工表. */
      table: text,
      /** The issuing district, e.g. 杨浦区. */
      district: text,
    }),
    actions: z.array(actionDef).min(1, { error: '至少要有一项行动' }),
    tasks: z.array(taskDef).min(1, { error: '至少要有一项任务' }),
  })
  .superRefine((plan, ctx) => {
    if (plan.period.from > plan.period.to) {
      ctx.addIssue({ code: 'custom', path: ['period', 'to'], message: `结束年份 ${plan.period.to} 早于开始年份 ${plan.period.from}` });
    }
    plan.actions.forEach((a, i) => {
      if (a.code !== i + 1)
        ctx.addIssue({ code: 'custom', path: ['actions', i, 'code'], message: `行动编号应为 ${i + 1}，实为 ${a.code}（须从 1 起按顺序连续编号）` });
    });
    const actionCodes = new Set(plan.actions.map((a) => a.code));
    plan.tasks.forEach((t, i) => {
      if (t.no !== i + 1) {
        ctx.addIssue({ code: 'custom', path: ['tasks', i, 'no'], message: `任务编号应为 ${i + 1}，实为 ${t.no}（须从 1 起按顺序连续编号，不能有空缺或重复）` });
      }
      if (!actionCodes.has(t.action)) {
        ctx.addIssue({
          code: 'custom',
          path: ['tasks', i, 'action'],
          message: `第 ${t.no} 项任务所属的行动 ${t.action} 不存在（已有行动：${[...actionCodes].join('、')}）`,
        });
      }
      if (t.units[0] === ALL_STREETS) {
        ctx.addIssue({ code: 'custom', path: ['tasks', i, 'units', 0], message: `第一个责任单位是牵头单位，应为区级部门，不能是 ${ALL_STREETS}（各街道）` });
      }
      const seen = new Set<string>();
      t.units.forEach((u, j) => {
        if (seen.has(u)) ctx.addIssue({ code: 'custom', path: ['tasks', i, 'units', j], message: `责任单位“${u}”重复` });
        seen.add(u);
      });
    });
  })
  .transform((plan) => ({
    ...plan,
    // The refinement above guarantees the first unit is a department.
    tasks: plan.tasks.map((t) => ({ ...t, lead: t.units[0] as PlanUnitCode })),
  }));

export type PlanFile = z.output<typeof planFileSchema>;
export type PlanTaskDef = PlanFile['tasks'][number];
export type PlanActionDef = PlanFile['actions'][number];

export interface PlanFileIssue {
  /** e.g. `tasks[3].units[1]`; empty for the whole file. */
  path: string;
  line: number;
  col: number;
  message: string;
}

export class PlanFileError extends Error {
  constructor(
    readonly file: string,
    readonly issues: PlanFileIssue[],
  ) {
    super(`计划文件 ${file} 有误：\n${issues.map((i) => `  ${i.line}:${i.col} ${i.path || '（文件）'}：${i.message}`).join('\n')}`);
    this.name = 'PlanFileError';
  }
}

/** `['tasks', 3, 'units', 1]` → `tasks[3].units[1]`. */
function pathText(p: readonly PropertyKey[]): string {
  return p.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i === 0 ? '' : '.'}${String(k)}`)).join('');
}

/** Where a path points in the YAML source: the deepest node that exists along it. */
function locate(doc: Document, lc: LineCounter, p: readonly PropertyKey[]): { line: number; col: number } {
  let node: unknown = doc.contents;
  let offset = (doc.contents as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;
  for (const k of p) {
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === String(k));
      if (!pair) break;
      next = pair.value ?? pair.key;
      if (pair.value === null || pair.value === undefined) {
        offset = (pair.key as { range?: number[] }).range?.[0] ?? offset;
        break;
      }
    } else if (isSeq(node) && typeof k === 'number') {
      next = node.items[k];
      if (next === undefined) break;
    } else break;
    node = next;
    offset = (node as { range?: number[] }).range?.[0] ?? offset;
  }
  return lc.linePos(offset);
}

/** Chinese messages for zod's built-in checks the schema does not word itself. */
const zhFallback = z.locales.zhCN().localeError;
function zhError(iss: z.core.$ZodRawIssue): string | undefined {
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined) return '缺少此字段';
      return `类型错误：应为${({ string: '文本', number: '数字', int: '整数', array: '列表', object: '映射' } as Record<string, string>)[iss.expected] ?? iss.expected}`;
    case 'unrecognized_keys':
      return `未知的字段 ${iss.keys.map((k) => `“${k}”`).join('、')}`;
    default: {
      const r = zhFallback(iss);
      return typeof r === 'string' ? r : r?.message;
    }
  }
}

/** Parses and validates a plan file's text; `file` only names it in errors. */
export function parsePlanFile(source: string, file: string): PlanFile {
  const lc = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new PlanFileError(
      file,
      doc.errors.map((e) => {
        const pos = lc.linePos(e.pos[0]);
        return { path: '', line: pos.line, col: pos.col, message: `YAML 语法错误：${e.message.split('\n')[0]}` };
      }),
    );
  }
  const result = planFileSchema.safeParse(doc.toJS(), { error: zhError });
  if (result.success) return result.data;
  throw new PlanFileError(
    file,
    result.error.issues.map((iss) => {
      // An unknown key is reported on its mapping; point at the key itself.
      const p = iss.code === 'unrecognized_keys' && iss.keys.length > 0 ? [...iss.path, iss.keys[0]!] : iss.path;
      const pos = locate(doc, lc, p);
      return { path: pathText(p), line: pos.line, col: pos.col, message: iss.message };
    }),
  );
}

/** Reads a plan file (by default `yangpu-2024-2026.yaml` beside this module); its `id` must match the file name. */
export function loadPlanFile(file: string = DEFAULT_PLAN_FILE): PlanFile {
  let source: string;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new PlanFileError(file, [{ path: '', line: 0, col: 0, message: `无法读取文件：${(e as Error).message}` }]);
  }
  const plan = parsePlanFile(source, file);
  const base = path.basename(file).replace(/\.ya?ml$/i, '');
  if (base !== plan.id) {
    const lc = new LineCounter();
    const pos = locate(parseDocument(source, { lineCounter: lc }), lc, ['id']);
    throw new PlanFileError(file, [{ path: 'id', line: pos.line, col: pos.col, message: `计划 id“${plan.id}”应与文件名“${base}”一致` }]);
  }
  return plan;
}

/**
 * A task's units with `all-streets` replaced by the street unit codes, in order, without duplicates.
 * `streetUnitCodes` are unit codes (`street-dinghai`); a bare street code (`dinghai`) is prefixed.
 */
export function expandUnits(units: readonly string[], streetUnitCodes: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (code: string) => {
    if (!seen.has(code)) {
      seen.add(code);
      out.push(code);
    }
  };
  for (const u of units) {
    if (u === ALL_STREETS) for (const s of streetUnitCodes) add(s.startsWith('street-') ? s : `street-${s}`);
    else add(u);
  }
  return out;
}
