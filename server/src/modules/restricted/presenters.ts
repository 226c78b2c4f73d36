/** Rows of the restricted list → API shapes. */
import type { RestrictedMatch } from '#common/restricted.js';
import type { ListRowDb, MatchRowDb } from './repo.js';

export const listOut = (r: ListRowDb) => ({
  id: r.id,
  name: r.name,
  source: r.source,
  rows: r.rows,
  loadedAt: r.loaded_at.toISOString(),
  loadedByName: r.loaded_by_name,
  active: r.active,
});

export const matchOut = (r: MatchRowDb): RestrictedMatch => ({
  id: r.id,
  staffName: r.staff_name,
  roleKind: r.role_kind,
  streetName: r.street_name,
  hasAccount: r.has_account,
  listName: r.list_name,
  nameMasked: r.name_masked,
  restriction: r.restriction,
  foundAt: r.found_at.toISOString(),
  status: r.status,
  reviewedByName: r.reviewed_by_name,
  reviewedAt: r.reviewed_at ? r.reviewed_at.toISOString() : null,
  note: r.note,
});
