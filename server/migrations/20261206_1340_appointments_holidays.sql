-- 送教上门 appointments and the school holiday calendar (part D of issue 13).
--
-- school_holidays gains a version (an edit at a stale version is refused, 409) and who changed it
-- is already kept (updated_by, updated_at).
alter table school_holidays add column version int not null default 1;

-- What a home-teaching visit lasted (minutes), recorded with the completion note.
alter table bookings add column duration_minutes int check (duration_minutes is null or duration_minutes between 1 and 600);

-- One slot (a programme_session of an appointment programme) is taken by a live booking. A booker
-- sees only the bookings of its own area (row-level security), so whether a slot is taken is
-- answered here, across areas, as the set of taken slots of one programme: ids only, nobody named.
create or replace function appointment_taken_slots(p_programme uuid)
returns table (session_id uuid)
language sql stable security definer set search_path = public as $$
  select distinct b.session_id from bookings b
   where b.programme_id = p_programme and b.status in ('reserved', 'confirmed', 'waitlisted', 'attended')
$$;

-- Whether a child already holds a live slot of this programme starting after p_now (a yes or no,
-- asked only once the caller reached the child under its own row-level security).
create or replace function appointment_child_holds_future(p_programme uuid, p_child uuid, p_now timestamptz)
returns boolean
language sql stable security definer set search_path = public as $$
  select exists (select 1 from bookings b join programme_sessions s on s.id = b.session_id
                  where b.programme_id = p_programme and b.child_id = p_child
                    and b.status in ('reserved', 'confirmed', 'waitlisted')
                    and coalesce(s.starts_at, s.starts_on::timestamptz) > p_now)
$$;

revoke all on function appointment_taken_slots(uuid) from public;
revoke all on function appointment_child_holds_future(uuid, uuid, timestamptz) from public;
grant execute on function appointment_taken_slots(uuid) to :app_role;
grant execute on function appointment_child_holds_future(uuid, uuid, timestamptz) to :app_role;
