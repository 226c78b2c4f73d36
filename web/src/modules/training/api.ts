/**
 * Calls of the training (培训与考核) and restricted-list (从业限制名单) APIs through the typed client;
 * types from the shared contracts (common/src/training.ts, common/src/restricted.ts). The only
 * file of the module that names URLs.
 */
import type { z } from 'zod';
import type * as T from '@common/training';
import type * as R from '@common/restricted';
import { call, http } from '../../api/client';

export type Session = z.infer<typeof T.Session>;
export type SessionList = z.infer<typeof T.SessionList>;
export type SessionQuery = Partial<z.infer<typeof T.SessionQuery>>;
export type SessionCreate = z.input<typeof T.SessionCreate>;
export type AttendanceList = z.infer<typeof T.AttendanceList>;
export type AttendanceBulk = z.input<typeof T.AttendanceBulk>;
export type StaffOption = z.infer<typeof T.StaffOption>;
export type PersonArchive = z.infer<typeof T.PersonArchive>;
export type Coverage = z.infer<typeof T.Coverage>;
export type CoverageQuery = Partial<z.infer<typeof T.CoverageQuery>>;
export type Evaluation = z.infer<typeof T.Evaluation>;
export type EvaluationList = z.infer<typeof T.EvaluationList>;
export type EvaluationQuery = Partial<z.infer<typeof T.EvaluationQuery>> & { year: number };
export type EvaluationSave = z.input<typeof T.EvaluationSave>;
export type EvaluationMetrics = z.infer<typeof T.EvaluationMetrics>;
export type ExamCreate = z.input<typeof T.ExamCreate>;
export type ExamOut = z.infer<typeof T.ExamOut>;
export type RewardCreate = z.input<typeof T.RewardCreate>;
export type RestrictedUpload = z.input<typeof R.RestrictedUpload>;
export type RestrictedLoadReport = z.infer<typeof R.RestrictedLoadReport>;
export type RestrictedMatch = z.infer<typeof R.RestrictedMatch>;
export type RestrictedListOut = z.infer<typeof R.RestrictedListOut>;
export {
  TRAINING_KINDS,
  ROLE_KINDS,
  GRADES,
  EXAM_LEVELS,
  type TrainingKind,
  type RoleKind,
  type Grade,
  type ExamLevel,
  type CertLevel,
} from '@common/training';

export const trainingApi = {
  sessions: (query: SessionQuery) => call<SessionList>(http.GET('/api/training/sessions', { params: { query } })),
  createSession: (body: SessionCreate) => call<Session>(http.POST('/api/training/sessions', { body })),
  attendance: (id: string) => call<AttendanceList>(http.GET('/api/training/sessions/{id}/attendance', { params: { path: { id } } })),
  recordAttendance: (id: string, body: AttendanceBulk) =>
    call<AttendanceList>(http.PUT('/api/training/sessions/{id}/attendance', { params: { path: { id } }, body })),
  people: (query: { q?: string; roleKind?: T.RoleKind }) => call<{ items: StaffOption[] }>(http.GET('/api/training/people', { params: { query } })),
  archive: (staffId: string) => call<PersonArchive>(http.GET('/api/training/people/{staffId}/archive', { params: { path: { staffId } } })),
  coverage: (query: CoverageQuery) => call<Coverage>(http.GET('/api/training/coverage', { params: { query } })),
  evaluations: (query: EvaluationQuery) => call<EvaluationList>(http.GET('/api/training/evaluations', { params: { query } })),
  metrics: (staffId: string, year: number) => call<EvaluationMetrics>(http.GET('/api/training/evaluations/metrics', { params: { query: { staffId, year } } })),
  saveEvaluation: (body: EvaluationSave) => call<Evaluation>(http.POST('/api/training/evaluations', { body })),
  registerExam: (body: ExamCreate) => call<ExamOut>(http.POST('/api/training/exams', { body })),
  examResult: (id: string, body: { result: 'passed' | 'failed' | 'absent'; score?: number | null; version: number }) =>
    call<ExamOut>(http.PUT('/api/training/exams/{id}/result', { params: { path: { id } }, body })),
  createReward: (body: RewardCreate) => call(http.POST('/api/training/rewards', { body })),
  /** The district's streets (the coverage page's filter, for a district user). */
  streets: () => call<{ items: { code: string; name: string }[] }>(http.GET('/api/org/streets')),
};

export const restrictedApi = {
  lists: () => call<{ items: RestrictedListOut[] }>(http.GET('/api/restricted/lists')),
  load: (body: RestrictedUpload) => call<RestrictedLoadReport>(http.POST('/api/restricted/lists', { body })),
  matches: (status?: 'open' | 'confirmed' | 'dismissed') =>
    call<{ items: RestrictedMatch[] }>(http.GET('/api/restricted/matches', { params: { query: status ? { status } : {} } })),
  review: (id: string, body: { decision: 'confirmed' | 'dismissed'; note: string }) =>
    call<RestrictedMatch>(http.POST('/api/restricted/matches/{id}/review', { params: { path: { id } }, body })),
};

/** Query keys (every key starts with 'training' or 'restricted'; a write invalidates its module's). */
export const trainingKeys = {
  all: ['training'] as const,
  sessions: (q: SessionQuery) => ['training', 'sessions', q] as const,
  attendance: (id: string) => ['training', 'attendance', id] as const,
  people: (q: object) => ['training', 'people', q] as const,
  archive: (id: string) => ['training', 'archive', id] as const,
  streets: ['training', 'streets'] as const,
  coverage: (q: CoverageQuery) => ['training', 'coverage', q] as const,
  evaluations: (q: EvaluationQuery) => ['training', 'evaluations', q] as const,
  metrics: (id: string, year: number) => ['training', 'metrics', id, year] as const,
};
export const restrictedKeys = {
  all: ['restricted'] as const,
  lists: ['restricted', 'lists'] as const,
  matches: (s?: string) => ['restricted', 'matches', s ?? 'all'] as const,
};
