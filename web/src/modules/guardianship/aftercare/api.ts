/**
 * Types and calls of 返家监护监督与临时照料 (common/src/aftercare.ts), through the typed client
 * generated from the OpenAPI document. The only file of this part that names URLs.
 */
import type { z } from 'zod';
import type * as A from '@common/aftercare';
import { call, http } from '../../../api/client';

export type ChildAftercare = z.infer<typeof A.ChildAftercare>;
export type Supervision = z.infer<typeof A.Supervision>;
export type Followup = z.infer<typeof A.Followup>;
export type Placement = z.infer<typeof A.Placement>;
export type SupervisorCandidate = z.infer<typeof A.SupervisorCandidate>;
export type OverdueFollowup = z.infer<typeof A.OverdueFollowup>;
export type MaskedOverdueFollowup = z.infer<typeof A.MaskedOverdueFollowup>;
export type MyFollowup = z.infer<typeof A.MyFollowup>;
export type AftercareSettings = z.infer<typeof A.AftercareSettings>;
export type SupervisionCreate = z.input<typeof A.SupervisionCreate>;
export type SupervisorChange = z.input<typeof A.SupervisorChange>;
export type FollowupRecord = z.input<typeof A.FollowupRecord>;
export type PlacementCreate = z.input<typeof A.PlacementCreate>;
export type PlacementDischarge = z.input<typeof A.PlacementDischarge>;
export type PlacementServicesUpdate = z.input<typeof A.PlacementServicesUpdate>;
export type { DischargeDestination, FollowupMethod, PlaceKind, PlacementService } from '@common/aftercare';
export { DISCHARGE_DESTINATIONS, FOLLOWUP_METHODS, PLACE_KINDS, PLACEMENT_SERVICES } from '@common/aftercare';

type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };
const path = (id: string) => ({ params: { path: { id } } });

export const aftercareApi = {
  child: (childId: string) => call<ChildAftercare>(http.GET('/api/aftercare/children/{id}', path(childId))),
  candidates: (childId: string) => call<{ items: SupervisorCandidate[] }>(http.GET('/api/aftercare/children/{id}/supervisor-candidates', path(childId))),
  createSupervision: (body: SupervisionCreate) => call<ChildAftercare>(http.POST('/api/aftercare/supervisions', { body })),
  changeSupervisor: (id: string, body: SupervisorChange) => call<ChildAftercare>(http.PATCH('/api/aftercare/supervisions/{id}', { ...path(id), body })),
  endSupervision: (id: string, body: { endedOn: string; reason: string; version: number }) =>
    call<ChildAftercare>(http.POST('/api/aftercare/supervisions/{id}/end', { ...path(id), body })),
  revealPhone: (id: string, reason: string) =>
    call<{ phone: string | null }>(http.POST('/api/aftercare/supervisions/{id}/phone', { ...path(id), body: { reason } })),
  recordFollowup: (id: string, body: FollowupRecord) => call<ChildAftercare>(http.POST('/api/aftercare/followups/{id}', { ...path(id), body })),
  overdue: (q: { page: number; pageSize: number }) => call<Paged<OverdueFollowup>>(http.GET('/api/aftercare/followups/overdue', { params: { query: q } })),
  oversight: (q: { page: number; pageSize: number }) =>
    call<Paged<MaskedOverdueFollowup>>(http.GET('/api/aftercare/followups/oversight', { params: { query: q } })),
  mine: () => call<{ items: MyFollowup[] }>(http.GET('/api/aftercare/followups/mine')),
  placements: (q: { status: 'current' | 'ended' | 'all'; page: number; pageSize: number }) =>
    call<Paged<Placement>>(http.GET('/api/aftercare/placements', { params: { query: q } })),
  createPlacement: (body: PlacementCreate) => call<ChildAftercare>(http.POST('/api/aftercare/placements', { body })),
  updateServices: (id: string, body: PlacementServicesUpdate) => call<ChildAftercare>(http.PATCH('/api/aftercare/placements/{id}', { ...path(id), body })),
  discharge: (id: string, body: PlacementDischarge) => call<ChildAftercare>(http.POST('/api/aftercare/placements/{id}/discharge', { ...path(id), body })),
  settings: () => call<AftercareSettings>(http.GET('/api/aftercare/settings')),
};

/** Query keys (every key starts with 'guardianship', 'aftercare'). */
export const aftercareKeys = {
  all: ['guardianship', 'aftercare'] as const,
  child: (childId: string) => ['guardianship', 'aftercare', 'child', childId] as const,
  candidates: (childId: string) => ['guardianship', 'aftercare', 'candidates', childId] as const,
  overdue: (q: object) => ['guardianship', 'aftercare', 'overdue', q] as const,
  oversight: (q: object) => ['guardianship', 'aftercare', 'oversight', q] as const,
  mine: ['guardianship', 'aftercare', 'mine'] as const,
  placements: (q: object) => ['guardianship', 'aftercare', 'placements', q] as const,
};
