/** Rows of the holidays module → API shapes. */
import { ageOn } from '#common/dates.js';
import type { HolidayPlan, SchoolHoliday } from '#common/holidays.js';
import type { HolidayRow, MissingRow, PlanBookingRow, PlanRow } from './repo.js';

export function holidayOut(r: HolidayRow): SchoolHoliday {
  return {
    year: r.year,
    season: r.season,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    placeholder: r.placeholder,
    note: r.note,
    updatedByName: r.updated_by_name,
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
  };
}

export function planOut(
  childId: string,
  h: { year: number; season: 'winter' | 'summer'; startsOn: string | null; endsOn: string | null; placeholder: boolean },
  p: PlanRow | null,
  bookings: PlanBookingRow[],
): HolidayPlan {
  return {
    id: p?.id ?? null,
    childId,
    year: h.year,
    season: h.season,
    startsOn: h.startsOn,
    endsOn: h.endsOn,
    placeholder: h.placeholder,
    plan: p?.plan ?? null,
    updatedAt: p ? p.updated_at.toISOString() : null,
    updatedByName: p?.updated_by_name ?? null,
    version: p?.version ?? null,
    bookings: bookings.map((b) => ({
      id: b.id,
      programmeName: b.programme_name,
      sessionTitle: b.session_title,
      startsOn: b.starts_on,
      endsOn: b.ends_on,
      status: b.status,
    })),
  };
}

export function missingOut(r: MissingRow, today: string) {
  return { childId: r.id, name: r.name, age: ageOn(r.birth_date, today), streetName: r.street_name, committeeName: r.committee_name };
}
