/** The org lists: streets, committees, units. */
import type { z } from 'zod';
import type { CommitteeList, CommitteeQuery, StreetList, UnitList } from '#common/api.js';
import type { Tx } from '../../core/context.js';
import { presentCommittee, presentStreet, presentUnit } from './presenters.js';
import * as repo from './repo.js';

export async function listStreets(tx: Tx): Promise<z.infer<typeof StreetList>> {
  return { items: (await repo.listStreets(tx)).map(presentStreet) };
}

export async function listCommittees(tx: Tx, query: z.infer<typeof CommitteeQuery>): Promise<z.infer<typeof CommitteeList>> {
  const { page, pageSize, street, q, includeInactive } = query;
  const { rows, total } = await repo.listCommittees(tx, { street, q, includeInactive: includeInactive === 'true' }, pageSize, (page - 1) * pageSize);
  return { items: rows.map(presentCommittee), total, page, pageSize };
}

export async function listUnits(tx: Tx): Promise<z.infer<typeof UnitList>> {
  return { items: (await repo.listUnits(tx)).map(presentUnit) };
}
