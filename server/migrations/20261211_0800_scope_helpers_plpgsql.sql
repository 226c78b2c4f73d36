-- The row-level security policies of nearly every table call app_streets(), app_committees() or
-- app_assigned_children(), and each of those asks app_access_suspended() (a lapsed record check
-- empties the scope). app_access_suspended(), like app_has_permission(), app_supervised_children()
-- and app_plan_all() used by other policies, was a SQL function with `security definer set
-- search_path`, which PostgreSQL can neither inline nor keep a plan for: every call in every
-- statement parsed and planned its query again. Measured with pgbench on a copy of the demo at
-- 5,000 children (one client, ten calls of app_streets() per transaction): 1.07-1.51 ms as SQL,
-- 0.62-0.69 ms as PL/pgSQL, whose statements' plans are cached per connection. Same definitions,
-- same results, same privileges (create or replace keeps the grants).
create or replace function app_access_suspended() returns boolean language plpgsql stable security definer set search_path = public as $$
begin
  return exists (select 1 from staff_access_suspensions where user_id = app_user_id());
end $$;

create or replace function app_has_permission(p text) returns boolean language plpgsql stable security definer set search_path = public as $$
begin
  return exists (select 1 from user_roles ur join roles r on r.code = ur.role_code where ur.user_id = app_user_id() and p = any (r.permissions));
end $$;

create or replace function app_supervised_children() returns uuid[] language plpgsql stable security definer set search_path = public as $$
begin
  return (select coalesce(array_agg(child_id), '{}'::uuid[]) from guardianship_supervisions
           where ended_on is null and supervisor_user_id = nullif(current_setting('app.user_id', true), '')::uuid);
end $$;

create or replace function app_plan_all() returns boolean language plpgsql stable security definer set search_path = public as $$
begin
  return exists (select 1 from user_roles ur join roles r on r.code = ur.role_code
                  where ur.user_id = app_user_id() and 'plan.read.all' = any (r.permissions));
end $$;
