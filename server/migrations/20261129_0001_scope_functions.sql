-- The caller's scope, set per request transaction by the server with set_config(..., true), read by
-- the row-level security policies. Empty or missing settings mean "nothing": a request that forgot
-- to set its scope sees no child's data rather than all of it.
create extension if not exists pgcrypto;

create or replace function app_user_id() returns uuid language sql stable as $$
  select nullif(current_setting('app.user_id', true), '')::uuid
$$;

create or replace function app_scope_all() returns boolean language sql stable as $$
  select coalesce(current_setting('app.scope_all', true), '') = '1'
$$;

create or replace function app_streets() returns text[] language sql stable as $$
  select coalesce(string_to_array(nullif(current_setting('app.streets', true), ''), ','), '{}'::text[])
$$;

create or replace function app_committees() returns uuid[] language sql stable as $$
  select coalesce(string_to_array(nullif(current_setting('app.committees', true), ''), ',')::uuid[], '{}'::uuid[])
$$;

create or replace function app_assigned_only() returns boolean language sql stable as $$
  select coalesce(current_setting('app.assigned', true), '') = '1'
$$;

grant usage on schema public to :app_role;
grant execute on function app_user_id(), app_scope_all(), app_streets(), app_committees(), app_assigned_only() to :app_role;
