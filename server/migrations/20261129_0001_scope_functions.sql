-- The caller's scope, set per request transaction by the server with set_config(..., true), read by
-- the row-level security policies. Empty or missing settings mean "nothing": a request that forgot
-- to set its scope sees no child's data rather than all of it.
--
-- Every scope is expressed as lists of keys (streets, committees, assigned child ids), never as a
-- flag like "sees everything": each policy arm is then `column = any(list)`, which the planner can
-- answer from an index (a district user's list simply holds all streets). These SQL functions are
-- inlined into the policies, so they cost nothing per row.
create extension if not exists pgcrypto;

create or replace function app_user_id() returns uuid language sql stable as $$
  select nullif(current_setting('app.user_id', true), '')::uuid
$$;


create or replace function app_streets() returns text[] language sql stable as $$
  select coalesce(string_to_array(nullif(current_setting('app.streets', true), ''), ','), '{}'::text[])
$$;

create or replace function app_committees() returns uuid[] language sql stable as $$
  select coalesce(string_to_array(nullif(current_setting('app.committees', true), ''), ',')::uuid[], '{}'::uuid[])
$$;

create or replace function app_assigned_children() returns uuid[] language sql stable as $$
  select coalesce(string_to_array(nullif(current_setting('app.assigned_children', true), ''), ',')::uuid[], '{}'::uuid[])
$$;

grant usage on schema public to :app_role;
grant execute on function app_user_id(), app_streets(), app_committees(), app_assigned_children() to :app_role;
