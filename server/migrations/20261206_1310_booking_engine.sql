-- 服务预约 (plan tasks 25, 26): the booking engine's counting and promotion, across areas.
--
-- Row-level security hides the bookings of other areas from a street (and a provider sees only its
-- own programmes' rosters), yet a session's places are shared by the whole district: counting the
-- places taken, a booking's position on the wait list and promoting the first waiting booking must
-- see every booking of the session. These security-definer functions do exactly that and return
-- counts, or the ids and addressing facts of the bookings they changed (never a name: the label
-- stored on a booking is masked already).
--
-- Order of the wait list: (priority_rank, requested_at, id). A waiting booking may take a place when
-- the session's priority window is closed (priority_until null or passed), or the programme does
-- not book by priority, or its tier may book during the window (booking_priority_rules.during_window).

create or replace function booking_places_taken(p_session uuid) returns int
  language sql stable security definer set search_path = public as $$
  select count(*)::int from bookings where session_id = p_session and status in ('reserved', 'confirmed', 'attended')
$$;

create or replace function booking_waiting(p_session uuid) returns int
  language sql stable security definer set search_path = public as $$
  select count(*)::int from bookings where session_id = p_session and status = 'waitlisted'
$$;

-- 1-based position of a waiting booking (null when it is not waiting).
create or replace function booking_wait_position(p_booking uuid) returns int
  language sql stable security definer set search_path = public as $$
  select case when b.status = 'waitlisted' then
           1 + (select count(*)::int from bookings o
                 where o.session_id = b.session_id and o.status = 'waitlisted'
                   and (o.priority_rank, o.requested_at, o.id) < (b.priority_rank, b.requested_at, b.id))
         end
    from bookings b where b.id = p_booking
$$;

-- Whether a tier may take a place at p_now in a session (the window rule above).
create or replace function booking_allowed_now(p_session uuid, p_priority_code text, p_now timestamptz) returns boolean
  language sql stable security definer set search_path = public as $$
  select s.priority_until is null or s.priority_until <= p_now or not p.priority_booking
         or coalesce((select r.during_window and r.active from booking_priority_rules r where r.code = p_priority_code), false)
    from programme_sessions s join programmes p on p.id = s.programme_id
   where s.id = p_session
$$;

-- Promotes waiting bookings of an open session into the free places, first by rank then by time,
-- among those allowed now. Takes the session's row lock (callers holding it already keep it).
-- Returns the promoted bookings, for their bookers' notices.
create or replace function booking_promote(p_session uuid, p_now timestamptz)
  returns table (booking_id uuid, requested_by uuid, requested_by_unit text, child_id uuid, street_code text, committee_id uuid, display_label text)
  language plpgsql security definer set search_path = public as $$
#variable_conflict use_column
declare
  s record;
  free int;
begin
  select ps.id, ps.capacity, ps.status, p.confirm_hours into s
    from programme_sessions ps join programmes p on p.id = ps.programme_id
   where ps.id = p_session for update of ps;
  if not found or s.status <> 'open' then return; end if;
  free := s.capacity - booking_places_taken(p_session);
  if free <= 0 then return; end if;
  return query
    with chosen as (
      select b.id from bookings b
       where b.session_id = p_session and b.status = 'waitlisted' and booking_allowed_now(p_session, b.priority_code, p_now)
       order by b.priority_rank, b.requested_at, b.id
       limit free
       for update of b
    )
    update bookings b set status = 'reserved', reserved_at = p_now, promoted_at = p_now,
           expires_at = p_now + make_interval(hours => s.confirm_hours), updated_at = p_now, version = b.version + 1
      from chosen where b.id = chosen.id
    returning b.id, b.requested_by, b.requested_by_unit, b.child_id, b.street_code, b.committee_id, b.display_label;
end $$;

-- The job: reservations not confirmed by their deadline lapse, then every open session with a free
-- place and someone waiting promotes (this covers lapsed places and closed priority windows).
-- Returns the bookings it changed: event 'expired' or 'promoted'.
create or replace function booking_sweep(p_now timestamptz)
  returns table (event text, booking_id uuid, session_id uuid, requested_by uuid, requested_by_unit text, child_id uuid, street_code text, committee_id uuid, display_label text)
  language plpgsql security definer set search_path = public as $$
#variable_conflict use_column
declare
  sid uuid;
begin
  return query
    update bookings b set status = 'expired', updated_at = p_now, version = b.version + 1
     where b.status = 'reserved' and b.expires_at is not null and b.expires_at <= p_now
    returning 'expired'::text, b.id, b.session_id, b.requested_by, b.requested_by_unit, b.child_id, b.street_code, b.committee_id, b.display_label;
  for sid in
    select ps.id from programme_sessions ps
     where ps.status = 'open' and exists (select 1 from bookings w where w.session_id = ps.id and w.status = 'waitlisted')
     order by ps.id
  loop
    return query select 'promoted'::text, pr.booking_id, sid, pr.requested_by, pr.requested_by_unit, pr.child_id, pr.street_code, pr.committee_id, pr.display_label
                   from booking_promote(sid, p_now) pr;
  end loop;
end $$;

-- Cancelling a session: its live bookings (whichever area or unit made them) are cancelled with the
-- session's reason. Returns them, for their bookers' notices.
create or replace function booking_cancel_session(p_session uuid, p_reason text, p_now timestamptz)
  returns table (booking_id uuid, requested_by uuid, requested_by_unit text, child_id uuid, street_code text, committee_id uuid, display_label text)
  language sql security definer set search_path = public as $$
  update bookings b set status = 'cancelled', cancelled_at = p_now, cancel_reason = p_reason, updated_at = p_now, version = b.version + 1
   where b.session_id = p_session and b.status in ('reserved', 'confirmed', 'waitlisted')
  returning b.id, b.requested_by, b.requested_by_unit, b.child_id, b.street_code, b.committee_id, b.display_label
$$;

-- Programme coverage and the catalogue's figures, for every session at once.
create or replace function booking_session_counts(p_sessions uuid[])
  returns table (session_id uuid, taken int, waiting int)
  language sql stable security definer set search_path = public as $$
  select s.id, count(b.id) filter (where b.status in ('reserved', 'confirmed', 'attended'))::int,
         count(b.id) filter (where b.status = 'waitlisted')::int
    from unnest(p_sessions) s(id) left join bookings b on b.session_id = s.id
   group by s.id
$$;

grant execute on function booking_places_taken(uuid), booking_waiting(uuid), booking_wait_position(uuid),
  booking_allowed_now(uuid, text, timestamptz), booking_promote(uuid, timestamptz), booking_sweep(timestamptz),
  booking_session_counts(uuid[]), booking_cancel_session(uuid, text, timestamptz) to :app_role;

create index bookings_waitlist on bookings (session_id, priority_rank, requested_at, id) where status = 'waitlisted';
create index bookings_reserved_expiry on bookings (expires_at) where status = 'reserved';
