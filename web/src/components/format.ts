import dayjs from 'dayjs';

/** Dates are shown as YYYY-MM-DD everywhere (ui.md), whatever the interface language. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD') : value;
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : value;
}

/** Age in full years (周岁) on a given day. */
export function ageOf(birthDate: string, on: dayjs.Dayjs = dayjs()): number | null {
  const birth = dayjs(birthDate);
  if (!birth.isValid()) return null;
  return on.diff(birth, 'year');
}
