-- One rule for a child's next visit due date. Until now it was written out in each function that
-- sets children.next_visit_due (recompute_next_visit in 0006, recompute_next_visits_all in 0012 and
-- 0013, recompute_next_visits_for in 0016, all three redefined in 0500 around visit_due). Now
-- visit_next_due is the rule and the three functions only gather its inputs (in their own ways:
-- one child, or grouped joins over many), so the dates they give cannot drift apart.
--
-- The rule, for an active file (a closed one has no due date):
--   interval = the shortest among the active rules matching its risk level or any current category;
--   due      = last submitted visit (or registration) + interval;
--   a file that is high risk and not visited since it became so is due no later than `first_days`
--   after that day (visit_settings.high_risk_first_visit_days), so a child newly found at high risk
--   does not wait a month for the first visit.
-- Results are identical to the definitions it replaces (visit.nextDue.test.ts compares them).
create or replace function visit_next_due(p_status text, p_risk text, p_registered date, p_last date, p_risk_days int, p_category_days int,
                                          p_high_since date, p_first_days int)
returns date language sql immutable as $$
  select case when p_status = 'active' then
    case
      when p_risk = 'high' and p_high_since is not null and (p_last is null or p_last < p_high_since)
        then least(coalesce(p_last, p_registered) + least(p_risk_days, p_category_days), p_high_since + p_first_days)
      else coalesce(p_last, p_registered) + least(p_risk_days, p_category_days)
    end
  end
$$;
grant execute on function visit_next_due(text, text, date, date, int, int, date, int) to :app_role;

create or replace function recompute_next_visit(p_child uuid) returns date language sql volatile as $$
  update children c set
    last_visit_on = v.last_on,
    next_visit_due = visit_next_due(c.status, c.risk_level, c.registered_on, v.last_on, r.risk_days, r.category_days, c.high_risk_since,
                                    (select high_risk_first_visit_days from visit_settings))
  from (select max(visited_on) as last_on from visits where child_id = p_child and status = 'submitted') v,
       (select (select min(vr.interval_days) from visit_rules vr where vr.active and vr.risk_level = ch.risk_level) as risk_days,
               (select min(vr.interval_days) from visit_rules vr join child_categories k on k.category = vr.category
                where vr.active and k.child_id = p_child and k.until is null) as category_days
        from children ch where ch.id = p_child) r
  where c.id = p_child
  returning c.next_visit_due
$$;

create or replace function recompute_next_visits_all() returns bigint language sql volatile as $$
  with last as (
    select child_id, max(visited_on) as last_on from visits where status = 'submitted' group by child_id
  ), by_category as (
    select k.child_id, min(vr.interval_days) as days from child_categories k
    join visit_rules vr on vr.category = k.category and vr.active where k.until is null group by k.child_id
  ), by_risk as (
    select risk_level, min(interval_days) as days from visit_rules where active and risk_level is not null group by risk_level
  ), target as (
    select c.id, l.last_on,
           visit_next_due(c.status, c.risk_level, c.registered_on, l.last_on, r.days, k.days, c.high_risk_since, (select high_risk_first_visit_days from visit_settings)) as due
    from children c left join last l on l.child_id = c.id left join by_category k on k.child_id = c.id left join by_risk r on r.risk_level = c.risk_level
    where c.status = 'active'
  ), u as (
    update children c set last_visit_on = t.last_on, next_visit_due = t.due
    from target t where t.id = c.id and (c.last_visit_on is distinct from t.last_on or c.next_visit_due is distinct from t.due)
    returning 1
  )
  select count(*) from u
$$;

create or replace function recompute_next_visits_for(p_ids uuid[]) returns bigint language sql volatile as $$
  with last as (
    select child_id, max(visited_on) as last_on from visits where status = 'submitted' and child_id = any (p_ids) group by child_id
  ), by_category as (
    select k.child_id, min(vr.interval_days) as days from child_categories k
    join visit_rules vr on vr.category = k.category and vr.active where k.until is null and k.child_id = any (p_ids) group by k.child_id
  ), by_risk as (
    select risk_level, min(interval_days) as days from visit_rules where active and risk_level is not null group by risk_level
  ), target as (
    select c.id, l.last_on,
           visit_next_due(c.status, c.risk_level, c.registered_on, l.last_on, r.days, k.days, c.high_risk_since, (select high_risk_first_visit_days from visit_settings)) as due
    from children c left join last l on l.child_id = c.id left join by_category k on k.child_id = c.id left join by_risk r on r.risk_level = c.risk_level
    where c.status = 'active' and c.id = any (p_ids)
  ), u as (
    update children c set last_visit_on = t.last_on, next_visit_due = t.due
    from target t where t.id = c.id and (c.last_visit_on is distinct from t.last_on or c.next_visit_due is distinct from t.due)
    returning 1
  )
  select count(*) from u
$$;

-- The rule's previous home; nothing calls it any more.
drop function visit_due(date, date, int, text, date, int);
