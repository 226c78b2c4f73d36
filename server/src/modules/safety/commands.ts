/**
 * The writes of the safety module: the site register and checklists (safety.manage), an inspection
 * with the hazards it finds (one transaction), and a hazard's rectification: the responsible unit
 * reports the fix, the inspecting unit (another person) confirms it or sends it back. Each write is
 * audited in its transaction; the units concerned are told.
 */
import { shanghaiDate } from '#common/dates.js';
import {
  SEVERITY_NAMES,
  SITE_KIND_NAMES,
  SiteKindEnum,
  type ChecklistCreate,
  type ChecklistNewVersion,
  type InspectionCreate,
  type SiteCreate,
  type SiteUpdate,
} from '#common/safety.js';
import crypto from 'node:crypto';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { errors, type FieldError } from '../../core/errors.js';
import { notify } from '../notifications/notify.js';
import { confirmRefusal, inspectRefusal, reportFixRefusal, type Caller } from './policies.js';
import { checklistOut, hazardOut, inspectionOut, siteOut } from './presenters.js';
import * as repo from './repo.js';

const found = <T>(v: T | null): T => {
  if (v === null) throw errors.notFound();
  return v;
};

/** The caller with their unit's street (a street office inspects its own street's sites). */
export async function callerOf(tx: Tx, ctx: SignedInCtx): Promise<Caller> {
  const u = await repo.unit(tx, ctx.actor.unitCode);
  return { userId: ctx.actor.userId, unitCode: ctx.actor.unitCode, unitStreet: u?.street_code ?? null, permissions: ctx.actor.permissions };
}

// ---- sites ----

async function checkSite(tx: Tx, body: SiteCreate | SiteUpdate): Promise<repo.SiteWrite> {
  const fields: FieldError[] = [];
  if (!(await repo.streetExists(tx, body.streetCode))) fields.push({ path: 'streetCode', message: '请选择杨浦区的街道' });
  const inspecting = [...new Set(body.inspectingUnits)];
  const known = await repo.knownUnits(tx, [body.responsibleUnitCode, ...inspecting]);
  if (!known.includes(body.responsibleUnitCode)) fields.push({ path: 'responsibleUnitCode', message: '请选择已登记的责任单位' });
  const unknown = inspecting.filter((u) => !known.includes(u));
  if (unknown.length) fields.push({ path: 'inspectingUnits', message: `未知的检查单位：${unknown.join('、')}` });
  if (fields.length) throw errors.validation(fields);
  return {
    name: body.name,
    kind: body.kind,
    streetCode: body.streetCode,
    address: body.address?.trim() || null,
    responsibleUnitCode: body.responsibleUnitCode,
    inspectingUnits: inspecting,
    note: body.note?.trim() || null,
  };
}

export async function createSite(tx: Tx, ctx: SignedInCtx, body: SiteCreate) {
  const w = await checkSite(tx, body);
  const code = body.code ?? `site-${crypto.randomBytes(5).toString('hex')}`;
  if (await repo.siteCodeTaken(tx, code)) throw errors.validation([{ path: 'code', message: `场所代码「${code}」已被使用，请换一个` }]);
  const id = await repo.insertSite(tx, code, w, ctx.actor.userId);
  await tx.audit({ action: 'safety.site.create', entity: 'safety_site', entityId: id, summary: { code, name: w.name, kind: w.kind, street: w.streetCode } });
  return siteOut(found(await repo.site(tx, id)), await callerOf(tx, ctx));
}

export async function updateSite(tx: Tx, ctx: SignedInCtx, id: string, body: SiteUpdate) {
  const cur = await repo.site(tx, id, true);
  if (!cur) throw errors.notFound('未找到该场所');
  if (cur.version !== body.version) throw errors.staleVersion();
  const w = await checkSite(tx, body);
  if (!(await repo.updateSite(tx, id, body.version, w))) throw errors.staleVersion();
  await tx.audit({
    action: 'safety.site.update',
    entity: 'safety_site',
    entityId: id,
    summary: { name: w.name, kind: w.kind, street: w.streetCode, responsible: w.responsibleUnitCode, inspecting: w.inspectingUnits },
  });
  return siteOut(found(await repo.site(tx, id)), await callerOf(tx, ctx));
}

export async function setSiteActive(tx: Tx, ctx: SignedInCtx, id: string, version: number, active: boolean) {
  const cur = await repo.site(tx, id, true);
  if (!cur) throw errors.notFound('未找到该场所');
  if (cur.version !== version) throw errors.staleVersion();
  if (cur.active === active) throw errors.conflict(active ? '该场所已是启用状态' : '该场所已停用');
  if (!(await repo.setSiteActive(tx, id, version, active))) throw errors.staleVersion();
  await tx.audit({ action: active ? 'safety.site.reactivate' : 'safety.site.deactivate', entity: 'safety_site', entityId: id, summary: { name: cur.name } });
  return siteOut(found(await repo.site(tx, id)), await callerOf(tx, ctx));
}

// ---- checklists ----

export async function createChecklist(tx: Tx, ctx: SignedInCtx, body: ChecklistCreate) {
  if (await repo.latestChecklist(tx, body.code))
    throw errors.validation([{ path: 'code', message: `检查表代码「${body.code}」已存在，请换一个，或为它新建版本` }]);
  await repo.insertChecklist(tx, { ...body, version: 1, active: true }, ctx.actor.userId);
  await tx.audit({ action: 'safety.checklist.create', entity: 'inspection_checklist', entityId: body.code, summary: { version: 1, name: body.name } });
  return checklistOut(found(await repo.latestChecklist(tx, body.code)));
}

/** A new version: inspections made with the earlier ones keep theirs. */
export async function newChecklistVersion(tx: Tx, ctx: SignedInCtx, code: string, body: ChecklistNewVersion) {
  const cur = await repo.latestChecklist(tx, code);
  if (!cur) throw errors.notFound('未找到该检查表');
  if (cur.version !== body.version) throw errors.staleVersion();
  const version = cur.version + 1;
  const ok = await repo.insertChecklist(
    tx,
    { code, version, name: body.name, siteKinds: body.siteKinds, items: body.items, active: body.active },
    ctx.actor.userId,
  );
  if (!ok) throw errors.staleVersion();
  await tx.audit({
    action: 'safety.checklist.version',
    entity: 'inspection_checklist',
    entityId: code,
    summary: { version, name: body.name, items: body.items.length, active: body.active },
  });
  return checklistOut(found(await repo.latestChecklist(tx, code)));
}

// ---- inspections ----

export async function createInspection(tx: Tx, ctx: SignedInCtx, body: InspectionCreate, now: number) {
  const today = shanghaiDate(now);
  const c = await callerOf(tx, ctx);
  const site = await repo.site(tx, body.siteId, true);
  if (!site) throw errors.validation([{ path: 'siteId', message: '未找到该场所，请重新选择' }]);
  const refusal = inspectRefusal(c, site);
  if (refusal) throw errors.forbidden(refusal);
  const fields: FieldError[] = [];
  if (body.inspectedOn > today) fields.push({ path: 'inspectedOn', message: `检查日期不能晚于今天（${today}）` });
  const list = await repo.latestChecklist(tx, body.checklistCode);
  if (!list || !list.active) throw errors.validation([...fields, { path: 'checklistCode', message: '该检查表不存在或已停用，请选择其他检查表' }]);
  if (!list.site_kinds.includes(site.kind)) {
    const parsed = SiteKindEnum.safeParse(site.kind);
    const kind = parsed.success ? SITE_KIND_NAMES[parsed.data] : site.kind;
    throw errors.validation([...fields, { path: 'checklistCode', message: `检查表「${list.name}」不适用于${kind}，请选择适用于该场所类型的检查表` }]);
  }
  const items = new Map(list.items.map((i) => [i.code, i]));
  const seen = new Set<string>();
  const responsible = new Set<string>();
  body.results.forEach((r, i) => {
    if (!items.has(r.code)) fields.push({ path: `results.${i}.code`, message: `检查表「${list.name}」中没有检查项「${r.code}」` });
    else if (seen.has(r.code)) fields.push({ path: `results.${i}.code`, message: `检查项「${items.get(r.code)?.text ?? r.code}」重复填写` });
    seen.add(r.code);
    if (r.result === 'issue') {
      if (!r.hazard)
        fields.push({ path: `results.${i}.hazard`, message: `检查项「${items.get(r.code)?.text ?? r.code}」存在问题，请登记隐患（描述、等级、整改期限）` });
      else {
        if (r.hazard.deadline < today) fields.push({ path: `results.${i}.hazard.deadline`, message: `整改期限不能早于今天（${today}）` });
        responsible.add(r.hazard.responsibleUnitCode ?? site.responsible_unit_code);
      }
    } else if (r.hazard) fields.push({ path: `results.${i}.hazard`, message: '只有“存在问题”的检查项才能登记隐患' });
  });
  for (const it of list.items) if (!seen.has(it.code)) fields.push({ path: 'results', message: `检查项「${it.text}」尚未填写结果（符合、存在问题或不适用）` });
  const known = await repo.knownUnits(tx, [...responsible]);
  const unknown = [...responsible].filter((u) => !known.includes(u));
  if (unknown.length) fields.push({ path: 'results', message: `未知的整改责任单位：${unknown.join('、')}` });
  if (fields.length) throw errors.validation(fields);

  const id = await repo.insertInspection(tx, {
    siteId: site.id,
    streetCode: site.street_code,
    unitCode: c.unitCode,
    inspectedOn: body.inspectedOn,
    checklistCode: list.code,
    checklistVersion: list.version,
    results: body.results.map((r) => ({ code: r.code, result: r.result, note: r.note?.trim() || null })),
    findings: body.findings?.trim() || null,
    inspectorId: c.userId,
  });
  const hazardIds: string[] = [];
  for (const r of body.results) {
    if (r.result !== 'issue' || !r.hazard) continue;
    hazardIds.push(
      await repo.insertHazard(tx, {
        inspectionId: id,
        siteId: site.id,
        streetCode: site.street_code,
        itemCode: r.code,
        description: r.hazard.description,
        severity: r.hazard.severity,
        responsibleUnitCode: r.hazard.responsibleUnitCode ?? site.responsible_unit_code,
        deadline: r.hazard.deadline,
        reportedBy: c.userId,
      }),
    );
  }
  await tx.audit({
    action: 'safety.inspection.create',
    entity: 'inspection',
    entityId: id,
    summary: { siteId: site.id, inspectedOn: body.inspectedOn, checklist: `${list.code}@${list.version}`, hazards: hazardIds },
  });
  const hazards = await repo.hazardsOfInspection(tx, id);
  // Each responsible unit's users who can report the fix hear of their hazards.
  const byUnit = new Map<string, repo.HazardRow[]>();
  for (const h of hazards) byUnit.set(h.responsible_unit_code, [...(byUnit.get(h.responsible_unit_code) ?? []), h]);
  for (const [unitCode, hs] of byUnit) {
    const users = (await repo.usersOfUnitWith(tx, unitCode, 'safety.rectify')).filter((u) => u !== c.userId);
    const major = hs.some((h) => h.severity === 'major');
    await notify(tx, users, {
      kind: 'safety.hazard.assigned',
      title: `${major ? '【重大隐患】' : ''}安全隐患待整改：${site.name}`,
      body:
        hs.map((h) => `${SEVERITY_NAMES[h.severity === 'major' ? 'major' : 'general']}：${h.description}（整改期限 ${h.deadline}）`).join('；') +
        `。检查单位：${ctx.actor.unitName}。`,
      entity: 'hazard',
      entityId: hs[0]?.id ?? null,
      streetCode: site.street_code,
    });
  }
  const row = found(await repo.inspection(tx, id));
  return inspectionOut(
    row,
    hazards.map((h) => hazardOut(h, c, today)),
  );
}

// ---- hazards ----

async function loadHazard(tx: Tx, id: string) {
  const h = await repo.hazard(tx, id, true);
  if (!h) throw errors.notFound('未找到该隐患');
  return h;
}

export async function reportFix(tx: Tx, ctx: SignedInCtx, id: string, body: { note: string; version: number }, now: number) {
  const c = await callerOf(tx, ctx);
  const h = await loadHazard(tx, id);
  const refusal = reportFixRefusal(c, h);
  if (refusal) throw h.responsible_unit_code !== c.unitCode || !c.permissions.has('safety.rectify') ? errors.forbidden(refusal) : errors.conflict(refusal);
  if (h.version !== body.version) throw errors.staleVersion();
  if (!(await repo.reportFix(tx, id, body.version, body.note, c.userId))) throw errors.staleVersion();
  await tx.audit({ action: 'safety.hazard.fix', entity: 'hazard', entityId: id, summary: { siteId: h.site_id, deadline: h.deadline } });
  if (h.inspecting_unit_code) {
    const users = (await repo.usersOfUnitWith(tx, h.inspecting_unit_code, 'safety.inspect')).filter((u) => u !== c.userId);
    await notify(tx, users, {
      kind: 'safety.hazard.fixReported',
      title: `隐患整改待确认：${h.site_name}`,
      body: `${ctx.actor.unitName}已报告整改：${h.description}。请核实后确认或退回。`,
      entity: 'hazard',
      entityId: id,
      streetCode: h.street_code,
    });
  }
  return hazardOut(found(await repo.hazard(tx, id)), c, shanghaiDate(now));
}

export async function confirmFix(tx: Tx, ctx: SignedInCtx, id: string, version: number, now: number) {
  const c = await callerOf(tx, ctx);
  const h = await loadHazard(tx, id);
  const refusal = confirmRefusal(c, h, 'confirm');
  if (refusal) throw h.status !== 'fix_reported' ? errors.conflict(refusal) : errors.forbidden(refusal);
  if (h.version !== version) throw errors.staleVersion();
  if (!(await repo.confirmFix(tx, id, version, c.userId))) throw errors.staleVersion();
  await tx.audit({ action: 'safety.hazard.confirm', entity: 'hazard', entityId: id, summary: { siteId: h.site_id, deadline: h.deadline } });
  const users = (await repo.usersOfUnitWith(tx, h.responsible_unit_code, 'safety.rectify')).filter((u) => u !== c.userId);
  await notify(tx, users, {
    kind: 'safety.hazard.confirmed',
    title: `隐患整改已确认：${h.site_name}`,
    body: `${ctx.actor.unitName}已确认整改完成：${h.description}。`,
    entity: 'hazard',
    entityId: id,
    streetCode: h.street_code,
  });
  return hazardOut(found(await repo.hazard(tx, id)), c, shanghaiDate(now));
}

export async function sendBack(tx: Tx, ctx: SignedInCtx, id: string, body: { reason: string; version: number }, now: number) {
  const c = await callerOf(tx, ctx);
  const h = await loadHazard(tx, id);
  const refusal = confirmRefusal(c, h, 'sendBack');
  if (refusal) throw h.status !== 'fix_reported' ? errors.conflict(refusal) : errors.forbidden(refusal);
  if (h.version !== body.version) throw errors.staleVersion();
  if (!(await repo.sendBack(tx, id, body.version, body.reason, c.userId))) throw errors.staleVersion();
  await tx.audit({ action: 'safety.hazard.sendBack', entity: 'hazard', entityId: id, summary: { siteId: h.site_id }, reason: body.reason });
  const users = (await repo.usersOfUnitWith(tx, h.responsible_unit_code, 'safety.rectify')).filter((u) => u !== c.userId);
  await notify(tx, users, {
    kind: 'safety.hazard.sentBack',
    title: `隐患整改被退回：${h.site_name}`,
    body: `${ctx.actor.unitName}退回了整改：${h.description}。原因：${body.reason}`,
    entity: 'hazard',
    entityId: id,
    streetCode: h.street_code,
  });
  return hazardOut(found(await repo.hazard(tx, id)), c, shanghaiDate(now));
}
