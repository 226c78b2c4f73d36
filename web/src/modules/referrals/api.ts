/**
 * Types and calls of the referral (协同转介) API: the types from the shared zod contract
 * (common/src/referrals.ts), the calls through the typed client generated from the OpenAPI
 * document. The only place in this module that names URLs.

 */
import type { z } from 'zod';
import type * as R from '@common/referrals';
import { call, http, seg } from '../../api/client';
import { downloadFile } from '../files/download';

export type Referral = z.infer<typeof R.Referral>;
export type ReferralDetail = z.infer<typeof R.ReferralDetail>;
export type ReferralEvent = z.infer<typeof R.ReferralEvent>;
export type ReferralList = z.infer<typeof R.ReferralList>;
export type ReferralCreate = z.input<typeof R.ReferralCreate>;
export type ChannelCreate = z.input<typeof R.ChannelCreate>;
export type ReferralStepBody = z.input<typeof R.ReferralStepBody>;
export type ReferralChildView = z.infer<typeof R.ReferralChildView>;
export type ReferralKindInfo = z.infer<typeof R.ReferralKindInfo>;
export type ReferralKindUpdate = z.input<typeof R.ReferralKindUpdate>;
export type Receiver = z.infer<typeof R.Receiver>;
export type ReceiverUpsert = z.input<typeof R.ReceiverUpsert>;
export type ReferralSettings = z.infer<typeof R.ReferralSettings>;
export type { QueueBucket, ReferralCompletion, ReferralSection, ReferralStatus, ReferralStep, Urgency } from '@common/referrals';
export { OUTCOME_RESULTS, QUEUE_BUCKETS, REFERRAL_SECTIONS, REFERRAL_STATUSES, REFERRAL_STEPS, URGENCIES } from '@common/referrals';

export type ReferralBox = 'incoming' | 'outgoing' | 'area';
export interface ReferralListQuery {
  box: ReferralBox;
  bucket: R.QueueBucket;
  kind?: string;
  childId?: string;
  page: number;
  pageSize: number;
}

/** One day of the work calendar: a holiday on a weekday, or a 调休 working day on a weekend (common/src/referralAdmin.ts). */
export interface CalendarDay {
  day: string;
  kind: 'holiday' | 'workday';
  note: string;
}
export interface WorkCalendar {
  year: number;
  items: CalendarDay[];
}

export const referralsApi = {
  list: (q: ReferralListQuery) => call<ReferralList>(http.GET('/api/referrals', { params: { query: q } })),
  detail: (id: string) => call<ReferralDetail>(http.GET('/api/referrals/{id}', { params: { path: { id } } })),
  create: (body: ReferralCreate) => call<ReferralDetail>(http.POST('/api/referrals', { body })),
  channel: (body: ChannelCreate) => call<{ ids: string[] }>(http.POST('/api/referrals/channel', { body })),
  step: (id: string, body: ReferralStepBody) => call<ReferralDetail>(http.POST('/api/referrals/{id}/steps', { params: { path: { id } }, body })),
  comment: (id: string, note: string) => call<ReferralDetail>(http.POST('/api/referrals/{id}/comments', { params: { path: { id } }, body: { note } })),
  kinds: () => call<{ items: ReferralKindInfo[]; channelAckHours: number }>(http.GET('/api/referral-kinds')),
  /** A file sent with the referral, downloaded through the referral (the receiving unit's access is checked and recorded). */
  downloadAttachment: (referralId: string, file: ReferralAttachment) =>
    downloadFile(`/api/referrals/${seg(referralId)}/attachments/${seg(file.id)}`, file.filename),
  childView: (id: string) => call<ReferralChildView>(http.GET('/api/referrals/{id}/child', { params: { path: { id } } })),
  receivers: (q: { kind?: string; childId?: string; includeInactive?: boolean }) =>
    call<{ items: Receiver[] }>(
      http.GET('/api/referral-receivers', {
        params: { query: { kind: q.kind, childId: q.childId, includeInactive: q.includeInactive ? 'true' : undefined } },
      }),
    ),
  addReceiver: (body: ReceiverUpsert) => call<Receiver>(http.POST('/api/referral-receivers', { body })),
  updateReceiver: (id: string, body: ReceiverUpsert) => call<Receiver>(http.PATCH('/api/referral-receivers/{id}', { params: { path: { id } }, body })),
  updateKind: (code: string, body: ReferralKindUpdate) =>
    call<ReferralKindInfo>(http.PATCH('/api/referral-kinds/{code}', { params: { path: { code } }, body })),
  settings: () => call<ReferralSettings>(http.GET('/api/referral-settings')),
  saveSettings: (body: ReferralSettings) => call<ReferralSettings>(http.PUT('/api/referral-settings', { body })),
  calendar: (year: number) => call<WorkCalendar>(http.GET('/api/work-calendar', { params: { query: { year } } })),
  /** Replaces the year's exceptions. */
  saveCalendar: (year: number, items: CalendarDay[]) => call<WorkCalendar>(http.PUT('/api/work-calendar', { params: { query: { year } }, body: { items } })),
};

/** Query keys of this module (every key starts with 'referrals'). */
export const referralKeys = {
  all: ['referrals'] as const,
  list: (q: ReferralListQuery) => ['referrals', 'list', q] as const,
  detail: (id: string) => ['referrals', 'detail', id] as const,
  childView: (id: string) => ['referrals', 'child', id] as const,
  kinds: ['referrals', 'kinds'] as const,
  receivers: (q: { kind?: string; childId?: string; includeInactive?: boolean }) => ['referrals', 'receivers', q] as const,
  settings: ['referrals', 'settings'] as const,
  calendar: (year: number) => ['referrals', 'calendar', year] as const,
};

/** A file the sender attached (one of the child's attachments). */
export interface ReferralAttachment {
  id: string;
  filename: string;
  mime: string;
  sizeBytes: number;
}
const isAttachment = (v: unknown): v is ReferralAttachment =>
  typeof v === 'object' && v !== null && 'id' in v && typeof v.id === 'string' && 'filename' in v && typeof v.filename === 'string';
/** The referral's attachments (the detail carries them once the attachments change is merged; none before). */
export function attachmentsOf(r: object): ReferralAttachment[] {
  const list: unknown = 'attachments' in r ? r.attachments : undefined;
  return Array.isArray(list) ? list.filter(isAttachment) : [];
}

/** The units 暖杨通道 reaches (公安、检察、民政). */
export const CHANNEL_UNITS = ['police', 'procuratorate', 'civil-affairs'] as const;
