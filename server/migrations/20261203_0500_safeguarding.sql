-- Safeguarding defaults (issue 9.4, 9.5, 8):
-- 1. A file kept for someone 18 or older records why (never silent).
-- 2. A new or newly high-risk file is due for a visit within a configurable number of days
--    (default 7) instead of waiting for the monthly interval.
-- 3. The mandatory-report duty (强制报告, 未成年人保护法 第十一条) raised by a serious safety problem,
--    recorded as reported (when, to whom, how) or not reported with a reason.
-- 4. Child directors and street supervisors may reveal a family's contact details, with a reason.

alter table children
  add column over18_reason text check (over18_reason in ('full_time_school', 'disability_care', 'transition', 'other')),
  add column over18_note text,
  -- The day the file became high risk (created high, or raised to high); null when not high.
  add column high_risk_since date;

-- One row of visit-plan settings beside the interval rules (edited on the same page).
create table visit_settings (
  id boolean primary key default true check (id),
  high_risk_first_visit_days int not null default 7 check (high_risk_first_visit_days between 1 and 90),
  updated_at timestamptz not null default now()
);
insert into visit_settings (id) values (true);
grant select, update on visit_settings to :app_role;

-- The due date of a child's next visit. The usual rule: last submitted visit (or registration) +
-- the shortest matching interval. A file that is high risk and not visited since it became so is
-- due no later than `first_days` after that day: a child newly found at high risk must not wait a
-- month for the first visit.
create or replace function visit_due(p_registered date, p_last date, p_days int, p_risk text, p_high_since date, p_first_days int)
returns date language sql immutable as $$
  select case
    when p_risk = 'high' and p_high_since is not null and (p_last is null or p_last < p_high_since)
      then least(coalesce(p_last, p_registered) + p_days, p_high_since + p_first_days)
    else coalesce(p_last, p_registered) + p_days
  end
$$;
grant execute on function visit_due(date, date, int, text, date, int) to :app_role;

create or replace function recompute_next_visit(p_child uuid) returns date language sql volatile as $$
  update children c set
    last_visit_on = v.last_on,
    next_visit_due = case when c.status = 'active'
      then visit_due(c.registered_on, v.last_on, r.days, c.risk_level, c.high_risk_since, (select high_risk_first_visit_days from visit_settings)) end
  from (select max(visited_on) as last_on from visits where child_id = p_child and status = 'submitted') v,
       (select min(interval_days) as days from visit_rules vr, children ch
        where ch.id = p_child and vr.active and (vr.risk_level = ch.risk_level
           or vr.category in (select category from child_categories cc where cc.child_id = p_child and cc.until is null))) r
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
           visit_due(c.registered_on, l.last_on, least(r.days, k.days), c.risk_level, c.high_risk_since, (select high_risk_first_visit_days from visit_settings)) as due
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
           visit_due(c.registered_on, l.last_on, least(r.days, k.days), c.risk_level, c.high_risk_since, (select high_risk_first_visit_days from visit_settings)) as due
    from children c left join last l on l.child_id = c.id left join by_category k on k.child_id = c.id left join by_risk r on r.risk_level = c.risk_level
    where c.status = 'active' and c.id = any (p_ids)
  ), u as (
    update children c set last_visit_on = t.last_on, next_visit_due = t.due
    from target t where t.id = c.id and (c.last_visit_on is distinct from t.last_on or c.next_visit_due is distinct from t.due)
    returning 1
  )
  select count(*) from u
$$;

-- 强制报告: one duty per serious safety problem. 'pending' until someone records that it was
-- reported (when, to whom, how) or why it was not; the street's list shows the pending ones.
create table mandatory_reports (
  id uuid primary key default gen_random_uuid(),
  child_id uuid not null references children(id) on delete cascade,
  street_code text not null,
  committee_id uuid not null,
  problem_id uuid not null unique references problems(id) on delete cascade,
  status text not null default 'pending' check (status in ('pending', 'reported', 'not_reported')),
  reported_at timestamptz,
  recipients text[],
  method text,
  note text,
  not_reported_reason text,
  recorded_by uuid,
  recorded_at timestamptz,
  created_at timestamptz not null default now(),
  version int not null default 1,
  check (status <> 'reported' or (reported_at is not null and cardinality(recipients) > 0 and method is not null)),
  check (status <> 'not_reported' or not_reported_reason is not null)
);
create index mandatory_reports_area on mandatory_reports (street_code, committee_id, status);
create trigger mandatory_reports_area before insert or update on mandatory_reports for each row execute function copy_area_from_child();
alter table mandatory_reports enable row level security;
create policy mandatory_reports_in_scope on mandatory_reports for all to :app_role
  using (street_code = any ((select app_streets())::text[]) or committee_id = any ((select app_committees())::uuid[])
         or child_id = any ((select app_assigned_children())::uuid[]))
  with check (street_code = any ((select app_streets())::text[]) or committee_id = any ((select app_committees())::uuid[])
              or child_id = any ((select app_assigned_children())::uuid[]));
grant select, insert, update on mandatory_reports to :app_role;

-- The roles that visit families reach the family: installations created before this permission
-- existed get it on the two built-in roles (new installations get it from the role list).
update roles set permissions = array_append(permissions, 'children.contact'), updated_at = now()
 where code in ('child_director', 'street_supervisor') and not ('children.contact' = any (permissions));
