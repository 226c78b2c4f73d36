/** The reads of the training module, under the caller's area (row-level security on the ledger). */
import { shanghaiDate } from '#common/dates.js';
import type { z } from 'zod';
import type { CoverageQuery, EvaluationQuery, SessionQuery, StaffOptionQuery } from '#common/training.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { canEditSession, metricsDay } from './policies.js';
import { attendanceOut, certOf, evaluationOut, examOut, kindOf, metricsOut, optionOut, rewardOut, roleKind, sessionOut } from './presenters.js';
import * as repo from './repo.js';

const caller = (ctx: SignedInCtx) => ({ userId: ctx.actor.userId, unitCode: ctx.actor.unitCode, permissions: ctx.actor.permissions });

export async function sessions(tx: Tx, ctx: SignedInCtx, q: z.infer<typeof SessionQuery>) {
  const { rows, total } = await repo.sessions(tx, { year: q.year, kind: q.kind, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: rows.map((r) => sessionOut(r, canEditSession(caller(ctx), r.organiser_unit_code))), total, page: q.page, pageSize: q.pageSize };
}

export async function session(tx: Tx, ctx: SignedInCtx, id: string) {
  const r = await repo.session(tx, id);
  if (!r) throw errors.notFound('未找到该培训');
  return sessionOut(r, canEditSession(caller(ctx), r.organiser_unit_code));
}

export async function attendance(tx: Tx, id: string) {
  if (!(await repo.session(tx, id))) throw errors.notFound('未找到该培训');
  return { items: (await repo.attendance(tx, id)).map(attendanceOut) };
}

export async function staffOptions(tx: Tx, q: z.infer<typeof StaffOptionQuery>) {
  return { items: (await repo.staffOptions(tx, { name: q.q?.trim() || null, roleKind: q.roleKind ?? null })).map(optionOut) };
}

export async function archive(tx: Tx, staffId: string) {
  const p = await repo.staff(tx, staffId);
  if (!p) throw errors.notFound('未找到该人员，或不在您的权限范围内');
  const sessions = (await repo.archive(tx, staffId)).map((r) => ({
    sessionId: r.session_id,
    topic: r.topic,
    kind: kindOf(r.kind),
    heldOn: r.held_on,
    hours: Number(r.hours),
    attended: r.attended,
  }));
  const byYear = new Map<number, { hours: number; sessions: number }>();
  for (const s of sessions) {
    if (!s.attended) continue;
    const y = Number(s.heldOn.slice(0, 4));
    const cur = byYear.get(y) ?? { hours: 0, sessions: 0 };
    byYear.set(y, { hours: cur.hours + s.hours, sessions: cur.sessions + 1 });
  }
  return {
    staffId,
    name: p.name,
    certLevel: certOf(p.cert_level),
    sessions,
    hoursByYear: [...byYear.entries()].sort((a, b) => b[0] - a[0]).map(([year, v]) => ({ year, hours: v.hours, sessions: v.sessions })),
    exams: (await repo.exams(tx, staffId)).map(examOut),
    evaluations: (await repo.evaluationsOf(tx, staffId)).map((e) => ({
      id: e.id,
      year: e.year,
      status: e.status === 'done' ? ('done' as const) : ('draft' as const),
      grade: evaluationOut({ ...EMPTY_EVAL, grade: e.grade }, e.year).grade,
    })),
    rewards: (await repo.rewards(tx, staffId)).map(rewardOut),
  };
}

const EMPTY_EVAL: repo.EvaluationRowDb = {
  id: null,
  staff_id: '',
  name: '',
  street_name: null,
  committees: [],
  status: null,
  metrics: null,
  grade: null,
  comment: null,
  reviewer_name: null,
  reviewed_at: null,
  version: null,
};

export async function coverage(tx: Tx, q: z.infer<typeof CoverageQuery>, now: number) {
  const asOf = shanghaiDate(now);
  const r = await repo.coverage(tx, { asOf, street: q.street ?? null, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return {
    year: Number(asOf.slice(0, 4)),
    asOf,
    required: r.required,
    trained: r.trained,
    untrained: {
      items: r.rows.map((x) => ({
        staffId: x.id,
        name: x.name,
        roleKind: roleKind(x.role_kind),
        streetName: x.street_name,
        committees: x.committees,
        appointedOn: x.appointed_on,
        lastTrainedOn: x.last_trained_on,
      })),
      total: r.required - r.trained,
      page: q.page,
      pageSize: q.pageSize,
    },
  };
}

export async function evaluations(tx: Tx, q: z.infer<typeof EvaluationQuery>) {
  const { rows, total } = await repo.evaluations(tx, {
    year: q.year,
    status: q.status ?? null,
    staffId: null,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: rows.map((r) => evaluationOut(r, q.year)), total, page: q.page, pageSize: q.pageSize };
}

/** The criteria as they are today (a draft shows these; a done evaluation keeps its saved ones). */
export async function metrics(tx: Tx, staffId: string, year: number, now: number) {
  const p = await repo.staff(tx, staffId);
  if (!p) throw errors.notFound('未找到该人员，或不在您的权限范围内');
  const day = metricsDay(year, shanghaiDate(now));
  return metricsOut(await repo.metrics(tx, staffId, year, day), day);
}
