/**
 * Reading assessments: a child's list (full or summary depth), one assessment with the instrument
 * version it holds, the area's work lists (overdue commissions, re-assessments due), instruments.
 * Every read of guardianship content writes an audit row.
 */
import { shanghaiDate } from '#common/dates.js';
import type { AssessmentDetail, AssessmentWorkList, ChildAssessments, InstrumentDetail } from '#common/guardianshipAssessment.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import type { AppDeps } from '../../core/deps.js';
import { errors } from '../../core/errors.js';
import { childFor } from './commands.js';
import { guardianshipDepth, requireDepth } from './policies.js';
import * as present from './presenters.js';
import * as repo from './repo.js';

const gradeName = (ins: repo.InstrumentRow | null, code: string | null) => (code ? (ins?.grades.find((g) => g.code === code)?.name ?? code) : null);

export async function childAssessments(tx: Tx, deps: AppDeps, ctx: SignedInCtx, childId: string): Promise<ChildAssessments> {
  const c = await childFor(tx, childId);
  const depth = requireDepth(ctx.actor, { supervisor: c.supervisor, viaReferral: c.via_referral });
  const rows = await repo.assessmentsOfChild(tx, childId);
  const instruments = new Map<string, repo.InstrumentRow | null>();
  for (const r of rows) {
    const k = `${r.instrument_code}@${r.instrument_version}`;
    if (!instruments.has(k)) instruments.set(k, await repo.instrument(tx, r.instrument_code, r.instrument_version));
  }
  const today = shanghaiDate(deps.clock());
  const active = await repo.activeInstrument(tx);
  await tx.audit({ action: 'guardianship.assessment.list', entity: 'child', entityId: childId, summary: { depth, count: rows.length } });
  return {
    depth,
    canWrite: depth === 'full' && ctx.actor.permissions.has('guardianship.write'),
    items: rows.map((r) =>
      present.assessment(deps, r, depth, today, gradeName(instruments.get(`${r.instrument_code}@${r.instrument_version}`) ?? null, r.grade)),
    ),
    activeInstrument: active ? { code: active.code, version: active.version, name: active.name, placeholder: active.placeholder } : null,
  };
}

export async function assessmentDetail(tx: Tx, deps: AppDeps, ctx: SignedInCtx, id: string): Promise<AssessmentDetail> {
  const r = await repo.assessment(tx, id);
  if (!r) throw errors.notFound('未找到该评估，或不在您的权限范围内');
  const c = await childFor(tx, r.child_id);
  const depth = requireDepth(ctx.actor, { supervisor: c.supervisor, viaReferral: c.via_referral });
  const ins = await repo.instrument(tx, r.instrument_code, r.instrument_version);
  await tx.audit({ action: 'guardianship.assessment.view', entity: 'guardianship_assessment', entityId: id, summary: { childId: r.child_id, depth } });
  return {
    ...present.assessment(deps, r, depth, shanghaiDate(deps.clock()), gradeName(ins, r.grade)),
    instrument: depth === 'full' && ins ? present.instrumentDetail(ins) : null,
    childName: depth === 'full' ? r.child_name : null,
    canWrite: depth === 'full' && ctx.actor.permissions.has('guardianship.write'),
  };
}

export async function workList(
  tx: Tx,
  deps: AppDeps,
  ctx: SignedInCtx,
  q: { view: 'overdue' | 'reassess' | 'open'; street?: string; page: number; pageSize: number },
): Promise<AssessmentWorkList> {
  if (guardianshipDepth(ctx.actor) !== 'full') throw errors.forbidden('没有查看监护评估工作清单的权限');
  const rows = await repo.workList(tx, q, shanghaiDate(deps.clock()));
  await tx.audit({ action: 'guardianship.assessment.worklist', summary: { view: q.view, street: q.street ?? null, count: rows.length } });
  return present.workList(rows, q.page, q.pageSize);
}

export async function instrumentList(tx: Tx): Promise<{ items: ReturnType<typeof present.instrumentSummary>[] }> {
  return { items: (await repo.instruments(tx)).map(present.instrumentSummary) };
}

export async function instrumentDetail(tx: Tx, code: string, version: number): Promise<InstrumentDetail> {
  const r = await repo.instrument(tx, code, version);
  if (!r) throw errors.notFound('未找到该量表版本');
  return present.instrumentDetail(r);
}
