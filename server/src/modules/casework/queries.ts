/** Reads of casework: repo calls plus presenters; a record outside the caller's scope answers 404. */
import type { z } from 'zod';
import type {
  AssistanceList,
  CarePlan,
  CarePlanList,
  ChildMentors,
  Coverage,
  CoverageQuery,
  GapList,
  GapQuery,
  MandatoryReport,
  MandatoryReportQuery,
  MentorList,
  MentorQuery,
  Problem,
  ProblemDetail,
  ProblemList,
  ProblemQuery,
  ProblemStats,
  WorkLogList,
  WorkLogQuery,
} from '#common/casework.js';
import { shanghaiDate } from '#common/dates.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import type { FieldCrypto } from '../../crypto/fieldCrypto.js';
import { CHILD_NOT_FOUND, mentorStreetsOf } from './policies.js';
import {
  presentAssistance,
  presentCarePlan,
  presentCoverage,
  presentEvent,
  presentGap,
  presentMandatoryReport,
  presentMentor,
  presentProblem,
  presentWorkLog,
} from './presenters.js';
import * as areas from './repo/areas.js';
import * as assistanceRepo from './repo/assistance.js';
import * as planRepo from './repo/carePlans.js';
import * as reportRepo from './repo/mandatoryReports.js';
import * as mentorRepo from './repo/mentors.js';
import * as problemRepo from './repo/problems.js';
import * as workLogRepo from './repo/workLogs.js';

/** The child, if the caller's scope reaches it (RLS); otherwise 404. */
export async function visibleChild(tx: Tx, childId: string): Promise<areas.VisibleChildRow> {
  const row = await areas.findVisibleChild(tx, childId);
  if (!row) throw errors.notFound(CHILD_NOT_FOUND);
  return row;
}

// ---- work logs ----

export async function listWorkLogs(tx: Tx, me: SignedInCtx, q: z.infer<typeof WorkLogQuery>): Promise<WorkLogList> {
  const { page, pageSize, mine, from, to } = q;
  const userId = me.actor.userId;
  const r = await workLogRepo.listWorkLogs(tx, { userId: mine !== 'false' ? userId : undefined, from, to }, page, pageSize);
  return { items: r.rows.map((row) => presentWorkLog(row, userId)), total: r.total, totalHours: Number(r.hours ?? 0), page, pageSize };
}

export async function workLogRow(tx: Tx, id: string): Promise<workLogRepo.WorkLogRow> {
  const row = await workLogRepo.findWorkLog(tx, id);
  if (!row) throw errors.notFound('未找到该工作日志');
  return row;
}

// ---- assistance ----

export async function childAssistance(tx: Tx, me: SignedInCtx, childId: string, now: number): Promise<AssistanceList> {
  await visibleChild(tx, childId);
  const today = shanghaiDate(now);
  const rows = await assistanceRepo.listChildAssistance(tx, childId);
  const total = await assistanceRepo.childAssistanceTotal(tx, childId);
  return { items: rows.map((r) => presentAssistance(r, me.actor.userId, today)), totalValueFen: total };
}

export async function assistanceRow(tx: Tx, id: string): Promise<assistanceRepo.AssistanceRow> {
  const row = await assistanceRepo.findAssistance(tx, id);
  if (!row) throw errors.notFound('未找到该帮扶记录，或不在您的辖区内');
  return row;
}

// ---- problems ----

export async function listProblems(tx: Tx, q: z.infer<typeof ProblemQuery>, now: number): Promise<ProblemList> {
  const { page, pageSize, status, overdue, severity, category, street, committee } = q;
  const today = shanghaiDate(now);
  const r = await problemRepo.listProblems(
    tx,
    { status, overdueBefore: overdue === 'true' ? today : undefined, severity, category, street, committee },
    page,
    pageSize,
  );
  return { items: r.rows.map((row) => presentProblem(row, today)), total: r.total, page, pageSize };
}

export async function problemStats(tx: Tx, now: number): Promise<ProblemStats> {
  const r = await problemRepo.problemCounts(tx, shanghaiDate(now));
  return { open: r.open, inProgress: r.in_progress, escalated: r.escalated, overdue: r.overdue, unresolved: r.unresolved };
}

export async function childProblems(tx: Tx, childId: string, now: number): Promise<{ items: Problem[] }> {
  await visibleChild(tx, childId);
  const today = shanghaiDate(now);
  const rows = await problemRepo.listChildProblems(tx, childId);
  return { items: rows.map((r) => presentProblem(r, today)) };
}

export async function problemRow(tx: Tx, id: string, lock = false): Promise<problemRepo.ProblemRow> {
  const row = await problemRepo.findProblem(tx, id, lock);
  if (!row) throw errors.notFound('未找到该问题，或不在您的辖区内');
  return row;
}

export async function problemDetail(tx: Tx, id: string, today: string): Promise<ProblemDetail> {
  const row = await problemRow(tx, id);
  const events = await problemRepo.problemEvents(tx, id);
  return { ...presentProblem(row, today), events: events.map(presentEvent) };
}

// ---- mandatory reports ----

export async function listMandatoryReports(tx: Tx, q: z.infer<typeof MandatoryReportQuery>): Promise<{ items: MandatoryReport[] }> {
  const rows = await reportRepo.listMandatoryReports(tx, { pendingOnly: q.status === 'pending', childId: q.childId, problemId: q.problemId });
  return { items: rows.map(presentMandatoryReport) };
}

export async function mandatoryReport(tx: Tx, id: string): Promise<MandatoryReport> {
  const row = await reportRepo.findMandatoryReport(tx, id);
  if (!row) throw errors.notFound('未找到该强制报告事项，或不在您的辖区内');
  return presentMandatoryReport(row);
}

// ---- help plans ----

export async function childCarePlans(tx: Tx, childId: string, now: number): Promise<CarePlanList> {
  await visibleChild(tx, childId);
  const plans = await planRepo.listChildPlans(tx, childId);
  const reviews = plans.length
    ? await planRepo.reviewsOf(
        tx,
        plans.map((p) => p.id),
      )
    : [];
  const today = shanghaiDate(now);
  return { items: plans.map((p) => presentCarePlan(p, reviews, today)) };
}

export async function planRow(tx: Tx, id: string, lock = false): Promise<planRepo.PlanRow> {
  const p = await planRepo.findPlan(tx, id, lock);
  if (!p) throw errors.notFound('未找到该帮扶方案，或不在您的辖区内');
  return p;
}

export async function carePlan(tx: Tx, id: string, now: number): Promise<CarePlan> {
  const p = await planRow(tx, id);
  return presentCarePlan(p, await planRepo.reviewsOf(tx, [p.id]), shanghaiDate(now));
}

// ---- mentors ----

export async function listMentors(tx: Tx, me: SignedInCtx, q: z.infer<typeof MentorQuery>, crypto: FieldCrypto): Promise<MentorList> {
  const { page, pageSize, kind, q: text, street, includeInactive } = q;
  const r = await mentorRepo.listMentors(
    tx,
    { streets: mentorStreetsOf(me), kind, q: text, street, includeInactive: includeInactive === 'true' },
    page,
    pageSize,
  );
  return { items: r.rows.map((row) => presentMentor(row, crypto)), total: r.total, page, pageSize };
}

export async function mentorRow(tx: Tx, id: string, lock = false): Promise<mentorRepo.MentorRow> {
  const row = await mentorRepo.findMentor(tx, id, lock);
  if (!row) throw errors.notFound('未找到该导师或伙伴');
  return row;
}

export async function childMentors(tx: Tx, childId: string, crypto: FieldCrypto): Promise<ChildMentors> {
  const c = await mentorRepo.childMentorIds(tx, childId);
  if (!c) throw errors.notFound(CHILD_NOT_FOUND);
  return {
    mentor: c.mentor_id ? presentMentor(await mentorRow(tx, c.mentor_id), crypto) : null,
    buddy: c.buddy_id ? presentMentor(await mentorRow(tx, c.buddy_id), crypto) : null,
  };
}

export async function coverage(tx: Tx, q: z.infer<typeof CoverageQuery>): Promise<Coverage> {
  const items = (await mentorRepo.coverage(tx, q.street)).map(presentCoverage);
  const total = items.reduce(
    (t, r) => ({
      children: t.children + r.children,
      withMentor: t.withMentor + r.withMentor,
      withBuddy: t.withBuddy + r.withBuddy,
      withBoth: t.withBoth + r.withBoth,
    }),
    { children: 0, withMentor: 0, withBuddy: 0, withBoth: 0 },
  );
  return { items, total };
}

export async function gaps(tx: Tx, q: z.infer<typeof GapQuery>): Promise<GapList> {
  const { page, pageSize, kind, street, committee } = q;
  const r = await mentorRepo.gaps(tx, { kind, street, committee }, page, pageSize);
  return { items: r.rows.map(presentGap), total: r.total, page, pageSize };
}
