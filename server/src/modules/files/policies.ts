/**
 * Record-level rules of the files module. Seeing an attachment follows the visibility of the child
 * file it belongs to (row-level security on `attachments`, keyed like the child): a file outside
 * the caller's area is "not found". Adding one needs the permission that writes that kind of
 * record; deleting one is for its uploader, as long as it is not evidence in an entitlement's history.
 */
import type { AttachmentEntity } from '#common/files.js';
import type { Permission } from '#common/permissions.js';
import { ENTITLEMENT_NEXT, ENTITLEMENT_STATUS_ZH, type EntitlementStatus } from '#common/eligibility.js';
import type { Actor } from '../../core/context.js';
import { errors, type AppError } from '../../core/errors.js';

export type Decision = { ok: true } | { ok: false; error: AppError };
const OK: Decision = { ok: true };

/** The permission that lets a person add to each kind of record. */
const WRITE: Record<AttachmentEntity, Permission> = {
  child: 'children.write',
  visit: 'visits.write',
  problem: 'casework.write',
  assistance: 'casework.write',
  care_plan: 'casework.write',
  entitlement: 'entitlements.write',
};

/** Whether the caller may add a file to this kind of record. */
export function mayUpload(actor: Actor, entity: AttachmentEntity): Decision {
  return actor.permissions.has(WRITE[entity]) ? OK : { ok: false, error: errors.forbidden('您没有为此类记录添加附件的权限') };
}

/**
 * Evidence is added to an entitlement on its verification step: while it can still be verified
 * (suggested). The upload is pending until the step is saved with its id (linkStepAttachments).
 */
export function entitlementTakesUploads(status: EntitlementStatus): Decision {
  return ENTITLEMENT_NEXT[status].includes('verified')
    ? OK
    : { ok: false, error: errors.conflict(`只能在核实时为待遇添加附件，该待遇当前为「${ENTITLEMENT_STATUS_ZH[status]}」`) };
}

/**
 * Who may delete an attachment: its uploader, unless it is linked to a step of an entitlement (then
 * it is part of that history). The same rule gives the `deletable` flag the interface shows.
 */
export function mayDelete(a: { created_by: string | null; entitlement_event_id: string | null }, userId: string | undefined): Decision {
  if (!userId || a.created_by !== userId) return { ok: false, error: errors.forbidden('只能删除自己上传的附件') };
  if (a.entitlement_event_id !== null) return { ok: false, error: errors.conflict('该附件已作为核实材料记入待遇办理经过，不能删除') };
  return OK;
}

/**
 * Why an attachment cannot go with a step of this entitlement, or null: visible in the caller's
 * area (found), uploaded by the caller, for this entitlement, not linked yet.
 */
export function linkProblem(
  a: { entity: AttachmentEntity; entity_id: string; created_by: string | null; entitlement_event_id: string | null } | undefined,
  userId: string | undefined,
  entitlementId: string,
): string | null {
  if (!a) return '未找到该附件，或不在您的辖区内，请重新上传';
  if (a.created_by !== userId) return '只能附上您本人上传的文件';
  if (a.entity !== 'entitlement' || a.entity_id !== entitlementId) return '该附件属于其他记录，不能附在这项待遇上';
  if (a.entitlement_event_id !== null) return '该附件已附在之前的办理记录上';
  return null;
}

/** Full identity numbers in an export need the unmask permission (and a reason, checked by the contract). */
export function mayExport(actor: Actor, unmasked: boolean): Decision {
  return !unmasked || actor.permissions.has('children.unmask') ? OK : { ok: false, error: errors.forbidden('您没有导出完整身份证号的权限，请导出脱敏名单') };
}
