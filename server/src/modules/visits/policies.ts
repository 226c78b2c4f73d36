/**
 * Who may do what to a visit record. A visit belongs to the person who recorded it: only they may
 * change it ('只能修改本人记录的走访'), a draft at any time, a submitted visit for VISIT_EDIT_DAYS after
 * submission; only their own draft may be deleted. The refusals (used by the commands) and the
 * `canEdit` / `canDelete` flags (shown by the interface) come from the same functions.
 */
import { VISIT_EDIT_DAYS } from '#common/visits.js';
import { errors, type AppError } from '../../core/errors.js';

export type Decision = { ok: true } | { ok: false; error: AppError };

const OK: Decision = { ok: true };
const refuse = (error: AppError): Decision => ({ ok: false, error });

/** Throws the refusal, if any. */
export function enforce(d: Decision): void {
  if (!d.ok) throw d.error;
}

/** What a policy needs of a visit. */
export interface VisitFacts {
  visitor_id: string | null;
  status: 'draft' | 'submitted';
  submitted_at: Date | null;
}

const OWNERSHIP_MESSAGES = {
  edit: '只能修改本人记录的走访；如发现记录有误，请联系记录人更正',
  submit: '只能提交本人的走访草稿',
  delete: '只能删除本人的走访草稿',
} as const;

/** The caller recorded the visit (the one rule every change shares). */
export function ownsVisit(v: VisitFacts, userId: string, action: keyof typeof OWNERSHIP_MESSAGES): Decision {
  return v.visitor_id === userId ? OK : refuse(errors.forbidden(OWNERSHIP_MESSAGES[action]));
}

/** A draft may always be changed; a submitted visit for VISIT_EDIT_DAYS after its submission. */
export function withinEditWindow(v: VisitFacts, now: number): Decision {
  if (v.status === 'draft') return OK;
  if (v.submitted_at && now - v.submitted_at.getTime() <= VISIT_EDIT_DAYS * 86_400_000) return OK;
  return refuse(errors.forbidden(`走访记录提交超过 ${VISIT_EDIT_DAYS} 天后不能再修改；如需补充，请新增一次走访记录`));
}

/** Only a draft is submitted (once). */
export function isDraftToSubmit(v: VisitFacts): Decision {
  return v.status === 'draft' ? OK : refuse(errors.conflict('该走访记录已提交，无需再次提交'));
}

/** Only the author's own draft may be deleted; a submitted visit is corrected instead. */
export function mayDelete(v: VisitFacts, userId: string): Decision {
  const own = ownsVisit(v, userId, 'delete');
  if (!own.ok) return own;
  return v.status === 'draft' ? OK : refuse(errors.conflict(`已提交的走访记录不能删除；如有错误，请在 ${VISIT_EDIT_DAYS} 天内修改`));
}

/** Whether the caller may still change the visit: their own draft, or their own submitted visit within the window. */
export function canEdit(v: VisitFacts, userId: string, now: number): boolean {
  return ownsVisit(v, userId, 'edit').ok && withinEditWindow(v, now).ok;
}

export function canDelete(v: VisitFacts, userId: string): boolean {
  return mayDelete(v, userId).ok;
}
