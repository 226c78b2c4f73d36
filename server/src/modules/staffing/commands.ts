/**
 * The writes of the staffing module: a rule's threshold (workforce.configure) and a station's
 * members (workforce.manage, a street for its own station, the district for all). Each audited.
 */
import { PROSECUTOR_UNIT, STATION_ROLE_NAMES, type StaffingRuleUpdate, type StationMemberCreate, type StationMemberUpdate } from '#common/staffing.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { errors, type FieldError } from '../../core/errors.js';
import { mayManageStation } from './policies.js';
import { memberOut, ruleOut } from './presenters.js';
import { callerOf } from './queries.js';
import * as repo from './repo.js';

export async function updateRule(tx: Tx, ctx: SignedInCtx, code: string, body: StaffingRuleUpdate) {
  const cur = await repo.rule(tx, code);
  if (!cur) throw errors.notFound('未找到该配备规则');
  if (cur.updated_at.toISOString() !== body.updatedAt) throw errors.staleVersion();
  const w = { name: body.name, childrenOver: body.childrenOver, minDirectors: body.minDirectors, active: body.active, note: body.note?.trim() || null };
  await repo.updateRule(tx, code, w, ctx.actor.userId);
  await tx.audit({
    action: 'staffing.rule.update',
    entity: 'staffing_rule',
    entityId: code,
    summary: { from: { childrenOver: cur.children_over, minDirectors: cur.min_directors, active: cur.active }, to: w },
  });
  const after = await repo.rule(tx, code);
  if (!after) throw errors.notFound();
  return ruleOut(after);
}

async function checkMember(tx: Tx, body: StationMemberCreate | StationMemberUpdate): Promise<repo.MemberWrite> {
  const fields: FieldError[] = [];
  const unitCode = body.unitCode?.trim() || (body.role === 'prosecutor_deputy' ? PROSECUTOR_UNIT : null);
  if (unitCode !== null && !(await repo.unitExists(tx, unitCode))) fields.push({ path: 'unitCode', message: '请选择已登记的单位' });
  if (body.role === 'prosecutor_deputy' && unitCode !== PROSECUTOR_UNIT) fields.push({ path: 'unitCode', message: '检察官副站长应由区检察院派驻' });
  if (fields.length) throw errors.validation(fields);
  return {
    role: body.role,
    personName: body.personName,
    unitCode,
    title: body.title?.trim() || null,
    phone: body.phone?.trim() || null,
    since: body.since,
    note: body.note?.trim() || null,
  };
}

function mayManage(ctx: SignedInCtx, street: string): void {
  if (!mayManageStation(callerOf(ctx), street)) throw errors.forbidden('只能维护本街道未成年人保护工作站的名册');
}

export async function addMember(tx: Tx, ctx: SignedInCtx, body: StationMemberCreate) {
  const streets = await repo.streets(tx);
  if (!streets.some((s) => s.code === body.streetCode)) throw errors.validation([{ path: 'streetCode', message: '请选择杨浦区的街道' }]);
  mayManage(ctx, body.streetCode);
  const w = await checkMember(tx, body);
  const id = await repo.insertMember(tx, body.streetCode, w, ctx.actor.userId);
  await tx.audit({
    action: 'staffing.station.member.add',
    entity: 'station_member',
    entityId: id,
    summary: { street: body.streetCode, role: STATION_ROLE_NAMES[body.role], name: w.personName, unit: w.unitCode, since: w.since },
  });
  const r = await repo.member(tx, id);
  if (!r) throw errors.notFound();
  return memberOut(r, true);
}

export async function updateMember(tx: Tx, ctx: SignedInCtx, id: string, body: StationMemberUpdate) {
  const cur = await repo.member(tx, id, true);
  if (!cur) throw errors.notFound('未找到该名册成员');
  mayManage(ctx, cur.street_code);
  if (cur.version !== body.version) throw errors.staleVersion();
  const w = await checkMember(tx, body);
  if (cur.until !== null && cur.until < w.since) throw errors.validation([{ path: 'since', message: '任职日期不能晚于离任日期' }]);
  if (!(await repo.updateMember(tx, id, body.version, w))) throw errors.staleVersion();
  await tx.audit({ action: 'staffing.station.member.update', entity: 'station_member', entityId: id, summary: { street: cur.street_code, ...w } });
  const r = await repo.member(tx, id);
  if (!r) throw errors.notFound();
  return memberOut(r, true);
}

export async function endMember(tx: Tx, ctx: SignedInCtx, id: string, until: string, version: number) {
  const cur = await repo.member(tx, id, true);
  if (!cur) throw errors.notFound('未找到该名册成员');
  mayManage(ctx, cur.street_code);
  if (cur.version !== version) throw errors.staleVersion();
  if (cur.until !== null) throw errors.conflict('该成员已离任');
  if (until < cur.since) throw errors.validation([{ path: 'until', message: `离任日期不能早于任职日期 ${cur.since}` }]);
  if (!(await repo.endMember(tx, id, version, until))) throw errors.staleVersion();
  await tx.audit({
    action: 'staffing.station.member.end',
    entity: 'station_member',
    entityId: id,
    summary: { street: cur.street_code, role: cur.role, name: cur.person_name, until },
  });
  const r = await repo.member(tx, id);
  if (!r) throw errors.notFound();
  return memberOut(r, true);
}
