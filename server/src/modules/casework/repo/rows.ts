/** Small helpers for reading query results. */

/** The id of an `insert … returning id`; an insert that returned nothing is a bug, not a user error. */
export function returnedId(rows: { id: string }[]): string {
  const row = rows[0];
  if (!row) throw new Error('insert returned no row');
  return row.id;
}
