import type { ReactNode } from 'react';
import type { Permission } from '@common/permissions';
import { ForbiddenPage } from '../modules/shell/ForbiddenPage';
import { useAuth } from './useAuth';

/** Hides a page from users without the permission; the server enforces the same rule. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { can } = useAuth();
  return can(permission) ? <>{children}</> : <ForbiddenPage />;
}
