/**
 * Reads the text export of an action plan's 任务分工表 (see `seed-task-table.txt`): a title, a
 * header row 序号 / 主要目标任务 / 具体内容 / 责任单位, then one row per task, each cell on its own
 * line prefixed by a tab. The 主要目标任务 column is a merged cell in the original, so an action
 * heading such as （三）实施精准帮扶行动 shows up in odd places: inside a tab cell, as untabbed lines
 * surrounded by blank lines, or printed twice. A heading applies to the task whose number came just
 * before it if that task has no content yet, otherwise to the tasks that follow.
 *
 * Used by the test that checks the hand-transcribed plan file against the source text; the platform
 * itself reads the YAML, never this text.
 */

export interface SeedTask {
  no: number;
  /** 1 for （一）, 2 for （二）, … */
  action: number;
  /** 具体内容, trimmed; inner characters as in the source. */
  text: string;
  /** 责任单位 in the order named, e.g. ['区教育局', '团区委', '各街道']. */
  unitNames: string[];
}

export interface SeedAction {
  code: number;
  /** e.g. 实施精神素养提升行动 */
  name: string;
}

export interface SeedDocument {
  /** First line, e.g. 杨浦区困境儿童关爱服务质量提升三年行动实施方案（2024-2026年） */
  title: string;
  /** Second line, e.g. 任务分工表 */
  subtitle: string;
  actions: SeedAction[];
  tasks: SeedTask[];
}

const HEADER = ['序号', '主要目标任务', '具体内容', '责任单位'];
const NUMERALS = '一二三四五六七八九十';
const HEADING = /^（([一二三四五六七八九十]+)）(\S+)$/;

/** 一 → 1 … 十九 → 19. */
function numeral(s: string): number | null {
  if (s.length === 1) {
    const i = NUMERALS.indexOf(s);
    return i < 0 ? null : i + 1;
  }
  if (s.length === 2 && s[0] === '十') {
    const i = NUMERALS.indexOf(s[1]!);
    return i < 0 || i > 8 ? null : 10 + i + 1;
  }
  return null;
}

export class SeedTableError extends Error {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`任务分工表第 ${line} 行：${reason}`);
    this.name = 'SeedTableError';
  }
}

export function parseSeedDocument(src: string): SeedDocument {
  const lines = src.replace(/^\uFEFF/, '').split(/\r?\n/);
  const nonBlank = lines.map((l, i) => ({ l: l.trim(), i })).filter((x) => x.l !== '');
  const title = nonBlank[0]?.l ?? '';
  const subtitle = nonBlank[1]?.l ?? '';

  // The header row: four tab cells in this order.
  let at = 0;
  for (const h of HEADER) {
    while (at < lines.length && lines[at]!.trim() !== h) at++;
    if (at >= lines.length) throw new SeedTableError(lines.length, `找不到表头“${h}”`);
    at++;
  }

  const actions: SeedAction[] = [];
  const tasks: SeedTask[] = [];
  let action = 0;
  /** The task being read and how many of its content cells (具体内容, 责任单位) were seen. */
  let cur: { task: SeedTask; cells: number; line: number } | null = null;

  const finish = () => {
    if (!cur) return;
    if (cur.cells < 2) throw new SeedTableError(cur.line, `第 ${cur.task.no} 项任务缺少${cur.cells === 0 ? '具体内容和' : ''}责任单位`);
    tasks.push(cur.task);
    cur = null;
  };

  for (let i = at; i < lines.length; i++) {
    const raw = lines[i]!;
    const cell = raw.trim();
    const lineNo = i + 1;
    if (cell === '') continue;

    const h = HEADING.exec(cell);
    if (h) {
      const code = numeral(h[1]!);
      if (code === null) throw new SeedTableError(lineNo, `无法识别的行动序号“（${h[1]}）”`);
      const known = actions.find((a) => a.code === code);
      if (known) {
        if (known.name !== h[2]) throw new SeedTableError(lineNo, `行动（${h[1]}）名称不一致：“${known.name}”与“${h[2]}”`);
        if (code !== action) throw new SeedTableError(lineNo, `行动（${h[1]}）的标题出现在行动 ${action} 的任务之间`);
        continue; // the merged cell printed again
      }
      if (code !== action + 1) throw new SeedTableError(lineNo, `行动序号应为 ${action + 1}，实际为（${h[1]}）`);
      actions.push({ code, name: h[2]! });
      action = code;
      if (cur && cur.cells === 0) cur.task.action = code;
      continue;
    }

    if (/^\d+$/.test(cell) && raw.startsWith('\t') && (!cur || cur.cells >= 2)) {
      finish();
      const no = Number(cell);
      const expected = tasks.length + 1;
      if (no !== expected) throw new SeedTableError(lineNo, `任务序号应为 ${expected}，实际为 ${no}`);
      cur = { task: { no, action, text: '', unitNames: [] }, cells: 0, line: lineNo };
      continue;
    }

    if (!cur) throw new SeedTableError(lineNo, `任务序号之前出现了内容“${cell.slice(0, 20)}”`);
    if (!raw.startsWith('\t')) {
      // A wrapped line continues the cell before it.
      if (cur.cells === 1) {
        cur.task.text += cell;
        continue;
      }
      if (cur.cells === 2) {
        cur.task.unitNames.push(...splitUnits(cell));
        continue;
      }
      throw new SeedTableError(lineNo, `第 ${cur.task.no} 项任务的具体内容之前出现了“${cell.slice(0, 20)}”`);
    }
    if (cur.cells === 0) {
      cur.task.text = cell;
      cur.cells = 1;
      continue;
    }
    if (cur.cells === 1) {
      cur.task.unitNames = splitUnits(cell);
      cur.cells = 2;
      continue;
    }
    throw new SeedTableError(lineNo, `第 ${cur.task.no} 项任务多出一格“${cell.slice(0, 20)}”`);
  }
  finish();

  for (const t of tasks) {
    if (t.action === 0) throw new SeedTableError(0, `第 ${t.no} 项任务之前没有行动标题`);
    if (t.unitNames.length === 0) throw new SeedTableError(0, `第 ${t.no} 项任务没有责任单位`);
  }
  return { title, subtitle, actions, tasks };
}

function splitUnits(cell: string): string[] {
  return cell
    .split('、')
    .map((u) => u.trim())
    .filter((u) => u !== '');
}

/** The tasks of a 任务分工表 text export. */
export function parseSeedTable(src: string): SeedTask[] {
  return parseSeedDocument(src).tasks;
}
