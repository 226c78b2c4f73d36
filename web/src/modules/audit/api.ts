/** Calls of the audit API: the only place naming its URLs. */
import { call, http } from '../../api/client';
import type { AuditList, AuditOutcome, AuditVerifyResult } from '../../api/types';

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
};
