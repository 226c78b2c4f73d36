/**
 * Changes to guardianship-capacity assessments and instruments, each with its audit row:
 * commission → record the result (scored on the server with the instrument version the assessment
 * holds) → return (结果反馈) → archive; cancel with a reason. A stale `version` is a 409, a step out
 * of order a 409 in Chinese.
 *
 * THE CHAIN runs when the result is recorded, in the same transaction: the grade is the fact the
 * assessor established, and the child must be protected from that day (not from the day the
 * paperwork is fed back). A grade whose effect is `missing` or `improper`:
 *   1. raises the child's risk to high with a risk reason naming the assessment (children's
 *      updateChild, which recomputes the next visit due);
 *   2. adds the dated category guardianship_missing / guardianship_improper from the assessed day
 *      with a source note naming the assessment, unless that category is already current;
 *   3. re-matches the child against the benefit policies (children's rematch: a failed evaluation
 *      is logged and never undoes the result).
 */
import {
  ASSESSMENT_NEXT,
  ASSESSMENT_STATUS_ZH,
  CHAIN_EFFECTS,
  EFFECT_CATEGORY,
  type GradeEffect,
  scoreAssessment,
  validateInstrument,
  type AssessmentCancelBody,
  type AssessmentCommission,
  type AssessmentResultBody,
  type AssessmentStepBody,
  type ChainOutcome,
  type InstrumentCreate,
} from '#common/guardianshipAssessment.js';
import { shanghaiDate } from '#common/dates.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import type { AppDeps } from '../../core/deps.js';
import { errors } from '../../core/errors.js';
import { updateChild } from '../children/commands/file.js';
import { addCategory } from '../children/commands/family.js';
import { rematch, type WarnLog } from '../children/commands/rematch.js';
import { requireDepth, requireWrite } from './policies.js';
import * as repo from './repo.js';

export const NARRATIVE_COLUMN = 'guardianship_assessments.narrative';

/** The child as the caller reaches it (404 when not at all), with the depth facts. */
export async function childFor(tx: Tx, childId: string): Promise<repo.ChildRow> {
  const c = await repo.child(tx, childId);
  if (!c) throw errors.notFound('未找到该儿童档案，或不在您的权限范围内');
  return c;
}

const facts = (c: { supervisor: boolean; via_referral: boolean }) => ({ supervisor: c.supervisor, viaReferral: c.via_referral });

export async function commission(tx: Tx, deps: AppDeps, ctx: SignedInCtx, childId: string, body: AssessmentCommission): Promise<string> {
  const c = await childFor(tx, childId);
  requireDepth(ctx.actor, facts(c));
  requireWrite(ctx.actor);
  if (c.status !== 'active') throw errors.conflict('该档案已关闭，不能委托评估');
  const today = shanghaiDate(deps.clock());
  if (body.dueOn < today) throw errors.validation([{ path: 'dueOn', message: '评估完成期限不能早于今天' }]);
  const ins = await repo.activeInstrument(tx);
  if (!ins) throw errors.conflict('尚未启用评估量表，请先由区民政局在"评估量表"中启用一个版本');
  const id = await repo.insertAssessment(tx, {
    childId,
    code: ins.code,
    version: ins.version,
    reason: body.reason,
    by: ctx.actor.userId,
    unit: ctx.actor.unitCode,
    on: today,
    assessorOrg: body.assessorOrg,
    dueOn: body.dueOn,
  });
  await tx.audit({
    action: 'guardianship.assessment.commission',
    entity: 'guardianship_assessment',
    entityId: id,
    summary: { childId, instrument: `${ins.code}@${ins.version}`, assessorOrg: body.assessorOrg, dueOn: body.dueOn },
  });
  return id;
}

/** Locks an assessment for a step: reachable at full depth, the caller may write, the version current, the step allowed. */
async function forStep(tx: Tx, ctx: SignedInCtx, id: string, version: number, step: 'record' | 'return' | 'archive' | 'cancel'): Promise<repo.AssessmentRow> {
  const a = await repo.assessment(tx, id, true);
  if (!a) throw errors.notFound('未找到该评估，或不在您的权限范围内');
  const c = await childFor(tx, a.child_id);
  requireDepth(ctx.actor, facts(c));
  requireWrite(ctx.actor);
  if (a.version !== version) throw errors.staleVersion();
  if (!ASSESSMENT_NEXT[a.status].includes(step)) {
    const what = { record: '录入评估结果', return: '反馈评估结果', archive: '归档', cancel: '取消' }[step];
    throw errors.conflict(`该评估当前为"${ASSESSMENT_STATUS_ZH[a.status]}"，不能${what}`);
  }
  return a;
}

export async function recordResult(
  tx: Tx,
  deps: AppDeps,
  ctx: SignedInCtx,
  id: string,
  body: AssessmentResultBody,
  log: WarnLog,
): Promise<{ version: number; chain: ChainOutcome }> {
  const a = await forStep(tx, ctx, id, body.version, 'record');
  const today = shanghaiDate(deps.clock());
  if (body.assessedOn > today) throw errors.validation([{ path: 'assessedOn', message: '评估日期不能晚于今天' }]);
  if (body.assessedOn < a.commissioned_on) throw errors.validation([{ path: 'assessedOn', message: `评估日期不能早于委托日期（${a.commissioned_on}）` }]);
  if (body.reassessOn && body.reassessOn <= body.assessedOn) throw errors.validation([{ path: 'reassessOn', message: '复评日期须晚于评估日期' }]);
  const ins = await repo.instrument(tx, a.instrument_code, a.instrument_version);
  if (!ins) throw errors.internal();
  // scored with the version the assessment holds, never the one active today
  const r = scoreAssessment(ins, body.answers);
  if (!r.complete) {
    const items = new Map(ins.definition.dimensions.flatMap((d) => d.items.map((i) => [i.code, i.text] as const)));
    throw errors.validation(
      [
        ...r.missing.map((code) => ({ path: `answers.${code}`, message: `请回答"${items.get(code) ?? code}"` })),
        ...r.invalid.map((code) => ({ path: `answers.${code}`, message: `"${items.get(code) ?? code}"的答案不是量表中的选项` })),
      ],
      `问卷未答完（还有 ${r.missing.length + r.invalid.length} 题），不能评分`,
    );
  }
  const version = await repo.updateAssessment(tx, id, body.version, {
    status: 'assessed',
    methods: body.methods,
    assessor_name: body.assessorName,
    answers: body.answers,
    dimension_scores: r.dimensions,
    total_score: r.total,
    grade: r.grade.code,
    grade_effect: r.grade.effect,
    narrative: deps.crypto.encrypt(body.narrative, NARRATIVE_COLUMN),
    measures: body.measures ?? null,
    assessed_on: body.assessedOn,
    reassess_on: body.reassessOn ?? null,
  });
  if (version === null) throw errors.staleVersion();
  await tx.audit({
    action: 'guardianship.assessment.record',
    entity: 'guardianship_assessment',
    entityId: id,
    summary: { childId: a.child_id, grade: r.grade.code, effect: r.grade.effect, total: r.total, methods: body.methods },
  });
  const chain = await applyChain(tx, deps, { id, childId: a.child_id, assessedOn: body.assessedOn, gradeName: r.grade.name, effect: r.grade.effect }, log);
  return { version, chain };
}

/**
 * The chain (see the head of this file). Exported for the demo seed, which applies it the same way.
 */
export async function applyChain(
  tx: Tx,
  deps: AppDeps,
  a: { id: string; childId: string; assessedOn: string; gradeName: string; effect: GradeEffect },
  log: WarnLog,
): Promise<ChainOutcome> {
  const out: ChainOutcome = { riskRaised: false, categoryAdded: null, rematched: false };
  if (!CHAIN_EFFECTS.includes(a.effect)) return out;
  const c = await childFor(tx, a.childId);
  const ref = `家庭监护能力评估（${a.assessedOn}，编号 ${a.id.slice(0, 8)}）：${a.gradeName}`;
  const reason = c.risk_level === 'high' && c.risk_reason && !c.risk_reason.includes(ref) ? `${ref}；${c.risk_reason}`.slice(0, 200) : ref;
  const upd = await updateChild(tx, deps, a.childId, { version: c.version, riskLevel: 'high', riskReason: reason });
  out.riskRaised = c.risk_level !== 'high' && upd.changed.includes('riskLevel');
  const category = EFFECT_CATEGORY[a.effect];
  if (category && !(await repo.hasActiveCategory(tx, a.childId, category))) {
    await addCategory(tx, deps, a.childId, { category, since: a.assessedOn, sourceNote: ref.slice(0, 200) });
    out.categoryAdded = category;
  }
  await rematch(tx, deps, a.childId, log);
  out.rematched = true;
  await tx.audit({ action: 'guardianship.assessment.chain', entity: 'child', entityId: a.childId, summary: { assessmentId: a.id, ...out } });
  return out;
}

export async function returnResult(tx: Tx, deps: AppDeps, ctx: SignedInCtx, id: string, body: AssessmentStepBody): Promise<number> {
  const a = await forStep(tx, ctx, id, body.version, 'return');
  const on = body.on ?? shanghaiDate(deps.clock());
  if (on > shanghaiDate(deps.clock())) throw errors.validation([{ path: 'on', message: '反馈日期不能晚于今天' }]);
  if (a.assessed_on && on < a.assessed_on) throw errors.validation([{ path: 'on', message: `反馈日期不能早于评估日期（${a.assessed_on}）` }]);
  const version = await repo.updateAssessment(tx, id, body.version, { status: 'returned', returned_on: on });
  if (version === null) throw errors.staleVersion();
  await tx.audit({ action: 'guardianship.assessment.return', entity: 'guardianship_assessment', entityId: id, summary: { childId: a.child_id, on } });
  return version;
}

export async function archive(tx: Tx, deps: AppDeps, ctx: SignedInCtx, id: string, body: AssessmentStepBody): Promise<number> {
  const a = await forStep(tx, ctx, id, body.version, 'archive');
  const on = body.on ?? shanghaiDate(deps.clock());
  if (on > shanghaiDate(deps.clock())) throw errors.validation([{ path: 'on', message: '归档日期不能晚于今天' }]);
  if (a.returned_on && on < a.returned_on) throw errors.validation([{ path: 'on', message: `归档日期不能早于反馈日期（${a.returned_on}）` }]);
  const version = await repo.updateAssessment(tx, id, body.version, { status: 'archived', archived_on: on });
  if (version === null) throw errors.staleVersion();
  await tx.audit({ action: 'guardianship.assessment.archive', entity: 'guardianship_assessment', entityId: id, summary: { childId: a.child_id, on } });
  return version;
}

export async function cancel(tx: Tx, ctx: SignedInCtx, id: string, body: AssessmentCancelBody): Promise<number> {
  const a = await forStep(tx, ctx, id, body.version, 'cancel');
  const version = await repo.updateAssessment(tx, id, body.version, { status: 'cancelled', cancel_reason: body.reason });
  if (version === null) throw errors.staleVersion();
  await tx.audit({
    action: 'guardianship.assessment.cancel',
    entity: 'guardianship_assessment',
    entityId: id,
    summary: { childId: a.child_id, reason: body.reason },
  });
  return version;
}

// ---- instruments ----

/** A new version of an instrument (a new code starts at version 1); validated first, nothing written on a problem. */
export async function createInstrument(tx: Tx, ctx: SignedInCtx, body: InstrumentCreate): Promise<{ code: string; version: number }> {
  const problems = validateInstrument(body);
  if (problems.length) throw errors.validation(problems, '量表设置有误，请按提示修改');
  const version = await repo.nextInstrumentVersion(tx, body.code);
  await repo.insertInstrument(tx, {
    code: body.code,
    version,
    name: body.name,
    nameEn: body.nameEn ?? null,
    definition: body.definition,
    grades: body.grades,
    note: body.note ?? null,
    by: ctx.actor.userId,
  });
  if (body.activate) await repo.activateInstrument(tx, body.code, version);
  await tx.audit({
    action: 'guardianship.instrument.create',
    entity: 'guardianship_instrument',
    entityId: `${body.code}@${version}`,
    summary: { dimensions: body.definition.dimensions.length, grades: body.grades.map((g) => g.name), activate: body.activate },
  });
  return { code: body.code, version };
}

export async function activateInstrument(tx: Tx, code: string, version: number): Promise<void> {
  const ins = await repo.instrument(tx, code, version);
  if (!ins) throw errors.notFound('未找到该量表版本');
  await repo.activateInstrument(tx, code, version);
  await tx.audit({ action: 'guardianship.instrument.activate', entity: 'guardianship_instrument', entityId: `${code}@${version}` });
}
