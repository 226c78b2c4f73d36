/**
 * The writes of the organisations module: the register and projects (organisations.manage, the
 * district), and the children a project serves (organisations.assign: a child of the caller's area,
 * which row-level security enforces on project_children). Each audited.
 */
import { shanghaiDate } from '#common/dates.js';
import type { OrganisationCreate, OrganisationUpdate, ProjectCreate, ProjectUpdate } from '#common/organisations.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { errors, type FieldError } from '../../core/errors.js';
import { joinRefusal } from './policies.js';
import { orgOut, projectOut } from './presenters.js';
import * as queries from './queries.js';
import * as repo from './repo.js';

async function unknownStreets(tx: Tx, codes: string[]): Promise<string[]> {
  const known = new Set((await repo.streetCodes(tx)).map((s) => s.code));
  return codes.filter((c) => !known.has(c));
}

async function checkOrg(tx: Tx, body: OrganisationCreate | OrganisationUpdate, except: string | null): Promise<repo.OrgWrite> {
  const fields: FieldError[] = [];
  const streets = [...new Set(body.serviceStreets)];
  const bad = await unknownStreets(tx, streets);
  if (bad.length) fields.push({ path: 'serviceStreets', message: '未知的街道：' + bad.join('、') });
  const creditCode = body.creditCode || null;
  const clash = await repo.orgClash(tx, body.name, creditCode, except);
  if (clash.name) fields.push({ path: 'name', message: `已登记名为「${body.name}」的组织` });
  if (clash.code) fields.push({ path: 'creditCode', message: '该统一社会信用代码已被另一家组织使用' });
  if (body.incubated && !body.incubatedOn) fields.push({ path: 'incubatedOn', message: '请填写孵化日期' });
  if (fields.length) throw errors.validation(fields);
  return {
    name: body.name,
    kind: body.kind,
    creditCode,
    registeredOn: body.registeredOn ?? null,
    registrationAuthority: body.registrationAuthority?.trim() || null,
    staffCount: body.staffCount ?? null,
    capacityNote: body.capacityNote?.trim() || null,
    serviceStreets: streets,
    contactName: body.contactName?.trim() || null,
    contactPhone: body.contactPhone?.trim() || null,
    incubated: body.incubated,
    incubatedOn: body.incubated ? (body.incubatedOn ?? null) : null,
    active: body.active,
    note: body.note?.trim() || null,
  };
}

export async function createOrganisation(tx: Tx, ctx: SignedInCtx, body: OrganisationCreate) {
  const w = await checkOrg(tx, body, null);
  const id = await repo.insertOrganisation(tx, w, ctx.actor.userId);
  await tx.audit({ action: 'organisations.create', entity: 'organisation', entityId: id, summary: { name: w.name, kind: w.kind, creditCode: w.creditCode } });
  return queries.organisation(tx, id);
}

export async function updateOrganisation(tx: Tx, id: string, body: OrganisationUpdate) {
  const cur = await repo.organisation(tx, id, true);
  if (!cur) throw errors.notFound('未找到该社会组织');
  if (cur.version !== body.version) throw errors.staleVersion();
  const w = await checkOrg(tx, body, id);
  if (!(await repo.updateOrganisation(tx, id, body.version, w))) throw errors.staleVersion();
  await tx.audit({ action: 'organisations.update', entity: 'organisation', entityId: id, summary: { before: orgOut(cur), after: w } });
  return queries.organisation(tx, id);
}

async function checkProject(tx: Tx, body: ProjectCreate | ProjectUpdate): Promise<repo.ProjectWrite> {
  const fields: FieldError[] = [];
  if (!(await repo.orgExists(tx, body.organisationId))) fields.push({ path: 'organisationId', message: '请选择已登记的社会组织' });
  const unit = body.commissioningUnitCode?.trim() || null;
  if (unit !== null && !(await repo.unitExists(tx, unit))) fields.push({ path: 'commissioningUnitCode', message: '请选择已登记的委托单位' });
  if (body.kind === 'commissioned' && unit === null) fields.push({ path: 'commissioningUnitCode', message: '政府购买服务项目请选择委托单位' });
  if (body.endsOn < body.startsOn) fields.push({ path: 'endsOn', message: '结束日期不能早于开始日期' });
  const streets = [...new Set(body.streets)];
  const bad = await unknownStreets(tx, streets);
  if (bad.length) fields.push({ path: 'streets', message: '未知的街道：' + bad.join('、') });
  if (fields.length) throw errors.validation(fields);
  return {
    organisationId: body.organisationId,
    name: body.name,
    kind: body.kind,
    commissioningUnitCode: unit,
    budget: body.budget ?? null,
    startsOn: body.startsOn,
    endsOn: body.endsOn,
    deliverables: body.deliverables?.trim() || null,
    childrenTarget: body.childrenTarget ?? null,
    streets,
    planTasks: [...new Set(body.planTasks)].sort((a, b) => a - b),
    status: body.status,
    note: body.note?.trim() || null,
  };
}

export async function createProject(tx: Tx, ctx: SignedInCtx, body: ProjectCreate, now: number) {
  const w = await checkProject(tx, body);
  const id = await repo.insertProject(tx, w, ctx.actor.userId);
  await tx.audit({
    action: 'organisations.project.create',
    entity: 'org_project',
    entityId: id,
    summary: { name: w.name, kind: w.kind, organisation: w.organisationId, budget: w.budget, period: [w.startsOn, w.endsOn] },
  });
  const r = await repo.project(tx, shanghaiDate(now), id);
  if (!r) throw errors.notFound();
  return projectOut(r);
}

export async function updateProject(tx: Tx, id: string, body: ProjectUpdate, now: number) {
  const cur = await repo.projectVersion(tx, id);
  if (!cur) throw errors.notFound('未找到该项目');
  if (cur.version !== body.version) throw errors.staleVersion();
  const w = await checkProject(tx, body);
  if (!(await repo.updateProject(tx, id, body.version, w))) throw errors.staleVersion();
  await tx.audit({ action: 'organisations.project.update', entity: 'org_project', entityId: id, summary: { ...w } });
  const r = await repo.project(tx, shanghaiDate(now), id);
  if (!r) throw errors.notFound();
  return projectOut(r);
}

export async function addChild(tx: Tx, ctx: SignedInCtx, projectId: string, childId: string, since: string) {
  const p = await repo.projectVersion(tx, projectId);
  if (!p) throw errors.notFound('未找到该项目');
  // RLS: a child outside the caller's area is not found, as if it did not exist
  const child = await repo.visibleChild(tx, childId);
  if (!child) throw errors.validation([{ path: 'childId', message: '未找到该儿童，或不在您的辖区内' }]);
  const refusal = joinRefusal(p, child.status, since);
  if (refusal) throw errors.validation([{ path: refusal.startsWith('开始') ? 'since' : 'childId', message: refusal }]);
  const cur = await repo.projectChild(tx, projectId, childId);
  if (cur && cur.until === null) throw errors.conflict('该儿童已是本项目的服务对象');
  await repo.insertProjectChild(tx, projectId, child, since, ctx.actor.userId);
  await tx.audit({ action: 'organisations.project.child.add', entity: 'org_project', entityId: projectId, summary: { childId, since } });
}

export async function endChild(tx: Tx, projectId: string, childId: string, until: string) {
  const cur = await repo.projectChild(tx, projectId, childId);
  if (!cur) throw errors.notFound('该儿童不是本项目的服务对象，或不在您的辖区内');
  if (cur.until !== null) throw errors.conflict('该儿童已结束服务');
  if (until < cur.since) throw errors.validation([{ path: 'until', message: `结束服务日期不能早于开始日期 ${cur.since}` }]);
  await repo.endProjectChild(tx, projectId, childId, until);
  await tx.audit({ action: 'organisations.project.child.end', entity: 'org_project', entityId: projectId, summary: { childId, until } });
}
