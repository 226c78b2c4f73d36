/**
 * Calls of the 授权与同意 API, through the typed client; types from the shared contract
 * (common/src/consent.ts). The only file of the module that names URLs.
 */
import type { z } from 'zod';
import type * as C from '@common/consent';
import { call, http } from '../../api/client';

export type ChildConsents = z.infer<typeof C.ChildConsents>;
export type Consent = z.infer<typeof C.Consent>;
export type ConsentCreate = z.input<typeof C.ConsentCreate>;
export type Purpose = z.infer<typeof C.Purpose>;
export type PurposeUpdate = z.input<typeof C.PurposeUpdate>;
export type WithdrawResult = z.infer<typeof C.WithdrawResult>;
export { BASES, CONSENT_METHODS, CHILD_AGREEMENTS, CONSENT_STATUSES, type Basis, type ConsentStatus } from '@common/consent';

export const consentKeys = {
  all: ['consent'] as const,
  child: (id: string) => ['consent', 'child', id] as const,
  purposes: ['consent', 'purposes'] as const,
};

export const consentApi = {
  child: (id: string) => call<ChildConsents>(http.GET('/api/children/{id}/consents', { params: { path: { id } } })),
  record: (id: string, body: ConsentCreate) => call<Consent>(http.POST('/api/children/{id}/consents', { params: { path: { id } }, body })),
  withdraw: (id: string, consentId: string, reason: string, version: number) =>
    call<WithdrawResult>(http.POST('/api/children/{id}/consents/{consentId}/withdraw', { params: { path: { id, consentId } }, body: { reason, version } })),
  recordBasis: (id: string, purposeCode: string, note: string | null) =>
    call<{ id: string }>(http.POST('/api/children/{id}/bases', { params: { path: { id } }, body: { purposeCode, note } })),
  purposes: () => call<{ items: Purpose[]; canManage: boolean }>(http.GET('/api/processing-purposes')),
  updatePurpose: (code: string, body: PurposeUpdate) => call<Purpose>(http.PUT('/api/processing-purposes/{code}', { params: { path: { code } }, body })),
};
