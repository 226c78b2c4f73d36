/**
 * Calls of the document templates and filled documents (监护干预文书) API, through the typed client;
 * types from the shared contract (common/src/guidance.ts).
 */
import type { z } from 'zod';
import type * as G from '@common/guidance';
import { call, http } from '../../../api/client';

export type GuardianshipTemplate = z.infer<typeof G.GuardianshipTemplate>;
export type GuardianshipDocument = z.infer<typeof G.GuardianshipDocument>;
export type ChildDocuments = z.infer<typeof G.ChildDocuments>;
export type TemplateCreate = z.input<typeof G.TemplateCreate>;
export type TemplateUpdate = z.input<typeof G.TemplateUpdate>;
export type TemplateKind = G.TemplateKind;
export { TEMPLATE_KINDS, INTERVENTION_KIND_NAMES, PLACEHOLDERS, SAMPLE_VALUES, fillTemplate, templateProblems, BLANK } from '@common/guidance';

export const documentsApi = {
  templates: (q: { kind?: TemplateKind; includeInactive?: boolean } = {}) =>
    call<{ items: GuardianshipTemplate[] }>(
      http.GET('/api/guardianship/templates', { params: { query: { kind: q.kind, includeInactive: q.includeInactive ? 'true' : undefined } } }),
    ),
  versions: (code: string) => call<{ items: GuardianshipTemplate[] }>(http.GET('/api/guardianship/templates/{code}/versions', { params: { path: { code } } })),
  createTemplate: (body: TemplateCreate) => call<GuardianshipTemplate>(http.POST('/api/guardianship/templates', { body })),
  updateTemplate: (code: string, body: TemplateUpdate) =>
    call<GuardianshipTemplate>(http.PUT('/api/guardianship/templates/{code}', { params: { path: { code } }, body })),
  interventionDocuments: (id: string) =>
    call<{ items: GuardianshipDocument[] }>(http.GET('/api/guardianship/interventions/{id}/documents', { params: { path: { id } } })),
  childDocuments: (id: string) => call<ChildDocuments>(http.GET('/api/children/{id}/guardianship-documents', { params: { path: { id } } })),
  create: (interventionId: string, templateCode: string) =>
    call<GuardianshipDocument>(
      http.POST('/api/guardianship/interventions/{id}/documents', { params: { path: { id: interventionId } }, body: { templateCode } }),
    ),
  detail: (id: string) => call<GuardianshipDocument>(http.GET('/api/guardianship/documents/{id}', { params: { path: { id } } })),
};

/** Query keys of this part. */
export const documentKeys = {
  all: ['guardianship', 'documents'] as const,
  templates: (includeInactive: boolean) => ['guardianship', 'documents', 'templates', includeInactive] as const,
  versions: (code: string) => ['guardianship', 'documents', 'versions', code] as const,
  intervention: (id: string) => ['guardianship', 'documents', 'intervention', id] as const,
  child: (id: string) => ['guardianship', 'documents', 'child', id] as const,
  detail: (id: string) => ['guardianship', 'documents', 'detail', id] as const,
};
