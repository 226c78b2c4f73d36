-- The next visit due for a given set of children in one statement (bulk imports), with the same
-- rule as recompute_next_visit / recompute_next_visits_all.
create or replace function recompute_next_visits_for(p_ids uuid[]) returns bigint language sql volatile as $$
  with last as (
    select child_id, max(visited_on) as last_on from visits where status = 'submitted' and child_id = any (p_ids) group by child_id
  ), by_category as (
    select k.child_id, min(vr.interval_days) as days from child_categories k
    join visit_rules vr on vr.category = k.category and vr.active where k.until is null and k.child_id = any (p_ids) group by k.child_id
  ), by_risk as (
    select risk_level, min(interval_days) as days from visit_rules where active and risk_level is not null group by risk_level
  ), target as (
    select c.id, l.last_on, coalesce(l.last_on, c.registered_on) + least(r.days, k.days) as due
    from children c left join last l on l.child_id = c.id left join by_category k on k.child_id = c.id left join by_risk r on r.risk_level = c.risk_level
    where c.status = 'active' and c.id = any (p_ids)
  ), u as (
    update children c set last_visit_on = t.last_on, next_visit_due = t.due
    from target t where t.id = c.id and (c.last_visit_on is distinct from t.last_on or c.next_visit_due is distinct from t.due)
    returning 1
  )
  select count(*) from u
$$;
grant execute on function recompute_next_visits_for(uuid[]) to :app_role;
