/**
 * Deny by default: every API route declares who may call it. A route without a declaration makes
 * the server refuse to start (see app.ts), so an endpoint can never be open by omission.
 */
import type { Pending } from '#common/api.js';
import type { Permission } from '#common/permissions.js';
import type { RequestCtx } from '../core/context.js';

export type Access =
  | { public: true }
  | { authenticated: true; allowPending?: Pending[] }
  | { permission: Permission }
  // Any one of these: for routes whose depth the module decides further (e.g. a guardianship
  // record read in full or in summary), still refusing a caller who holds none.
  | { anyPermission: Permission[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    ctx: RequestCtx;
  }
}

export const PUBLIC: Access = { public: true };
export const AUTHENTICATED: Access = { authenticated: true };
export const can = (permission: Permission): Access => ({ permission });
export const canAny = (...anyPermission: Permission[]): Access => ({ anyPermission });
