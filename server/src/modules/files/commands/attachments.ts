/**
 * Attachments of a child's file (photos of a visit, a certificate, a plan): uploaded as base64
 * JSON, accepted by content (magic bytes), photos stripped of EXIF/GPS before they are stored,
 * served only after the row-level-security check, always as a download. Each change is audited here.
 */
import crypto from 'node:crypto';
import { ATTACHMENT_KINDS, MAX_FILE_BYTES, type Attachment, type AttachmentUpload } from '#common/files.js';
import type { AppDeps } from '../../../core/deps.js';
import { auditAlone, inScope, type AuditEntry, type RequestCtx, type SignedInCtx, type Tx } from '../../../core/context.js';
import { errors } from '../../../core/errors.js';
import { BadFile, cleanFilename, detectKind, stripMetadata } from '../binary.js';
import { entitlementTakesUploads, linkProblem, mayDelete, mayUpload } from '../policies.js';
import { presentAttachment, type Download } from '../presenters.js';
import { visibleChild } from '../queries.js';
import * as repo from '../repo.js';

/** Decodes base64 strictly (Buffer.from would silently skip foreign characters). */
export function decodeBase64(s: string, field = 'contentBase64'): Buffer {
  const clean = s.replace(/^data:[^,]*,/, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1)
    throw errors.validation([{ path: field, message: '文件内容编码不正确，请重新选择文件上传' }]);
  const buf = Buffer.from(clean, 'base64');
  if (buf.length === 0) throw errors.validation([{ path: field, message: '文件为空，请重新选择文件' }]);
  if (buf.length > MAX_FILE_BYTES) throw errors.validation([{ path: field, message: '文件超过 10 MB，请压缩或拆分后再上传' }]);
  return buf;
}

export interface AcceptedFile {
  data: Buffer;
  name: string;
  mime: string;
  sha256: string;
  removed: string[];
}

/**
 * An uploaded file as it may be stored, or a 400 saying why not: base64 decoded strictly, the
 * type decided by content (a refusal is audited as `denied`), photos stripped of EXIF/GPS, the
 * name cleaned. Every upload of the platform goes through here.
 */
export async function acceptUpload(
  deps: AppDeps,
  ctx: RequestCtx,
  body: { filename: string; contentBase64: string },
  denied: AuditEntry,
): Promise<AcceptedFile> {
  const raw = decodeBase64(body.contentBase64);
  const detected = detectKind(raw, body.filename);
  if (!detected.ok) {
    await auditAlone(deps.db, ctx, { ...denied, outcome: 'denied', summary: { ...denied.summary, reason: 'type', sizeBytes: raw.length } });
    throw errors.validation([{ path: 'contentBase64', message: detected.message }], detected.message);
  }
  try {
    const { data, removed } = stripMetadata(detected.kind, raw);
    return {
      data,
      removed,
      name: cleanFilename(body.filename, detected.kind),
      mime: ATTACHMENT_KINDS[detected.kind].mime,
      sha256: crypto.createHash('sha256').update(data).digest('hex'),
    };
  } catch (err) {
    if (err instanceof BadFile) throw errors.validation([{ path: 'contentBase64', message: err.message }], err.message);
    throw err;
  }
}

/** Stores an upload on a record of a child the caller can see (the record must belong to that child). */
export async function upload(deps: AppDeps, ctx: SignedInCtx, body: AttachmentUpload): Promise<Attachment & { metadataRemoved: boolean }> {
  const { actor } = ctx;
  const { childId, entity, entityId, filename } = body;
  const allowed = mayUpload(actor, entity);
  if (!allowed.ok) throw allowed.error;
  if (entity === 'child' && entityId !== childId) throw errors.validation([{ path: 'entityId', message: '档案附件的记录编号应为儿童编号' }]);
  const file = await acceptUpload(
    deps,
    ctx,
    { filename, contentBase64: body.contentBase64 },
    { action: 'attachment.upload', entity: 'child', entityId: childId, summary: { entity } },
  );
  const { data, name, mime } = file;
  return inScope(deps.db, ctx, async (tx) => {
    await visibleChild(tx, childId);
    if (entity !== 'child' && !(await repo.recordOfChild(tx, entity, entityId, childId))) throw errors.notFound('未找到该记录，或它不属于这名儿童');
    if (entity === 'entitlement') {
      const open = entitlementTakesUploads(await repo.entitlementStatus(tx, entityId));
      if (!open.ok) throw open.error;
    }
    const row = await repo.insertAttachment(tx, {
      childId,
      entity,
      entityId,
      filename: name,
      mime,
      sizeBytes: data.length,
      sha256: file.sha256,
      content: data,
      createdBy: actor.userId,
    });
    await tx.audit({
      action: 'attachment.upload',
      entity: 'child',
      entityId: childId,
      summary: { attachmentId: row.id, entity, entityId, mime, sizeBytes: data.length, metadataRemoved: file.removed },
    });
    return { ...presentAttachment({ ...row, created_by_name: actor.displayName }, actor.userId), metadataRemoved: file.removed.length > 0 };
  });
}

/** An attachment's content, after the area check; every download is audited. */
export async function download(tx: Tx, id: string): Promise<Download> {
  const r = await repo.attachmentContent(tx, id);
  if (!r) throw errors.notFound('未找到该附件，或不在您的辖区内');
  await tx.audit({ action: 'attachment.download', entity: 'child', entityId: r.child_id, summary: { attachmentId: r.id, mime: r.mime } });
  return { filename: r.filename, mime: r.mime, content: r.content, sandbox: true };
}

/** Deletes an attachment (its uploader only, and not once it is evidence of an entitlement's step). */
export async function remove(tx: Tx, ctx: SignedInCtx, id: string): Promise<{ ok: true }> {
  const r = await repo.lockAttachment(tx, id);
  if (!r) throw errors.notFound('未找到该附件，或不在您的辖区内');
  const allowed = mayDelete(r, ctx.actor.userId);
  if (!allowed.ok) throw allowed.error;
  await repo.deleteAttachment(tx, r.id);
  await tx.audit({ action: 'attachment.delete', entity: 'child', entityId: r.child_id, summary: { attachmentId: r.id, entity: r.entity } });
  return { ok: true as const };
}

/**
 * Links attachments to a step of an entitlement (its event), after checking each id: visible in
 * the caller's area, uploaded by the caller, for this entitlement, not linked yet. Any failure
 * refuses the whole step (the caller's transaction rolls back). The step's own audit row names them.
 */
export async function linkStepAttachments(tx: Tx, entitlementId: string, eventId: string, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const rows = new Map((await repo.lockAttachments(tx, unique)).map((r) => [r.id, r]));
  const problems: { path: string; message: string }[] = [];
  unique.forEach((id) => {
    const message = linkProblem(rows.get(id), tx.ctx.actor?.userId, entitlementId);
    if (message) problems.push({ path: `attachmentIds.${ids.indexOf(id)}`, message });
  });
  const [only] = problems;
  if (only) throw errors.validation(problems, problems.length === 1 ? only.message : '部分附件不能附在这项待遇上，请按提示修改');
  await repo.linkAttachments(tx, eventId, unique);
  return unique;
}
