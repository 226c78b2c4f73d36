/**
 * Every SQL statement of the visits module: visit records, the visit form's context, the work lists,
 * the visit plan rules and the checklists. Each runs in the caller's scoped transaction, so a row
 * outside the caller's area is simply absent (the callers turn that into "not found").
 *
 * Drafts keep everything the visitor entered, including the problems raised but not yet submitted
 * (`visits.draft_problems`); on submit each becomes a row of `problems` (through casework's
 * createProblem, carrying the visit id) and the column is emptied.
 */
import type pg from 'pg';
import {
  type ChecklistItem,
  type CheckEntry,
  type ChecklistListName,
  type ProblemCategory,
  type VisitKind,
  type VisitProblem,
  type VisitRule,
  type WorklistItem,
  type WorklistKind,
  type WorklistScope,
} from '#common/visits.js';
import type { Tx } from '../../core/context.js';

/** The only row of a statement that always answers one (a count, an insert … returning). */
function only<T extends pg.QueryResultRow>(r: pg.QueryResult<T>): T {
  const row = r.rows[0];
  if (row === undefined) throw new Error('the statement returned no row');
  return row;
}

// ---- visit records ----

export interface DraftProblem {
  description: string;
  category: ProblemCategory;
  severity: 'high' | 'medium' | 'low';
  responsibleUnit: string | null;
  dueOn: string | null;
}

export interface VisitRow {
  id: string;
  child_id: string;
  child_name: string;
  visited_on: string;
  kind: VisitKind;
  visitor_id: string | null;
  visitor_name: string;
  people_met: string | null;
  checklist: CheckEntry[];
  findings: string | null;
  draft_problems: DraftProblem[];
  status: 'draft' | 'submitted';
  version: number;
  created_at: Date;
  updated_at: Date;
  submitted_at: Date | null;
}

const VISIT_SELECT = `select v.id, v.child_id, c.name as child_name, v.visited_on, v.kind, v.visitor_id, v.visitor_name, v.people_met,
  v.checklist, v.findings, v.draft_problems, v.status, v.version, v.created_at, v.updated_at, v.submitted_at
  from visits v join children c on c.id = v.child_id`;

/** Another person's draft is private: it does not exist for anyone but its author. */
const VISIBLE_TO_CALLER = `(v.status = 'submitted' or v.visitor_id = app_user_id())`;

/** A visit the caller may see (locked for update when `lock`), or undefined. */
export async function findVisit(tx: Tx, id: string, lock = false): Promise<VisitRow | undefined> {
  return (await tx.client.query<VisitRow>(`${VISIT_SELECT} where v.id = $1 and ${VISIBLE_TO_CALLER} ${lock ? 'for update of v' : ''}`, [id])).rows[0];
}

export async function countChildVisits(tx: Tx, childId: string): Promise<number> {
  const where = `where v.child_id = $1 and ${VISIBLE_TO_CALLER}`;
  return only(await tx.client.query<{ n: number }>(`select count(*)::int as n from visits v ${where}`, [childId])).n;
}

export async function listChildVisits(tx: Tx, childId: string, limit: number, offset: number): Promise<VisitRow[]> {
  const where = `where v.child_id = $1 and ${VISIBLE_TO_CALLER}`;
  return (
    await tx.client.query<VisitRow>(`${VISIT_SELECT} ${where} order by v.visited_on desc, v.created_at desc limit $2 offset $3`, [childId, limit, offset])
  ).rows;
}

export interface VisitProblemRow {
  id: string;
  visit_id: string;
  description: string;
  category: ProblemCategory;
  severity: VisitProblem['severity'];
  status: string;
  due_on: string | null;
}
/** The problem records raised by these visits, oldest first. */
export async function problemsOfVisits(tx: Tx, visitIds: string[]): Promise<VisitProblemRow[]> {
  return (
    await tx.client.query<VisitProblemRow>(
      `select id, visit_id, description, category, severity, status, due_on from problems where visit_id = any($1::uuid[]) order by created_at, id`,
      [visitIds],
    )
  ).rows;
}

export interface VisitWrite {
  visitedOn: string;
  kind: VisitKind;
  peopleMet: string | null;
  checklist: CheckEntry[];
  findings: string | null;
  /** Problems raised in a draft; empty once submitted (they are problem records then). */
  draftProblems: DraftProblem[];
  status: 'draft' | 'submitted';
}

/** Updates a visit if it still has `version`; false when someone saved it in between. */
export async function updateVisit(tx: Tx, id: string, version: number, w: VisitWrite, now: Date): Promise<boolean> {
  const r = await tx.client.query<{ id: string }>(
    `update visits set visited_on = $3, kind = $4, people_met = $5, checklist = $6::jsonb, findings = $7, status = $8,
       submitted_at = case when $8 = 'submitted' then coalesce(submitted_at, $9) else null end, version = version + 1, updated_at = $9,
       draft_problems = $10::jsonb
     where id = $1 and version = $2 returning id`,
    [id, version, w.visitedOn, w.kind, w.peopleMet, JSON.stringify(w.checklist), w.findings, w.status, now, JSON.stringify(w.draftProblems)],
  );
  return !!r.rowCount;
}

export async function insertVisit(tx: Tx, childId: string, visitor: { userId: string; displayName: string }, w: VisitWrite, now: Date): Promise<string> {
  const r = await tx.client.query<{ id: string }>(
    `insert into visits (child_id, visited_on, kind, visitor_id, visitor_name, people_met, checklist, findings, status, submitted_at, created_at, updated_at,
                         draft_problems)
     values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11, $11, $12::jsonb) returning id`,
    [
      childId,
      w.visitedOn,
      w.kind,
      visitor.userId,
      visitor.displayName,
      w.peopleMet,
      JSON.stringify(w.checklist),
      w.findings,
      w.status,
      w.status === 'submitted' ? now : null,
      now,
      JSON.stringify(w.draftProblems),
    ],
  );
  return only(r).id;
}

export async function deleteVisit(tx: Tx, id: string): Promise<void> {
  await tx.client.query('delete from visits where id = $1', [id]);
}

/** Last visit and next due date of one child (SQL function recompute_next_visit). */
export async function recomputeNextVisit(tx: Tx, childId: string): Promise<void> {
  await tx.client.query('select recompute_next_visit($1)', [childId]);
}

// ---- children, as the visits need them ----

export interface ChildFacts {
  id: string;
  birth_date: string;
  status: string;
}

/** The child, if the caller can see it (RLS). */
export async function findChildFacts(tx: Tx, id: string): Promise<ChildFacts | undefined> {
  return (await tx.client.query<ChildFacts>('select id, birth_date, status from children where id = $1', [id])).rows[0];
}

export interface FormChildRow {
  id: string;
  name: string;
  birth_date: string;
  street_name: string;
  committee_name: string;
  risk_level: 'high' | 'medium' | 'low';
  status: string;
  last_visit_on: string | null;
  next_visit_due: string | null;
}
export async function findFormChild(tx: Tx, id: string): Promise<FormChildRow | undefined> {
  return (
    await tx.client.query<FormChildRow>(
      `select c.id, c.name, c.birth_date, s.name as street_name, m.name as committee_name, c.risk_level, c.status, c.last_visit_on, c.next_visit_due
        from children c join streets s on s.code = c.street_code join committees m on m.id = c.committee_id where c.id = $1`,
      [id],
    )
  ).rows[0];
}

/** The caller's most recent draft for the child, if any. */
export async function findOwnDraft(tx: Tx, childId: string): Promise<{ id: string; visited_on: string; updated_at: Date } | undefined> {
  return (
    await tx.client.query<{ id: string; visited_on: string; updated_at: Date }>(
      `select id, visited_on, updated_at from visits where child_id = $1 and status = 'draft' and visitor_id = app_user_id() order by updated_at desc limit 1`,
      [childId],
    )
  ).rows[0];
}

// ---- work lists and counts ----

export async function summaryCounts(tx: Tx, today: string): Promise<{ due: number; overdue: number; drafts: number }> {
  return only(
    await tx.client.query<{ due: number; overdue: number; drafts: number }>(
      `select count(*) filter (where c.next_visit_due >= $1::date)::int as due,
            count(*) filter (where c.next_visit_due < $1::date)::int as overdue,
            (select count(*)::int from visits v where v.status = 'draft' and v.visitor_id = app_user_id()) as drafts
     from children c where c.status = 'active' and c.next_visit_due < $1::date + 7`,
      [today],
    ),
  );
}

export interface WorkRow {
  child_id: string;
  child_name: string;
  street_name: string;
  committee_name: string;
  risk_level: WorklistItem['riskLevel'];
  next_visit_due: string | null;
  last_visit_on: string | null;
  days_overdue: number | null;
  draft_id: string | null;
  draft_visited_on: string | null;
  draft_updated_at: Date | null;
  draft_kind: WorklistItem['draftKind'];
}

/** The caller's drafts, most recently changed first: one page and the total. */
export async function draftWorklist(tx: Tx, today: string, limit: number, offset: number): Promise<{ rows: WorkRow[]; total: number }> {
  const from = `from visits v join children c on c.id = v.child_id join streets s on s.code = c.street_code join committees m on m.id = c.committee_id
                where v.status = 'draft' and v.visitor_id = app_user_id()`;
  const total = only(await tx.client.query<{ n: number }>(`select count(*)::int as n ${from}`)).n;
  const { rows } = await tx.client.query<WorkRow>(
    `select c.id as child_id, c.name as child_name, s.name as street_name, m.name as committee_name, c.risk_level, c.next_visit_due, c.last_visit_on,
            case when c.status = 'active' then $1::date - c.next_visit_due end as days_overdue,
            v.id as draft_id, v.visited_on as draft_visited_on, v.updated_at as draft_updated_at, v.kind as draft_kind
     ${from} order by v.updated_at desc, v.id limit $2 offset $3`,
    [today, limit, offset],
  );
  return { rows, total };
}

export interface DueFilter {
  kind: Exclude<WorklistKind, 'drafts'>;
  scope: WorklistScope;
  /** The caller's committees (scope 'mine'). */
  myCommittees: string[];
  committeeId?: string | undefined;
  streetCode?: string | undefined;
}

/** Active children due this week or overdue, in the chosen scope, soonest due first: one page and the total. */
export async function dueWorklist(tx: Tx, today: string, f: DueFilter, limit: number, offset: number): Promise<{ rows: WorkRow[]; total: number }> {
  const args: unknown[] = [today];
  const where = [`c.status = 'active'`];
  where.push(f.kind === 'overdue' ? 'c.next_visit_due < $1::date' : 'c.next_visit_due >= $1::date and c.next_visit_due < $1::date + 7');
  if (f.scope === 'mine') {
    // Children the caller carries: their committees, children assigned to them, and children whose
    // visits they have recorded.
    args.push(f.myCommittees);
    where.push(`(c.committee_id = any($${args.length}::uuid[])
      or exists (select 1 from child_assignments ca where ca.child_id = c.id and ca.user_id = app_user_id())
      or exists (select 1 from visits mv where mv.child_id = c.id and mv.visitor_id = app_user_id() and mv.status = 'submitted'))`);
  } else if (f.scope === 'committee' && f.committeeId) {
    args.push(f.committeeId);
    where.push(`c.committee_id = $${args.length}`);
  } else if (f.scope === 'street' && f.streetCode) {
    args.push(f.streetCode);
    where.push(`c.street_code = $${args.length}`);
  }
  const w = `where ${where.join(' and ')}`;
  const total = only(await tx.client.query<{ n: number }>(`select count(*)::int as n from children c ${w}`, args)).n;
  const n = args.length;
  const { rows } = await tx.client.query<WorkRow>(
    `select c.id as child_id, c.name as child_name, s.name as street_name, m.name as committee_name, c.risk_level, c.next_visit_due, c.last_visit_on,
            ($1::date - c.next_visit_due) as days_overdue,
            d.id as draft_id, d.visited_on as draft_visited_on, d.updated_at as draft_updated_at, d.kind as draft_kind
     from children c join streets s on s.code = c.street_code join committees m on m.id = c.committee_id
     left join lateral (select id, visited_on, updated_at, kind from visits dv
                        where dv.child_id = c.id and dv.status = 'draft' and dv.visitor_id = app_user_id() order by dv.updated_at desc limit 1) d on true
     ${w}
     order by c.next_visit_due, array_position(array['high','medium','low'], c.risk_level), c.name, c.id
     limit $${n + 1} offset $${n + 2}`,
    [...args, limit, offset],
  );
  return { rows, total };
}

// ---- units (problems' responsible units) ----

/** Of these unit codes, the ones that exist and are active. */
export async function activeUnitCodes(tx: Tx, codes: string[]): Promise<Set<string>> {
  return new Set((await tx.client.query<{ code: string }>('select code from units where code = any($1::text[]) and active', [codes])).rows.map((r) => r.code));
}

// ---- visit plan rules ----

export interface RuleRow {
  id: string;
  risk_level: VisitRule['riskLevel'];
  category: string | null;
  interval_days: number;
  label: string;
  active: boolean;
}
// Risk rules first (high → low), then category rules.
const RULE_ORDER = `order by (risk_level is null), array_position(array['high','medium','low'], risk_level), category, interval_days`;

export async function activeRules(tx: Tx): Promise<RuleRow[]> {
  return (await tx.client.query<RuleRow>(`select id, risk_level, category, interval_days, label, active from visit_rules where active ${RULE_ORDER}`)).rows;
}

/** Serialises concurrent replacements: the second waits, then replaces the first one's set. */
export async function lockRules(tx: Tx): Promise<void> {
  await tx.client.query('lock table visit_rules in share row exclusive mode');
}

/** Rules are never deleted: the replaced set stays, inactive, as the record of what applied before. */
export async function deactivateRules(tx: Tx): Promise<void> {
  await tx.client.query('update visit_rules set active = false, updated_at = now() where active');
}

export async function insertRules(tx: Tx, rules: { riskLevel: string | null; category: string | null; intervalDays: number; label: string }[]): Promise<void> {
  await tx.client.query(
    `insert into visit_rules (risk_level, category, interval_days, label)
     select * from unnest($1::text[], $2::text[], $3::int[], $4::text[])`,
    [rules.map((r) => r.riskLevel), rules.map((r) => r.category), rules.map((r) => r.intervalDays), rules.map((r) => r.label)],
  );
}

/** Days within which a new or newly high-risk file is due for its first visit (visit_settings). */
export async function highRiskFirstVisitDays(tx: Tx): Promise<number> {
  return (await tx.client.query<{ d: number }>('select high_risk_first_visit_days as d from visit_settings')).rows[0]?.d ?? 7;
}

export async function setHighRiskFirstVisitDays(tx: Tx, days: number): Promise<void> {
  await tx.client.query('update visit_settings set high_risk_first_visit_days = $1, updated_at = now()', [days]);
}

/**
 * Recomputes last visit and next due date of every active child the caller can see, in one
 * statement: the SQL function recompute_next_visits_all (runs as the caller, so RLS limits it to the
 * caller's area), which also applies the first-visit deadline of new or newly high-risk files.
 * Answers how many files were recomputed (all active ones in scope), not how many changed.
 */
export async function recomputeAllInScope(tx: Tx): Promise<number> {
  await tx.client.query('select recompute_next_visits_all()');
  return only(await tx.client.query<{ n: number }>(`select count(*)::int as n from children where status = 'active'`)).n;
}

// ---- checklists ----

export type ItemRow = Omit<ChecklistItem, 'id'> & { id: string };
const ITEM_COLS = 'id, list, code, label, hint, sort, active';

/** The current service list as the visit form shows it. */
export async function activeServiceItems(tx: Tx): Promise<ItemRow[]> {
  return (
    await tx.client.query<ItemRow>(
      `select id, list, code, label, hint, sort, active from checklist_items where list = 'service' and active order by sort, code`,
    )
  ).rows;
}

/** Codes and labels of the current service list, in order (what a visit's snapshot is taken from). */
export async function activeServiceLabels(tx: Tx): Promise<{ code: string; label: string }[]> {
  return (
    await tx.client.query<{ code: string; label: string }>(`select code, label from checklist_items where list = 'service' and active order by sort, code`)
  ).rows;
}

export async function listItems(tx: Tx, list: ChecklistListName, includeInactive: boolean): Promise<ItemRow[]> {
  return (
    await tx.client.query<ItemRow>(
      `select ${ITEM_COLS} from checklist_items where list = $1 ${includeInactive ? '' : 'and active'} order by active desc, sort, code`,
      [list],
    )
  ).rows;
}

export async function itemCodeExists(tx: Tx, list: ChecklistListName, code: string): Promise<boolean> {
  return !!(await tx.client.query('select 1 from checklist_items where list = $1 and code = $2', [list, code])).rowCount;
}

/** A new item, last in its list. */
export async function insertItem(tx: Tx, item: { list: ChecklistListName; code: string; label: string; hint: string | null }): Promise<ItemRow> {
  return only(
    await tx.client.query<ItemRow>(
      `insert into checklist_items (list, code, label, hint, sort)
     values ($1, $2, $3, $4, (select coalesce(max(sort), 0) + 1 from checklist_items where list = $1)) returning ${ITEM_COLS}`,
      [item.list, item.code, item.label, item.hint],
    ),
  );
}

export async function findItemForUpdate(tx: Tx, id: string): Promise<ItemRow | undefined> {
  return (await tx.client.query<ItemRow>(`select ${ITEM_COLS} from checklist_items where id = $1 for update`, [id])).rows[0];
}

/** Active items of the list other than `id`. */
export async function countOtherActiveItems(tx: Tx, list: ChecklistListName, id: string): Promise<number> {
  return only(await tx.client.query<{ n: number }>('select count(*)::int as n from checklist_items where list = $1 and active and id <> $2', [list, id])).n;
}

/** Changes label, hint (when `setHint`) and active; absent values keep the stored ones. */
export async function updateItem(
  tx: Tx,
  id: string,
  c: { label: string | null; setHint: boolean; hint: string | null; active: boolean | null },
): Promise<ItemRow> {
  return only(
    await tx.client.query<ItemRow>(
      `update checklist_items set label = coalesce($2, label), hint = case when $3 then $4 else hint end, active = coalesce($5, active), updated_at = now()
     where id = $1 returning ${ITEM_COLS}`,
      [id, c.label, c.setHint, c.hint, c.active],
    ),
  );
}

/** Locks these items of the list; answers how many of the ids were found there. */
export async function lockItems(tx: Tx, list: ChecklistListName, ids: string[]): Promise<number> {
  return (
    (await tx.client.query<{ id: string }>('select id from checklist_items where list = $1 and id = any($2::uuid[]) for update', [list, ids])).rowCount ?? 0
  );
}

/** Sorts the items in the order of `ids`. */
export async function reorderItems(tx: Tx, ids: string[]): Promise<void> {
  await tx.client.query(`update checklist_items ci set sort = o.n, updated_at = now() from unnest($1::uuid[]) with ordinality as o(id, n) where ci.id = o.id`, [
    ids,
  ]);
}
