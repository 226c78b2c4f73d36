-- Part D of issue 14: a cancelled aid record keeps who cancelled it, when and why (history kept:
-- the row stays, its status becomes 'cancelled').
alter table charity_aid
  add column cancel_reason text,
  add column cancelled_by uuid,
  add column cancelled_at timestamptz,
  add constraint charity_aid_cancel_reason check (status = 'given' or cancel_reason is not null);
create index charity_aid_given_on on charity_aid (given_on) where status = 'given';

-- A project's uptake over the whole district (how many children hold its aid, and how much was
-- given): figures of the project, not of children. charity_aid itself stays behind the child's
-- area, so these run as the owner and return counts only. The capacity check reads them with the
-- project row locked (one aid at a time per project).
create function charity_project_totals(p_project uuid) returns table (children int, amount numeric)
  language sql stable security definer set search_path = public as $$
  select count(distinct child_id)::int, coalesce(sum(amount), 0) from charity_aid where project_id = p_project and status = 'given'
$$;
create function charity_project_uptake(p_project uuid, p_child uuid) returns table (children int, has boolean)
  language sql stable security definer set search_path = public as $$
  select count(distinct child_id)::int, coalesce(bool_or(child_id = p_child), false) from charity_aid where project_id = p_project and status = 'given'
$$;
revoke execute on function charity_project_totals(uuid), charity_project_uptake(uuid, uuid) from public;
grant execute on function charity_project_totals(uuid), charity_project_uptake(uuid, uuid) to :app_role;
