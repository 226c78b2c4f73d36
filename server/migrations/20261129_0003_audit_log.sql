-- Append-only, hash-chained audit log. The application role can neither INSERT directly nor UPDATE
-- or DELETE: it appends through audit_append (SECURITY DEFINER), which takes a transaction-scoped
-- advisory lock so that each row's prev_hash is the hash of the row committed before it. A trigger
-- refuses UPDATE and DELETE for every role; verification recomputes every hash (audit_row_hash).
create table audit_log (
  id bigint primary key,
  at timestamptz not null,
  user_id uuid,
  username text,
  unit_code text,
  roles text,
  ip text,
  action text not null,
  entity text,
  entity_id text,
  outcome text not null check (outcome in ('success', 'denied', 'failed')),
  summary jsonb,
  reason text,
  request_id text,
  prev_hash bytea,
  hash bytea not null
);
create sequence audit_log_id_seq owned by audit_log.id;
create index audit_log_at on audit_log (at desc);
create index audit_log_user on audit_log (username, at desc);
create index audit_log_entity on audit_log (entity, entity_id);

create or replace function audit_row_hash(
  p_prev bytea, p_id bigint, p_at timestamptz, p_user_id uuid, p_username text, p_unit_code text, p_roles text,
  p_ip text, p_action text, p_entity text, p_entity_id text, p_outcome text, p_summary jsonb, p_reason text, p_request_id text
) returns bytea language sql stable as $$
  select sha256(convert_to(concat_ws(chr(31),
    encode(coalesce(p_prev, ''::bytea), 'hex'), p_id::text,
    to_char(p_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
    coalesce(p_user_id::text, ''), coalesce(p_username, ''), coalesce(p_unit_code, ''), coalesce(p_roles, ''),
    coalesce(p_ip, ''), p_action, coalesce(p_entity, ''), coalesce(p_entity_id, ''), p_outcome,
    coalesce(p_summary::text, ''), coalesce(p_reason, ''), coalesce(p_request_id, '')), 'UTF8'))
$$;

create or replace function audit_append(
  p_user_id uuid, p_username text, p_unit_code text, p_roles text, p_ip text, p_action text, p_entity text,
  p_entity_id text, p_outcome text, p_summary jsonb, p_reason text, p_request_id text
) returns bigint language plpgsql security definer set search_path = public, pg_temp as $$
declare
  v_id bigint;
  v_at timestamptz := clock_timestamp();
  v_prev bytea;
begin
  perform pg_advisory_xact_lock(4242001);
  select hash into v_prev from audit_log order by id desc limit 1;
  v_id := nextval('audit_log_id_seq');
  insert into audit_log (id, at, user_id, username, unit_code, roles, ip, action, entity, entity_id, outcome, summary, reason, request_id, prev_hash, hash)
  values (v_id, v_at, p_user_id, p_username, p_unit_code, p_roles, p_ip, p_action, p_entity, p_entity_id, p_outcome, p_summary, p_reason, p_request_id, v_prev,
          audit_row_hash(v_prev, v_id, v_at, p_user_id, p_username, p_unit_code, p_roles, p_ip, p_action, p_entity, p_entity_id, p_outcome, p_summary, p_reason, p_request_id));
  return v_id;
end $$;

create or replace function audit_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only' using errcode = '42501';
end $$;
create trigger audit_log_no_update before update or delete on audit_log for each row execute function audit_refuse_change();
create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_refuse_change();

revoke all on audit_log from public;
grant select on audit_log to :app_role;
revoke all on function audit_append(uuid, text, text, text, text, text, text, text, text, jsonb, text, text) from public;
grant execute on function audit_append(uuid, text, text, text, text, text, text, text, text, jsonb, text, text) to :app_role;
grant execute on function audit_row_hash(bytea, bigint, timestamptz, uuid, text, text, text, text, text, text, text, text, jsonb, text, text) to :app_role;
