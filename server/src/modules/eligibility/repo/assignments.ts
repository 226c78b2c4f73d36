/** eligibility_assignments: who handles a child's result on the work list (分配给我). */
import { db, type Client } from './rows.js';

/** Of these children, the active ones the caller can see. */
export async function visibleActiveChildren(c: Client, childIds: readonly string[]): Promise<Set<string>> {
  return new Set(
    (await db(c).query<{ id: string }>(`select id from children where id = any ($1::uuid[]) and status = 'active'`, [childIds])).rows.map((r) => r.id),
  );
}

/** The rows become the user's (an earlier assignee's are taken over). */
export async function assign(c: Client, items: readonly { childId: string; policy: string }[], userId: string): Promise<void> {
  await db(c).query(
    `insert into eligibility_assignments (child_id, policy_id, user_id) select * from unnest($1::uuid[], $2::text[], $3::uuid[])
     on conflict (child_id, policy_id) do update set user_id = excluded.user_id, assigned_at = now()`,
    [items.map((i) => i.childId), items.map((i) => i.policy), items.map(() => userId)],
  );
}
