/**
 * Creating a problem found about a child (发现问题). Used by the casework routes and by the visits
 * module (a problem found on a visit carries its `visitId`). The problem's street and committee are
 * copied from the child by a trigger; a child outside the caller's scope makes that trigger (or the
 * row-level security check) fail with SQL error 42501, which the application answers with 404.
 */
import { addDays, shanghaiDate } from '#common/dates.js';
import type { Tx } from '../../core/context.js';
import { raiseMandatoryReport } from './mandatoryReports.js';

export type ProblemCategory = 'living' | 'safety' | 'health' | 'schooling' | 'guardianship' | 'psychology' | 'policy' | 'other';
export type ProblemSeverity = 'high' | 'medium' | 'low';

export interface NewProblem {
  childId: string;
  description: string;
  category: ProblemCategory;
  severity: ProblemSeverity;
  responsibleUnit?: string | null;
  /** YYYY-MM-DD; when absent: high 7 days, medium 14, low 30 after today. */
  dueOn?: string | null;
  visitId?: string | null;
  /** YYYY-MM-DD (Shanghai). Takes precedence over `now`. */
  today?: string;
}

/** Days allowed to resolve a problem, by severity, when no due date is given. */
export const DEFAULT_DUE_DAYS: Record<ProblemSeverity, number> = { high: 7, medium: 14, low: 30 };


export function defaultDueOn(severity: ProblemSeverity, today: string): string {
  return addDays(today, DEFAULT_DUE_DAYS[severity]);
}

/**
 * Inserts the problem, its 'created' event and the audit row, in the caller's transaction.
 * `now` is the server clock in milliseconds (pass `deps.clock()`); defaults to `Date.now()`.
 */
export async function createProblem(tx: Tx, input: NewProblem, now: number = Date.now()): Promise<{ id: string }> {
  const actor = tx.ctx.actor;
  const today = input.today ?? shanghaiDate(now);
  const dueOn = input.dueOn ?? defaultDueOn(input.severity, today);
  // street_code / committee_id are filled by the copy_area_from_child() trigger, which raises 42501
  // when the child is not visible to the caller.
  const r = await tx.client.query<{ id: string }>(
    `insert into problems (child_id, description, category, severity, responsible_unit, due_on, visit_id, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [input.childId, input.description, input.category, input.severity, input.responsibleUnit ?? null, dueOn, input.visitId ?? null, actor?.userId ?? null],
  );
  const id = r.rows[0]!.id;
  await tx.client.query(
    `insert into problem_events (problem_id, child_id, user_id, username, kind, to_status, note)
     values ($1, $2, $3, $4, 'created', 'open', null)`,
    [id, input.childId, actor?.userId ?? null, actor?.username ?? null],
  );
  await tx.audit({
    action: 'problem.create',
    entity: 'problem',
    entityId: id,
    summary: { childId: input.childId, category: input.category, severity: input.severity },
  });
  // A serious safety problem (injury, suspected abuse) raises the mandatory-report duty at once.
  await raiseMandatoryReport(tx, { id, childId: input.childId, category: input.category, severity: input.severity });
  return { id };
}
