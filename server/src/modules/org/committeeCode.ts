import type pg from 'pg';

/** Next free code for a new committee of a street: `<street>-NN`, numbered after the highest. */
export async function committeeCode(client: pg.ClientBase, streetCode: string): Promise<string> {
  const { rows } = await client.query<{ n: number | null }>(
    `select max(nullif(regexp_replace(code, '^.*-', ''), '')::int) as n from committees
     where street_code = $1 and code ~ ('^' || $1 || '-[0-9]+$')`, [streetCode]);
  const next = (rows[0]?.n ?? 0) + 1;
  return `${streetCode}-${String(next).padStart(2, '0')}`;
}
