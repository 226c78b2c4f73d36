/**
 * Who may do what with the calendar and the plans (pure): the calendar is edited with
 * services.manage; a plan is written with services.book for a child the caller reaches (row-level
 * security on children and holiday_plans decides the reach) and read with services.read.
 */
import type { SignedInCtx } from '../../core/context.js';

export const canManageCalendar = (ctx: SignedInCtx): boolean => ctx.actor.permissions.has('services.manage');
export const canWritePlans = (ctx: SignedInCtx): boolean => ctx.actor.permissions.has('services.book');
