-- 固本强基 (plan tasks 3, 20, 36-40): the people who work with children and the organisations
-- around them. A ledger of child directors, street supervisors and social workers with the
-- committees they serve; record checks (未成年人保护法 Art. 62) with the suspension of access to
-- children's files when a yearly check lapses; the staffing rule; the street minor-protection
-- stations' rosters; training, exams, evaluations and rewards; social organisations with their
-- commissioned and incubated projects; charity projects and the aid they give to children.
--
-- Who sees what (row-level security):
--   staff and everything hanging off a person (committees, checks, training attendance, exams,
--   evaluations, rewards): the street the person works in (a street user sees its own people, a
--   district user every street), and the person their own row. The system administrator (scope
--   none) sees none of it: it keeps accounts, not people.
--   project_children and charity_aid hold a child: the child's area and assigned worker.
--   the restricted-persons list and its matches: only holders of workforce.restricted.
--   organisations, projects, charity projects, training sessions, station rosters and the rules are
--   records of units, read by every signed-in user with the module's permission (the server checks).
--
-- Suspension is enforced by PostgreSQL itself: while a user has a row in staff_access_suspensions,
-- the scope functions return empty lists, so no policy keyed on the area or on assigned children
-- lets a row through, whatever the server sets.

-- ---- roles: which ones need a valid record check (data: an administrator may extend the list) ----
alter table roles add column requires_record_check boolean not null default false;
update roles set requires_record_check = true where builtin and code in ('child_director', 'street_supervisor', 'social_worker');

-- ---- organisations (tasks 20, 40) ----
create table organisations (
  id uuid primary key default gen_random_uuid(),
  name text not null unique,
  kind text not null check (kind in ('social_work_agency', 'volunteer', 'charity', 'foundation', 'other')),
  credit_code text unique,                               -- 统一社会信用代码 (18 characters)
  registered_on date,
  registration_authority text,
  unit_code text unique references units(code),         -- the unit its accounts belong to, when it has some
  staff_count int check (staff_count >= 0),             -- capacity: social workers employed
  capacity_note text,
  service_streets text[] not null default '{}',
  contact_name text,
  contact_phone text,
  incubated boolean not null default false,              -- grown in the district's incubator (task 40)
  incubated_on date,
  active boolean not null default true,
  note text,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1
);

create table org_projects (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations(id),
  name text not null,
  kind text not null check (kind in ('commissioned', 'incubated', 'cooperation')),
  commissioning_unit_code text references units(code),   -- who pays (政府购买服务)
  budget numeric(14, 2) check (budget >= 0),
  starts_on date not null,
  ends_on date not null,
  deliverables text,
  children_target int check (children_target >= 0),
  streets text[] not null default '{}',
  plan_tasks int[] not null default '{}',
  status text not null default 'running' check (status in ('planned', 'running', 'finished', 'cancelled')),
  note text,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1,
  check (ends_on >= starts_on)
);
create index org_projects_org on org_projects (organisation_id);

-- the children a project serves (counted for 督办; the file shows the projects)
create table project_children (
  project_id uuid not null references org_projects(id) on delete cascade,
  child_id uuid not null references children(id) on delete cascade,
  street_code text not null,
  committee_id uuid not null,
  since date not null,
  until date,
  added_by uuid,
  primary key (project_id, child_id)
);
create index project_children_child on project_children (child_id);

-- ---- the ledger of people (tasks 36, 37) ----
create table staff (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  gender text check (gender in ('male', 'female')),
  id_number_enc text,                                    -- 身份证号, field-encrypted
  id_number_bidx text,                                   -- its blind index (the restricted list is matched on it)
  phone_enc text,
  role_kind text not null check (role_kind in ('child_director', 'street_supervisor', 'social_worker', 'station_staff', 'other')),
  post text check (post in ('party_secretary', 'committee_director', 'committee_member', 'social_worker', 'other')),
  cert_level text not null default 'none' check (cert_level in ('none', 'assistant', 'intermediate', 'senior')),
  street_code text references streets(code),             -- the street the person works in (null: district level)
  unit_code text not null references units(code),        -- the employing unit (a street office, an organisation, 区民政局)
  organisation_id uuid references organisations(id),
  user_id uuid unique references users(id) on delete set null,
  appointed_on date,
  left_on date,
  note text,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1,
  check (left_on is null or appointed_on is null or left_on >= appointed_on)
);
create unique index staff_id_number on staff (id_number_bidx) where id_number_bidx is not null;
create index staff_street on staff (street_code, role_kind) where left_on is null;

-- the committees a person serves (a director may serve two; history kept)
create table staff_committees (
  staff_id uuid not null references staff(id) on delete cascade,
  committee_id uuid not null references committees(id),
  street_code text not null,
  since date not null,
  until date,
  primary key (staff_id, committee_id, since),
  check (until is null or until >= since)
);
create index staff_committees_committee on staff_committees (committee_id) where until is null;

-- ---- the staffing rule (task 36): threshold as data ----
create table staffing_rules (
  code text primary key,
  name text not null,
  children_over int not null check (children_over >= 0),      -- applies to committees with more children in difficulty than this
  min_directors int not null check (min_directors >= 1),
  active boolean not null default true,
  note text,
  updated_by uuid,
  updated_at timestamptz not null default now()
);
insert into staffing_rules (code, name, children_over, min_directors, note) values
  ('committee-any', '有困境儿童的居民区至少配备1名儿童主任', 0, 1, '民发〔2019〕34号：村（居）民委员会设立儿童主任'),
  ('committee-over-30', '困境儿童超过30名的居民区至少配备2名儿童主任', 30, 2, '杨浦区行动方案任务36');

-- ---- the street minor-protection stations' rosters (task 3) ----
create table station_members (
  id uuid primary key default gen_random_uuid(),
  street_code text not null references streets(code),
  role text not null check (role in ('head', 'prosecutor_deputy', 'legal_deputy', 'social_worker', 'member')),
  person_name text not null,
  unit_code text references units(code),                  -- 区检察院 for a prosecutor deputy head
  staff_id uuid references staff(id),
  title text,
  phone text,                                              -- the station's working contact, shown on the roster
  since date not null,
  until date,
  note text,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1,
  check (until is null or until >= since)
);
create index station_members_street on station_members (street_code) where until is null;

-- ---- record checks (task 37; 未成年人保护法 Art. 62, 上海市未成年人保护条例 Art. 47) ----
create table record_check_settings (
  id boolean primary key default true check (id),
  validity_months int not null default 12 check (validity_months between 1 and 60),
  remind_days int[] not null default '{30,7}',
  -- before this day a lapse only reminds; from it, access is suspended (an installation upgrading
  -- gives its streets time to record the checks they already hold)
  enforce_from date,
  updated_by uuid,
  updated_at timestamptz not null default now()
);
insert into record_check_settings default values;

create table record_checks (
  id uuid primary key default gen_random_uuid(),
  staff_id uuid not null references staff(id) on delete cascade,
  kind text not null check (kind in ('pre_appointment', 'annual')),
  requested_on date not null,                           -- the request to the police
  request_ref text,
  answered_on date,                                     -- the answer and its date
  result text not null default 'pending' check (result in ('pending', 'clear', 'restricted')),
  answer_ref text,
  note text,
  recorded_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1,
  check ((result = 'pending') = (answered_on is null)),
  check (answered_on is null or answered_on >= requested_on)
);
create index record_checks_staff on record_checks (staff_id, answered_on desc);

-- A user whose child-facing role lacks a valid check: written by the record-check commands and the
-- daily job (with the application's clock), read by the scope functions below and by the session.
create table staff_access_suspensions (
  user_id uuid primary key references users(id) on delete cascade,
  staff_id uuid references staff(id) on delete set null,
  since timestamptz not null default now(),
  reason text not null check (reason in ('lapsed', 'no_check', 'restricted', 'pending'))
);

-- reminders sent before a check lapses (once per person, due day and lead time)
create table record_check_reminders (
  staff_id uuid not null references staff(id) on delete cascade,
  due_on date not null,
  days_before int not null,
  sent_at timestamptz not null default now(),
  primary key (staff_id, due_on, days_before)
);

-- ---- the restricted-persons list the district may load (matched by blind index only) ----
create table restricted_lists (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  source text,
  file_sha256 text,
  rows int not null default 0,
  loaded_by uuid,
  loaded_at timestamptz not null default now(),
  active boolean not null default true
);

create table restricted_persons (
  id uuid primary key default gen_random_uuid(),
  list_id uuid not null references restricted_lists(id) on delete cascade,
  id_number_bidx text not null,
  name_masked text,
  restriction text,
  unique (list_id, id_number_bidx)
);
create index restricted_persons_bidx on restricted_persons (id_number_bidx);

create table restricted_matches (
  id uuid primary key default gen_random_uuid(),
  staff_id uuid not null references staff(id) on delete cascade,
  restricted_person_id uuid not null references restricted_persons(id) on delete cascade,
  found_at timestamptz not null default now(),
  status text not null default 'open' check (status in ('open', 'confirmed', 'dismissed')),
  reviewed_by uuid,
  reviewed_at timestamptz,
  note text,
  unique (staff_id, restricted_person_id)
);

-- ---- training (tasks 37, 39), exams and evaluation (task 38), rewards ----
create table training_sessions (
  id uuid primary key default gen_random_uuid(),
  topic text not null,
  kind text not null check (kind in ('induction', 'annual', 'specialised', 'social_work')),
  held_on date not null,
  hours numeric(5, 1) not null check (hours > 0 and hours <= 200),
  trainer text,
  organiser_unit_code text references units(code),
  location text,
  audience text[] not null default '{}',                 -- role kinds the session is for
  plan_tasks int[] not null default '{}',
  note text,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1
);
create index training_sessions_held on training_sessions (held_on);

create table training_attendance (
  session_id uuid not null references training_sessions(id) on delete cascade,
  staff_id uuid not null references staff(id) on delete cascade,
  attended boolean not null default true,
  hours numeric(5, 1),
  note text,
  recorded_by uuid,
  recorded_at timestamptz not null default now(),
  primary key (session_id, staff_id)
);
create index training_attendance_staff on training_attendance (staff_id);

create table exam_records (
  id uuid primary key default gen_random_uuid(),
  staff_id uuid not null references staff(id) on delete cascade,
  year int not null check (year between 2000 and 2100),
  level text not null check (level in ('assistant', 'intermediate', 'senior')),
  registered_on date not null,
  result text not null default 'registered' check (result in ('registered', 'passed', 'failed', 'absent')),
  score numeric(5, 1),
  note text,
  recorded_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1,
  unique (staff_id, year, level)
);

create table staff_evaluations (
  id uuid primary key default gen_random_uuid(),
  staff_id uuid not null references staff(id) on delete cascade,
  year int not null check (year between 2000 and 2100),
  metrics jsonb not null default '{}',                   -- criteria computed from the platform when the review was saved
  grade text check (grade in ('excellent', 'good', 'pass', 'fail')),
  comment text,
  status text not null default 'draft' check (status in ('draft', 'done')),
  reviewer_id uuid,
  reviewed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1,
  unique (staff_id, year),
  check (status = 'draft' or grade is not null)
);

create table staff_rewards (
  id uuid primary key default gen_random_uuid(),
  staff_id uuid not null references staff(id) on delete cascade,
  year int not null check (year between 2000 and 2100),
  title text not null,
  granted_on date not null,
  granting_unit_code text references units(code),
  note text,
  created_by uuid,
  created_at timestamptz not null default now()
);

-- ---- charity projects (task 20: 救助+慈善+儿童) and the aid they give ----
create table charity_projects (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  organisation_id uuid references organisations(id),
  funder text,
  description text,
  -- who the project is for, as data the matching reads (categories, ages, streets, needs)
  rules jsonb not null default '{}',
  aid_kind text not null check (aid_kind in ('money', 'goods', 'service')),
  amount_per_child numeric(12, 2) check (amount_per_child >= 0),
  budget numeric(14, 2) check (budget >= 0),
  capacity int check (capacity >= 0),
  starts_on date not null,
  ends_on date,
  active boolean not null default true,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1,
  check (ends_on is null or ends_on >= starts_on)
);

create table charity_aid (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references charity_projects(id),
  child_id uuid not null references children(id) on delete cascade,
  street_code text not null,
  committee_id uuid not null,
  given_on date not null,
  kind text not null check (kind in ('money', 'goods', 'service')),
  amount numeric(12, 2) check (amount >= 0),
  description text,
  status text not null default 'given' check (status in ('given', 'cancelled')),
  recorded_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1
);
create index charity_aid_child on charity_aid (child_id);
create index charity_aid_project on charity_aid (project_id);

-- ---- social-worker assignments (the table exists since the first migration; who made them) ----
alter table child_assignments
  add column assigned_by uuid,
  add column assigned_at timestamptz not null default now(),
  add column project_id uuid references org_projects(id),
  add column note text;

-- ---- row-level security ----
create or replace function app_access_suspended() returns boolean language sql stable security definer set search_path = public as $$
  select exists (select 1 from staff_access_suspensions where user_id = app_user_id())
$$;

-- The scope functions answer "nothing" for a suspended user. Every area policy reads them through
-- an InitPlan `(select app_streets())`, so the check runs once per statement, not per row.
create or replace function app_streets() returns text[] language sql stable as $$
  select case when app_access_suspended() then '{}'::text[]
              else coalesce(string_to_array(nullif(current_setting('app.streets', true), ''), ','), '{}'::text[]) end
$$;
create or replace function app_committees() returns uuid[] language sql stable as $$
  select case when app_access_suspended() then '{}'::uuid[]
              else coalesce(string_to_array(nullif(current_setting('app.committees', true), ''), ',')::uuid[], '{}'::uuid[]) end
$$;
create or replace function app_assigned_children() returns uuid[] language sql stable as $$
  select case when app_access_suspended() then '{}'::uuid[]
              else coalesce(string_to_array(nullif(current_setting('app.assigned_children', true), ''), ',')::uuid[], '{}'::uuid[]) end
$$;

-- Whether the caller holds a permission (through any of their roles): for tables only the holders
-- of one permission may read, whatever the route.
create or replace function app_has_permission(p text) returns boolean language sql stable security definer set search_path = public as $$
  select exists (select 1 from user_roles ur join roles r on r.code = ur.role_code where ur.user_id = app_user_id() and p = any (r.permissions))
$$;
grant execute on function app_access_suspended(), app_has_permission(text) to :app_role;

alter table staff enable row level security;
create policy staff_in_scope on staff for all to :app_role
  using (street_code = any ((select app_streets())::text[]) or user_id = (select app_user_id())
         or (street_code is null and (select app_scope_kind()) = 'district' and not (select app_access_suspended())))
  with check (street_code = any ((select app_streets())::text[])
         or (street_code is null and (select app_scope_kind()) = 'district' and not (select app_access_suspended())));

do $$
declare
  t text;
  keyed text := 'street_code = any ((select app_streets())::text[]) or committee_id = any ((select app_committees())::uuid[])
    or child_id = any ((select app_assigned_children())::uuid[])';
begin
  -- what hangs off a person: visible with the person (the subquery runs under staff's policy)
  foreach t in array array['staff_committees', 'record_checks', 'training_attendance', 'exam_records', 'staff_evaluations', 'staff_rewards',
                           'record_check_reminders'] loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy %I on %I for all to :app_role using (staff_id in (select s.id from staff s)) with check (staff_id in (select s.id from staff s))',
                   t || '_in_scope', t);
    execute format('grant select, insert, update, delete on %I to :app_role', t);
  end loop;
  -- what holds a child: the child's area and assigned worker
  foreach t in array array['project_children', 'charity_aid'] loop
    execute format('create trigger %I before insert or update of child_id on %I for each row execute function copy_area_from_child()', t || '_area', t);
    execute format('alter table %I enable row level security', t);
    execute format('create policy %I on %I for all to :app_role using (%s) with check (%s)', t || '_in_scope', t, keyed, keyed);
    execute format('grant select, insert, update, delete on %I to :app_role', t);
  end loop;
  -- the restricted list and its matches: only the authorised reviewer
  foreach t in array array['restricted_lists', 'restricted_persons', 'restricted_matches'] loop
    execute format('alter table %I enable row level security', t);
    execute format($p$create policy %I on %I for all to :app_role using ((select app_has_permission('workforce.restricted'))) with check ((select app_has_permission('workforce.restricted')))$p$,
                   t || '_reviewer', t);
    execute format('grant select, insert, update, delete on %I to :app_role', t);
  end loop;
end $$;

-- a suspension: the person themselves (the banner), and whoever sees the person
alter table staff_access_suspensions enable row level security;
create policy staff_access_suspensions_visible on staff_access_suspensions for select to :app_role
  using (user_id = (select app_user_id()) or staff_id in (select s.id from staff s));
grant select on staff_access_suspensions to :app_role;

grant select, insert, update on staff, organisations, org_projects, staffing_rules, station_members, record_check_settings,
  training_sessions, charity_projects to :app_role;
grant delete on station_members, training_sessions to :app_role;
grant insert, update, delete on child_assignments to :app_role;

-- ---- permissions of the built-in roles (new installations get them from the role list) ----
do $$
declare
  r record;
begin
  for r in select * from (values
      ('district_civil', array['workforce.read', 'workforce.manage', 'workforce.configure', 'organisations.read', 'organisations.manage',
                               'organisations.assign', 'charity.record']),
      ('street_supervisor', array['workforce.read', 'workforce.manage', 'organisations.read', 'organisations.assign', 'charity.record']),
      ('leader', array['workforce.read', 'organisations.read']),
      ('child_director', array['organisations.read', 'charity.record']),
      ('social_worker', array['organisations.read', 'charity.record'])) as v(code, perms)
  loop
    update roles set permissions = (select array_agg(distinct p order by p) from unnest(permissions || r.perms) p), updated_at = now()
     where code = r.code and builtin;
  end loop;
end $$;
