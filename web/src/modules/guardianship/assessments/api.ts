/**
 * Types and calls of the guardianship-assessment API (家庭监护能力评估): the types from the shared
 * zod contract (common/src/guardianshipAssessment.ts), the calls through the typed client generated
 * from the OpenAPI document. The only place in this part that names URLs.
 */
import type { z } from 'zod';
import type * as G from '@common/guardianshipAssessment';
import { call, http } from '../../../api/client';

export type Assessment = z.infer<typeof G.Assessment>;
export type AssessmentDetail = z.infer<typeof G.AssessmentDetail>;
export type ChildAssessments = z.infer<typeof G.ChildAssessments>;
export type AssessmentCommission = z.input<typeof G.AssessmentCommission>;
export type AssessmentResultBody = z.input<typeof G.AssessmentResultBody>;
export type AssessmentWorkList = z.infer<typeof G.AssessmentWorkList>;
export type AssessmentWorkItem = AssessmentWorkList['items'][number];
export type InstrumentSummary = z.infer<typeof G.InstrumentSummary>;
export type InstrumentDetail = z.infer<typeof G.InstrumentDetail>;
export type InstrumentCreate = z.input<typeof G.InstrumentCreate>;
export type AssessmentWorkView = G.AssessmentWorkView;
export type { AssessmentMethod, AssessmentStatus, GradeEffect, InstrumentDefinition, InstrumentGrade } from '@common/guardianshipAssessment';
export { ASSESSMENT_METHODS, ASSESSMENT_NEXT, GRADE_EFFECTS, scoreAssessment, validateInstrument } from '@common/guardianshipAssessment';

export interface WorkQuery {
  view: AssessmentWorkView;
  street?: string;
  page: number;
  pageSize: number;
}

export const assessmentsApi = {
  ofChild: (childId: string) => call<ChildAssessments>(http.GET('/api/children/{id}/guardianship/assessments', { params: { path: { id: childId } } })),
  commission: (childId: string, body: AssessmentCommission) =>
    call<{ id: string; version: number }>(http.POST('/api/children/{id}/guardianship/assessments', { params: { path: { id: childId } }, body })),
  detail: (id: string) => call<AssessmentDetail>(http.GET('/api/guardianship/assessments/{id}', { params: { path: { id } } })),
  record: (id: string, body: AssessmentResultBody) =>
    call<AssessmentDetail>(http.POST('/api/guardianship/assessments/{id}/result', { params: { path: { id } }, body })),
  returnResult: (id: string, version: number) =>
    call<AssessmentDetail>(http.POST('/api/guardianship/assessments/{id}/return', { params: { path: { id } }, body: { version } })),
  archive: (id: string, version: number) =>
    call<AssessmentDetail>(http.POST('/api/guardianship/assessments/{id}/archive', { params: { path: { id } }, body: { version } })),
  cancel: (id: string, version: number, reason: string) =>
    call<AssessmentDetail>(http.POST('/api/guardianship/assessments/{id}/cancel', { params: { path: { id } }, body: { version, reason } })),
  work: (q: WorkQuery) => call<AssessmentWorkList>(http.GET('/api/guardianship/assessments', { params: { query: q } })),
  instruments: () => call<{ items: InstrumentSummary[] }>(http.GET('/api/guardianship/instruments')),
  instrument: (code: string, version: number) =>
    call<InstrumentDetail>(http.GET('/api/guardianship/instruments/{code}/{version}', { params: { path: { code, version } } })),
  createInstrument: (body: InstrumentCreate) => call<InstrumentDetail>(http.POST('/api/guardianship/instruments', { body })),
  activate: (code: string, version: number) =>
    call<InstrumentDetail>(http.POST('/api/guardianship/instruments/{code}/{version}/activate', { params: { path: { code, version } } })),
};

/** Query keys of this part (every key starts with 'guardianship', 'assessments'). */
export const assessmentKeys = {
  all: ['guardianship', 'assessments'] as const,
  child: (childId: string) => ['guardianship', 'assessments', 'child', childId] as const,
  detail: (id: string) => ['guardianship', 'assessments', 'detail', id] as const,
  work: (q: WorkQuery) => ['guardianship', 'assessments', 'work', q] as const,
  instruments: ['guardianship', 'assessments', 'instruments'] as const,
  instrument: (code: string, version: number) => ['guardianship', 'assessments', 'instrument', code, version] as const,
};
