/** Types of the API payloads, inferred from the shared zod contract so web and server cannot drift. */
import type { z } from 'zod';
import type * as C from '@common/api';

export type Me = z.infer<typeof C.Me>;
export type Pending = z.infer<typeof C.Pending>;
export type SessionInfo = z.infer<typeof C.SessionInfo>;
export type SessionList = z.infer<typeof C.SessionList>;
export type TotpSetup = z.infer<typeof C.TotpSetup>;
export type RecoveryCodes = z.infer<typeof C.RecoveryCodes>;

export type Street = z.infer<typeof C.Street>;
export type StreetList = z.infer<typeof C.StreetList>;
export type Committee = z.infer<typeof C.Committee>;
export type CommitteeList = z.infer<typeof C.CommitteeList>;
export type CommitteeCreate = z.input<typeof C.CommitteeCreate>;
export type Unit = z.infer<typeof C.Unit>;
export type UnitKind = z.infer<typeof C.UnitKind>;
export type UnitList = z.infer<typeof C.UnitList>;
export type UnitCreate = z.input<typeof C.UnitCreate>;
export type UnitUpdate = z.input<typeof C.UnitUpdate>;

export type Role = z.infer<typeof C.Role>;
export type RoleList = z.infer<typeof C.RoleList>;
export type RoleCreate = z.input<typeof C.RoleCreate>;
export type RoleUpdate = z.input<typeof C.RoleUpdate>;
export type PermissionInfo = RoleList['permissions'][number];

export type User = z.infer<typeof C.User>;
export type UserList = z.infer<typeof C.UserList>;
export type UserCreate = z.input<typeof C.UserCreate>;
export type UserUpdate = z.input<typeof C.UserUpdate>;

export type AuditEntry = z.infer<typeof C.AuditEntry>;
export type AuditOutcome = z.infer<typeof C.AuditOutcome>;
export type AuditList = z.infer<typeof C.AuditList>;
export type AuditVerifyResult = z.infer<typeof C.AuditVerifyResult>;

export type ChildSummary = z.infer<typeof C.ChildSummary>;
export type ChildList = z.infer<typeof C.ChildList>;
export type ChildDetail = z.infer<typeof C.ChildDetail>;
export type Guardian = z.infer<typeof C.Guardian>;
export type Unmasked = z.infer<typeof C.Unmasked>;

/** Every list endpoint answers this shape. */
export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type AdminRequest = z.infer<typeof C.AdminRequest>;
export type AdminRequestList = z.infer<typeof C.AdminRequestList>;
export type AdminRequestApproved = z.infer<typeof C.AdminRequestApproved>;
