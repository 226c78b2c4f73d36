/** SQL of assistance records (关爱帮扶记录). */
import type { Assistance } from '#common/casework.js';
import type { Tx } from '../../../core/context.js';
import { returnedId } from './rows.js';

export interface AssistanceRow {
  id: string;
  child_id: string;
  kind: Assistance['kind'];
  provider_unit: string | null;
  provider_unit_name: string | null;
  provider_name: string;
  value_fen: number | null;
  description: string;
  given_on: string;
  problem_id: string | null;
  problem_description: string | null;
  created_by: string | null;
  created_by_name: string | null;
  created_at: Date;
}
const SELECT = `select a.id, a.child_id, a.kind, a.provider_unit, un.name as provider_unit_name, a.provider_name, a.value_fen, a.description,
  a.given_on, a.problem_id, p.description as problem_description, a.created_by, u.display_name as created_by_name, a.created_at
  from assistance a left join units un on un.code = a.provider_unit left join problems p on p.id = a.problem_id left join users u on u.id = a.created_by`;

export async function findAssistance(tx: Tx, id: string): Promise<AssistanceRow | undefined> {
  return (await tx.client.query<AssistanceRow>(`${SELECT} where a.id = $1`, [id])).rows[0];
}

export async function listChildAssistance(tx: Tx, childId: string): Promise<AssistanceRow[]> {
  return (await tx.client.query<AssistanceRow>(`${SELECT} where a.child_id = $1 order by a.given_on desc, a.created_at desc limit 500`, [childId])).rows;
}

/** The sum of the child's assistance, in fen. */
export async function childAssistanceTotal(tx: Tx, childId: string): Promise<number> {
  const total = (await tx.client.query<{ n: number | null }>('select sum(value_fen)::bigint as n from assistance where child_id = $1', [childId])).rows[0]?.n;
  return Number(total ?? 0);
}

/** The child a problem belongs to (undefined when the problem is not visible). */
export async function problemChildId(tx: Tx, problemId: string): Promise<string | undefined> {
  return (await tx.client.query<{ child_id: string }>('select child_id from problems where id = $1', [problemId])).rows[0]?.child_id;
}

export async function insertAssistance(
  tx: Tx,
  v: {
    childId: string;
    kind: string;
    providerUnit: string | null;
    providerName: string;
    valueFen: number | null;
    description: string;
    givenOn: string;
    problemId: string | null;
    createdBy: string;
  },
): Promise<string> {
  const { rows } = await tx.client.query<{ id: string }>(
    `insert into assistance (child_id, kind, provider_unit, provider_name, value_fen, description, given_on, problem_id, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [v.childId, v.kind, v.providerUnit, v.providerName, v.valueFen, v.description, v.givenOn, v.problemId, v.createdBy],
  );
  return returnedId(rows);
}

export async function deleteAssistance(tx: Tx, id: string): Promise<void> {
  await tx.client.query('delete from assistance where id = $1', [id]);
}
