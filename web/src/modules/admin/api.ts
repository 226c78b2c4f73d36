/** Calls of the admin and org APIs (accounts, roles, administrator-account requests, streets, committees, units): the only place naming their URLs. */
import type { Permission } from '@common/permissions';
import { call, http } from '../../api/client';
import type {
  AdminRequest,
  AdminRequestApproved,
  AdminRequestList,
  Committee,
  CommitteeList,
  Role,
  RoleCreate,
  RoleList,
  RoleUpdate,
  StreetList,
  Unit,
  UnitCreate,
  UnitList,
  UnitUpdate,
  User,
  UserCreate,
  UserList,
  UserUpdate,
} from '../../api/types';

/** The largest page the server allows; a street has far fewer committees than this. */
export const MAX_PAGE_SIZE = 200;

export interface UserQuery {
  q?: string;
  unit?: string;
  role?: string;
  page?: number;
  pageSize?: number;
}
export interface CommitteeQuery {
  street?: string;
  q?: string;
  includeInactive?: 'true' | 'false';
  page?: number;
  pageSize?: number;
}

/** Permission codes as the server's catalogue types them; the checklist offers only codes from that catalogue (GET /api/admin/roles). */
const perms = (codes: string[] | undefined) => codes as Permission[] | undefined; // picked from the server's own list

export const adminApi = {
  // ---- accounts ----
  users: (query: UserQuery) => call<UserList>(http.GET('/api/admin/users', { params: { query } })),
  createUser: (body: UserCreate) => call<User>(http.POST('/api/admin/users', { body })),
  updateUser: (id: string, body: UserUpdate) => call<User>(http.PATCH('/api/admin/users/{id}', { params: { path: { id } }, body })),
  resetPassword: (id: string, password: string) => call(http.POST('/api/admin/users/{id}/password', { params: { path: { id } }, body: { password } })),
  unlock: (id: string) => call(http.POST('/api/admin/users/{id}/unlock', { params: { path: { id } } })),
  resetMfa: (id: string) => call(http.POST('/api/admin/users/{id}/reset-mfa', { params: { path: { id } } })),
  setAdminRole: (id: string, role: string | null) => call<User>(http.PUT('/api/admin/users/{id}/admin-role', { params: { path: { id } }, body: { role } })),
  setAdminStatus: (id: string, disabled: boolean) =>
    call<User>(http.PUT('/api/admin/users/{id}/admin-status', { params: { path: { id } }, body: { disabled } })),

  // ---- roles ----
  roles: () => call<RoleList>(http.GET('/api/admin/roles')),
  createRole: (body: RoleCreate) => call<Role>(http.POST('/api/admin/roles', { body: { ...body, permissions: perms(body.permissions) } })),
  updateRole: (code: string, body: RoleUpdate) =>
    call<Role>(http.PATCH('/api/admin/roles/{code}', { params: { path: { code } }, body: { ...body, permissions: perms(body.permissions) } })),
  deleteRole: (code: string) => call(http.DELETE('/api/admin/roles/{code}', { params: { path: { code } } })),

  // ---- administrator-account requests (三权分立) ----
  requests: (query: { status?: 'pending'; page?: number; pageSize?: number }) =>
    call<AdminRequestList>(http.GET('/api/admin/admin-requests', { params: { query } })),
  requestReset: (userId: string, reason: string) => call<AdminRequest>(http.POST('/api/admin/admin-requests', { body: { userId, reason } })),
  approve: (id: string) => call<AdminRequestApproved>(http.POST('/api/admin/admin-requests/{id}/approve', { params: { path: { id } } })),
  refuse: (id: string, note: string | undefined) =>
    call<AdminRequest>(http.POST('/api/admin/admin-requests/{id}/refuse', { params: { path: { id } }, body: { note } })),

  // ---- streets, committees, units ----
  streets: () => call<StreetList>(http.GET('/api/org/streets')),
  committees: (query: CommitteeQuery) => call<CommitteeList>(http.GET('/api/org/committees', { params: { query } })),
  createCommittee: (streetCode: string, name: string) => call<Committee>(http.POST('/api/org/committees', { body: { streetCode, name } })),
  renameCommittee: (id: string, name: string) => call<Committee>(http.PATCH('/api/org/committees/{id}', { params: { path: { id } }, body: { name } })),
  mergeCommittee: (id: string, intoId: string) => call(http.POST('/api/org/committees/{id}/merge', { params: { path: { id } }, body: { intoId } })),
  units: () => call<UnitList>(http.GET('/api/org/units')),
  createUnit: (body: UnitCreate) => call<Unit>(http.POST('/api/org/units', { body })),
  updateUnit: (code: string, body: UnitUpdate) => call<Unit>(http.PATCH('/api/org/units/{code}', { params: { path: { code } }, body })),
};

/** Query keys: every key starts with the module's name, so one invalidation refreshes its lists. */
export const adminKeys = {
  all: ['admin'] as const,
  users: (q: UserQuery) => ['admin', 'users', q] as const,
  roles: ['admin', 'roles'] as const,
  requests: (q: object) => ['admin', 'requests', q] as const,
  streets: ['admin', 'streets'] as const,
  committees: (q: CommitteeQuery) => ['admin', 'committees', q] as const,
  units: ['admin', 'units'] as const,
};
