/**
 * Calls of the 服务项目与优先预约 API through the typed client; types from the shared contract
 * (common/src/services.ts). The only file of the module that names URLs.
 */
import type { z } from 'zod';
import type * as S from '@common/services';
import { call, http } from '../../api/client';

export type Programme = z.infer<typeof S.Programme>;
export type ProgrammeList = z.infer<typeof S.ProgrammeList>;
export type ProgrammeDetail = z.infer<typeof S.ProgrammeDetail>;
export type ProgrammeSession = z.infer<typeof S.ProgrammeSession>;
export type Booking = z.infer<typeof S.Booking>;
export type ChildBookings = z.infer<typeof S.ChildBookings>;
export type Bookable = z.infer<typeof S.Bookable>;
export type Roster = z.infer<typeof S.Roster>;
export type PriorityRule = z.infer<typeof S.PriorityRuleOut>;
export type ProgrammeCreate = z.input<typeof S.ProgrammeCreate>;
export type ProgrammeUpdate = z.input<typeof S.ProgrammeUpdate>;
export type SessionCreate = z.input<typeof S.SessionCreate>;
export type SessionUpdate = z.input<typeof S.SessionUpdate>;
export type PriorityRuleUpdate = z.input<typeof S.PriorityRuleUpdate>;
export interface ProgrammeQuery {
  kind?: S.ProgrammeKind;
  audience?: 'child' | 'guardian';
  age?: number;
  ownerUnit?: string;
  hasOpen?: 'true' | 'false';
  includeInactive?: 'true' | 'false';
  q?: string;
  page: number;
  pageSize: number;
}
export { AUDIENCES, BOOKING_STATUSES, PROGRAMME_KINDS, type BookingStatus, type ProgrammeKind } from '@common/services';

export const servicesApi = {
  list: (query: ProgrammeQuery) => call<ProgrammeList>(http.GET('/api/programmes', { params: { query } })),
  get: (id: string) => call<ProgrammeDetail>(http.GET('/api/programmes/{id}', { params: { path: { id } } })),
  create: (body: ProgrammeCreate) => call<Programme>(http.POST('/api/programmes', { body })),
  update: (id: string, body: ProgrammeUpdate) => call<Programme>(http.PATCH('/api/programmes/{id}', { params: { path: { id } }, body })),
  addSession: (programmeId: string, body: SessionCreate) =>
    call<ProgrammeSession>(http.POST('/api/programmes/{id}/sessions', { params: { path: { id: programmeId } }, body })),
  updateSession: (id: string, body: SessionUpdate) => call<ProgrammeSession>(http.PATCH('/api/programme-sessions/{id}', { params: { path: { id } }, body })),
  cancelSession: (id: string, reason: string, version: number) =>
    call<ProgrammeSession>(http.POST('/api/programme-sessions/{id}/cancel', { params: { path: { id } }, body: { reason, version } })),
  roster: (id: string) => call<Roster>(http.GET('/api/programme-sessions/{id}/roster', { params: { path: { id } } })),
  book: (sessionId: string, body: { childId?: string; memberId?: string; externalName?: string | null }) =>
    call<Booking>(http.POST('/api/programme-sessions/{id}/bookings', { params: { path: { id: sessionId } }, body })),
  confirm: (id: string, version: number) => call<Booking>(http.POST('/api/bookings/{id}/confirm', { params: { path: { id } }, body: { version } })),
  cancel: (id: string, reason: string, version: number) =>
    call<Booking>(http.POST('/api/bookings/{id}/cancel', { params: { path: { id } }, body: { reason, version } })),
  attendance: (id: string, attended: boolean, version: number) =>
    call<Booking>(http.POST('/api/bookings/{id}/attendance', { params: { path: { id } }, body: { attended, version } })),
  childBookings: (childId: string) => call<ChildBookings>(http.GET('/api/children/{id}/bookings', { params: { path: { id: childId } } })),
  bookable: (childId: string) => call<Bookable>(http.GET('/api/children/{id}/bookable', { params: { path: { id: childId } } })),
  rules: () => call<{ items: PriorityRule[] }>(http.GET('/api/booking-priority-rules')),
  updateRule: (code: string, body: PriorityRuleUpdate) =>
    call<PriorityRule>(http.PATCH('/api/booking-priority-rules/{code}', { params: { path: { code } }, body })),
  units: () => call<{ items: { code: string; name: string }[] }>(http.GET('/api/org/units')),
};

/** Query keys of the module (every key starts with 'services'). */
export const servicesKeys = {
  all: ['services'] as const,
  list: (q: ProgrammeQuery) => ['services', 'programmes', q] as const,
  detail: (id: string) => ['services', 'programme', id] as const,
  roster: (id: string) => ['services', 'roster', id] as const,
  child: (id: string) => ['services', 'child', id] as const,
  bookable: (id: string) => ['services', 'bookable', id] as const,
  rules: ['services', 'rules'] as const,
  units: ['services', 'units'] as const,
};
