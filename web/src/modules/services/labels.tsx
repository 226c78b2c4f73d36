/** Small pieces shared by the module's pages: status tags, kind and audience names, places text. */
import { Tag } from 'antd';
import { useT } from '../../i18n/useT';
import { formatDateTime } from '../../components/format';
import type { MessageKey } from '../../locales/zh-CN';
import { BOOKING_STATUSES, PROGRAMME_KINDS, type BookingStatus, type ProgrammeKind, type ProgrammeSession } from './api';

const isStatus = (s: string): s is BookingStatus => s in BOOKING_STATUSES;
const isKind = (k: string): k is ProgrammeKind => k in PROGRAMME_KINDS;
type SessionStatus = 'open' | 'closed' | 'cancelled';
const isSessionStatus = (s: string): s is SessionStatus => s === 'open' || s === 'closed' || s === 'cancelled';

export const statusKey = (s: string): MessageKey => (isStatus(s) ? `services.status.${s}` : 'services.status.cancelled');
export const kindKey = (k: string): MessageKey => (isKind(k) ? `services.kind.${k}` : 'services.kind.other');
export const audienceKey = (a: string): MessageKey => (a === 'guardian' ? 'services.audience.guardian' : 'services.audience.child');
export const sessionStatusKey = (s: string): MessageKey => (isSessionStatus(s) ? `services.session.${s}` : 'services.session.closed');

const STATUS_COLOR: Record<BookingStatus, string> = {
  reserved: 'gold',
  confirmed: 'green',
  waitlisted: 'blue',
  cancelled: 'default',
  expired: 'default',
  attended: 'cyan',
  absent: 'red',
};

export function BookingStatusTag({ status, position }: { status: string; position?: number | null }) {
  const t = useT();
  return (
    <Tag color={isStatus(status) ? STATUS_COLOR[status] : 'default'} data-testid="booking-status">
      {t(statusKey(status))}
      {status === 'waitlisted' && position ? ` · ${t('services.b.position', { n: position })}` : ''}
    </Tag>
  );
}

export function SessionStatusTag({ s }: { s: ProgrammeSession }) {
  const t = useT();
  const color = s.status === 'open' ? 'green' : s.status === 'cancelled' ? 'red' : 'default';
  return <Tag color={color}>{t(sessionStatusKey(s.status))}</Tag>;
}

export function PlacesText({ s }: { s: ProgrammeSession }) {
  const t = useT();
  return (
    <span data-testid="session-places">
      {t('services.s.placesText', { taken: s.taken, capacity: s.capacity, left: s.left })}
      {s.waiting ? ` · ${t('services.s.waiting', { n: s.waiting })}` : ''}
      {s.windowOpen && s.priorityUntil ? (
        <Tag color="purple" style={{ marginInlineStart: 6 }}>
          {t('services.s.window', { time: formatDateTime(s.priorityUntil) })}
        </Tag>
      ) : null}
    </span>
  );
}

export function agesText(t: ReturnType<typeof useT>, min: number | null, max: number | null): string {
  if (min === null && max === null) return t('services.ages.any');
  return t('services.ages', { min: min ?? 0, max: max ?? 18 });
}
