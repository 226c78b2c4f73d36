/**
 * The writes of the training module, each audited in its transaction: sessions (the district's by
 * workforce.configure, a street's by its own unit), attendance in bulk (people of the caller's area
 * only), exams (a pass raises the certificate level in the same transaction, only upward), the
 * yearly evaluation (metrics computed and saved with it; never of oneself) and rewards.
 */
import { shanghaiDate } from '#common/dates.js';
import {
  raisedCertLevel,
  type AttendanceBulk,
  type EvaluationSave,
  type ExamCreate,
  type ExamResultBody,
  type RewardCreate,
  type SessionCreate,
  type SessionUpdate,
} from '#common/training.js';
import type { z } from 'zod';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { canEditSession, evaluateRefusal, metricsDay, saveRefusal } from './policies.js';
import { certOf, evaluationOut, examOut, levelOf, metricsOut, rewardOut } from './presenters.js';
import * as queries from './queries.js';
import * as repo from './repo.js';

type In<T extends z.ZodTypeAny> = z.output<T>;
const caller = (ctx: SignedInCtx) => ({ userId: ctx.actor.userId, unitCode: ctx.actor.unitCode, permissions: ctx.actor.permissions });

function sessionWrite(b: In<typeof SessionCreate>): repo.SessionWrite {
  return {
    topic: b.topic,
    kind: b.kind,
    heldOn: b.heldOn,
    hours: b.hours,
    trainer: b.trainer?.trim() || null,
    location: b.location?.trim() || null,
    audience: [...new Set(b.audience)],
    planTasks: [...new Set(b.planTasks)],
    note: b.note?.trim() || null,
  };
}

export async function createSession(tx: Tx, ctx: SignedInCtx, body: In<typeof SessionCreate>) {
  // a street organises sessions of its own unit; the district's trainers those of 区民政局 (their unit)
  if (!ctx.actor.permissions.has('workforce.configure') && !(await repo.unitStreet(tx, ctx.actor.unitCode)))
    throw errors.forbidden('只有街道或区民政局可以登记培训');
  const w = sessionWrite(body);
  const id = await repo.insertSession(tx, w, ctx.actor.unitCode, ctx.actor.userId);
  await tx.audit({
    action: 'training.session.create',
    entity: 'training_session',
    entityId: id,
    summary: { topic: w.topic, kind: w.kind, heldOn: w.heldOn, hours: w.hours },
  });
  return queries.session(tx, ctx, id);
}

export async function updateSession(tx: Tx, ctx: SignedInCtx, id: string, body: In<typeof SessionUpdate>) {
  const cur = await repo.session(tx, id);
  if (!cur) throw errors.notFound('未找到该培训');
  if (!canEditSession(caller(ctx), cur.organiser_unit_code)) throw errors.forbidden('只能修改本单位组织的培训');
  if (cur.version !== body.version) throw errors.staleVersion();
  const w = sessionWrite(body);
  if (!(await repo.updateSession(tx, id, body.version, w))) throw errors.staleVersion();
  await tx.audit({
    action: 'training.session.update',
    entity: 'training_session',
    entityId: id,
    summary: { topic: w.topic, kind: w.kind, heldOn: w.heldOn, hours: w.hours },
  });
  return queries.session(tx, ctx, id);
}

/** Marks people of the caller's area (any session: a street records its people at a district session). */
export async function recordAttendance(tx: Tx, ctx: SignedInCtx, id: string, body: In<typeof AttendanceBulk>, now: number) {
  const s = await repo.session(tx, id);
  if (!s) throw errors.notFound('未找到该培训');
  if (s.held_on > shanghaiDate(now)) throw errors.validation([{ path: 'entries', message: `培训日期（${s.held_on}）还没到，不能记录出勤` }]);
  const ids = [...new Set(body.entries.map((e) => e.staffId))];
  if (ids.length !== body.entries.length) throw errors.validation([{ path: 'entries', message: '同一人出现了多次' }]);
  const visible = new Set(await repo.visibleStaff(tx, ids));
  const bad = body.entries.findIndex((e) => !visible.has(e.staffId));
  if (bad >= 0) throw errors.validation([{ path: `entries.${bad}.staffId`, message: '该人员不在您的管辖范围内，或不存在' }]);
  const over = body.entries.findIndex((e) => e.hours !== null && e.hours !== undefined && e.hours > Number(s.hours));
  if (over >= 0) throw errors.validation([{ path: `entries.${over}.hours`, message: `出勤学时不能超过培训学时（${Number(s.hours)}）` }]);
  await repo.upsertAttendance(
    tx,
    id,
    body.entries.map((e) => ({ staffId: e.staffId, attended: e.attended, hours: e.hours ?? null, note: e.note?.trim() || null })),
    ctx.actor.userId,
  );
  await tx.audit({
    action: 'training.attendance.record',
    entity: 'training_session',
    entityId: id,
    summary: { people: ids.length, attended: body.entries.filter((e) => e.attended).length },
  });
  return queries.attendance(tx, id);
}

// ---- exams ----

export async function registerExam(tx: Tx, ctx: SignedInCtx, body: In<typeof ExamCreate>) {
  if (!(await repo.staff(tx, body.staffId))) throw errors.validation([{ path: 'staffId', message: '该人员不在您的管辖范围内，或不存在' }]);
  const id = await repo.insertExam(tx, { ...body, note: body.note?.trim() || null }, ctx.actor.userId);
  if (!id) throw errors.conflict('该人员已报名同一年度同一级别的考试', [{ path: 'level', message: '已报名该级别' }]);
  await tx.audit({
    action: 'training.exam.register',
    entity: 'exam_record',
    entityId: id,
    summary: { staffId: body.staffId, year: body.year, level: body.level },
  });
  const e = await repo.exam(tx, id);
  const p = await repo.staff(tx, body.staffId);
  if (!e || !p) throw errors.notFound();
  return { ...examOut(e), certLevel: certOf(p.cert_level) };
}

/** The result; a pass raises the person's certificate level in the same transaction (never lowers it). */
export async function recordExamResult(tx: Tx, ctx: SignedInCtx, id: string, body: In<typeof ExamResultBody>) {
  const e = await repo.exam(tx, id);
  if (!e) throw errors.notFound('未找到该考试记录');
  if (e.version !== body.version) throw errors.staleVersion();
  const score = body.result === 'absent' ? null : (body.score ?? null);
  if (!(await repo.setExamResult(tx, id, body.version, body.result, score, ctx.actor.userId))) throw errors.staleVersion();
  const p = await repo.staff(tx, e.staff_id);
  if (!p) throw errors.notFound();
  const before = certOf(p.cert_level);
  const after = body.result === 'passed' ? raisedCertLevel(before, levelOf(e.level)) : before;
  if (after !== before) await repo.setCertLevel(tx, p.id, after);
  await tx.audit({
    action: 'training.exam.result',
    entity: 'exam_record',
    entityId: id,
    summary: { staffId: p.id, year: e.year, level: e.level, result: body.result, score, certBefore: before, certAfter: after },
  });
  const out = await repo.exam(tx, id);
  if (!out) throw errors.notFound();
  return { ...examOut(out), certLevel: after };
}

// ---- evaluations ----

export async function saveEvaluation(tx: Tx, ctx: SignedInCtx, body: In<typeof EvaluationSave>, now: number) {
  const p = await repo.staff(tx, body.staffId);
  if (!p) throw errors.validation([{ path: 'staffId', message: '该人员不在您的管辖范围内，或不存在' }]);
  const refusal = evaluateRefusal(caller(ctx), { userId: p.user_id, roleKind: p.role_kind });
  if (refusal) throw errors.forbidden(refusal);
  const today = shanghaiDate(now);
  if (body.year > Number(today.slice(0, 4))) throw errors.validation([{ path: 'year', message: '不能评价尚未开始的年度' }]);
  const cur = await repo.evaluationOf(tx, body.staffId, body.year);
  const grade = body.grade ?? null;
  const saveRefused = saveRefusal(cur, body.finish, grade);
  if (saveRefused) {
    if (cur?.status === 'done') throw errors.conflict(saveRefused);
    throw errors.validation([{ path: 'grade', message: saveRefused }]);
  }
  const version = body.version ?? null;
  if ((cur === null) !== (version === null) || (cur && cur.version !== version)) throw errors.staleVersion();
  const day = metricsDay(body.year, today);
  const metrics = metricsOut(await repo.metrics(tx, body.staffId, body.year, day), day);
  const id = await repo.upsertEvaluation(
    tx,
    {
      staffId: body.staffId,
      year: body.year,
      metrics,
      grade,
      comment: body.comment?.trim() || null,
      status: body.finish ? 'done' : 'draft',
      reviewer: ctx.actor.userId,
      at: new Date(now),
    },
    version,
  );
  if (!id) throw errors.staleVersion();
  await tx.audit({
    action: body.finish ? 'training.evaluation.finish' : 'training.evaluation.save',
    entity: 'staff_evaluation',
    entityId: id,
    summary: { staffId: body.staffId, year: body.year, grade, metrics },
  });
  const { rows } = await repo.evaluations(tx, { year: body.year, status: null, staffId: body.staffId, limit: 1, offset: 0 });
  const row = rows[0];
  if (!row) throw errors.notFound();
  return evaluationOut(row, body.year);
}

// ---- rewards ----

export async function createReward(tx: Tx, ctx: SignedInCtx, body: In<typeof RewardCreate>) {
  if (!(await repo.staff(tx, body.staffId))) throw errors.validation([{ path: 'staffId', message: '该人员不在您的管辖范围内，或不存在' }]);
  const unit = body.grantingUnitCode ?? null;
  if (unit !== null && !(await repo.unitExists(tx, unit))) throw errors.validation([{ path: 'grantingUnitCode', message: '请选择已登记的授予单位' }]);
  const id = await repo.insertReward(
    tx,
    { staffId: body.staffId, title: body.title, grantedOn: body.grantedOn, unit, note: body.note?.trim() || null },
    ctx.actor.userId,
  );
  await tx.audit({
    action: 'training.reward.create',
    entity: 'staff_reward',
    entityId: id,
    summary: { staffId: body.staffId, title: body.title, grantedOn: body.grantedOn },
  });
  const r = (await repo.rewards(tx, body.staffId)).find((x) => x.id === id);
  if (!r) throw errors.notFound();
  return rewardOut(r);
}
