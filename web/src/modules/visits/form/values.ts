/**
 * The visit form's values: what the form holds (antd fields, dayjs dates), how a stored visit fills
 * it, how it becomes the API's body, and how the server's field errors find their fields again.
 */
import dayjs, { type Dayjs } from 'dayjs';
import type { ApiError } from '../../../api/client';
import type { CheckStatus, ProblemCategory, Visit, VisitForm, VisitKind } from '../api';
import type { CheckRow } from '../ChecklistInput';

export interface Values {
  visitedOn?: Dayjs;
  kind?: VisitKind;
  peopleMet?: string;
  findings?: string;
  checklist?: Record<string, { status?: CheckStatus; note?: string } | undefined>;
  problems?: { description?: string; category?: ProblemCategory; severity?: 'high' | 'medium' | 'low'; responsibleUnit?: string; dueOn?: Dayjs }[];
}

/** What the form asks: the current active list; a submitted visit being corrected keeps its own items. */
export function checklistRows(ctx: VisitForm, visit: Visit | null): CheckRow[] {
  if (visit?.status !== 'submitted') return ctx.checklist.map((c) => ({ code: c.code, label: c.label, hint: c.hint }));
  const active = new Map(ctx.checklist.map((c) => [c.code, c]));
  return visit.checklist.map((e) => ({ code: e.code, label: e.label, hint: active.get(e.code)?.hint ?? null, retired: !active.has(e.code) }));
}

/** The form filled from the stored visit (or a new visit today). */
export function initialValues(ctx: VisitForm, visit: Visit | null, rows: CheckRow[]): Values {
  const answers: Values['checklist'] = {};
  for (const e of visit?.checklist ?? []) {
    if (rows.some((r) => r.code === e.code)) answers[e.code] = { status: e.status, note: e.note ?? undefined };
  }
  return {
    visitedOn: dayjs(visit?.visitedOn ?? ctx.today),
    kind: visit?.kind ?? 'home',
    peopleMet: visit?.peopleMet ?? undefined,
    findings: visit?.findings ?? undefined,
    checklist: answers,
    problems: (visit?.draftProblems ?? []).map((p) => ({
      description: p.description,
      category: p.category,
      severity: p.severity,
      responsibleUnit: p.responsibleUnit ?? undefined,
      dueOn: p.dueOn ? dayjs(p.dueOn) : undefined,
    })),
  };
}

/** A field the form's rules require: present once the form validated. */
function required<T>(value: T | undefined, field: string): T {
  if (value === undefined) throw new Error(`visit form: ${field} is required`);
  return value;
}

/** The body of a create or update, from validated values. */
export function toBody(v: Values, rows: CheckRow[]) {
  return {
    visitedOn: required(v.visitedOn, 'visitedOn').format('YYYY-MM-DD'),
    kind: required(v.kind, 'kind'),
    peopleMet: v.peopleMet?.trim() || null,
    findings: v.findings?.trim() || null,
    checklist: rows.flatMap((r) => {
      const a = v.checklist?.[r.code];
      return a?.status ? [{ code: r.code, status: a.status, note: a.status === 'attention' ? a.note?.trim() || null : null }] : [];
    }),
    problems: (v.problems ?? []).map((p) => ({
      description: required(p.description, 'description').trim(),
      category: required(p.category, 'category'),
      severity: required(p.severity, 'severity'),
      responsibleUnit: p.responsibleUnit ?? null,
      dueOn: p.dueOn ? p.dueOn.format('YYYY-MM-DD') : null,
    })),
  };
}

export type FieldErrors = { name: (string | number)[]; errors: string[] }[];

/** Server field paths (visitedOn, checklist.<code>, problems.<i>.<field>) → the fields of this form. */
export function serverFieldErrors(err: ApiError): FieldErrors {
  return err.fields.flatMap((f) => {
    const p = f.path.split('.');
    if (p[0] === 'checklist' && p[1]) return [{ name: ['checklist', p[1], 'status'], errors: [f.message] }];
    if (p[0] === 'problems' && p[1] && p[2]) return [{ name: ['problems', Number(p[1]), p[2]], errors: [f.message] }];
    if (p[0] === 'visitedOn' || p[0] === 'kind' || p[0] === 'peopleMet' || p[0] === 'findings') return [{ name: [p[0]], errors: [f.message] }];
    return [];
  });
}
