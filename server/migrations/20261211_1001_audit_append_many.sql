-- Issue 17 (the 10,000-row import): the commit appends its 10,000+ audit rows just before COMMIT
-- (files/commands/imports.ts deferAudit), and every other audited request waits for the chain's
-- lock meanwhile. Appended with one audit_append call per row, each call took the lock again, read
-- the last row's hash and the algorithm again, and was a separate PL/pgSQL call (1.2-1.4 s for
-- 10,000 rows at load 5-6). audit_append_many appends a list of rows in order under one lock: the
-- previous hash and the algorithm read once, each row linked to the one before it as audit_append
-- links it, hashed by the same audit_row_hash_with. audit_append is now the list of one, so the
-- chain has one writer. Each row's `at` is taken after the lock (audit_append took it before), so
-- the times follow the ids.
create or replace function audit_append_many(
  p_user_id uuid[], p_username text[], p_unit_code text[], p_roles text[], p_ip text[], p_action text[], p_entity text[],
  p_entity_id text[], p_outcome text[], p_summary jsonb[], p_reason text[], p_request_id text[]
) returns bigint[] language plpgsql security definer set search_path = public, pg_temp as $$
declare
  v_ids bigint[] := '{}';
  v_id bigint;
  v_at timestamptz;
  v_prev bytea;
  v_alg text;
begin
  perform pg_advisory_xact_lock(4242001);
  -- Once for the whole list: the row the first one links to, and the algorithm.
  v_prev := (select hash from audit_log order by id desc limit 1);
  v_alg := coalesce((select hash_alg from audit_settings), 'sha256');
  for i in 1 .. coalesce(array_length(p_action, 1), 0) loop
    v_id := nextval('audit_log_id_seq');
    v_at := clock_timestamp();
    insert into audit_log (id, at, user_id, username, unit_code, roles, ip, action, entity, entity_id, outcome, summary, reason, request_id, prev_hash, hash, hash_alg)
    values (v_id, v_at, p_user_id[i], p_username[i], p_unit_code[i], p_roles[i], p_ip[i], p_action[i], p_entity[i], p_entity_id[i], p_outcome[i], p_summary[i],
            p_reason[i], p_request_id[i], v_prev,
            audit_row_hash_with(v_alg, v_prev, v_id, v_at, p_user_id[i], p_username[i], p_unit_code[i], p_roles[i], p_ip[i], p_action[i], p_entity[i],
                                p_entity_id[i], p_outcome[i], p_summary[i], p_reason[i], p_request_id[i]),
            v_alg)
    returning hash into v_prev;
    v_ids := v_ids || v_id;
  end loop;
  return v_ids;
end $$;
revoke all on function audit_append_many(uuid[], text[], text[], text[], text[], text[], text[], text[], text[], jsonb[], text[], text[]) from public;
grant execute on function audit_append_many(uuid[], text[], text[], text[], text[], text[], text[], text[], text[], jsonb[], text[], text[]) to :app_role;

create or replace function audit_append(
  p_user_id uuid, p_username text, p_unit_code text, p_roles text, p_ip text, p_action text, p_entity text,
  p_entity_id text, p_outcome text, p_summary jsonb, p_reason text, p_request_id text
) returns bigint language plpgsql security definer set search_path = public, pg_temp as $$
begin
  return (audit_append_many(array[p_user_id], array[p_username], array[p_unit_code], array[p_roles], array[p_ip], array[p_action], array[p_entity],
                            array[p_entity_id], array[p_outcome], array[p_summary], array[p_reason], array[p_request_id]))[1];
end $$;
