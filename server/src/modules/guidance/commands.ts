/**
 * Writing templates (a new version each time: documents keep the version they were filled from),
 * filling a document for an intervention, and guidance sessions with their attendance. Each write
 * is audited in the same transaction.
 */
import {
  fillTemplate,
  interventionKindName,
  letterDate,
  type GuardianshipDocument,
  type GuidanceAttendanceBody,
  type GuidanceCreate,
  type GuidanceSession,
  type GuidanceUpdate,
  type TemplateCreate,
  type TemplateUpdate,
} from '#common/guidance.js';
import { shanghaiDate } from '#common/dates.js';
import type { SignedInCtx, Tx } from '../../core/context.js';
import { errors, type FieldError } from '../../core/errors.js';
import type { FieldCrypto } from '../../crypto/fieldCrypto.js';
import { requireFull, requireWriter } from './policies.js';
import { documentOut, sessionOut, templateOut } from './presenters.js';
import { DOC_BODY_COLUMN } from './queries.js';
import * as repo from './repo.js';

/** A row just written, read back: missing only if the world changed under us. */
const found = <T>(v: T | null): T => {
  if (v === null) throw errors.notFound();
  return v;
};

// ---- templates ----

export async function createTemplate(tx: Tx, ctx: SignedInCtx, body: TemplateCreate) {
  if (await repo.latestTemplate(tx, body.code)) throw errors.validation([{ path: 'code', message: `模板代码「${body.code}」已存在，请换一个` }]);
  await repo.insertTemplate(tx, { ...body, version: 1, active: true, createdBy: ctx.actor.userId });
  await tx.audit({ action: 'guardianship.template.create', entity: 'guardianship_template', entityId: body.code, summary: { version: 1, title: body.title } });
  return templateOut(found(await repo.latestTemplate(tx, body.code)));
}

export async function updateTemplate(tx: Tx, ctx: SignedInCtx, code: string, body: TemplateUpdate) {
  const cur = await repo.latestTemplate(tx, code);
  if (!cur) throw errors.notFound('未找到该文书模板');
  if (cur.version !== body.version) throw errors.staleVersion();
  const version = cur.version + 1;
  const ok = await repo.insertTemplate(tx, {
    code,
    version,
    kind: body.kind,
    title: body.title,
    body: body.body,
    active: body.active,
    createdBy: ctx.actor.userId,
  });
  if (!ok) throw errors.staleVersion();
  await tx.audit({
    action: 'guardianship.template.update',
    entity: 'guardianship_template',
    entityId: code,
    summary: { version, title: body.title, active: body.active },
  });
  return templateOut(found(await repo.latestTemplate(tx, code)));
}

// ---- documents ----

const SEX: Record<string, string> = { M: '男', F: '女' };

export async function createDocument(
  tx: Tx,
  ctx: SignedInCtx,
  crypto: FieldCrypto,
  interventionId: string,
  templateCode: string,
  now: number,
): Promise<GuardianshipDocument> {
  const i = await repo.intervention(tx, interventionId);
  if (!i) throw errors.notFound();
  await requireFull(tx, ctx, i.child_id);
  await requireWriter(tx, ctx, i.child_id);
  const t = await repo.latestTemplate(tx, templateCode);
  if (!t || !t.active) throw errors.validation([{ path: 'templateCode', message: '该文书模板不存在或已停用，请选择其他模板' }]);
  const f = await repo.fillFacts(tx, i.child_id);
  const text = fillTemplate(t.body, {
    儿童姓名: f.child_name,
    儿童性别: f.sex ? SEX[f.sex] : null,
    出生日期: letterDate(f.birth_date),
    监护人姓名: f.guardian_name,
    监护人关系: f.guardian_relation,
    街道: f.street_name,
    居委: f.committee_name,
    日期: letterDate(shanghaiDate(now)),
    事由: i.reason,
    单位: i.unit_name,
    干预类型: interventionKindName(i.kind),
    经办人: i.person_name,
    决定日期: letterDate(i.decided_on),
    指导次数: i.sessions_required,
  });
  const id = await repo.insertDocument(tx, {
    interventionId,
    childId: i.child_id,
    templateCode: t.code,
    templateVersion: t.version,
    title: t.title,
    bodyEnc: crypto.encrypt(text, DOC_BODY_COLUMN),
    createdBy: ctx.actor.userId,
  });
  await tx.audit({
    action: 'guardianship.document.create',
    entity: 'guardianship_document',
    entityId: id,
    summary: { childId: i.child_id, interventionId, template: t.code, version: t.version },
  });
  return documentOut(found(await repo.document(tx, id)), text);
}

// ---- guidance sessions ----

async function checkLinks(tx: Tx, childId: string, b: GuidanceCreate): Promise<void> {
  const l = await repo.linksOf(tx, childId, b);
  const fields: FieldError[] = [];
  if (!l.member) fields.push({ path: 'memberId', message: '所选监护人不是该儿童的家庭成员' });
  if (!l.order_ok) fields.push({ path: 'interventionId', message: '所选指导令不是该儿童的家庭教育指导令' });
  if (!l.problem) fields.push({ path: 'problemId', message: '所选问题不属于该儿童' });
  if (fields.length) throw errors.validation(fields);
}

const valuesOf = (b: GuidanceCreate): repo.SessionValues => ({
  kind: b.kind,
  provider: b.provider,
  topic: b.topic,
  scheduledOn: b.scheduledOn,
  memberId: b.memberId ?? null,
  interventionId: b.interventionId ?? null,
  problemId: b.problemId ?? null,
  note: b.note?.trim() || null,
});

export async function createSession(tx: Tx, ctx: SignedInCtx, childId: string, b: GuidanceCreate): Promise<GuidanceSession> {
  await requireWriter(tx, ctx, childId);
  await checkLinks(tx, childId, b);
  const id = await repo.insertSession(tx, childId, valuesOf(b), ctx.actor.userId);
  await tx.audit({
    action: 'guardianship.guidance.create',
    entity: 'guidance_session',
    entityId: id,
    summary: { childId, kind: b.kind, scheduledOn: b.scheduledOn },
  });
  return sessionOut(found(await repo.session(tx, id)), 'full');
}

async function existing(tx: Tx, ctx: SignedInCtx, id: string) {
  const s = await repo.session(tx, id);
  if (!s) throw errors.notFound();
  await requireWriter(tx, ctx, s.child_id);
  return s;
}

export async function updateSession(tx: Tx, ctx: SignedInCtx, id: string, b: GuidanceUpdate): Promise<GuidanceSession> {
  const s = await existing(tx, ctx, id);
  await checkLinks(tx, s.child_id, b);
  if (s.version !== b.version || !(await repo.updateSession(tx, id, b.version, valuesOf(b)))) throw errors.staleVersion();
  await tx.audit({ action: 'guardianship.guidance.update', entity: 'guidance_session', entityId: id, summary: { childId: s.child_id } });
  return sessionOut(found(await repo.session(tx, id)), 'full');
}

export async function recordAttendance(tx: Tx, ctx: SignedInCtx, id: string, b: GuidanceAttendanceBody): Promise<GuidanceSession> {
  const s = await existing(tx, ctx, id);
  if (s.version !== b.version) throw errors.staleVersion();
  const ok = await repo.recordAttendance(tx, id, b.version, {
    attended: b.attended,
    absenceReason: b.absenceReason?.trim() || null,
    note: b.note?.trim() || undefined,
  });
  if (!ok) throw errors.staleVersion();
  await tx.audit({
    action: 'guardianship.guidance.attendance',
    entity: 'guidance_session',
    entityId: id,
    summary: { childId: s.child_id, attended: b.attended },
  });
  return sessionOut(found(await repo.session(tx, id)), 'full');
}

export async function deleteSession(tx: Tx, ctx: SignedInCtx, id: string, version: number): Promise<void> {
  const s = await existing(tx, ctx, id);
  if (s.attended !== null) throw errors.conflict('已记录出勤的指导不能删除（出勤记录须保留）');
  if (s.version !== version || !(await repo.deletePlannedSession(tx, id, version))) throw errors.staleVersion();
  await tx.audit({
    action: 'guardianship.guidance.delete',
    entity: 'guidance_session',
    entityId: id,
    summary: { childId: s.child_id, scheduledOn: s.scheduled_on },
  });
}
