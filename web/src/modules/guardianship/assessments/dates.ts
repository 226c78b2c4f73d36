import dayjs, { type Dayjs } from 'dayjs';

/** A picker's day as the API's YYYY-MM-DD (null when empty). */
export const day = (d: Dayjs | null | undefined): string | null => (d ? d.format('YYYY-MM-DD') : null);
export const today = () => dayjs().startOf('day');
