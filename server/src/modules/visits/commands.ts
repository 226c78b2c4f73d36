/**
 * Every change of the visits module: recording a visit (draft or submitted), correcting it,
 * submitting a draft, deleting a draft; replacing the visit plan rules; adding, changing and
 * reordering checklist items. Each checks its rules (policies.ts), writes through the repo and
 * records its audit row in the same transaction.
 */
import { CHECK_STATUSES, type CheckEntry, type CheckStatus, type VisitKind } from '#common/visits.js';
import { shanghaiDate } from '#common/dates.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { errors, type FieldError } from '../../core/errors.js';
import { createProblem } from '../casework/commands/problems.js';
import { diff } from '../audit/presenters.js';
import * as repo from './repo.js';
import type { ChildFacts, DraftProblem, VisitRow } from './repo.js';
import { enforce, isDraftToSubmit, mayDelete, ownsVisit, withinEditWindow } from './policies.js';
import { briefRule, presentItem, presentRule } from './presenters.js';
import { getVisit, loadChild, loadVisit } from './queries.js';
import type {
  ChecklistItemCreateT,
  ChecklistItems,
  ChecklistItemUpdateT,
  ChecklistReorderT,
  Visit,
  VisitCreateT,
  VisitRulesReplaceT,
  VisitRulesResultT,
  VisitSubmitT,
  VisitUpdateT,
} from './types.js';
import type { ChecklistItem } from '#common/visits.js';

/** The answer to a stale version (someone saved the visit after the caller read it). */
export const CONFLICT_MESSAGE = '该记录已被他人修改，请刷新后再改';

export interface VisitContent {
  visitedOn: string;
  kind: VisitKind;
  peopleMet: string | null;
  checklist: { code: string; status: CheckStatus; note: string | null }[];
  findings: string | null;
  problems: DraftProblem[];
}

const contentOf = (b: VisitCreateT | VisitUpdateT): VisitContent => ({
  visitedOn: b.visitedOn,
  kind: b.kind,
  peopleMet: b.peopleMet || null,
  checklist: b.checklist.map((a) => ({ code: a.code, status: a.status, note: a.note || null })),
  findings: b.findings || null,
  problems: b.problems.map((p) => ({
    description: p.description,
    category: p.category,
    severity: p.severity,
    responsibleUnit: p.responsibleUnit || null,
    dueOn: p.dueOn || null,
  })),
});

/** The content stored on a draft, as `saveVisit` takes it (submitting a draft as it is). */
function storedContent(row: VisitRow): VisitContent {
  return {
    visitedOn: row.visited_on,
    kind: row.kind,
    peopleMet: row.people_met,
    checklist: row.checklist.map((e) => ({ code: e.code, status: e.status, note: e.note ?? null })),
    findings: row.findings,
    problems: row.draft_problems,
  };
}

/**
 * Turns checklist answers (by code) into the snapshot stored on the visit. Codes must be in the
 * current active service list — or, when a submitted visit is corrected, in its own snapshot (an
 * item deactivated since keeps its old label there). A visit being submitted must answer every
 * active item, and explain each 需关注.
 */
async function checklistSnapshot(tx: Tx, answers: VisitContent['checklist'], previous: CheckEntry[] | null, submitting: boolean): Promise<CheckEntry[]> {
  const active = await repo.activeServiceLabels(tx);
  const labels = new Map<string, string>();
  for (const a of active) labels.set(a.code, a.label);
  // A corrected visit keeps the labels it was recorded with.
  for (const p of previous ?? []) labels.set(p.code, p.label);
  const order = [...(previous ?? []).map((p) => p.code), ...active.map((a) => a.code)];

  const fields: FieldError[] = [];
  const byCode = new Map<string, VisitContent['checklist'][number]>();
  for (const a of answers) {
    if (!labels.has(a.code))
      fields.push({ path: `checklist.${a.code}`, message: `检查项“${a.code}”不在当前的服务内容清单中（清单可能已更新），请刷新页面后重新填写` });
    else if (byCode.has(a.code)) fields.push({ path: `checklist.${a.code}`, message: `检查项“${labels.get(a.code)}”重复填写` });
    else if (!CHECK_STATUSES.some((s) => s === a.status)) fields.push({ path: `checklist.${a.code}`, message: '请选择 正常 / 需关注 / 不适用' });
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
    const label = labels.get(code);
    if (!a || label === undefined || seen.has(code)) continue;
    seen.add(code);
    out.push({ code, label, status: a.status, note: a.note?.trim() || null });
  }
  return out;
}

async function checkProblems(tx: Tx, problems: DraftProblem[], visitedOn: string): Promise<void> {
  const fields: FieldError[] = [];
  const units = [...new Set(problems.map((p) => p.responsibleUnit).filter((u): u is string => !!u))];
  const known = units.length ? await repo.activeUnitCodes(tx, units) : new Set<string>();
  problems.forEach((p, i) => {
    if (p.responsibleUnit && !known.has(p.responsibleUnit))
      fields.push({ path: `problems.${i}.responsibleUnit`, message: '责任单位不存在或已停用，请重新选择' });
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
async function saveVisit(
  tx: Tx,
  me: SignedInCtx,
  now: number,
  args: { existing: VisitRow | null; child: ChildFacts; content: VisitContent; submit: boolean },
): Promise<{ id: string; submitted: boolean; problemIds: string[] }> {
  const { existing, child, content } = args;
  checkDates(content, child, shanghaiDate(now));
  const wasSubmitted = existing?.status === 'submitted';
  const submitted = wasSubmitted || args.submit;
  const snapshot = await checklistSnapshot(tx, content.checklist, wasSubmitted ? existing.checklist : null, submitted);
  await checkProblems(tx, content.problems, content.visitedOn);
  // A draft keeps its problems as entered; submitted, they become problem records below.
  const write: repo.VisitWrite = {
    visitedOn: content.visitedOn,
    kind: content.kind,
    peopleMet: content.peopleMet,
    checklist: snapshot,
    findings: content.findings,
    draftProblems: submitted ? [] : content.problems,
    status: submitted ? 'submitted' : 'draft',
  };

  let id: string;
  if (existing) {
    if (!(await repo.updateVisit(tx, existing.id, existing.version, write, new Date(now)))) throw errors.staleVersion(CONFLICT_MESSAGE);
    id = existing.id;
  } else {
    id = await repo.insertVisit(tx, child.id, me.actor, write, new Date(now));
  }

  const problemIds: string[] = [];
  if (submitted) {
    for (const p of content.problems) {
      const created = await createProblem(
        tx,
        {
          childId: child.id,
          description: p.description,
          category: p.category,
          severity: p.severity,
          responsibleUnit: p.responsibleUnit,
          dueOn: p.dueOn,
          visitId: id,
        },
        now,
      );
      problemIds.push(created.id);
    }
    await repo.recomputeNextVisit(tx, child.id);
  }
  return { id, submitted, problemIds };
}

/** Records a visit: a draft, or submitted at once. */
export async function createVisit(tx: Tx, me: SignedInCtx, body: VisitCreateT, now: number): Promise<Visit> {
  const child = await loadChild(tx, body.childId);
  if (child.status !== 'active') throw errors.validation([{ path: 'childId', message: '该儿童档案已结案，不能再记录走访；如需继续服务，请先恢复档案' }]);
  const saved = await saveVisit(tx, me, now, { existing: null, child, content: contentOf(body), submit: body.submit });
  await tx.audit({
    action: saved.submitted ? 'visit.submit' : 'visit.create',
    entity: 'visit',
    entityId: saved.id,
    summary: { childId: child.id, status: saved.submitted ? 'submitted' : 'draft', kind: body.kind, problemIds: saved.problemIds },
  });
  return getVisit(tx, me, saved.id, now);
}

/** Changes the caller's draft (and submits it when asked), or corrects their submitted visit within the window. */
export async function updateVisit(tx: Tx, me: SignedInCtx, id: string, body: VisitUpdateT, now: number): Promise<Visit> {
  const old = await loadVisit(tx, id, true);
  enforce(ownsVisit(old, me.actor.userId, 'edit'));
  if (old.version !== body.version) throw errors.staleVersion(CONFLICT_MESSAGE);
  enforce(withinEditWindow(old, now));
  const child = await loadChild(tx, old.child_id);
  const saved = await saveVisit(tx, me, now, { existing: old, child, content: contentOf(body), submit: body.submit });
  const submittedNow = saved.submitted && old.status === 'draft';
  await tx.audit({
    action: submittedNow ? 'visit.submit' : 'visit.update',
    entity: 'visit',
    entityId: old.id,
    summary: { childId: old.child_id, status: saved.submitted ? 'submitted' : 'draft', version: old.version + 1, problemIds: saved.problemIds },
  });
  return getVisit(tx, me, old.id, now);
}

/** Submits the caller's draft as it is stored. */
export async function submitVisit(tx: Tx, me: SignedInCtx, id: string, body: VisitSubmitT, now: number): Promise<Visit> {
  const old = await loadVisit(tx, id, true);
  enforce(ownsVisit(old, me.actor.userId, 'submit'));
  if (old.version !== body.version) throw errors.staleVersion(CONFLICT_MESSAGE);
  enforce(isDraftToSubmit(old));
  const child = await loadChild(tx, old.child_id);
  const saved = await saveVisit(tx, me, now, { existing: old, child, content: storedContent(old), submit: true });
  await tx.audit({
    action: 'visit.submit',
    entity: 'visit',
    entityId: old.id,
    summary: { childId: old.child_id, status: 'submitted', problemIds: saved.problemIds },
  });
  return getVisit(tx, me, old.id, now);
}

/** Deletes the caller's draft. */
export async function deleteVisit(tx: Tx, me: SignedInCtx, id: string): Promise<null> {
  const old = await loadVisit(tx, id, true);
  enforce(mayDelete(old, me.actor.userId));
  await repo.deleteVisit(tx, old.id);
  await repo.recomputeNextVisit(tx, old.child_id);
  await tx.audit({ action: 'visit.delete', entity: 'visit', entityId: old.id, summary: { childId: old.child_id, status: 'draft' } });
  return null;
}

/** Replaces the whole set of visit plan rules, then recomputes the next due dates in the caller's area. */
export async function replaceRules(tx: Tx, body: VisitRulesReplaceT): Promise<VisitRulesResultT> {
  const fields: FieldError[] = [];
  const seen = new Map<string, number>();
  body.rules.forEach((r, i) => {
    const key = `${r.riskLevel ?? ''}|${r.category ?? ''}`;
    const first = seen.get(key);
    if (first !== undefined) fields.push({ path: `rules.${i}.riskLevel`, message: `与第 ${first + 1} 条规则的条件相同，请合并为一条` });
    else seen.set(key, i);
  });
  if (fields.length) throw errors.validation(fields);
  await repo.lockRules(tx);
  const before = await repo.activeRules(tx);
  await repo.deactivateRules(tx);
  await repo.insertRules(tx, body.rules);
  const after = await repo.activeRules(tx);
  const firstBefore = await repo.highRiskFirstVisitDays(tx);
  const firstAfter = body.highRiskFirstVisitDays ?? firstBefore;
  if (firstAfter !== firstBefore) await repo.setHighRiskFirstVisitDays(tx, firstAfter);
  const recomputed = await repo.recomputeAllInScope(tx);
  await tx.audit({
    action: 'visit.rules.update',
    entity: 'visit_rules',
    summary: {
      before: before.map(briefRule),
      after: after.map(briefRule),
      recomputed,
      ...(firstAfter !== firstBefore ? { highRiskFirstVisitDays: { before: firstBefore, after: firstAfter } } : {}),
    },
  });
  return { items: after.map(presentRule), highRiskFirstVisitDays: firstAfter, recomputed };
}

/** Adds an item at the end of its list; a code is never reused, not even one of a deactivated item. */
export async function addChecklistItem(tx: Tx, b: ChecklistItemCreateT): Promise<ChecklistItem> {
  if (await repo.itemCodeExists(tx, b.list, b.code))
    throw errors.conflict('该清单已有此代码（含已停用项），请换一个代码', [{ path: 'code', message: '代码已存在，请换一个' }]);
  const row = await repo.insertItem(tx, { list: b.list, code: b.code, label: b.label, hint: b.hint || null });
  await tx.audit({ action: 'checklist.create', entity: 'checklist_item', entityId: row.id, summary: { list: b.list, code: b.code, label: b.label } });
  return presentItem(row);
}

/** Renames, re-explains, deactivates or reactivates an item; a list keeps at least one active item. */
export async function updateChecklistItem(tx: Tx, id: string, b: ChecklistItemUpdateT): Promise<ChecklistItem> {
  const old = await repo.findItemForUpdate(tx, id);
  if (!old) throw errors.notFound('未找到该清单项');
  if (b.active === false && old.active && (await repo.countOtherActiveItems(tx, old.list, old.id)) === 0) throw errors.conflict('清单至少保留一项启用的内容');
  const next = await repo.updateItem(tx, old.id, { label: b.label ?? null, setHint: b.hint !== undefined, hint: b.hint || null, active: b.active ?? null });
  await tx.audit({
    action: 'checklist.update',
    entity: 'checklist_item',
    entityId: old.id,
    summary: { list: old.list, code: old.code, ...diff(presentItem(old), presentItem(next)) },
  });
  return presentItem(next);
}

/** Puts the list's items in the given order. */
export async function reorderChecklist(tx: Tx, b: ChecklistReorderT): Promise<ChecklistItems> {
  const { list, ids } = b;
  if (new Set(ids).size !== ids.length) throw errors.validation([{ path: 'ids', message: '清单项重复' }]);
  if ((await repo.lockItems(tx, list, ids)) !== ids.length) throw errors.validation([{ path: 'ids', message: '清单项不存在或不属于该清单，请刷新后重试' }]);
  await repo.reorderItems(tx, ids);
  await tx.audit({ action: 'checklist.reorder', entity: 'checklist', entityId: list, summary: { ids } });
  return { items: (await repo.listItems(tx, list, true)).map(presentItem) };
}
