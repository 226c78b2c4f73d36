-- 服务与活动、安全防护 (plan tasks 1, 2, 7-9, 12, 13, 25-27, 29-35): programmes and their sessions
-- with priority booking and a wait list, 送教上门 appointments, holiday plans on the child's file,
-- activities with cadence rules, and the safety register (sites, inspections, hazards).
--
-- What is personal data here and who sees it (row-level security):
--   bookings, holiday_plans, activity_participants hold a child (or a guardian of a child): the
--   child's area (street, committee), the assigned worker — and, for bookings, the unit that owns
--   the programme (it runs the session and keeps its roster; the server shows it a masked label,
--   never the file) and the unit that made the booking.
--   programmes, sessions, activities, sites, inspections and hazards are records of units, not of
--   children: every signed-in user with the module's permission reads them; the server decides who
--   may write what (owner unit, organiser, the unit's remit).

-- ---- the school calendar: winter and summer holidays, as data (the education bureau's calendar) ----
create table school_holidays (
  year int not null check (year between 2000 and 2100),   -- the calendar year the holiday starts in
  season text not null check (season in ('winter', 'summer')),
  starts_on date not null,
  ends_on date not null,
  -- true for dates shipped as an example: replace them with the education bureau's calendar
  placeholder boolean not null default false,
  note text,
  updated_by uuid,
  updated_at timestamptz not null default now(),
  primary key (year, season),
  check (ends_on >= starts_on)
);

-- ---- programmes and providers ----
create table programmes (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,
  name text not null,
  kind text not null check (kind in ('holiday_care', 'summer_camp', 'baby_house', 'childcare', 'home_teaching', 'companionship',
    'legal_education', 'mental_health', 'rehabilitation', 'caregiver_course', 'guardianship_support', 'aid', 'other')),
  owner_unit_code text not null references units(code),    -- the unit that runs it (or commissions it)
  provider_name text,                                       -- the organisation delivering it, when not the unit
  audience text not null default 'child' check (audience in ('child', 'guardian')),
  target_group text,
  min_age int check (min_age between 0 and 18),
  max_age int check (max_age between 0 and 18),
  cost text,
  contact text,
  description text,
  plan_tasks int[] not null default '{}',
  -- group: sessions with places; appointment: slots of one place each (送教上门)
  mode text not null default 'group' check (mode in ('group', 'appointment')),
  priority_booking boolean not null default true,
  confirm_hours int not null default 48 check (confirm_hours between 1 and 720),
  active boolean not null default true,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1,
  check (min_age is null or max_age is null or min_age <= max_age)
);
create index programmes_owner on programmes (owner_unit_code) where active;

create table programme_sessions (
  id uuid primary key default gen_random_uuid(),
  programme_id uuid not null references programmes(id) on delete cascade,
  title text not null,
  starts_on date not null,
  ends_on date not null,
  starts_at timestamptz,                 -- an appointment slot's time
  place text,
  capacity int not null check (capacity between 1 and 10000),
  -- Until this moment only the priority tiers that may book during the window take places; the
  -- others wait, and are promoted by priority when it closes.
  priority_until timestamptz,
  status text not null default 'open' check (status in ('open', 'cancelled', 'closed')),
  cancel_reason text,
  note text,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1,
  check (ends_on >= starts_on),
  check (status <> 'cancelled' or cancel_reason is not null)
);
create index programme_sessions_programme on programme_sessions (programme_id, starts_on);
create index programme_sessions_dates on programme_sessions (starts_on, ends_on) where status <> 'cancelled';

-- Priority tiers, first rank first. A child falls in the first active tier whose categories it holds
-- (an empty list matches everyone: the last tier). `during_window`: whether the tier takes places
-- while a session's priority window is open.
create table booking_priority_rules (
  code text primary key,
  rank int not null unique check (rank > 0),
  name text not null,
  name_en text not null default '',
  categories text[] not null default '{}',
  during_window boolean not null default true,
  active boolean not null default true,
  note text,
  updated_by uuid,
  updated_at timestamptz not null default now()
);

create table bookings (
  id uuid primary key default gen_random_uuid(),
  session_id uuid not null references programme_sessions(id) on delete cascade,
  programme_id uuid not null references programmes(id) on delete cascade,
  participant_kind text not null check (participant_kind in ('child', 'guardian', 'external')),
  child_id uuid references children(id) on delete cascade,
  member_id uuid references household_members(id) on delete set null,   -- the guardian taking a caregiver course
  street_code text,
  committee_id uuid,
  external_name text,                    -- a participant not on file, registered by the provider
  -- What the provider sees of a participant: masked name and age (never the file)
  display_label text not null,
  priority_code text not null,
  priority_rank int not null,
  status text not null check (status in ('reserved', 'confirmed', 'waitlisted', 'cancelled', 'expired', 'attended', 'absent')),
  requested_at timestamptz not null default now(),
  reserved_at timestamptz,
  expires_at timestamptz,                -- a reservation not confirmed by then lapses
  confirmed_at timestamptz,
  promoted_at timestamptz,               -- moved from the wait list to a place
  cancelled_at timestamptz,
  cancel_reason text,
  attendance_note text,
  completion_note text,                  -- 送教上门: what was taught
  requested_by uuid,
  requested_by_unit text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1,
  check ((participant_kind = 'external') = (child_id is null)),
  check (participant_kind <> 'external' or external_name is not null),
  check (participant_kind <> 'guardian' or member_id is not null),
  check ((child_id is null) = (street_code is null))
);
create index bookings_session on bookings (session_id, status, priority_rank, requested_at);
create index bookings_child on bookings (child_id) where child_id is not null;
create index bookings_area on bookings (street_code, committee_id);
-- One live booking per participant and session (a cancelled or lapsed one may be followed by another).
create unique index bookings_one_live on bookings (session_id, coalesce(child_id, id), coalesce(member_id, child_id, id))
  where status in ('reserved', 'confirmed', 'waitlisted', 'attended');

-- A child's holiday plan (task 1): what the child will do in a winter or summer holiday; the
-- bookings in the holiday's dates show under it.
create table holiday_plans (
  id uuid primary key default gen_random_uuid(),
  child_id uuid not null references children(id) on delete cascade,
  street_code text not null,
  committee_id uuid not null,
  year int not null,
  season text not null check (season in ('winter', 'summer')),
  plan text not null,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1,
  unique (child_id, year, season)
);

-- ---- the safety register: sites, checklists, inspections, hazards ----
create table safety_sites (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,
  name text not null,
  kind text not null check (kind in ('school', 'kindergarten', 'protection_institution', 'childcare', 'river_section', 'other')),
  street_code text references streets(code),
  address text,
  responsible_unit_code text not null references units(code),   -- answers for the site's hazards
  -- The units that may inspect it besides its street's office (e.g. police, emergency, water).
  inspecting_units text[] not null default '{}',
  active boolean not null default true,
  note text,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1
);
create index safety_sites_street on safety_sites (street_code, kind) where active;

-- items: [{ code, text, topic }] — topic in fire | school_bus | food | disaster | water | other
create table inspection_checklists (
  code text not null,
  version int not null check (version > 0),
  name text not null,
  site_kinds text[] not null,
  items jsonb not null,
  active boolean not null default true,
  created_by uuid,
  created_at timestamptz not null default now(),
  primary key (code, version)
);

create table inspections (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references safety_sites(id),
  street_code text,                      -- the site's street, copied for indicators
  unit_code text not null references units(code),
  inspected_on date not null,
  checklist_code text not null,
  checklist_version int not null,
  -- [{ code, result: 'ok' | 'issue' | 'na', note }]
  results jsonb not null default '[]',
  findings text,
  inspector_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1,
  foreign key (checklist_code, checklist_version) references inspection_checklists(code, version)
);
create index inspections_site on inspections (site_id, inspected_on desc);
create index inspections_day on inspections (inspected_on, street_code);

create table hazards (
  id uuid primary key default gen_random_uuid(),
  inspection_id uuid references inspections(id) on delete cascade,
  site_id uuid not null references safety_sites(id),
  street_code text,
  item_code text,
  description text not null,
  severity text not null default 'general' check (severity in ('general', 'major')),
  responsible_unit_code text not null references units(code),
  deadline date not null,
  status text not null default 'open' check (status in ('open', 'fix_reported', 'confirmed')),
  fix_note text,
  fix_reported_at timestamptz,
  fix_reported_by uuid,
  confirmed_at timestamptz,
  confirmed_by uuid,
  reported_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1,
  -- 整改 and its 确认 are two people: nobody confirms their own fix.
  check (confirmed_by is null or fix_reported_by is null or confirmed_by <> fix_reported_by)
);
create index hazards_open on hazards (responsible_unit_code, deadline) where status <> 'confirmed';
create index hazards_site on hazards (site_id);

-- ---- activities and cadence rules ----
create table activities (
  id uuid primary key default gen_random_uuid(),
  title text not null,
  kind text not null check (kind in ('safety', 'lecture', 'themed', 'legal', 'online_safety', 'qinglang_week', 'public_interest',
    'mental_health', 'practice', 'other')),
  organiser_kind text not null check (organiser_kind in ('committee', 'station', 'school', 'department')),
  committee_id uuid references committees(id),
  street_code text references streets(code),     -- the station's street, or the committee's / school's
  site_id uuid references safety_sites(id),     -- the school
  unit_code text not null references units(code),  -- the unit that recorded it (the organiser for a department)
  held_on date not null,
  ends_on date,
  place text,
  status text not null default 'planned' check (status in ('planned', 'done', 'cancelled')),
  children_count int not null default 0 check (children_count >= 0),
  guardians_count int not null default 0 check (guardians_count >= 0),
  guardians_contacted boolean not null default false,
  description text,
  plan_tasks int[] not null default '{}',
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1,
  check (ends_on is null or ends_on >= held_on),
  check (organiser_kind <> 'committee' or committee_id is not null),
  check (organiser_kind <> 'station' or street_code is not null),
  check (organiser_kind <> 'school' or site_id is not null)
);
create index activities_organiser on activities (organiser_kind, held_on) where status = 'done';
create index activities_committee on activities (committee_id, held_on) where committee_id is not null;
create index activities_street on activities (street_code, held_on);

create table activity_participants (
  id uuid primary key default gen_random_uuid(),
  activity_id uuid not null references activities(id) on delete cascade,
  child_id uuid not null references children(id) on delete cascade,
  member_id uuid references household_members(id) on delete set null,   -- a guardian who took part
  street_code text not null,
  committee_id uuid not null,
  role text not null default 'child' check (role in ('child', 'guardian')),
  created_by uuid,
  created_at timestamptz not null default now(),
  check (role <> 'guardian' or member_id is not null)
);
create unique index activity_participants_one on activity_participants (activity_id, child_id, coalesce(member_id, child_id));
create index activity_participants_child on activity_participants (child_id);

-- Photos and sign-in sheets of an activity (checked and stripped like every upload).
create table activity_attachments (
  id uuid primary key default gen_random_uuid(),
  activity_id uuid not null references activities(id) on delete cascade,
  kind text not null check (kind in ('photo', 'sign_in', 'other')),
  filename text not null,
  mime text not null,
  size_bytes int not null check (size_bytes > 0),
  sha256 text not null,
  content bytea not null,
  created_by uuid,
  created_at timestamptz not null default now()
);
create index activity_attachments_activity on activity_attachments (activity_id);

-- period: year | quarter | before_holiday (the term before each winter and summer holiday)
create table cadence_rules (
  code text primary key,
  name text not null,
  name_en text not null default '',
  organiser_kind text not null check (organiser_kind in ('committee', 'station', 'school')),
  activity_kinds text[] not null,
  period text not null check (period in ('year', 'quarter', 'before_holiday')),
  min_count int not null default 1 check (min_count between 1 and 100),
  site_kinds text[] not null default '{}',        -- for schools: which kinds of site
  require_guardian_contact boolean not null default false,
  plan_task int,
  active boolean not null default true,
  note text,
  updated_by uuid,
  updated_at timestamptz not null default now(),
  version int not null default 1
);

-- ---- the area follows the child, as on every child table ----
create trigger bookings_area before insert or update of child_id on bookings
  for each row when (new.child_id is not null) execute function copy_area_from_child();
create trigger holiday_plans_area before insert or update of child_id on holiday_plans for each row execute function copy_area_from_child();
create trigger activity_participants_area before insert or update of child_id on activity_participants for each row execute function copy_area_from_child();

do $$
declare
  keyed text := 'street_code = any ((select app_streets())::text[]) or committee_id = any ((select app_committees())::uuid[])
    or child_id = any ((select app_assigned_children())::uuid[])';
  t text;
begin
  foreach t in array array['holiday_plans', 'activity_participants'] loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy %I on %I for all to :app_role using (%s) with check (%s)', t || '_in_scope', t, keyed, keyed);
    execute format('grant select, insert, update, delete on %I to :app_role', t);
  end loop;
  -- Bookings: the child's area and assigned worker; the unit that owns the programme (its roster);
  -- the unit that made the booking (an external participant has no area). Writing: the same.
  execute 'alter table bookings enable row level security';
  execute format($p$create policy bookings_in_scope on bookings for all to :app_role
    using (%1$s or requested_by_unit = (select app_unit())
           or programme_id in (select p.id from programmes p where p.owner_unit_code = (select app_unit())))
    with check (%1$s or requested_by_unit = (select app_unit())
           or programme_id in (select p.id from programmes p where p.owner_unit_code = (select app_unit())))$p$, keyed);
  execute 'grant select, insert, update on bookings to :app_role';
end $$;

grant select, insert, update on programmes, programme_sessions, booking_priority_rules, school_holidays, cadence_rules,
  safety_sites, inspection_checklists, inspections, hazards, activities to :app_role;
grant select, insert, delete on activity_attachments to :app_role;
grant delete on school_holidays to :app_role;

-- Installations created before: the built-in roles gain their service permissions (new
-- installations get them from the role list).
do $$
declare
  r record;
begin
  for r in select * from (values
      ('district_civil', array['services.read', 'services.book', 'services.provide', 'services.manage', 'activities.write',
                               'safety.read', 'safety.inspect', 'safety.rectify', 'safety.manage']),
      ('department', array['services.read', 'services.provide', 'activities.write', 'safety.read', 'safety.inspect', 'safety.rectify']),
      ('unit_head', array['services.read', 'safety.read', 'safety.rectify']),
      ('procurator', array['services.read', 'services.provide', 'activities.write']),
      ('street_supervisor', array['services.read', 'services.book', 'services.provide', 'activities.write', 'safety.read', 'safety.inspect', 'safety.rectify']),
      ('leader', array['services.read', 'safety.read']),
      ('child_director', array['services.read', 'services.book', 'activities.write']),
      ('social_worker', array['services.read', 'services.book'])) as v(code, perms)
  loop
    update roles set permissions = (select array_agg(distinct p order by p) from unnest(permissions || r.perms) p), updated_at = now()
     where code = r.code and builtin;
  end loop;
end $$;
