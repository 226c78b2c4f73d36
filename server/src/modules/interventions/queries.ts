/**
 * Reading the ladder: a child's steps with the suggestion and the caller's tasks (every view
 * audited), and the units that take a step of a kind for the new-step dialog.
 */
import { ageOn, shanghaiDate } from '#common/dates.js';
import { INTERVENTION_KIND_DEFS, type InterventionKind, type Ladder } from '#common/interventions.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { requireDepth } from '../guardianship/policies.js';
import { addWorkingDays } from '../referrals/deadlines.js';
import * as referralsRepo from '../referrals/repo.js';
import { presentStep, tasksOf } from './presenters.js';
import * as repo from './repo.js';
import { suggestNext, type LadderFacts } from './suggest.js';

const NOT_FOUND = '未找到该儿童档案，或不在您的辖区内';

export async function factsOf(tx: Tx, childId: string, steps: repo.StepRow[]): Promise<LadderFacts> {
  const a = await repo.latestAssessment(tx, childId);
  return {
    steps: steps.map((s) => ({ id: s.id, kind: s.kind, status: s.status, on: s.decided_on ?? s.created_on, attended: s.attended, missed: s.missed })),
    harmOn: await repo.harmDays(tx, childId),
    assessment: a ? { effect: a.effect, on: a.on } : null,
  };
}

export async function ladder(tx: Tx, ctx: SignedInCtx, childId: string, now: number): Promise<Ladder> {
  const depth = requireDepth(ctx.actor);
  const child = await repo.childInScope(tx, childId);
  if (!child) throw errors.notFound(NOT_FOUND);
  const steps = await repo.stepsOfChild(tx, childId, shanghaiDate(now));
  const suggestion = suggestNext(await factsOf(tx, childId, steps));
  const canWrite = ctx.actor.permissions.has('guardianship.write');
  await tx.audit({
    action: 'guardianship.intervention.view',
    entity: 'child',
    entityId: childId,
    summary: { depth, steps: steps.length, suggestion: suggestion?.kind ?? null },
  });
  return {
    depth,
    steps: steps.map((s) => presentStep(s, depth)),
    suggestion: suggestion && depth === 'summary' ? { ...suggestion, reason: null } : suggestion,
    tasks: tasksOf(steps, suggestion, depth, canWrite),
    canWrite,
  };
}

/** The units that take a step of `kind` for this child (the service directory), with the deadline a referral would get today. */
export async function unitsFor(
  tx: Tx,
  ctx: SignedInCtx,
  childId: string,
  kind: InterventionKind,
  now: number,
): Promise<{ items: { code: string; name: string; defaultDays: number; dueOn: string }[] }> {
  requireDepth(ctx.actor);
  const child = await repo.childInScope(tx, childId);
  if (!child) throw errors.notFound(NOT_FOUND);
  const today = shanghaiDate(now);
  const def = INTERVENTION_KIND_DEFS[kind];
  if (!def.referralKind) return { items: [{ code: ctx.actor.unitCode, name: ctx.actor.unitName, defaultDays: 0, dueOn: today }] };
  const k = await referralsRepo.kind(tx, def.referralKind);
  if (!k) return { items: [] };
  const age = ageOn(child.birth_date, today);
  const cal = await referralsRepo.calendar(tx, today, addDaysLoose(today, 400));
  const dueOn = addWorkingDays(today, k.default_days, cal);
  const items = (await repo.receiversOfKind(tx, def.referralKind))
    .filter((u) => (u.min_age === null || age >= u.min_age) && (u.max_age === null || age <= u.max_age))
    .filter((u) => !u.streets.length || u.streets.includes(child.street_code))
    .map((u) => ({
      code: u.code,
      name: u.name,
      defaultDays: u.code === ctx.actor.unitCode ? 0 : k.default_days,
      dueOn: u.code === ctx.actor.unitCode ? today : dueOn,
    }));
  return { items };
}

export function addDaysLoose(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
