/** Rows → API shapes for streets, committees and units. */
import type { Committee, Street, Unit } from '#common/api.js';
import type { CommitteeRow, StreetRow, UnitRow } from './repo.js';

export const presentStreet = (r: StreetRow): Street => ({ code: r.code, name: r.name, nameEn: r.name_en, committeeCount: r.n });

export const presentCommittee = (r: CommitteeRow): Committee => ({
  id: r.id,
  code: r.code,
  name: r.name,
  streetCode: r.street_code,
  active: r.active,
  mergedInto: r.merged_into,
});

export const presentUnit = (r: UnitRow): Unit => ({
  code: r.code,
  name: r.name,
  nameEn: r.name_en,
  kind: r.kind,
  streetCode: r.street_code,
  active: r.active,
});
