/**
 * Types and calls of the intervention ladder's API (干预措施): the types from the shared zod contract
 * (common/src/interventions.ts), the calls through the typed client generated from the OpenAPI
 * document. The only place in this part that names URLs.
 */
import type { z } from 'zod';
import type * as I from '@common/interventions';
import { call, http } from '../../../api/client';

export type Ladder = z.infer<typeof I.Ladder>;
export type Intervention = z.infer<typeof I.Intervention>;
export type LadderSuggestion = z.infer<typeof I.LadderSuggestion>;
export type InterventionCreate = z.input<typeof I.InterventionCreate>;
export type InterventionOutcome = z.input<typeof I.InterventionOutcome>;
export type InterventionKind = I.InterventionKind;
export type InterventionStatus = I.InterventionStatus;
export interface Saved {
  step: Intervention;
  warning: string | null;
}
export interface LadderUnit {
  code: string;
  name: string;
  defaultDays: number;
  dueOn: string;
}
export { INTERVENTION_KINDS, INTERVENTION_KIND_DEFS } from '@common/interventions';

export const ladderApi = {
  ladder: (childId: string) => call<Ladder>(http.GET('/api/children/{id}/guardianship/ladder', { params: { path: { id: childId } } })),
  units: (childId: string, kind: InterventionKind) =>
    call<{ items: LadderUnit[] }>(http.GET('/api/children/{id}/guardianship/ladder/units', { params: { path: { id: childId }, query: { kind } } })),
  create: (childId: string, body: InterventionCreate) =>
    call<Saved>(http.POST('/api/children/{id}/guardianship/interventions', { params: { path: { id: childId } }, body })),
  outcome: (id: string, body: InterventionOutcome) =>
    call<Saved>(http.POST('/api/guardianship/interventions/{id}/outcome', { params: { path: { id } }, body })),
  cancel: (id: string, version: number, reason: string) =>
    call<Saved>(http.POST('/api/guardianship/interventions/{id}/cancel', { params: { path: { id } }, body: { version, reason } })),
  resend: (id: string, version: number, toUnit: string) =>
    call<Saved>(http.POST('/api/guardianship/interventions/{id}/resend', { params: { path: { id } }, body: { version, toUnit } })),
};

/** Query keys of this part (every key starts with 'guardianship', 'ladder'). */
export const ladderKeys = {
  all: ['guardianship', 'ladder'] as const,
  ladder: (childId: string) => ['guardianship', 'ladder', childId] as const,
  units: (childId: string, kind: string) => ['guardianship', 'ladder', childId, 'units', kind] as const,
};
