/**
 * Visit records: loading, presenting, validating and saving (draft or submitted). Used by the
 * routes in routes.ts, always inside the caller's scoped transaction.
 *
 * Drafts keep everything the visitor entered, including the problems raised but not yet
 * submitted. The visits table has no column for those (and migrations are not changed for it), so
 * a draft stores them in its checklist jsonb under a reserved entry:
 *
 *     { "code": "__problems", "problems": [{ description, category, severity, responsibleUnit, dueOn }] }
 *
 * The entry is never shown as a checklist line; on submit it is removed and each problem becomes a
 * row of `problems` (through casework's createProblem, carrying the visit id).
 */
import {
  CHECK_STATUSES, DRAFT_PROBLEMS_CODE, VISIT_EDIT_DAYS, type CheckEntry, type CheckStatus, type ProblemCategory, type Visit, type VisitKind,
  type VisitProblem,
} from '#common/visits.js';
import type { AppDeps } from '../../core/deps.js';
import type { Tx } from '../../core/context.js';
import { errors, type FieldError } from '../../core/errors.js';
import { createProblem } from '../casework/problemCreator.js';
import { shanghaiDate } from '#common/dates.js';

export const CONFLICT_MESSAGE = '该记录已被他人修改，请刷新后再改';

export interface DraftProblem {
  description: string;
  category: ProblemCategory;
  severity: 'high' | 'medium' | 'low';
  responsibleUnit: string | null;
  dueOn: string | null;
}
type StoredEntry = CheckEntry | { code: typeof DRAFT_PROBLEMS_CODE; problems: DraftProblem[] };

export interface VisitRow {
  id: string;
  child_id: string;
  child_name: string;
  visited_on: string;
  kind: VisitKind;
  visitor_id: string | null;
  visitor_name: string;
  people_met: string | null;
  checklist: StoredEntry[];
  findings: string | null;
  status: 'draft' | 'submitted';
  version: number;
  created_at: Date;
  updated_at: Date;
  submitted_at: Date | null;
}

export const VISIT_SELECT = `select v.id, v.child_id, c.name as child_name, v.visited_on, v.kind, v.visitor_id, v.visitor_name, v.people_met,
  v.checklist, v.findings, v.status, v.version, v.created_at, v.updated_at, v.submitted_at
  from visits v join children c on c.id = v.child_id`;

/** Another person's draft is private: it does not exist for anyone but its author. */
export const VISIBLE_TO_CALLER = `(v.status = 'submitted' or v.visitor_id = app_user_id())`;

export async function loadVisit(tx: Tx, id: string, lock = false): Promise<VisitRow> {
  const row = (await tx.client.query<VisitRow>(`${VISIT_SELECT} where v.id = $1 and ${VISIBLE_TO_CALLER} ${lock ? 'for update of v' : ''}`, [id])).rows[0];
  if (!row) throw errors.notFound('未找到该走访记录，或不在您的辖区内');
  return row;
}

const entries = (stored: StoredEntry[]): CheckEntry[] => stored.filter((e): e is CheckEntry => e.code !== DRAFT_PROBLEMS_CODE);
const draftProblemsOf = (stored: StoredEntry[]): DraftProblem[] =>
  (stored.find((e) => e.code === DRAFT_PROBLEMS_CODE) as { problems: DraftProblem[] } | undefined)?.problems ?? [];

/** Whether the caller may still change a visit: their own draft, or their own submitted visit within 7 days. */
export function editableBy(row: VisitRow, userId: string, now: number): boolean {
  if (row.visitor_id !== userId) return false;
  if (row.status === 'draft') return true;
  return !!row.submitted_at && now - row.submitted_at.getTime() <= VISIT_EDIT_DAYS * 86_400_000;
}

export async function presentVisits(tx: Tx, rows: VisitRow[], now: number): Promise<Visit[]> {
  const userId = tx.ctx.actor!.userId;
  const problems = new Map<string, VisitProblem[]>();
  if (rows.length) {
    const found = await tx.client.query<{ id: string; visit_id: string; description: string; category: ProblemCategory; severity: VisitProblem['severity']; status: string; due_on: string | null }>(
      `select id, visit_id, description, category, severity, status, due_on from problems where visit_id = any($1::uuid[]) order by created_at, id`,
      [rows.map((r) => r.id)]);
    for (const p of found.rows) {
      const list = problems.get(p.visit_id) ?? [];
      list.push({ id: p.id, description: p.description, category: p.category, severity: p.severity, status: p.status, dueOn: p.due_on });
      problems.set(p.visit_id, list);
    }
  }
  return rows.map((r) => ({
    id: r.id,
    childId: r.child_id,
    childName: r.child_name,
    visitedOn: r.visited_on,
    kind: r.kind,
    visitorId: r.visitor_id,
    visitorName: r.visitor_name,
    peopleMet: r.people_met,
    checklist: entries(r.checklist).map((e) => ({ code: e.code, label: e.label, status: e.status, note: e.note ?? null })),
    findings: r.findings,
    draftProblems: draftProblemsOf(r.checklist),
    problems: problems.get(r.id) ?? [],
    status: r.status,
    version: r.version,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    submittedAt: r.submitted_at?.toISOString() ?? null,
    editable: editableBy(r, userId, now),
    deletable: r.status === 'draft' && r.visitor_id === userId,
  }));
}

export interface ChildFacts { id: string; birth_date: string; status: string }

/** The child, if the caller can see it (RLS); otherwise 404. */
export async function loadChild(tx: Tx, id: string): Promise<ChildFacts> {
  const row = (await tx.client.query<ChildFacts>('select id, birth_date, status from children where id = $1', [id])).rows[0];
  if (!row) throw errors.notFound('未找到该儿童档案，或不在您的辖区内');
  return row;
}

export interface VisitContent {
  visitedOn: string;
  kind: VisitKind;
  peopleMet: string | null;
  checklist: { code: string; status: CheckStatus; note: string | null }[];
  findings: string | null;
  problems: DraftProblem[];
}

/**
 * Turns checklist answers (by code) into the snapshot stored on the visit. Codes must be in the
 * current active service list — or, when a submitted visit is corrected, in its own snapshot (an
 * item deactivated since keeps its old label there). A visit being submitted must answer every
 * active item, and explain each 需关注.
 */
async function checklistSnapshot(tx: Tx, answers: VisitContent['checklist'], previous: CheckEntry[] | null, submitting: boolean): Promise<CheckEntry[]> {
  const active = (await tx.client.query<{ code: string; label: string }>(
    `select code, label from checklist_items where list = 'service' and active order by sort, code`)).rows;
  const labels = new Map<string, string>();
  for (const a of active) labels.set(a.code, a.label);
  // A corrected visit keeps the labels it was recorded with.
  for (const p of previous ?? []) labels.set(p.code, p.label);
  const order = [...(previous ?? []).map((p) => p.code), ...active.map((a) => a.code)];

  const fields: FieldError[] = [];
  const byCode = new Map<string, VisitContent['checklist'][number]>();
  for (const a of answers) {
    if (!labels.has(a.code)) fields.push({ path: `checklist.${a.code}`, message: `检查项“${a.code}”不在当前的服务内容清单中（清单可能已更新），请刷新页面后重新填写` });
    else if (byCode.has(a.code)) fields.push({ path: `checklist.${a.code}`, message: `检查项“${labels.get(a.code)}”重复填写` });
    else if (!(CHECK_STATUSES as readonly string[]).includes(a.status)) fields.push({ path: `checklist.${a.code}`, message: '请选择 正常 / 需关注 / 不适用' });
    else byCode.set(a.code, a);
  }
  if (submitting) {
    const required = previous ? previous.map((p) => p.code) : active.map((a) => a.code);
    for (const code of required) {
      if (!byCode.has(code)) fields.push({ path: `checklist.${code}`, message: `请为“${labels.get(code)}”选择 正常 / 需关注 / 不适用` });
    }
    for (const a of byCode.values()) {
      if (a.status === 'attention' && !a.note?.trim()) fields.push({ path: `checklist.${a.code}`, message: `“${labels.get(a.code)}”需关注，请写明具体情况` });
    }
  }
  if (fields.length) throw errors.validation(fields, submitting ? '走访记录还不完整，请按提示补充后再提交' : undefined);
  const seen = new Set<string>();
  const out: CheckEntry[] = [];
  for (const code of order) {
    const a = byCode.get(code);
    if (!a || seen.has(code)) continue;
    seen.add(code);
    out.push({ code, label: labels.get(code)!, status: a.status, note: a.note?.trim() || null });
  }
  return out;
}

async function checkProblems(tx: Tx, problems: DraftProblem[], visitedOn: string): Promise<void> {
  const fields: FieldError[] = [];
  const units = [...new Set(problems.map((p) => p.responsibleUnit).filter((u): u is string => !!u))];
  const known = units.length
    ? new Set((await tx.client.query<{ code: string }>('select code from units where code = any($1::text[]) and active', [units])).rows.map((r) => r.code))
    : new Set<string>();
  problems.forEach((p, i) => {
    if (p.responsibleUnit && !known.has(p.responsibleUnit)) fields.push({ path: `problems.${i}.responsibleUnit`, message: '责任单位不存在或已停用，请重新选择' });
    if (p.dueOn && p.dueOn < visitedOn) fields.push({ path: `problems.${i}.dueOn`, message: '解决期限不能早于走访日期' });
  });
  if (fields.length) throw errors.validation(fields);
}

function checkDates(content: VisitContent, child: ChildFacts, today: string): void {
  if (content.visitedOn > today) throw errors.validation([{ path: 'visitedOn', message: `走访日期不能晚于今天（${today}），请选择实际走访的日期` }]);
  if (content.visitedOn < child.birth_date) throw errors.validation([{ path: 'visitedOn', message: '走访日期不能早于儿童的出生日期，请核对' }]);
}

/**
 * Creates or updates a visit. `existing` is the locked row when updating (its author and version
 * already checked by the caller). When the result is submitted, the problems become problem
 * records and the child's next due date is recomputed. Returns the visit id and what was done.
 */
export async function saveVisit(
  tx: Tx,
  deps: AppDeps,
  args: { existing: VisitRow | null; child: ChildFacts; content: VisitContent; submit: boolean },
): Promise<{ id: string; submitted: boolean; problemIds: string[] }> {
  const { existing, child, content } = args;
  const now = deps.clock();
  checkDates(content, child, shanghaiDate(now));
  const wasSubmitted = existing?.status === 'submitted';
  const submitted = wasSubmitted || args.submit;
  const snapshot = await checklistSnapshot(tx, content.checklist, wasSubmitted ? entries(existing.checklist) : null, submitted);
  await checkProblems(tx, content.problems, content.visitedOn);
  const stored: StoredEntry[] = submitted || !content.problems.length ? snapshot : [...snapshot, { code: DRAFT_PROBLEMS_CODE, problems: content.problems }];

  let id: string;
  if (existing) {
    const r = await tx.client.query<{ id: string }>(
      `update visits set visited_on = $3, kind = $4, people_met = $5, checklist = $6::jsonb, findings = $7, status = $8,
         submitted_at = case when $8 = 'submitted' then coalesce(submitted_at, $9) else null end, version = version + 1, updated_at = $9
       where id = $1 and version = $2 returning id`,
      [existing.id, existing.version, content.visitedOn, content.kind, content.peopleMet, JSON.stringify(stored), content.findings,
        submitted ? 'submitted' : 'draft', new Date(now)]);
    if (!r.rowCount) throw errors.conflict(CONFLICT_MESSAGE);
    id = existing.id;
  } else {
    const actor = tx.ctx.actor!;
    const r = await tx.client.query<{ id: string }>(
      `insert into visits (child_id, visited_on, kind, visitor_id, visitor_name, people_met, checklist, findings, status, submitted_at, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11, $11) returning id`,
      [child.id, content.visitedOn, content.kind, actor.userId, actor.displayName, content.peopleMet, JSON.stringify(stored), content.findings,
        submitted ? 'submitted' : 'draft', submitted ? new Date(now) : null, new Date(now)]);
    id = r.rows[0]!.id;
  }

  const problemIds: string[] = [];
  if (submitted) {
    for (const p of content.problems) {
      const created = await createProblem(tx, {
        childId: child.id, description: p.description, category: p.category, severity: p.severity,
        responsibleUnit: p.responsibleUnit, dueOn: p.dueOn, visitId: id,
      }, now);
      problemIds.push(created.id);
    }
    await tx.client.query('select recompute_next_visit($1)', [child.id]);
  }
  return { id, submitted, problemIds };
}

/** The content stored on a draft, as the input `saveVisit` takes (used by POST /api/visits/:id/submit). */
export function storedContent(row: VisitRow): VisitContent {
  return {
    visitedOn: row.visited_on,
    kind: row.kind,
    peopleMet: row.people_met,
    checklist: entries(row.checklist).map((e) => ({ code: e.code, status: e.status, note: e.note ?? null })),
    findings: row.findings,
    problems: draftProblemsOf(row.checklist),
  };
}
