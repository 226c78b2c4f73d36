-- 活动与频次 (issue 13, part B): what the foundation's activities table lacks.
-- A cancelled activity keeps why it was cancelled (the interface asks for a reason before it cancels).
alter table activities add column cancel_reason text;
alter table activities add constraint activities_cancel_reason check (status <> 'cancelled' or cancel_reason is not null);
-- The compliance lists and the indicators read done activities by organiser and day.
create index activities_site on activities (site_id, held_on) where site_id is not null and status = 'done';
-- How many took part in an activity, across every area: a count only (the names stay behind the
-- participants' row-level security), for the activity's header and lists.
create function activity_participant_count(p_activity uuid) returns int
language sql stable security definer set search_path = public, pg_temp as $$
  select count(*)::int from activity_participants where activity_id = p_activity
$$;
revoke all on function activity_participant_count(uuid) from public;
grant execute on function activity_participant_count(uuid) to :app_role;
