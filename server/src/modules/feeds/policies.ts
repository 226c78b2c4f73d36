/**
 * The pure decisions of a data feed: is a mapping complete for its fact; each source row read
 * through the mapping into the file's terms (identity number normalised and validated, dates,
 * the source's own words mapped to ours) or refused with Chinese reasons; the same person twice in
 * one file is a duplicate; and whether a record's value differs from what is on file.
 */
import { DISABILITY_TYPES, MEMBER_STATUSES, RELATIONS, SCHOOL_STAGES } from '#common/values.js';
import { FEED_FIELDS, FEED_REQUIRED_FIELDS, type FeedFact, type FeedField, type FeedMapping } from '#common/feeds.js';
import { normaliseIdNumber, validateIdNumber } from '#common/idNumber.js';
import { cellDate, type Cell } from '../files/importRead.js';

/** A source row: its number in the file (1 = header) and its cells by normalised header. */
export interface SourceRow {
  rowNo: number;
  cells: Map<string, Cell>;
}

/** The record's facts in the file's terms (only what the row gives). */
export interface RecordFacts {
  relation?: string;
  status?: string;
  since?: string;
  until?: string;
  disabilityType?: string;
  disabilityGrade?: number;
  schoolStage?: string;
  school?: string;
  evidence?: string;
}

export interface ParsedRecord {
  rowNo: number;
  outcome: 'ok' | 'error' | 'duplicate';
  name: string | null;
  /** Normalised and valid; never stored (only its blind index and last 4 characters). */
  idNumber: string | null;
  idTail: string | null;
  birthDate: string | null;
  facts: RecordFacts;
  messages: string[];
}

export const normaliseHeader = (h: string): string => h.normalize('NFKC').replace(/\s+/g, '');

/** The mapping's problems, per field, in Chinese (empty: the mapping is usable). */
export function mappingProblems(fact: FeedFact, mapping: FeedMapping): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const headers = new Set<string>();
  const fields = new Set<FeedField>();
  mapping.columns.forEach((c, i) => {
    const h = normaliseHeader(c.header);
    if (headers.has(h)) out.push({ path: `mapping.columns.${i}.header`, message: `源表头“${c.header}”重复` });
    headers.add(h);
    if (fields.has(c.field)) out.push({ path: `mapping.columns.${i}.field`, message: `“${FEED_FIELDS[c.field]}”映射了不止一列` });
    fields.add(c.field);
    for (const [from, to] of Object.entries(c.values ?? {})) {
      const ok = ourValue(c.field, to) !== null;
      if (!ok) out.push({ path: `mapping.columns.${i}.values`, message: `“${from}”对应的“${to}”不是${FEED_FIELDS[c.field]}的有效取值` });
    }
  });
  for (const f of FEED_REQUIRED_FIELDS[fact]) {
    if (!fields.has(f)) out.push({ path: 'mapping.columns', message: `该数据源须映射“${FEED_FIELDS[f]}”` });
  }
  return out;
}

const GRADE_WORDS = new Map<string, number>(
  Object.entries({ 一级: 1, 二级: 2, 三级: 3, 四级: 4, '1级': 1, '2级': 2, '3级': 3, '4级': 4, 一: 1, 二: 2, 三: 3, 四: 4 }),
);
const RELATION_SET = new Set<string>(RELATIONS);
const DISABILITY_SET = new Set<string>(DISABILITY_TYPES);
const STAGE_SET = new Set<string>(SCHOOL_STAGES);
const STATUS_LABEL = new Map<string, string>(Object.entries(MEMBER_STATUSES));
const STATUS_BY_LABEL = new Map<string, string>(Object.entries(MEMBER_STATUSES).flatMap(([code, label]) => [[code, code] as const, [label, code] as const]));

/** One of our own values for a field, read from our own words (code or label), or null. */
export function ourValue(field: FeedField, raw: string): string | number | null {
  const v = raw.normalize('NFKC').trim();
  switch (field) {
    case 'status':
      return STATUS_BY_LABEL.get(v) ?? null;
    case 'relation':
      return RELATION_SET.has(v) ? v : null;
    case 'disabilityType': {
      const t = v.replace(/残疾$/, '');
      return DISABILITY_SET.has(t) ? t : null;
    }
    case 'disabilityGrade': {
      if (/^[1-4]$/.test(v)) return Number(v);
      return GRADE_WORDS.get(v) ?? null;
    }
    case 'schoolStage':
      return STAGE_SET.has(v) ? v : null;
    default:
      return v;
  }
}

const text = (c: Cell | undefined): string | null => {
  if (c === null || c === undefined) return null;
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  const s = String(c).trim();
  return s === '' ? null : s;
};

const FIELD_LIMITS: Partial<Record<FeedField, number>> = { name: 40, school: 80, evidence: 100 };
/** Text a spreadsheet would run as a formula, or control characters: refused. */
const UNSAFE = /^[=+\-@]|[\u0000-\u001f\u007f]/;

/** Reads each row through the mapping; nothing here touches the database. `today`: 'YYYY-MM-DD' in Shanghai. */
export function parseRows(rows: readonly SourceRow[], fact: FeedFact, mapping: FeedMapping, today: string): ParsedRecord[] {
  const cols = mapping.columns.map((c) => ({ ...c, key: normaliseHeader(c.header) }));
  const seen = new Set<string>();
  return rows.map((r): ParsedRecord => {
    const messages: string[] = [];
    const facts: RecordFacts = {};
    let name: string | null = null;
    let idNumber: string | null = null;
    let birthDate: string | null = null;
    let idGiven = false;
    const bad = new Set<FeedField>();
    const refuse = (field: FeedField, message: string) => {
      bad.add(field);
      messages.push(message);
    };
    for (const c of cols) {
      const cell = r.cells.get(c.key);
      const label = c.header;
      if (c.field === 'idNumber') {
        if (typeof cell === 'number') {
          messages.push(`“${label}”被存成了数字（末几位会丢失），请把该列设为文本格式`);
          idGiven = true;
          continue;
        }
        const t = text(cell);
        if (t === null) continue;
        idGiven = true;
        const id = normaliseIdNumber(t);
        const v = validateIdNumber(id, today);
        if (!v.ok) messages.push(`身份证号无效：${v.message}`);
        else {
          idNumber = id;
          birthDate = v.birthDate;
        }
        continue;
      }
      if (c.field === 'birthDate' || c.field === 'since' || c.field === 'until') {
        if (cell === null || cell === undefined) continue;
        const d = cellDate(cell);
        if (!d) {
          messages.push(`“${label}”的日期“${text(cell) ?? ''}”无法识别（请写成 2026-01-31）`);
          continue;
        }
        if (c.field !== 'until' && d > today) {
          messages.push(`“${label}”${d} 晚于今天`);
          continue;
        }
        if (c.field === 'birthDate') birthDate ??= d;
        else facts[c.field] = d;
        continue;
      }
      const t = text(cell);
      if (t === null) continue;
      if (c.field === 'name') {
        if (UNSAFE.test(t) || t.length > 40) messages.push(`“${label}”含有不允许的字符或过长`);
        else name = t.normalize('NFKC').replace(/\s+/g, '');
        continue;
      }
      const limit = FIELD_LIMITS[c.field];
      if (limit !== undefined) {
        if (UNSAFE.test(t) || t.length > limit) messages.push(`“${label}”含有不允许的字符或超过 ${limit} 字`);
        else if (c.field === 'school') facts.school = t;
        else if (c.field === 'evidence') facts.evidence = t;
        continue;
      }
      // a coded field: the source's own word through the mapping's values, or one of ours
      // own keys only: a source word such as "toString" is no key of the mapping
      const own = (k: string) => (c.values && Object.hasOwn(c.values, k) ? c.values[k] : undefined);
      const mapped = own(t) ?? own(t.normalize('NFKC').trim());
      const value = mapped !== undefined ? ourValue(c.field, mapped) : c.values && Object.keys(c.values).length ? null : ourValue(c.field, t);
      if (value === null) {
        refuse(c.field, `“${label}”的取值“${t}”不在该数据源的映射中`);
        continue;
      }
      if (c.field === 'disabilityGrade') facts.disabilityGrade = Number(value);
      else if (c.field === 'status' || c.field === 'relation' || c.field === 'disabilityType' || c.field === 'schoolStage') facts[c.field] = String(value);
    }
    if (!name) messages.push('缺少姓名');
    if (!idGiven && !birthDate) messages.push('缺少身份证号（无身份证号时须有出生日期，按姓名和出生日期匹配）');
    for (const f of FEED_REQUIRED_FIELDS[fact]) {
      if (f === 'idNumber' || f === 'name') continue;
      if (!(f in facts) && !bad.has(f)) messages.push(`缺少${FEED_FIELDS[f]}`);
    }
    if (facts.since && facts.until && facts.until < facts.since) messages.push('截止日期早于起始日期');
    const idTail = idNumber ? idNumber.slice(-4) : null;
    if (messages.length) return { rowNo: r.rowNo, outcome: 'error', name, idNumber: null, idTail, birthDate, facts, messages };
    const key = idNumber ?? `${name ?? ''}|${birthDate ?? ''}`;
    if (seen.has(key))
      return { rowNo: r.rowNo, outcome: 'duplicate', name, idNumber, idTail, birthDate, facts, messages: ['与文件中前面的行是同一人的同一信息，已跳过'] };
    seen.add(key);
    return { rowNo: r.rowNo, outcome: 'ok', name, idNumber, idTail, birthDate, facts, messages };
  });
}

// ---------------------------------------------------------------------------------------------
// Values on file and proposed
// ---------------------------------------------------------------------------------------------

/** A fact's value as compared and stored on a change (old_value / new_value). */
export type FactValue =
  | { status: string; since: string | null; until: string | null }
  | { disabilityType: string | null; disabilityGrade: number | null }
  | { schoolStage: string | null; school: string | null };

/** What is on file for the fact (read by repo.currentValues). */
export interface OnFile {
  status: string | null;
  statusSince: string | null;
  statusUntil: string | null;
  disabilityType: string | null;
  disabilityGrade: number | null;
  schoolStage: string | null;
  schoolName: string | null;
}

export function currentValue(fact: FeedFact, f: OnFile): FactValue {
  if (fact === 'member.status') return { status: f.status ?? 'alive_fit', since: f.statusSince, until: f.statusUntil };
  if (fact === 'child.disability') return { disabilityType: f.disabilityType, disabilityGrade: f.disabilityGrade };
  return { schoolStage: f.schoolStage, school: f.schoolName };
}

/**
 * The value the record proposes, given what is on file: a field the record does not give keeps
 * its value on file (a status that changes without dates clears the old dates). Null: the record
 * proposes nothing different ('unchanged').
 */
export function proposedValue(fact: FeedFact, facts: RecordFacts, cur: FactValue): FactValue | null {
  let next: FactValue;
  if ('status' in cur) {
    const status = facts.status ?? cur.status;
    const changed = status !== cur.status;
    next = { status, since: facts.since ?? (changed ? null : cur.since), until: facts.until ?? (changed ? null : cur.until) };
  } else if ('disabilityType' in cur) {
    next = { disabilityType: facts.disabilityType ?? cur.disabilityType, disabilityGrade: facts.disabilityGrade ?? cur.disabilityGrade };
  } else {
    next = { schoolStage: facts.schoolStage ?? cur.schoolStage, school: facts.school ?? cur.school };
  }
  void fact;
  return sameValue(next, cur) ? null : next;
}

/** Key order does not matter (jsonb stores keys in its own order). */
const canonical = (v: unknown): string =>
  v !== null && typeof v === 'object' && !Array.isArray(v)
    ? `{${Object.entries(v)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`)
        .join(',')}}`
    : JSON.stringify(v ?? null);
export const sameValue = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

const statusLabel = (s: string | null): string => (s ? (STATUS_LABEL.get(s) ?? s) : '未登记');
const disabilityLabel = (t: string | null, g: number | null): string => (t || g ? `${t ?? '类别未登记'}${g ? ` ${g}级` : ''}` : '无');

/** The fields of a stored value (the jsonb of a change). */
export function valueFields(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v)) : {};
}

/** The change in Chinese, e.g. "父亲 状态：服刑在押 → 健在且有监护能力（2026-11-02 起）". */
export function changeSummary(fact: FeedFact, oldV: unknown, newV: unknown, member: { relation: string | null; name: string | null } | null): string {
  const o = valueFields(oldV);
  const n = valueFields(newV);
  const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
  if (fact === 'member.status') {
    const who = member ? `${member.relation ?? ''}${member.name ? ` ${member.name}` : ''}`.trim() : '家庭成员';
    const dates = [str(n.since) ? `${str(n.since)} 起` : '', str(n.until) ? `至 ${str(n.until)}` : ''].filter(Boolean).join('，');
    return `${who} 状态：${statusLabel(str(o.status))} → ${statusLabel(str(n.status))}${dates ? `（${dates}）` : ''}`;
  }
  if (fact === 'child.disability') {
    return `残疾：${disabilityLabel(str(o.disabilityType), num(o.disabilityGrade))} → ${disabilityLabel(str(n.disabilityType), num(n.disabilityGrade))}`;
  }
  const school = str(n.school) && str(n.school) !== str(o.school) ? `（${str(n.school)}）` : '';
  return `就学阶段：${str(o.schoolStage) ?? '未登记'} → ${str(n.schoolStage) ?? '未登记'}${school}`;
}

/** The fact of which file a change is about: a newer change of the same key supersedes a waiting older one. */
export function factKey(fact: FeedFact, childId: string, memberId: string | null): string {
  return fact === 'member.status' ? `member:${memberId ?? ''}:status` : `child:${childId}:${fact.slice('child.'.length)}`;
}

/** The effective date of a change: when the new state began, if the source says. */
export function effectiveDate(facts: RecordFacts): string | null {
  return facts.since ?? null;
}
