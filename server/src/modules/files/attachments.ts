/**
 * Attachments of a child's file (photos of a visit, a certificate, a plan): uploaded as base64
 * JSON, accepted by content (magic bytes), photos stripped of EXIF/GPS before they are stored,
 * served only after the row-level-security check, always as a download.
 */
import crypto from 'node:crypto';
import { z } from 'zod';
import { ErrorBody, IdParam } from '#common/api.js';
import { Attachment, AttachmentList, AttachmentQuery, AttachmentUpload, ATTACHMENT_KINDS, MAX_FILE_BYTES, type AttachmentEntity } from '#common/files.js';
import type { Permission } from '#common/permissions.js';
import { ENTITLEMENT_NEXT, ENTITLEMENT_STATUS_ZH, type EntitlementStatus } from '#common/eligibility.js';
import type { AppDeps, ZApp } from '../../core/deps.js';
import { can } from '../../http/access.js';
import { auditAlone, inScope, type AuditEntry, type RequestCtx, type Tx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { BadFile, cleanFilename, contentDisposition, detectKind, stripMetadata } from './binary.js';

const tags = ['附件 attachments'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** The permission that lets a person add to each kind of record. */
const WRITE: Record<AttachmentEntity, Permission> = {
  child: 'children.write',
  visit: 'visits.write',
  problem: 'casework.write',
  assistance: 'casework.write',
  care_plan: 'casework.write',
  entitlement: 'entitlements.write',
};
/** Table of each kind of record (fixed names, never from the request). */
const TABLE: Record<Exclude<AttachmentEntity, 'child'>, string> = { visit: 'visits', problem: 'problems', assistance: 'assistance', care_plan: 'care_plans', entitlement: 'entitlements' };

interface Row {
  id: string; child_id: string; entity: AttachmentEntity; entity_id: string; filename: string; mime: string; size_bytes: number;
  created_at: Date; created_by: string | null; created_by_name: string | null; entitlement_event_id: string | null;
}

/**
 * Evidence is added to an entitlement on its verification step: while it can still be verified
 * (suggested). The upload is pending until the step is saved with its id (linkStepAttachments).
 */
async function uploadableEntitlement(tx: Tx, entitlementId: string): Promise<void> {
  const { status } = (await tx.client.query<{ status: EntitlementStatus }>('select status from entitlements where id = $1', [entitlementId])).rows[0]!;
  if (!ENTITLEMENT_NEXT[status].includes('verified')) {
    throw errors.conflict(`只能在核实时为待遇添加附件，该待遇当前为「${ENTITLEMENT_STATUS_ZH[status]}」`);
  }
}

/**
 * Links attachments to a step of an entitlement (its event), after checking each id: visible in
 * the caller's area, uploaded by the caller, for this entitlement, not linked yet. Any failure
 * refuses the whole step (the caller's transaction rolls back).
 */
export async function linkStepAttachments(tx: Tx, entitlementId: string, eventId: string, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const rows = new Map((await tx.client.query<{ id: string; entity: AttachmentEntity; entity_id: string; created_by: string | null; entitlement_event_id: string | null }>(
    'select id, entity, entity_id, created_by, entitlement_event_id from attachments where id = any($1::uuid[]) for update', [unique])).rows.map((r) => [r.id, r]));
  const problems: { path: string; message: string }[] = [];
  unique.forEach((id) => {
    const r = rows.get(id);
    const path = `attachmentIds.${ids.indexOf(id)}`;
    if (!r) problems.push({ path, message: '未找到该附件，或不在您的辖区内，请重新上传' });
    else if (r.created_by !== tx.ctx.actor?.userId) problems.push({ path, message: '只能附上您本人上传的文件' });
    else if (r.entity !== 'entitlement' || r.entity_id !== entitlementId) problems.push({ path, message: '该附件属于其他记录，不能附在这项待遇上' });
    else if (r.entitlement_event_id !== null) problems.push({ path, message: '该附件已附在之前的办理记录上' });
  });
  if (problems.length) throw errors.validation(problems, problems.length === 1 ? problems[0]!.message : '部分附件不能附在这项待遇上，请按提示修改');
  await tx.client.query('update attachments set entitlement_event_id = $1 where id = any($2::uuid[])', [eventId, unique]);
  return unique;
}

export async function visibleChild(tx: Tx, childId: string): Promise<void> {
  const found = await tx.client.query('select 1 from children where id = $1', [childId]);
  if (!found.rowCount) throw errors.notFound('未找到该档案，或不在您的辖区内');
}

/** Decodes base64 strictly (Buffer.from would silently skip foreign characters). */
export function decodeBase64(s: string, field = 'contentBase64'): Buffer {
  const clean = s.replace(/^data:[^,]*,/, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) throw errors.validation([{ path: field, message: '文件内容编码不正确，请重新选择文件上传' }]);
  const buf = Buffer.from(clean, 'base64');
  if (buf.length === 0) throw errors.validation([{ path: field, message: '文件为空，请重新选择文件' }]);
  if (buf.length > MAX_FILE_BYTES) throw errors.validation([{ path: field, message: '文件超过 10 MB，请压缩或拆分后再上传' }]);
  return buf;
}

export interface AcceptedFile { data: Buffer; name: string; mime: string; sha256: string; removed: string[] }

/**
 * An uploaded file as it may be stored, or a 400 saying why not: base64 decoded strictly, the
 * type decided by content (a refusal is audited as `denied`), photos stripped of EXIF/GPS, the
 * name cleaned. Every upload of the platform goes through here.
 */
export async function acceptUpload(deps: AppDeps, ctx: RequestCtx, body: { filename: string; contentBase64: string }, denied: AuditEntry): Promise<AcceptedFile> {
  const raw = decodeBase64(body.contentBase64);
  const detected = detectKind(raw, body.filename);
  if (!detected.ok) {
    await auditAlone(deps.db, ctx, { ...denied, outcome: 'denied', summary: { ...denied.summary, reason: 'type', sizeBytes: raw.length } });
    throw errors.validation([{ path: 'contentBase64', message: detected.message }], detected.message);
  }
  try {
    const { data, removed } = stripMetadata(detected.kind, raw);
    return {
      data, removed, name: cleanFilename(body.filename, detected.kind), mime: ATTACHMENT_KINDS[detected.kind].mime,
      sha256: crypto.createHash('sha256').update(data).digest('hex'),
    };
  } catch (err) {
    if (err instanceof BadFile) throw errors.validation([{ path: 'contentBase64', message: err.message }], err.message);
    throw err;
  }
}

export function attachmentRoutes(app: ZApp, deps: AppDeps): void {
  const present = (r: Row, userId: string | undefined): Attachment => ({
    id: r.id, childId: r.child_id, entity: r.entity, entityId: r.entity_id, filename: r.filename, mime: r.mime, sizeBytes: r.size_bytes,
    createdAt: r.created_at.toISOString(), createdByName: r.created_by_name,
    // Evidence linked to a step of an entitlement is part of its history.
    deletable: !!userId && r.created_by === userId && r.entitlement_event_id === null,
  });

  app.post('/api/attachments', {
    // Base64 of a 10 MB file plus the JSON around it; every other route keeps the 1 MB default.
    bodyLimit: 14 * 1024 * 1024,
    config: { access: can('children.read') },
    schema: {
      tags, summary: '上传附件（JPEG/PNG/PDF/DOCX/XLSX，按文件内容判断类型，照片去除 EXIF/GPS，≤ 10 MB）',
      body: AttachmentUpload, response: { 200: Attachment, ...errs },
    },
  }, async (req) => {
    const actor = req.ctx.actor!;
    const { childId, entity, entityId, filename } = req.body;
    if (!actor.permissions.has(WRITE[entity])) throw errors.forbidden('您没有为此类记录添加附件的权限');
    if (entity === 'child' && entityId !== childId) throw errors.validation([{ path: 'entityId', message: '档案附件的记录编号应为儿童编号' }]);
    const file = await acceptUpload(deps, req.ctx, { filename, contentBase64: req.body.contentBase64 },
      { action: 'attachment.upload', entity: 'child', entityId: childId, summary: { entity } });
    const { data, name, mime } = file;
    return inScope(deps.db, req.ctx, async (tx) => {
      await visibleChild(tx, childId);
      if (entity !== 'child') {
        const owner = await tx.client.query(`select 1 from ${TABLE[entity]} where id = $1 and child_id = $2`, [entityId, childId]);
        if (!owner.rowCount) throw errors.notFound('未找到该记录，或它不属于这名儿童');
      }
      if (entity === 'entitlement') await uploadableEntitlement(tx, entityId);
      const row = (await tx.client.query<Row>(
        `insert into attachments (child_id, entity, entity_id, filename, mime, size_bytes, sha256, content, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         returning id, child_id, entity, entity_id, filename, mime, size_bytes, created_at, created_by, null::text as created_by_name, entitlement_event_id`,
        [childId, entity, entityId, name, mime, data.length, file.sha256, data, actor.userId])).rows[0]!;
      await tx.audit({
        action: 'attachment.upload', entity: 'child', entityId: childId,
        summary: { attachmentId: row.id, entity, entityId, mime, sizeBytes: data.length, metadataRemoved: file.removed },
      });
      return { ...present({ ...row, created_by_name: actor.displayName }, actor.userId), metadataRemoved: file.removed.length > 0 };
    });
  });

  app.get('/api/children/:id/attachments', {
    config: { access: can('children.read') },
    schema: { tags, summary: '某儿童档案的附件（可按记录筛选）', params: IdParam, querystring: AttachmentQuery, response: { 200: AttachmentList, ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    await visibleChild(tx, req.params.id);
    const args: unknown[] = [req.params.id];
    let where = 'a.child_id = $1';
    if (req.query.entity) { args.push(req.query.entity); where += ` and a.entity = $${args.length}`; }
    if (req.query.entityId) { args.push(req.query.entityId); where += ` and a.entity_id = $${args.length}`; }
    const { rows } = await tx.client.query<Row>(
      `select a.id, a.child_id, a.entity, a.entity_id, a.filename, a.mime, a.size_bytes, a.created_at, a.created_by, u.display_name as created_by_name, a.entitlement_event_id
       from attachments a left join users u on u.id = a.created_by where ${where} order by a.created_at desc limit 500`, args);
    return { items: rows.map((r) => present(r, req.ctx.actor?.userId)) };
  }));

  app.get('/api/attachments/:id', {
    config: { access: can('children.read') },
    schema: { tags, summary: '下载附件（先经辖区权限检查；一律作为附件下载）', params: IdParam, response: { 200: z.any().describe('文件内容'), ...errs } },
  }, async (req, reply) => {
    const row = await inScope(deps.db, req.ctx, async (tx) => {
      const r = (await tx.client.query<{ id: string; child_id: string; filename: string; mime: string; content: Buffer }>(
        'select id, child_id, filename, mime, content from attachments where id = $1', [req.params.id])).rows[0];
      if (!r) throw errors.notFound('未找到该附件，或不在您的辖区内');
      await tx.audit({ action: 'attachment.download', entity: 'child', entityId: r.child_id, summary: { attachmentId: r.id, mime: r.mime } });
      return r;
    });
    return reply
      .header('content-type', row.mime)
      .header('content-disposition', contentDisposition(row.filename))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(row.content);
  });

  app.delete('/api/attachments/:id', {
    config: { access: can('children.read') },
    schema: { tags, summary: '删除附件（仅上传人）', params: IdParam, response: { 200: z.object({ ok: z.literal(true) }), ...errs } },
  }, async (req) => inScope(deps.db, req.ctx, async (tx) => {
    const r = (await tx.client.query<{ id: string; child_id: string; created_by: string | null; entity: string; entitlement_event_id: string | null }>(
      'select id, child_id, created_by, entity, entitlement_event_id from attachments where id = $1 for update', [req.params.id])).rows[0];
    if (!r) throw errors.notFound('未找到该附件，或不在您的辖区内');
    if (r.created_by !== req.ctx.actor!.userId) throw errors.forbidden('只能删除自己上传的附件');
    if (r.entitlement_event_id !== null) throw errors.conflict('该附件已作为核实材料记入待遇办理经过，不能删除');
    await tx.client.query('delete from attachments where id = $1', [r.id]);
    await tx.audit({ action: 'attachment.delete', entity: 'child', entityId: r.child_id, summary: { attachmentId: r.id, entity: r.entity } });
    return { ok: true as const };
  }));
}
