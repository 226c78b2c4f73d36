/** The reads of the organisations module: the register, projects, a project with its children. */
import { shanghaiDate } from '#common/dates.js';
import type { OrganisationQuery, ProjectQuery } from '#common/organisations.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { mayOpenChild } from './policies.js';
import { orgOut, projectChildOut, projectOut } from './presenters.js';
import * as repo from './repo.js';

const bool = (v: 'true' | 'false' | undefined) => (v === undefined ? undefined : v === 'true');

export async function listOrganisations(tx: Tx, q: OrganisationQuery) {
  const { rows, total } = await repo.organisations(
    tx,
    { q: q.q?.trim() || undefined, kind: q.kind, street: q.street, active: bool(q.active), incubated: bool(q.incubated) },
    q.pageSize,
    (q.page - 1) * q.pageSize,
  );
  return { items: rows.map(orgOut), total, page: q.page, pageSize: q.pageSize };
}

export async function organisation(tx: Tx, id: string) {
  const r = await repo.organisation(tx, id);
  if (!r) throw errors.notFound('未找到该社会组织');
  return orgOut(r);
}

export async function listProjects(tx: Tx, q: ProjectQuery, now: number) {
  const { rows, total } = await repo.projects(
    tx,
    shanghaiDate(now),
    { q: q.q?.trim() || undefined, organisationId: q.organisationId, kind: q.kind, status: q.status, street: q.street },
    q.pageSize,
    (q.page - 1) * q.pageSize,
  );
  return { items: rows.map(projectOut), total, page: q.page, pageSize: q.pageSize };
}

export async function project(tx: Tx, ctx: SignedInCtx, id: string, now: number) {
  const r = await repo.project(tx, shanghaiDate(now), id);
  if (!r) throw errors.notFound('未找到该项目');
  const canOpen = mayOpenChild(ctx.actor.permissions);
  const children = await repo.projectChildren(tx, id);
  return { project: projectOut(r), children: children.map((c) => projectChildOut(c, canOpen)), canAssign: ctx.actor.permissions.has('organisations.assign') };
}

export async function options(tx: Tx, now: number) {
  const streets = await repo.streetCodes(tx);
  const units = await repo.activeUnits(tx);
  const organisations = await repo.organisationNames(tx);
  return { streets, units, organisations, today: shanghaiDate(now) };
}
