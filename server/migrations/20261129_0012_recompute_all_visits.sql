-- The next visit due for every visible active child in one statement (same rule as
-- recompute_next_visit: last submitted visit or registration + the shortest matching interval).
-- Runs as the caller, so RLS limits it to the caller's area. Used after visit rules change and
-- after bulk loads.
create or replace function recompute_next_visits_all() returns bigint language sql volatile as $$
  with r as (
    select c.id,
           least((select min(vr.interval_days) from visit_rules vr where vr.active and vr.risk_level = c.risk_level),
                 (select min(vr.interval_days) from visit_rules vr join child_categories k on k.category = vr.category
                  where vr.active and k.child_id = c.id and k.until is null)) as days,
           (select max(v.visited_on) from visits v where v.child_id = c.id and v.status = 'submitted') as last_on
    from children c where c.status = 'active'
  ), u as (
    update children c set last_visit_on = r.last_on, next_visit_due = coalesce(r.last_on, c.registered_on) + r.days
    from r where r.id = c.id
      and (c.last_visit_on is distinct from r.last_on or c.next_visit_due is distinct from coalesce(r.last_on, c.registered_on) + r.days)
    returning 1
  )
  select count(*) from u
$$;
grant execute on function recompute_next_visits_all() to :app_role;
