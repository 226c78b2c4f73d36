/**
 * Verifies the audit hash chain: each row's prev_hash must equal the previous row's hash, and its
 * hash must equal the hash recomputed from its own fields. Reports the first broken row.
 */
import type pg from 'pg';

export interface VerifyResult { ok: boolean; checked: number; firstBrokenId: string | null; reason: string | null }

export async function verifyAuditChain(client: pg.ClientBase): Promise<VerifyResult> {
  const { rows } = await client.query<{ checked: number; broken_id: number | null; reason: string | null }>(`
    with chain as (
      select id, prev_hash, hash,
             lag(hash) over (order by id) as expected_prev,
             row_number() over (order by id) as n,
             audit_row_hash(prev_hash, id, at, user_id, username, unit_code, roles, ip, action, entity, entity_id, outcome, summary, reason, request_id) as recomputed
      from audit_log
    ), broken as (
      select id,
             case when hash is distinct from recomputed then 'content'
                  when n > 1 and prev_hash is distinct from expected_prev then 'link'
                  when n = 1 and prev_hash is not null then 'link' end as reason
      from chain
    )
    select (select count(*) from audit_log)::int as checked,
           (select id from broken where reason is not null order by id limit 1) as broken_id,
           (select reason from broken where reason is not null order by id limit 1) as reason`);
  const r = rows[0]!;
  const reason = r.reason === 'content'
    ? '该行内容与其哈希不符（记录被修改）'
    : r.reason === 'link'
      ? '该行的前序哈希与上一行不符（记录被删除、插入或调换）'
      : null;
  return { ok: r.broken_id === null, checked: r.checked, firstBrokenId: r.broken_id === null ? null : String(r.broken_id), reason };
}
