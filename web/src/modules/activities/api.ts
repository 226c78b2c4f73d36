/**
 * Calls of the activities API (活动与频次), through the typed client; types from the shared contract
 * (common/src/activities.ts). The only file of this module that names URLs.
 */
import type { z } from 'zod';
import type * as A from '@common/activities';
import { call, http } from '../../api/client';

export type Activity = z.infer<typeof A.Activity>;
export type ActivityDetail = z.infer<typeof A.ActivityDetail>;
export type ActivityCreate = z.input<typeof A.ActivityCreate>;
export type ActivityQuery = Partial<Omit<z.infer<typeof A.ActivityQuery>, 'page' | 'pageSize'>> & { page?: number; pageSize?: number };
export type Organiser = z.infer<typeof A.Organiser>;
export type CadenceRule = z.infer<typeof A.CadenceRule>;
export type CadenceRuleUpdate = z.input<typeof A.CadenceRuleUpdate>;
export type ComplianceReport = z.infer<typeof A.ComplianceReport>;
export type ComplianceRow = z.infer<typeof A.ComplianceRow>;
export type ChildActivity = z.infer<typeof A.ChildActivity>;
export type AttachmentKind = 'photo' | 'sign_in' | 'other';
export {
  ACTIVITY_KINDS,
  ACTIVITY_KIND_NAMES,
  DEFAULT_PLAN_TASKS,
  ORGANISER_KINDS,
  ORGANISER_KIND_NAMES,
  type ActivityKind,
  type OrganiserKind,
} from '@common/activities';

export const activitiesApi = {
  list: (query: ActivityQuery) => call<z.infer<typeof A.ActivityList>>(http.GET('/api/activities', { params: { query } })),
  get: (id: string) => call<ActivityDetail>(http.GET('/api/activities/{id}', { params: { path: { id } } })),
  create: (body: ActivityCreate) => call<ActivityDetail>(http.POST('/api/activities', { body })),
  update: (id: string, body: ActivityCreate & { version: number }) =>
    call<ActivityDetail>(http.PATCH('/api/activities/{id}', { params: { path: { id } }, body })),
  cancel: (id: string, version: number, reason: string) =>
    call<ActivityDetail>(http.POST('/api/activities/{id}/cancel', { params: { path: { id } }, body: { version, reason } })),
  complete: (id: string, body: { version: number; childrenCount?: number; guardiansCount?: number; guardiansContacted?: boolean }) =>
    call<ActivityDetail>(http.POST('/api/activities/{id}/complete', { params: { path: { id } }, body })),
  addParticipants: (id: string, childIds: string[], withGuardians: boolean) =>
    call<z.infer<typeof A.ParticipantAdded>>(http.POST('/api/activities/{id}/participants', { params: { path: { id } }, body: { childIds, withGuardians } })),
  removeParticipant: (id: string, participantId: string) =>
    call<null>(http.DELETE('/api/activities/{id}/participants/{participantId}', { params: { path: { id, participantId } } })),
  upload: (id: string, body: { kind: AttachmentKind; filename: string; contentBase64: string }) =>
    call<z.infer<typeof A.ActivityAttachment>>(http.POST('/api/activities/{id}/attachments', { params: { path: { id } }, body })),
  removeAttachment: (id: string, attachmentId: string) =>
    call<null>(http.DELETE('/api/activities/{id}/attachments/{attachmentId}', { params: { path: { id, attachmentId } } })),
  attachmentPath: (id: string, attachmentId: string) => `/api/activities/${encodeURIComponent(id)}/attachments/${encodeURIComponent(attachmentId)}`,
  organisers: (kind?: A.OrganiserKind) => call<z.infer<typeof A.OrganiserList>>(http.GET('/api/activities/organisers', { params: { query: { kind } } })),
  compliance: (street?: string) => call<ComplianceReport>(http.GET('/api/activities/compliance', { params: { query: { street } } })),
  rules: () => call<z.infer<typeof A.CadenceRuleList>>(http.GET('/api/cadence-rules')),
  updateRule: (code: string, body: CadenceRuleUpdate) => call<CadenceRule>(http.PUT('/api/cadence-rules/{code}', { params: { path: { code } }, body })),
  child: (id: string) => call<z.infer<typeof A.ChildActivities>>(http.GET('/api/children/{id}/activities', { params: { path: { id } } })),
};

/** Query keys (every key starts with 'activities'). */
export const activityKeys = {
  all: ['activities'] as const,
  list: (q: ActivityQuery) => ['activities', 'list', q] as const,
  detail: (id: string) => ['activities', 'detail', id] as const,
  organisers: (kind?: string) => ['activities', 'organisers', kind ?? 'all'] as const,
  compliance: (street?: string) => ['activities', 'compliance', street ?? ''] as const,
  rules: ['activities', 'rules'] as const,
  child: (id: string) => ['activities', 'child', id] as const,
};
