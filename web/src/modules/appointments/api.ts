/**
 * Calls of the 送教上门 appointments API, through the typed client; types from the shared contract
 * (common/src/appointments.ts). The only file of this module that names URLs.
 */
import type { z } from 'zod';
import type * as A from '@common/appointments';
import { call, http } from '../../api/client';

export type AppointmentProgramme = z.infer<typeof A.AppointmentProgramme>;
export type Appointment = z.infer<typeof A.Appointment>;
export type Slot = z.infer<typeof A.Slot>;
export type SlotList = z.infer<typeof A.SlotList>;
export type ChildAppointments = z.infer<typeof A.ChildAppointments>;
export type SlotShow = 'all' | 'free' | 'booked';

export const appointmentsApi = {
  programmes: () => call<{ items: AppointmentProgramme[] }>(http.GET('/api/appointments/programmes')),
  slots: (id: string, q: { show: SlotShow; from?: string; page: number; pageSize: number }) =>
    call<SlotList>(http.GET('/api/appointments/programmes/{id}/slots', { params: { path: { id }, query: q } })),
  createSlots: (id: string, body: { days: string[]; times: string[]; place?: string }) =>
    call<{ created: number; skipped: number }>(http.POST('/api/appointments/programmes/{id}/slots', { params: { path: { id } }, body })),
  cancelSlot: (id: string, body: { reason: string; version: number }) =>
    call<Slot>(http.POST('/api/appointment-slots/{id}/cancel', { params: { path: { id } }, body })),
  book: (slotId: string, body: { childId: string; memberId?: string | null }) =>
    call<Appointment>(http.POST('/api/appointment-slots/{id}/book', { params: { path: { id: slotId } }, body })),
  child: (id: string) => call<ChildAppointments>(http.GET('/api/children/{id}/appointments', { params: { path: { id } } })),
  cancel: (id: string, body: { reason: string; version: number }) =>
    call<Appointment>(http.POST('/api/appointments/{id}/cancel', { params: { path: { id } }, body })),
  complete: (
    id: string,
    body: { attended: boolean; completionNote?: string | null; durationMinutes?: number | null; absenceNote?: string | null; version: number },
  ) => call<Appointment>(http.POST('/api/appointments/{id}/complete', { params: { path: { id } }, body })),
};

/** Query keys (every key starts with 'appointments'). */
export const appointmentKeys = {
  all: ['appointments'] as const,
  programmes: ['appointments', 'programmes'] as const,
  slots: (id: string, show: SlotShow, page: number) => ['appointments', 'slots', id, show, page] as const,
  child: (id: string) => ['appointments', 'child', id] as const,
};
