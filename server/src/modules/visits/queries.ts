/**
 * Reads of the visits module: a child's visits, one visit, the visit form's context, the work lists
 * and counts, the rules and checklists. Each runs in the caller's scoped transaction.
 */
import type {
  ChecklistItems,
  ChecklistQuery,
  PageQueryT,
  Visit,
  VisitForm,
  VisitPageT,
  VisitRuleList,
  VisitSummary,
  Worklist,
  WorklistQuery,
} from './types.js';
import { shanghaiDate } from '#common/dates.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import * as repo from './repo.js';
import { presentFormChild, presentItem, presentRule, presentVisit, presentVisitProblem, presentWork } from './presenters.js';

const CHILD_NOT_FOUND = '未找到该儿童档案，或不在您的辖区内';

/** The child, if the caller can see it (RLS); otherwise 404. */
export async function loadChild(tx: Tx, id: string): Promise<repo.ChildFacts> {
  const row = await repo.findChildFacts(tx, id);
  if (!row) throw errors.notFound(CHILD_NOT_FOUND);
  return row;
}

/** A visit the caller may see (another person's draft is not), locked when `lock`; otherwise 404. */
export async function loadVisit(tx: Tx, id: string, lock = false): Promise<repo.VisitRow> {
  const row = await repo.findVisit(tx, id, lock);
  if (!row) throw errors.notFound('未找到该走访记录，或不在您的辖区内');
  return row;
}

/** Visits with their problem records, as the caller sees them. */
export async function presentVisits(tx: Tx, me: SignedInCtx, rows: repo.VisitRow[], now: number): Promise<Visit[]> {
  const problems = new Map<string, Visit['problems']>();
  if (rows.length) {
    for (const p of await repo.problemsOfVisits(
      tx,
      rows.map((r) => r.id),
    )) {
      const list = problems.get(p.visit_id) ?? [];
      list.push(presentVisitProblem(p));
      problems.set(p.visit_id, list);
    }
  }
  return rows.map((r) => presentVisit(r, problems.get(r.id) ?? [], { userId: me.actor.userId, now }));
}

/** One visit as the API answers it (re-read after a change). */
export async function getVisit(tx: Tx, me: SignedInCtx, id: string, now: number): Promise<Visit> {
  const [visit] = await presentVisits(tx, me, [await loadVisit(tx, id)], now);
  if (!visit) throw errors.notFound();
  return visit;
}

export async function listChildVisits(tx: Tx, me: SignedInCtx, childId: string, q: PageQueryT, now: number): Promise<VisitPageT> {
  await loadChild(tx, childId);
  const { page, pageSize } = q;
  const total = await repo.countChildVisits(tx, childId);
  const rows = await repo.listChildVisits(tx, childId, pageSize, (page - 1) * pageSize);
  return { items: await presentVisits(tx, me, rows, now), total, page, pageSize };
}

export async function getVisitForm(tx: Tx, childId: string, now: number): Promise<VisitForm> {
  const child = await repo.findFormChild(tx, childId);
  if (!child) throw errors.notFound(CHILD_NOT_FOUND);
  const checklist = (await repo.activeServiceItems(tx)).map(presentItem);
  const draft = await repo.findOwnDraft(tx, child.id);
  return {
    child: presentFormChild(child),
    checklist,
    draft: draft ? { id: draft.id, visitedOn: draft.visited_on, updatedAt: draft.updated_at.toISOString() } : null,
    today: shanghaiDate(now),
  };
}

export async function getSummary(tx: Tx, now: number): Promise<VisitSummary> {
  const r = await repo.summaryCounts(tx, shanghaiDate(now));
  return { dueThisWeek: r.due, overdue: r.overdue, drafts: r.drafts };
}

export async function getWorklist(tx: Tx, me: SignedInCtx, q: WorklistQuery, now: number): Promise<Worklist> {
  const { page, pageSize, scope, kind, committeeId, streetCode } = q;
  const today = shanghaiDate(now);
  const offset = (page - 1) * pageSize;
  const { rows, total } =
    kind === 'drafts'
      ? await repo.draftWorklist(tx, today, pageSize, offset)
      : await repo.dueWorklist(tx, today, { kind, scope, myCommittees: me.actor.scope.committees, committeeId, streetCode }, pageSize, offset);
  return { items: rows.map(presentWork), total, page, pageSize, today };
}

export async function listRules(tx: Tx): Promise<VisitRuleList> {
  return { items: (await repo.activeRules(tx)).map(presentRule), highRiskFirstVisitDays: await repo.highRiskFirstVisitDays(tx) };
}

export async function listChecklist(tx: Tx, q: ChecklistQuery): Promise<ChecklistItems> {
  return { items: (await repo.listItems(tx, q.list, q.includeInactive === 'true')).map(presentItem) };
}
