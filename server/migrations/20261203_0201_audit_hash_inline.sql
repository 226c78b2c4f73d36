-- audit_row_hash_with as PostgreSQL can inline it into the calling query (a single SELECT with no
-- FROM and no SET clause): the first version (0200) selected from a subquery and set search_path,
-- which made every append and every verified row a separate function call — about 5× the hash's
-- own cost. digest() and sha256() resolve on the caller's search_path: audit_append pins it to
-- public, where 0200 created pgcrypto.
create or replace function audit_row_hash_with(
  p_alg text, p_prev bytea, p_id bigint, p_at timestamptz, p_user_id uuid, p_username text, p_unit_code text, p_roles text,
  p_ip text, p_action text, p_entity text, p_entity_id text, p_outcome text, p_summary jsonb, p_reason text, p_request_id text
) returns bytea language sql stable as $$
  select case p_alg
    when 'sm3' then digest(convert_to(concat_ws(chr(31),
      encode(coalesce(p_prev, ''::bytea), 'hex'), p_id::text,
      to_char(p_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
      coalesce(p_user_id::text, ''), coalesce(p_username, ''), coalesce(p_unit_code, ''), coalesce(p_roles, ''),
      coalesce(p_ip, ''), p_action, coalesce(p_entity, ''), coalesce(p_entity_id, ''), p_outcome,
      coalesce(p_summary::text, ''), coalesce(p_reason, ''), coalesce(p_request_id, '')), 'UTF8'), 'sm3')
    when 'sha256' then sha256(convert_to(concat_ws(chr(31),
      encode(coalesce(p_prev, ''::bytea), 'hex'), p_id::text,
      to_char(p_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
      coalesce(p_user_id::text, ''), coalesce(p_username, ''), coalesce(p_unit_code, ''), coalesce(p_roles, ''),
      coalesce(p_ip, ''), p_action, coalesce(p_entity, ''), coalesce(p_entity_id, ''), p_outcome,
      coalesce(p_summary::text, ''), coalesce(p_reason, ''), coalesce(p_request_id, '')), 'UTF8'))
  end
$$;
