/** Calls of the audit API: the only place naming its URLs. */
import { call, http } from '../../api/client';
import type { z } from 'zod';
import type * as A from '@common/access';
import type { AuditList, AuditOutcome, AuditVerifyResult } from '../../api/types';

export type SecurityAlert = z.infer<typeof A.SecurityAlert>;
export type AlertList = z.infer<typeof A.AlertList>;
export interface AlertQuery {
  kind?: string;
  state?: 'open' | 'acknowledged';
  page?: number;
  pageSize?: number;
}

export interface AuditQuery {
  username?: string;
  /** Exact codes, comma-separated. */
  actions?: string;
  /** The nightly jobs' rows are hidden unless asked for. */
  includeSystem?: 'true';
  entity?: string;
  outcome?: AuditOutcome;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

export const auditApi = {
  list: (query: AuditQuery) => call<AuditList>(http.GET('/api/audit', { params: { query } })),
  verify: () => call<AuditVerifyResult>(http.POST('/api/audit/verify')),
  /** 安全事件: open ones first. */
  alerts: (query: AlertQuery) => call<AlertList>(http.GET('/api/audit/alerts', { params: { query } })),
  acknowledge: (id: string, note: string) => call<SecurityAlert>(http.POST('/api/audit/alerts/{id}/acknowledge', { params: { path: { id } }, body: { note } })),
};
