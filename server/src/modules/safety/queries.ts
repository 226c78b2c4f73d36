/** Reads of the safety module: the register, checklists, inspections, hazards and overdue hazards by unit. */
import { shanghaiDate } from '#common/dates.js';
import type { ChecklistList, HazardQuery, InspectionQuery, OverdueByUnit, SafetyOptions, SiteQuery } from '#common/safety.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { callerOf } from './commands.js';
import { checklistOut, hazardOut, inspectionOut, inspectionSummaryOut, siteOut } from './presenters.js';
import * as repo from './repo.js';

export async function listSites(tx: Tx, ctx: SignedInCtx, q: SiteQuery) {
  const c = await callerOf(tx, ctx);
  const { rows, total } = await repo.listSites(tx, {
    kind: q.kind,
    street: q.street,
    responsibleUnit: q.responsibleUnit,
    q: q.q?.trim(),
    includeInactive: q.includeInactive === 'true',
    remitOf: q.mine === 'true' ? { code: c.unitCode, streetCode: c.unitStreet } : undefined,
    page: q.page,
    pageSize: q.pageSize,
  });
  return { items: rows.map((r) => siteOut(r, c)), total, page: q.page, pageSize: q.pageSize };
}

export async function site(tx: Tx, ctx: SignedInCtx, id: string) {
  const r = await repo.site(tx, id);
  if (!r) throw errors.notFound('未找到该场所');
  return siteOut(r, await callerOf(tx, ctx));
}

export async function listChecklists(tx: Tx, q: { siteKind?: string; history?: string; includeInactive?: string }): Promise<ChecklistList> {
  const rows = await repo.listChecklists(tx, { siteKind: q.siteKind, history: q.history === 'true', includeInactive: q.includeInactive === 'true' });
  return { items: rows.map(checklistOut) };
}

export async function checklistVersions(tx: Tx, code: string): Promise<ChecklistList> {
  const rows = await repo.checklistVersions(tx, code);
  if (!rows.length) throw errors.notFound('未找到该检查表');
  return { items: rows.map(checklistOut) };
}

export async function listInspections(tx: Tx, ctx: SignedInCtx, q: InspectionQuery) {
  const { rows, total } = await repo.listInspections(tx, {
    siteId: q.siteId,
    street: q.street,
    kind: q.kind,
    unit: q.mine === 'true' ? ctx.actor.unitCode : undefined,
    page: q.page,
    pageSize: q.pageSize,
  });
  return { items: rows.map(inspectionSummaryOut), total, page: q.page, pageSize: q.pageSize };
}

export async function inspection(tx: Tx, ctx: SignedInCtx, id: string, now: number) {
  const r = await repo.inspection(tx, id);
  if (!r) throw errors.notFound('未找到该检查记录');
  const c = await callerOf(tx, ctx);
  const today = shanghaiDate(now);
  return inspectionOut(
    r,
    (await repo.hazardsOfInspection(tx, id)).map((h) => hazardOut(h, c, today)),
  );
}

export async function listHazards(tx: Tx, ctx: SignedInCtx, q: HazardQuery, now: number) {
  const c = await callerOf(tx, ctx);
  const today = shanghaiDate(now);
  const { rows, total } = await repo.listHazards(tx, {
    fixUnit: q.box === 'fix' ? c.unitCode : undefined,
    confirmUnit: q.box === 'confirm' ? c.unitCode : undefined,
    status: q.status,
    overdue: q.overdue === undefined ? undefined : q.overdue === 'true',
    responsibleUnit: q.responsibleUnit,
    street: q.street,
    siteId: q.siteId,
    today,
    page: q.page,
    pageSize: q.pageSize,
  });
  return { items: rows.map((r) => hazardOut(r, c, today)), total, page: q.page, pageSize: q.pageSize };
}

export async function hazard(tx: Tx, ctx: SignedInCtx, id: string, now: number) {
  const r = await repo.hazard(tx, id);
  if (!r) throw errors.notFound('未找到该隐患');
  return hazardOut(r, await callerOf(tx, ctx), shanghaiDate(now));
}

export async function overdueByUnit(tx: Tx, now: number): Promise<OverdueByUnit> {
  const today = shanghaiDate(now);
  const rows = await repo.overdueByUnit(tx, today);
  return { today, items: rows.map((r) => ({ unitCode: r.unit_code, unitName: r.unit_name, overdue: r.overdue, major: r.major, open: r.open })) };
}

export async function options(tx: Tx, now: number): Promise<SafetyOptions> {
  const [units, streets] = await Promise.all([repo.activeUnits(tx), repo.streets(tx)]);
  return { units: units.map((u) => ({ code: u.code, name: u.name, kind: u.kind })), streets, today: shanghaiDate(now) };
}
