-- The audit chain's hash becomes selectable: SHA-256 (default) or SM3 (国密, for 密码应用安全性评估).
-- Each row records the algorithm that made its hash, so a chain written partly with one and partly
-- with the other still verifies: verification recomputes every row with its own algorithm.
-- PostgreSQL has no built-in SM3; pgcrypto's digest() reaches OpenSSL's, which has it (OpenSSL ≥ 1.1.1).
-- pgcrypto is a trusted extension: a database owner that is not a superuser may create it.
create extension if not exists pgcrypto;

alter table audit_log add column hash_alg text not null default 'sha256' check (hash_alg in ('sha256', 'sm3'));

-- Which algorithm new rows use. Written by the server at start from NUANYANG_AUDIT_HASH (owner role);
-- the application role can neither read nor change it, and audit_append reads it as the definer.
-- A table rather than a session setting: a setting could be changed by whoever holds a session.
create table audit_settings (
  singleton boolean primary key default true check (singleton),
  hash_alg text not null default 'sha256' check (hash_alg in ('sha256', 'sm3'))
);
insert into audit_settings default values;
revoke all on audit_settings from public;

-- The same row text as audit_row_hash (20261129_0003), hashed with the row's algorithm.
create or replace function audit_row_hash_with(
  p_alg text, p_prev bytea, p_id bigint, p_at timestamptz, p_user_id uuid, p_username text, p_unit_code text, p_roles text,
  p_ip text, p_action text, p_entity text, p_entity_id text, p_outcome text, p_summary jsonb, p_reason text, p_request_id text
) returns bytea language sql stable set search_path = public, pg_temp as $$
  select case p_alg when 'sm3' then digest(b, 'sm3') when 'sha256' then sha256(b) end
  from (select convert_to(concat_ws(chr(31),
    encode(coalesce(p_prev, ''::bytea), 'hex'), p_id::text,
    to_char(p_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
    coalesce(p_user_id::text, ''), coalesce(p_username, ''), coalesce(p_unit_code, ''), coalesce(p_roles, ''),
    coalesce(p_ip, ''), p_action, coalesce(p_entity, ''), coalesce(p_entity_id, ''), p_outcome,
    coalesce(p_summary::text, ''), coalesce(p_reason, ''), coalesce(p_request_id, '')), 'UTF8') as b) s
$$;

create or replace function audit_append(
  p_user_id uuid, p_username text, p_unit_code text, p_roles text, p_ip text, p_action text, p_entity text,
  p_entity_id text, p_outcome text, p_summary jsonb, p_reason text, p_request_id text
) returns bigint language plpgsql security definer set search_path = public, pg_temp as $$
declare
  v_id bigint;
  v_at timestamptz := clock_timestamp();
  v_prev bytea;
  v_alg text;
begin
  perform pg_advisory_xact_lock(4242001);
  select hash into v_prev from audit_log order by id desc limit 1;
  select hash_alg into v_alg from audit_settings;
  v_alg := coalesce(v_alg, 'sha256');
  v_id := nextval('audit_log_id_seq');
  insert into audit_log (id, at, user_id, username, unit_code, roles, ip, action, entity, entity_id, outcome, summary, reason, request_id, prev_hash, hash, hash_alg)
  values (v_id, v_at, p_user_id, p_username, p_unit_code, p_roles, p_ip, p_action, p_entity, p_entity_id, p_outcome, p_summary, p_reason, p_request_id, v_prev,
          audit_row_hash_with(v_alg, v_prev, v_id, v_at, p_user_id, p_username, p_unit_code, p_roles, p_ip, p_action, p_entity, p_entity_id, p_outcome, p_summary, p_reason, p_request_id),
          v_alg);
  return v_id;
end $$;

grant execute on function audit_row_hash_with(text, bytea, bigint, timestamptz, uuid, text, text, text, text, text, text, text, text, jsonb, text, text) to :app_role;
