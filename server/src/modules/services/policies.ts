/**
 * Who may do what in the services module (pure: no database). Programmes and sessions: services.manage
 * for any unit, services.provide for its own unit's. Bookings: a booker (services.book, the child in
 * reach — row-level security decides) or the programme's owner unit (services.provide); attendance
 * and the roster: the owner unit only. The booking rules that refuse a request live here too.
 */
import type { Actor } from '../../core/context.js';
import { errors } from '../../core/errors.js';

export const has = (a: Actor, p: string) => a.permissions.has(p);

/** Whether the caller maintains a programme owned by `ownerUnit`. */
export function canEditProgramme(a: Actor, ownerUnit: string): boolean {
  return has(a, 'services.manage') || (has(a, 'services.provide') && a.unitCode === ownerUnit);
}

export function requireProgrammeEditor(a: Actor, ownerUnit: string): void {
  if (!canEditProgramme(a, ownerUnit)) throw errors.forbidden('只能维护本单位主办的服务项目（区民政局可维护全部项目）');
}

/** The programme's owner unit, acting as provider (roster, attendance, external participants). */
export function isOwner(a: Actor, ownerUnit: string): boolean {
  return has(a, 'services.provide') && a.unitCode === ownerUnit;
}

/** A booking the caller can see (row-level security) may be confirmed or cancelled by a booker or the owner unit. */
export function canActOnBooking(a: Actor, b: { owner_unit_code: string; participant_kind: string }): boolean {
  return isOwner(a, b.owner_unit_code) || (has(a, 'services.book') && b.participant_kind !== 'external');
}

export interface SessionState {
  status: string;
  starts_on: string;
}

/** Why a session takes no booking today (null when it does). */
export function sessionRefusal(s: SessionState, mode: string, active: boolean, today: string): string | null {
  if (mode === 'appointment') return '送教上门按单次预约安排，请到「送教上门预约」中预约';
  if (!active) return '该服务项目已停用，不能预约';
  if (s.status === 'cancelled') return '该场次已取消，不能预约';
  if (s.status === 'closed') return '该场次已截止预约';
  if (s.starts_on < today) return '该场次已开始，不能再预约';
  return null;
}

/** Why a child of `age` cannot take part (null when it can). */
export function ageRefusal(age: number, minAge: number | null, maxAge: number | null): string | null {
  if (minAge !== null && age < minAge) return `该项目面向 ${minAge} 岁及以上儿童，该儿童开班时 ${age} 岁`;
  if (maxAge !== null && age > maxAge) return `该项目面向 ${maxAge} 岁及以下儿童，该儿童开班时 ${age} 岁`;
  return null;
}
