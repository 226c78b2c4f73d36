/**
 * Who may do what with appointment programmes (pure). The owner unit runs its programme
 * (services.provide: slots, the masked roster, completion); services.manage runs any. A booker
 * (services.book) books and cancels for the children it reaches (row-level security decides).
 */
import type { SignedInCtx } from '../../core/context.js';
import { errors } from '../../core/errors.js';

export function canProvide(ctx: SignedInCtx, ownerUnitCode: string): boolean {
  const p = ctx.actor.permissions;
  return p.has('services.manage') || (p.has('services.provide') && ctx.actor.unitCode === ownerUnitCode);
}

export function requireProvider(ctx: SignedInCtx, ownerUnitCode: string): void {
  if (!canProvide(ctx, ownerUnitCode)) throw errors.forbidden('只有承办该项目的单位可以管理时段和记录送教情况');
}

export const canBook = (ctx: SignedInCtx): boolean => ctx.actor.permissions.has('services.book');

/** The booker may cancel a booking it reaches; the provider may cancel any of its programme's. */
export function canCancel(ctx: SignedInCtx, a: { status: string; owner_unit_code: string; child_visible: boolean }): boolean {
  if (!['reserved', 'confirmed', 'waitlisted'].includes(a.status)) return false;
  return canProvide(ctx, a.owner_unit_code) || (canBook(ctx) && a.child_visible);
}

/** Completion (attended or absent) is recorded by the provider, once the slot's time came. */
export function canComplete(ctx: SignedInCtx, a: { status: string; owner_unit_code: string; starts_at: Date }, now: number): boolean {
  return a.status === 'confirmed' && canProvide(ctx, a.owner_unit_code) && a.starts_at.getTime() <= now;
}
