/**
 * Record-level rules of casework: who may change which record, which dates and status changes are
 * allowed. Each rule answers `{ ok: true } | { ok: false, error }`; `enforce` throws the error. The
 * flags the interface shows (a work log's `mine`, an assistance record's `deletable`) come from the
 * same functions.
 */
import type { ProblemEvent, ProblemStatus } from '#common/casework.js';
import { shanghaiDate } from '#common/dates.js';
import type { SignedInCtx } from '../../core/context.js';
import { errors, type AppError } from '../../core/errors.js';

export type Verdict = { ok: true } | { ok: false; error: AppError };
const OK: Verdict = { ok: true };
const no = (error: AppError): Verdict => ({ ok: false, error });

export function enforce(v: Verdict): void {
  if (!v.ok) throw v.error;
}

export const STALE = '该记录已被他人修改，请刷新后再改';
export const CHILD_NOT_FOUND = '未找到该儿童档案，或不在您的辖区内';

/** The version the caller sent must be the current one. */
export function currentVersion(row: { version: number }, version: number): Verdict {
  return row.version === version ? OK : no(errors.staleVersion(STALE));
}

/** Refuses a date after today (`field` names the form field, `label` what the date is). */
export function notInFuture(date: string | null | undefined, today: string, field: string, label: string): Verdict {
  if (date && date > today) return no(errors.validation([{ path: field, message: `${label}不能晚于今天（${today}）` }], `${label}不能晚于今天`));
  return OK;
}

/** An active unit, or a validation error on `field`. */
export function activeUnit<U extends { active: boolean }>(unit: U | undefined, field: string): U {
  if (!unit || !unit.active) throw errors.validation([{ path: field, message: '单位不存在或已停用，请重新选择' }]);
  return unit;
}

// ---- work logs ----

/** Oldest date a log may carry: a year back (older work belongs in the paper archive). */
const OLDEST_DAYS = 366;

export function workLogDate(workedOn: string, now: number): Verdict {
  const today = shanghaiDate(now);
  const future = notInFuture(workedOn, today, 'workedOn', '工作日期');
  if (!future.ok) return future;
  const oldest = new Date(now - OLDEST_DAYS * 86_400_000).toISOString().slice(0, 10);
  if (workedOn < oldest) return no(errors.validation([{ path: 'workedOn', message: '工作日期不能早于一年前，请核对日期' }]));
  return OK;
}

/** Work logs are changed or deleted by their writer only (a supervisor reads others', never changes them). */
export function canChangeWorkLog(log: { user_id: string }, me: SignedInCtx): Verdict {
  return log.user_id === me.actor.userId ? OK : no(errors.forbidden('只能修改或删除本人的工作日志'));
}

// ---- assistance ----

/** Only the person who entered a record may delete it, and only on the day they entered it. */
export function canDeleteAssistance(row: { created_by: string | null; created_at: Date }, userId: string, today: string): Verdict {
  return row.created_by === userId && shanghaiDate(row.created_at.getTime()) === today
    ? OK
    : no(errors.forbidden('只能删除本人当天录入的帮扶记录；如需更正，请联系街道督导员'));
}

// ---- problems ----

export const STATUS_ZH: Record<ProblemStatus, string> = { open: '待处理', in_progress: '处理中', escalated: '已上报', resolved: '已解决' };

/** Which status changes are allowed, and how each is recorded on the timeline. */
export const TRANSITIONS: Record<'in_progress' | 'resolved' | 'open', { from: ProblemStatus[]; event: ProblemEvent['kind'] }> = {
  in_progress: { from: ['open', 'escalated'], event: 'status' },
  resolved: { from: ['open', 'in_progress', 'escalated'], event: 'resolved' },
  open: { from: ['resolved'], event: 'reopened' },
};

export function statusChange(from: ProblemStatus, to: keyof typeof TRANSITIONS): Verdict {
  if (TRANSITIONS[to].from.includes(from)) return OK;
  const hint = from === 'resolved' ? '已解决的问题只能重新打开' : to === 'open' ? '只有已解决的问题才能重新打开' : '请刷新后查看问题的当前状态';
  return no(
    errors.validation(
      [{ path: 'to', message: `问题当前为「${STATUS_ZH[from]}」，不能改为「${STATUS_ZH[to]}」：${hint}` }],
      `不能从「${STATUS_ZH[from]}」改为「${STATUS_ZH[to]}」`,
    ),
  );
}

export function problemDueOn(dueOn: string | null | undefined, today: string): Verdict {
  if (dueOn && dueOn < today) return no(errors.validation([{ path: 'dueOn', message: `解决期限不能早于今天（${today}）` }]));
  return OK;
}

export function resolvedOn(date: string, createdAt: Date, today: string): Verdict {
  const future = notInFuture(date, today, 'resolvedOn', '解决日期');
  if (!future.ok) return future;
  const created = shanghaiDate(createdAt.getTime());
  if (date < created) return no(errors.validation([{ path: 'resolvedOn', message: `解决日期不能早于问题登记日期（${created}）` }]));
  return OK;
}

/** A resolved problem is not escalated (it is reopened first). */
export function escalatable(p: { status: ProblemStatus }): Verdict {
  if (p.status === 'resolved')
    return no(errors.validation([{ path: 'toUnit', message: '问题已解决，无需上报；如问题再次出现，请先重新打开' }], '已解决的问题不能上报'));
  return OK;
}

/** A problem goes up to the street office of the child's street or to a district department, once per unit. */
export function escalationTarget(
  p: { status: ProblemStatus; street_code: string; escalated_to: string | null },
  unit: { code: string; name: string; kind: string; street_code: string | null },
): Verdict {
  const ownStreetOffice = unit.kind === 'street' && unit.street_code === p.street_code;
  if (!ownStreetOffice && unit.kind !== 'department') {
    return no(errors.validation([{ path: 'toUnit', message: '只能上报到该儿童所在街道的办事处或区职能部门' }]));
  }
  if (p.status === 'escalated' && p.escalated_to === unit.code) {
    return no(errors.validation([{ path: 'toUnit', message: `问题已上报至${unit.name}，请勿重复上报` }]));
  }
  return OK;
}

// ---- help plans ----

/** A plan is changed at its current version (when one is sent) and while it is in force. */
export function planWritable(p: { version: number; status: 'active' | 'closed' }, version: number | undefined): Verdict {
  if (version !== undefined && p.version !== version) return no(errors.staleVersion(STALE));
  if (p.status === 'closed') return no(errors.validation([], '该帮扶方案已结束，不能再修改；如需继续帮扶，请制定新方案'));
  return OK;
}

export function reviewOnDate(date: string, today: string, field: string): Verdict {
  if (date < today) return no(errors.validation([{ path: field, message: `复查日期不能早于今天（${today}）` }]));
  return OK;
}

export function reviewDates(reviewedOn: string, nextReviewOn: string | null | undefined, today: string): Verdict {
  const future = notInFuture(reviewedOn, today, 'reviewedOn', '评估日期');
  if (!future.ok) return future;
  if (nextReviewOn && nextReviewOn <= reviewedOn) {
    return no(errors.validation([{ path: 'nextReviewOn', message: '下次复查日期须晚于本次评估日期' }]));
  }
  if (nextReviewOn && nextReviewOn < today) return no(errors.validation([{ path: 'nextReviewOn', message: `下次复查日期不能早于今天（${today}）` }]));
  return OK;
}

export function reviewAfterPlan(reviewedOn: string, planCreatedAt: Date): Verdict {
  const created = shanghaiDate(planCreatedAt.getTime());
  if (reviewedOn < created) return no(errors.validation([{ path: 'reviewedOn', message: `评估日期不能早于方案制定日期（${created}）` }]));
  return OK;
}

// ---- mentors ----

/** The streets whose mentors the caller works with; null means all (district scope). */
export function mentorStreetsOf(me: SignedInCtx): string[] | null {
  const scope = me.actor.scope;
  return scope.kind === 'district' ? null : scope.streets;
}

/** A mentor of another street, or a district-wide one, is changed by its own managers only. */
export function canEditMentor(me: SignedInCtx, row: { street_code: string | null }): Verdict {
  const mine = mentorStreetsOf(me);
  if (mine && !(row.street_code && mine.includes(row.street_code))) return no(errors.forbidden('该导师或伙伴由其他街道或区民政局管理，您不能修改'));
  return OK;
}

/** A street the caller may attach a mentor to: their own (any for district staff). */
export function mentorStreetAllowed(me: SignedInCtx, street: string): Verdict {
  const mine = mentorStreetsOf(me);
  if (mine && !mine.includes(street)) return no(errors.validation([{ path: 'streetCode', message: '只能选择您所辖的街道' }]));
  return OK;
}

/** The street a new mentor gets when none is chosen: the caller's only street, else district-wide. */
export function defaultMentorStreet(me: SignedInCtx): string | null {
  const mine = mentorStreetsOf(me);
  return mine && mine.length === 1 ? (mine[0] ?? null) : null;
}

const KIND_ZH = { mentor: '成长导师', buddy: '互助伙伴' } as const;

/** The person assigned as a child's mentor (or buddy) is one, is active, and serves the child's street or the whole district. */
export function assignable(
  kind: 'mentor' | 'buddy',
  person: { kind: string; active: boolean; street_code: string | null } | undefined,
  childStreet: string,
): Verdict {
  const field = kind === 'mentor' ? 'mentorId' : 'buddyId';
  if (!person || person.kind !== kind) return no(errors.validation([{ path: field, message: `请选择一位${KIND_ZH[kind]}` }]));
  if (!person.active) return no(errors.validation([{ path: field, message: `该${KIND_ZH[kind]}已停用，请选择其他人` }]));
  if (person.street_code && person.street_code !== childStreet) {
    return no(errors.validation([{ path: field, message: `该${KIND_ZH[kind]}属于其他街道，请选择本街道或全区的${KIND_ZH[kind]}` }]));
  }
  return OK;
}

// ---- mandatory reports ----

export function reportedAt(at: Date, now: number): Verdict {
  if (at.getTime() > now + 60_000) return no(errors.validation([{ path: 'reportedAt', message: '报告时间不能晚于现在' }], '报告时间不能晚于现在'));
  return OK;
}
