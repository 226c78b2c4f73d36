/** Chinese formatting of values in explanations: amounts as `3,200 元`, dates as 2025-07-01. */
import { isoFromDay } from './dates.js';
import type { Value } from './expr/check.js';
import type { Type } from './expr/types.js';
import type { ParamValue } from './policy.js';
import type { Domains } from './profile.js';

export function thousands(n: number): string {
  const neg = n < 0;
  const s = String(Math.abs(Math.trunc(n)));
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) out += ',';
    out += s[i];
  }
  return neg ? `-${out}` : out;
}

/** 320000 fen → "3,200 元"; 120050 → "1,200.50 元"; fractions of a fen are rounded for display. */
export function yuan(fen: number): string {
  const f = Math.round(fen);
  const neg = f < 0;
  const abs = Math.abs(f);
  const y = Math.floor(abs / 100),
    c = abs % 100;
  return `${neg ? '-' : ''}${thousands(y)}${c ? `.${c < 10 ? '0' : ''}${c}` : ''} 元`;
}

function num(n: number): string {
  if (Number.isInteger(n)) return thousands(n);
  return String(Math.round(n * 100) / 100);
}

export interface FormatHints {
  display?: string;
  age?: boolean;
}

/** A value for a reader: 是/否, 3,200 元, 17 周岁, 6 个月, 本市户籍, 未知. */
export function fmt(v: Value, t: Type, domains: Domains, hints: FormatHints = {}): string {
  if (v === null) return '未知';
  switch (t.k) {
    case 'bool':
      return v ? '是' : '否';
    case 'date':
      return isoFromDay(v as number);
    case 'string':
      return String(v);
    case 'enum':
      return domains[t.domain].labels[v as string] ?? String(v);
    case 'set': {
      const s = v as readonly string[];
      return s.length ? s.map((x) => domains[t.domain].labels[x] ?? x).join('、') : '无';
    }
    case 'num': {
      const n = v as number;
      switch (t.unit) {
        case 'fen':
          return yuan(n);
        case 'years':
          return `${num(n)} ${hints.age ? '周岁' : '年'}`;
        case 'months':
          return `${num(n)} 个月`;
        case 'days':
          return `${num(n)} 天`;
        case 'ratio':
          return `${num(n * 100)}%`;
        case 'int':
          return `${num(n)}${hints.display ? ` ${hints.display}` : ''}`;
      }
    }
  }
  return String(v);
}

/** A parameter value with its unit: 3,200 元/月, 90%, 130,000 元/年. */
export function fmtParam(v: ParamValue, unit: string): string {
  switch (unit) {
    case 'fen/month':
      return `${yuan(v.value)}/月`;
    case 'fen/year':
      return `${yuan(v.value)}/年`;
    case 'fen':
      return yuan(v.value);
    case 'ratio':
      return `${num(v.value * 100)}%`;
    case 'years':
      return `${num(v.value)} 年`;
    case 'months':
      return `${num(v.value)} 个月`;
    case 'days':
      return `${num(v.value)} 天`;
    default:
      return num(v.value);
  }
}

/** Where a parameter value comes from: 沪民规〔2025〕9号，2025-01-01 起（至 2030-12-31）；未核实. */
export function citeParam(v: ParamValue): string {
  const period = `${isoFromDay(v.from)} 起${v.to !== null ? `，至 ${isoFromDay(v.to)}` : ''}`;
  return `${v.source}，${period}${v.verified ? '' : '；未核实'}`;
}
