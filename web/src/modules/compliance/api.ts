/**
 * Calls of the compliance report and retention APIs, through the typed client; types from the shared
 * contract (common/src/compliance.ts). The only file of the module that names URLs.
 */
import type { z } from 'zod';
import type * as C from '@common/compliance';
import { call, http } from '../../api/client';

export type ComplianceReport = z.infer<typeof C.ComplianceReport>;
export type RetentionSettings = z.infer<typeof C.RetentionSettings>;
export type RetentionSettingsUpdate = z.input<typeof C.RetentionSettingsUpdate>;
export type RetentionRun = z.infer<typeof C.RetentionRun>;
export { RETENTION_MINIMUMS, RETENTION_MAXIMUM_MONTHS } from '@common/compliance';

export const complianceKeys = {
  report: (year: number) => ['compliance', 'report', year] as const,
  retention: ['compliance', 'retention'] as const,
};

export const complianceApi = {
  report: (year: number) => call<ComplianceReport>(http.GET('/api/compliance/reports/{year}', { params: { path: { year } } })),
  retention: () => call<RetentionSettings>(http.GET('/api/retention/settings')),
  updateRetention: (body: RetentionSettingsUpdate) => call<RetentionSettings>(http.PUT('/api/retention/settings', { body })),
  runRetention: () => call<RetentionRun>(http.POST('/api/retention/runs')),
};
