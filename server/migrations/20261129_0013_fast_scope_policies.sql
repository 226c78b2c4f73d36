-- Performance of area isolation at district scale (measured by `npm run bench:children`).
--
-- 1. Policies evaluate the caller's key lists once per query: `(select app_streets())` becomes an
--    InitPlan, so the planner can combine the scope with other indexes (e.g. a name prefix) in a
--    BitmapAnd, and rows are not re-checked by re-parsing settings. At 20,000 children a district
--    user's name search went from 42 ms to 7 ms in the database.
-- 2. recompute_next_visits_all() uses grouped hash joins instead of a correlated CTE that the
--    planner joined quadratically (31 s → well under a second at 20,000 children).

create or replace function recompute_next_visits_all() returns bigint language sql volatile as $$
  with last as (
    select child_id, max(visited_on) as last_on from visits where status = 'submitted' group by child_id
  ), by_category as (
    select k.child_id, min(vr.interval_days) as days from child_categories k
    join visit_rules vr on vr.category = k.category and vr.active where k.until is null group by k.child_id
  ), by_risk as (
    select risk_level, min(interval_days) as days from visit_rules where active and risk_level is not null group by risk_level
  ), target as (
    select c.id, l.last_on, coalesce(l.last_on, c.registered_on) + least(r.days, k.days) as due
    from children c left join last l on l.child_id = c.id left join by_category k on k.child_id = c.id left join by_risk r on r.risk_level = c.risk_level
    where c.status = 'active'
  ), u as (
    update children c set last_visit_on = t.last_on, next_visit_due = t.due
    from target t where t.id = c.id and (c.last_visit_on is distinct from t.last_on or c.next_visit_due is distinct from t.due)
    returning 1
  )
  select count(*) from u
$$;

do $$
declare
  t text;
  keyed text := 'street_code = any ((select app_streets())::text[]) or committee_id = any ((select app_committees())::uuid[])';
begin
  -- children: its own id is the assigned-children key
  execute 'drop policy children_in_scope on children';
  execute format('create policy children_in_scope on children for all to :app_role using (%1$s or id = any ((select app_assigned_children())::uuid[])) with check (%1$s or id = any ((select app_assigned_children())::uuid[]))', keyed);
  foreach t in array array['household_members', 'child_categories', 'child_benefits', 'child_history', 'visits', 'work_log_children', 'problems',
                           'problem_events', 'assistance', 'care_plans', 'care_plan_reviews', 'attachments'] loop
    execute format('drop policy %I on %I', t || '_in_scope', t);
    execute format('create policy %I on %I for all to :app_role using (%3$s or child_id = any ((select app_assigned_children())::uuid[])) with check (%3$s or child_id = any ((select app_assigned_children())::uuid[]))',
                   t || '_in_scope', t, keyed);
  end loop;
  execute 'drop policy child_assignments_in_scope on child_assignments';
  execute format('create policy child_assignments_in_scope on child_assignments for all to :app_role using (%1$s or user_id = (select app_user_id())) with check (%1$s)', keyed);
  execute 'drop policy child_transfers_in_scope on child_transfers';
  execute 'create policy child_transfers_in_scope on child_transfers for all to :app_role
    using (from_street = any ((select app_streets())::text[]) or to_street = any ((select app_streets())::text[])
           or from_committee = any ((select app_committees())::uuid[]) or to_committee = any ((select app_committees())::uuid[]))
    with check (from_street = any ((select app_streets())::text[]) or from_committee = any ((select app_committees())::uuid[]))';
  execute 'drop policy work_logs_in_scope on work_logs';
  execute 'create policy work_logs_in_scope on work_logs for all to :app_role
    using (user_id = (select app_user_id()) or street_code = any ((select app_streets())::text[]) or committee_id = any ((select app_committees())::uuid[]))
    with check (user_id = (select app_user_id()))';
end $$;
