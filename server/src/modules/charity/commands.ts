/**
 * The writes of the charity module: the project register (organisations.manage) and the aid given
 * to a child (charity.record), cancelled with a reason (the row stays). An aid record is checked
 * with the project row locked (policies.ts: period, active, amount per child, capacity over the
 * whole district, the child's match), so two recorders cannot both take the last place. Each
 * write is audited.
 */
import { matchChild, type AidCancel, type AidCreate, type CharityProjectCreate, type CharityProjectUpdate } from '#common/charity.js';
import { shanghaiDate } from '#common/dates.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { errors, type FieldError } from '../../core/errors.js';
import { aidRefusals } from './policies.js';
import { aidOut, projectOut, rulesOf } from './presenters.js';
import { factsOf, streetNamer } from './queries.js';
import * as repo from './repo.js';

async function checkProject(tx: Tx, body: CharityProjectCreate | CharityProjectUpdate): Promise<repo.ProjectWrite> {
  const fields: FieldError[] = [];
  if (body.organisationId && !(await repo.organisationExists(tx, body.organisationId))) fields.push({ path: 'organisationId', message: '请选择已登记的机构' });
  const streets = [...new Set(body.rules.streets ?? [])];
  const known = await repo.knownStreets(tx, streets);
  const unknown = streets.filter((s) => !known.includes(s));
  if (unknown.length) fields.push({ path: 'rules.streets', message: '未知的街道：' + unknown.join('、') });
  if (fields.length) throw errors.validation(fields);
  const rules = {
    ...(body.rules.categories?.length ? { categories: [...new Set(body.rules.categories)] } : {}),
    ...(body.rules.minAge != null ? { minAge: body.rules.minAge } : {}),
    ...(body.rules.maxAge != null ? { maxAge: body.rules.maxAge } : {}),
    ...(streets.length ? { streets } : {}),
    ...(body.rules.needs?.length ? { needs: [...new Set(body.rules.needs)] } : {}),
  };
  return {
    name: body.name,
    organisationId: body.organisationId ?? null,
    funder: body.funder?.trim() || null,
    description: body.description?.trim() || null,
    rules,
    aidKind: body.aidKind,
    amountPerChild: body.amountPerChild ?? null,
    budget: body.budget ?? null,
    capacity: body.capacity ?? null,
    startsOn: body.startsOn,
    endsOn: body.endsOn ?? null,
    active: body.active,
  };
}

export async function createProject(tx: Tx, ctx: SignedInCtx, body: CharityProjectCreate) {
  const w = await checkProject(tx, body);
  const id = await repo.insertProject(tx, w, ctx.actor.userId);
  await tx.audit({ action: 'charity.project.create', entity: 'charity_project', entityId: id, summary: { name: w.name, kind: w.aidKind, rules: w.rules } });
  const r = await repo.project(tx, id);
  if (!r) throw errors.notFound();
  return projectOut(r, await streetNamer(tx));
}

export async function updateProject(tx: Tx, id: string, body: CharityProjectUpdate) {
  const cur = await repo.project(tx, id);
  if (!cur) throw errors.notFound('未找到该慈善项目');
  if (cur.version !== body.version) throw errors.staleVersion();
  const w = await checkProject(tx, body);
  if (!(await repo.updateProject(tx, id, body.version, w))) throw errors.staleVersion();
  await tx.audit({ action: 'charity.project.update', entity: 'charity_project', entityId: id, summary: { name: w.name, active: w.active, rules: w.rules } });
  const r = await repo.project(tx, id);
  if (!r) throw errors.notFound();
  return projectOut(r, await streetNamer(tx));
}

export async function recordAid(tx: Tx, ctx: SignedInCtx, body: AidCreate, now: number) {
  const today = shanghaiDate(now);
  const project = await repo.project(tx, body.projectId, true);
  if (!project) throw errors.validation([{ path: 'projectId', message: '请选择已登记的慈善项目' }]);
  const facts = (await repo.facts(tx, today, { childId: body.childId }))[0];
  if (!facts) throw errors.notFound('未找到该儿童，或不在您的权限范围内');
  const amount = body.amount ?? null;
  const { fields, full } = aidRefusals({
    today,
    givenOn: body.givenOn,
    amount,
    project: {
      active: project.active,
      startsOn: project.starts_on,
      endsOn: project.ends_on,
      amountPerChild: project.amount_per_child === null ? null : Number(project.amount_per_child),
      capacity: project.capacity,
    },
    uptake: await repo.projectUptake(tx, body.projectId, body.childId),
    match: matchChild(rulesOf(project.rules), factsOf(facts), today, await streetNamer(tx)),
  });
  if (fields.length) throw errors.validation(fields, fields.length === 1 && fields[0] ? fields[0].message : undefined);
  if (full)
    throw errors.conflict(`该项目的受助名额（${project.capacity ?? 0} 名）已满，不能再登记新的受助儿童`, [{ path: 'projectId', message: '受助名额已满' }]);
  const id = await repo.insertAid(
    tx,
    { projectId: body.projectId, childId: body.childId, givenOn: body.givenOn, kind: body.kind, amount, description: body.description?.trim() || null },
    ctx.actor.userId,
  );
  await tx.audit({
    action: 'charity.aid.record',
    entity: 'child',
    entityId: body.childId,
    summary: { aid: id, project: body.projectId, amount, kind: body.kind },
  });
  const r = await repo.aid(tx, id);
  if (!r) throw errors.notFound();
  return aidOut(r);
}

export async function cancelAid(tx: Tx, ctx: SignedInCtx, id: string, body: AidCancel) {
  const cur = await repo.aid(tx, id, true);
  if (!cur) throw errors.notFound('未找到该帮扶记录');
  if (cur.status === 'cancelled') throw errors.conflict('该帮扶记录已撤销');
  if (cur.version !== body.version) throw errors.staleVersion();
  if (!(await repo.cancelAid(tx, id, body.version, body.reason, ctx.actor.userId))) throw errors.staleVersion();
  await tx.audit({ action: 'charity.aid.cancel', entity: 'child', entityId: cur.child_id, summary: { aid: id, project: cur.project_id }, reason: body.reason });
  const r = await repo.aid(tx, id);
  if (!r) throw errors.notFound();
  return aidOut(r);
}
